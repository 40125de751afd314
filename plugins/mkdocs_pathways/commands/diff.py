"""``pathways diff``: what a change does to the guide, as Markdown for a pull-request comment.

Both sides are loaded with the same loader as the site, so the summary speaks of pathways, steps and lessons
rather than of lines of YAML.

The comment is usually made from a stranger's pull request, so nothing in it is trusted: file names from git
can hold any bytes, and titles can hold Markdown, HTML, ``@mentions`` or newlines. Each revision is copied into
a temporary folder (never outside it, never through a symbolic link) and loaded from there; every title and
file name is made inert before it goes into the comment.

This module loads each side into a :class:`Snapshot`; the copying is in ``diff_tree``, the comparison in
``diff_compare`` and the comment in ``diff_markdown``.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_pathways.commands.diff_tree import DiffError, Finding, copy_revision, copy_working_tree, unsafe_name
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.load.sources import PATHWAY_SUFFIXES, content_files
from mkdocs_pathways.model import Catalog

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Snapshot(Catalog):
    """The catalog at one revision, with what could not be read there.

    It is a :class:`Catalog`, so code that only compares catalogs need not know the difference. ``broken`` maps
    each content file that is there but did not load to the number of problems ``pathways check`` finds in it.
    """

    label: str = ""
    broken: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    findings: tuple[Finding, ...] = ()


def catalog_at(config: GuideConfig, revision: str | None) -> Snapshot:
    """The catalog at a git revision, or in the working tree when ``revision`` is None.

    Files that could not be used (links, unsafe names, files that do not load) are in the snapshot's
    ``findings`` and ``broken``, so that the comment can say so instead of calling them removed.
    """
    label = WORKING_TREE if revision is None else revision
    folders = _content_folders(config)
    with tempfile.TemporaryDirectory(prefix="pathways-diff-") as folder:
        tree = Path(folder).resolve()
        if revision is None:
            findings = copy_working_tree(config.root, folders, tree, label)
        else:
            findings = copy_revision(config.root, revision, folders, tree, label)
        other = dataclasses.replace(config, root=tree, pathways_dir=tree / folders[0], lessons_dir=tree / folders[1],
                                    docs_dir=tree / config.relative(config.docs_dir))
        catalog, diagnostics = load_catalog(other)
        return _snapshot(catalog, diagnostics, other, label, findings)


def _content_folders(config: GuideConfig) -> tuple[str, str]:
    """The pathways and lessons folders, relative to the project folder, which they must be inside."""
    folders = []
    for what, path in (("pathways", config.pathways_dir), ("lessons", config.lessons_dir)):
        # The folder as configured, not as resolved: if a pull request turns lessons/ into a link, the folder to
        # compare is still lessons/ (and the link is reported), not wherever the link points.
        try:
            relative = path.relative_to(config.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        if unsafe_name(relative) is not None:
            raise DiffError(f"the {what} folder ({path}) is not inside the project folder ({config.root}), so it "
                            "cannot be compared between revisions")
        folders.append(relative)
    return folders[0], folders[1]


def _snapshot(catalog: Catalog, diagnostics: list[Diagnostic], config: GuideConfig, label: str,
              findings: list[Finding]) -> Snapshot:
    """The catalog with the content files that are there but did not load, and their problem counts."""
    loaded = {lesson.source.path for lesson in catalog.lessons} | {p.source.path for p in catalog.pathways}
    loaded |= {t.source.path for lesson in catalog.lessons for t in lesson.translations}
    present = [*content_files(config.pathways_dir, PATHWAY_SUFFIXES), *content_files(config.lessons_dir, (".md",))]
    counts = Counter(d.location.path for d in diagnostics)
    broken = {shown: counts[shown] for shown in map(config.relative, present) if shown not in loaded}
    values = {f.name: getattr(catalog, f.name) for f in dataclasses.fields(Catalog)}
    return Snapshot(**values, label=label, broken=broken, findings=tuple(findings))

