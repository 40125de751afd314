"""``pathways standards import``: copy a CASE package, saved on this computer, into the guide's standards folder.

The package is read and checked exactly as the build reads it (every association points to a known item, no
loops in the hierarchy, codes unique) before anything is written, and an existing file is never replaced.
The command never downloads anything: a package is saved from the publisher's CASE server first.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Severity, format_diagnostics
from mkdocs_pathways.load.standards import SIZE_FACTOR, SUFFIXES
from mkdocs_pathways.load.standards_case import parse_case
from mkdocs_pathways.load.textfile import read_text
from mkdocs_pathways.model_standards import Framework
from mkdocs_pathways.words import slugify


class StandardsError(Exception):
    """The package cannot be imported; the message says why."""


@dataclass(frozen=True)
class Imported:
    """What an import wrote and found."""

    path: Path
    framework: Framework
    warnings: list[Diagnostic]


def _framework_id(framework: Framework, wanted: str | None) -> str:
    framework_id = wanted if wanted is not None else slugify(framework.title)[:60].strip("-")
    if not vocab.SLUG.fullmatch(framework_id):
        raise StandardsError(f"'{framework_id}' cannot be a framework id: use lowercase letters, digits and hyphens, "
                             "such as --id career-readiness")
    return framework_id


def import_package(config: GuideConfig, source: str, wanted_id: str | None = None) -> Imported:
    """Check the CASE package at ``source`` and copy it to ``<standards folder>/<id>.json``.

    Raises :class:`StandardsError` when it is a web address, cannot be read, has errors, or its file exists.
    """
    if "://" in source:
        raise StandardsError("give the path of a package saved on this computer: this command never downloads. "
                             "Open the address in a browser (or the publisher's CASE server), save the JSON, and "
                             "import the saved file")
    path = Path(source)
    if not path.is_file():
        raise StandardsError(f"there is no file '{source}'")
    folder = config.standards_dir or config.root / "standards"
    shown = source
    text, problems = read_text(path, shown, config.max_file_bytes * SIZE_FACTOR)
    if text is None:
        raise StandardsError("the package cannot be read:\n" + format_diagnostics(problems))
    framework, problems = parse_case(text, shown, wanted_id or "import", config.commercial_use)
    errors = [d for d in problems if d.level is Severity.ERROR]
    if errors or framework is None:
        raise StandardsError(f"the package has {len(errors)} problem(s), so nothing was written:\n"
                             + format_diagnostics(errors))
    framework_id = _framework_id(framework, wanted_id)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise StandardsError(f"'{config.relative(folder)}' is not a folder (a link or a file); the guide reads only "
                             "a real folder")
    taken = [folder / f"{framework_id}{suffix}" for suffix in SUFFIXES if (folder / f"{framework_id}{suffix}").exists()
             or (folder / f"{framework_id}{suffix}").is_symlink()]
    if taken:
        raise StandardsError(f"{config.relative(taken[0])} already exists and is never overwritten; choose another "
                             "id with --id, or delete the old file first")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{framework_id}.json"
    data = path.read_bytes()
    # O_EXCL: if a file appears under the same name meanwhile, it is still not replaced.
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    framework = dataclasses.replace(framework, id=framework_id)
    return Imported(target, framework, [d for d in problems if d.level is Severity.WARNING])


def summary(config: GuideConfig, result: Imported) -> str:
    """What the import found, for the terminal."""
    framework = result.framework
    groups = {item.parent for item in framework.items}
    standards = sum(1 for item in framework.items if item.id not in groups)
    licence = framework.license or "none stated"
    shown = "statements published" if framework.republish else "codes only: the statements are not republished"
    first = next((item.label for item in framework.items if item.id not in groups), "CODE")
    lines = [
        f"Imported '{framework.title}' as {config.relative(result.path)} (framework id '{framework.id}')",
        f"  creator:  {framework.creator or 'not given'}",
        f"  CASE:     {framework.case_version}",
        f"  items:    {len(framework.items)} ({standards} standards), {framework.depth} level(s) deep",
        f"  licence:  {licence} ({shown})",
        f"Align a lesson to it with: standards: [{{framework: {framework.id}, code: {first}}}]",
    ]
    return "\n".join(lines)
