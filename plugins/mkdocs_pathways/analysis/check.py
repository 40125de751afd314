"""Check a whole guide: load the content, analyse its continuity, and apply the guide's severity policy.

This is the one entry point that the command line and the MkDocs plugin share, so they always agree.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from mkdocs_pathways.analysis.continuity import analyse
from mkdocs_pathways.analysis.findings import Analysis
from mkdocs_pathways.analysis.licensing import check_licenses
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.config import ConfigError, GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Severity, sort_diagnostics
from mkdocs_pathways.load.body_checks import check_bodies
from mkdocs_pathways.load.body_links import Resolver
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.load.safety import check_folders
from mkdocs_pathways.load.sources import misplaced_files
from mkdocs_pathways.model import Catalog
from mkdocs_pathways.words import did_you_mean


@dataclass(frozen=True)
class CheckedGuide:
    """The catalog, its continuity analysis and relations, and every diagnostic after the policy is applied."""

    catalog: Catalog
    analysis: Analysis
    diagnostics: list[Diagnostic]
    relations: Relations
    links: Resolver

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Severity.WARNING]


def apply_policy(diagnostics: list[Diagnostic], checks: dict[str, str]) -> list[Diagnostic]:
    """Set each diagnostic's severity from the guide's ``checks`` option, dropping the ones switched off."""
    out = []
    for diagnostic in diagnostics:
        level = checks.get(diagnostic.code)
        if level == "off":
            continue
        out.append(replace(diagnostic, severity=Severity(level)) if level else diagnostic)
    return out


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block.

    A check builds one large tree of plain objects and leaves no cycles behind, but the collector traverses the
    whole growing tree again and again (about a sixth of a 5,000-lesson check). Reference counting still frees
    everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_guide(config: GuideConfig) -> CheckedGuide:
    """Load and analyse a guide. Never raises for bad content: problems come back as diagnostics.

    Raises :class:`ConfigError` for a setting that names content which does not exist (``hide_pathways``).
    """
    with _no_cycle_collection():
        return _check(config)


def _check(config: GuideConfig) -> CheckedGuide:
    catalog, diagnostics = load_catalog(config)
    diagnostics += check_folders(config) + list(misplaced_files(config))
    unknown = [p for p in config.hide_pathways if p not in catalog.pathway_by_id]
    if unknown:
        raise ConfigError("hide_pathways", f"there is no pathway '{unknown[0]}'. "
                                           f"{did_you_mean(unknown[0], catalog.pathway_by_id)}"
                                           f"The pathways are: {', '.join(catalog.pathway_by_id)}")
    hidden = [p for p in catalog.pathways if p.id in config.hide_pathways]
    if hidden:
        catalog = dataclasses.replace(catalog, pathways=tuple(p for p in catalog.pathways if p not in hidden))
    diagnostics = [d for d in diagnostics if not any(d.location.path == p.source.path for p in hidden)]
    diagnostics += list(check_licenses(catalog, config.commercial_use))
    resolver, body_problems = check_bodies(config, catalog)
    diagnostics += body_problems
    # Lessons of a hidden pathway stay published; they are not "in no pathway" by mistake.
    in_hidden = {s.lesson for p in hidden for s in p.lesson_steps()}
    relations = Relations(catalog)
    analysis = analyse(catalog, relations, also_placed=in_hidden)
    findings = []
    for finding in analysis.findings:
        for diagnostic in apply_policy([finding.diagnostic], config.checks):
            findings.append(replace(finding, diagnostic=diagnostic))
    analysis = Analysis(findings, analysis.progressions)
    everything = apply_policy(diagnostics, config.checks) + analysis.diagnostics
    return CheckedGuide(catalog, analysis, sort_diagnostics(everything), relations, resolver)
