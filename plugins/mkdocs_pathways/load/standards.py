"""Read the guide's standards frameworks, and resolve the lessons' alignments to them.

The standards folder holds CASE packages (JSON, as published; read in ``standards_case``) and frameworks in our
own YAML format (``standards_yaml``). :func:`load_frameworks` reads every one of them, and :func:`align` then
resolves each lesson's standards entries that name a framework kept in the guide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from mkdocs_pathways import vocab
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load import spec
from mkdocs_pathways.load.sources import SourceFile, Sources, content_files
from mkdocs_pathways.load.standards_case import parse_case
from mkdocs_pathways.load.standards_yaml import framework_from_yaml
from mkdocs_pathways.load.textfile import read_text
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.model_standards import Framework, Standard
from mkdocs_pathways.words import did_you_mean, short

SUFFIXES = (".json", ".yml", ".yaml")
# CASE packages of whole state frameworks are far larger than a lesson: they may be this many times the
# guide's size limit for content files (10 MB by default).
SIZE_FACTOR = 10


# -- the folder -------------------------------------------------------------------------------------------------

def standards_files(folder: Path | None) -> list[Path]:
    """The framework files of the standards folder, sorted."""
    return content_files(folder, SUFFIXES) if folder is not None else []


def load_frameworks(config: GuideConfig, sources: Sources) -> list[Framework]:
    """Every framework of the guide's standards folder that can be read; problems go to ``sources.problems``."""
    seen: dict[str, str] = {}
    out = []
    for path in standards_files(config.standards_dir):
        shown = config.relative(path)
        # <id>.json and <id>.yml would be the same framework: ids are unique across the suffixes.
        file_id = sources.file_id(path, shown, seen)
        text, problems = read_text(path, shown, config.max_file_bytes * SIZE_FACTOR)
        sources.problems.extend(problems)
        if text is None or file_id is None:
            continue
        if path.suffix == ".json":
            framework, problems = parse_case(text, shown, file_id, config.commercial_use)
        else:
            data, source = sources.read_yaml(path, shown, text, spec.FRAMEWORK)
            if data is None:
                continue
            framework, problems = framework_from_yaml(SourceFile(file_id, path, shown, data, source),
                                                      config.commercial_use)
        sources.problems.extend(problems)
        if framework is not None:
            out.append(framework)
    return sorted(out, key=lambda f: f.id)


# -- lessons' alignments ----------------------------------------------------------------------------------------

def align(lessons: dict[str, Lesson], lesson_files: Iterable[SourceFile],
          frameworks: Iterable[Framework]) -> list[Diagnostic]:
    """Resolve each lesson's standards entries that name a framework of the guide, in place in ``lessons``.

    An entry whose framework is written as a name (not a lowercase id) is free text, kept as it is. An id that
    names no framework, a code that is not in its framework (PW135, PW136), and an item whose grades share none
    with the lesson's (PW137) are reported at the entry.
    """
    by_id = {f.id: f for f in frameworks}
    problems: list[Diagnostic] = []
    for item in lesson_files:
        lesson = lessons.get(item.id)
        if lesson is None or not item.data.get("standards"):
            continue
        resolved: list[Standard] = []
        for index, raw in enumerate(item.data["standards"]):
            if "framework" not in raw or "code" not in raw:
                continue
            name, code, url = raw["framework"], raw["code"], raw.get("url", "")
            framework = by_id.get(name)
            if framework is None:
                if by_id and vocab.SLUG.fullmatch(name):
                    problems.append(Diagnostic(
                        "PW135", item.source.at(("standards", index, "framework")),
                        f"there is no framework '{short(name, 80)}' in the standards folder",
                        f"{did_you_mean(name, by_id)}The frameworks are: {', '.join(by_id)}; write the full name "
                        "of any other framework."))
                resolved.append(Standard(name, code, url))
                continue
            found = framework.find(code)
            if found is None:
                problems.append(Diagnostic(
                    "PW136", item.source.at(("standards", index, "code")),
                    f"'{short(code, 80)}' is not a code of the framework '{framework.id}'",
                    f"{did_you_mean(code, framework.item_by_code)}The framework's page lists every code."))
                resolved.append(Standard(name, code, url))
                continue
            if found.grades and lesson.grades and not set(found.grades) & set(lesson.grades):
                problems.append(Diagnostic(
                    "PW137", item.source.at(("standards", index, "code")),
                    f"'{found.label}' is written for grades {vocab.grade_span_label(found.grades)}, but the lesson "
                    f"is for grades {vocab.grade_span_label(lesson.grades)}",
                    "align the lesson to the item for its own grade band, or check the lesson's grades."))
            resolved.append(Standard(name, found.code or code, url or found.uri, found.id))
        if tuple(resolved) != lesson.standards:  # entries naming no framework stay as they were built
            lessons[item.id] = replace(lesson, standards=tuple(resolved))
    return problems
