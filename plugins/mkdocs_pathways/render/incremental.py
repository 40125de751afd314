"""Which generated pages of the previous build can be kept as they are, while serving.

Rendering every page again after each save is most of a large guide's preview time, and nearly all of it is
wasted: a writer edits one lesson. :func:`inputs` takes a digest of what the pages are made from, split into
each lesson and "the rest" (pathways, vocabularies, partners, frameworks, the findings, the settings, the
templates and the files the lesson bodies can link to). :func:`reuse` compares two builds' digests:

- when anything but lessons changed, or a lesson was added or removed, every page is rendered again;
- otherwise only the pages that can show a changed lesson are: its own page (and translations), the pages of
  the lessons that build on it, that it builds on, or that sit just before or after it on a pathway, the pages
  of the pathways that hold it, before or after the edit, and the pages of the whole guide (indexes, the
  journey, partners, standards, credits). When only a lesson's body changed, just its own page and the
  booklets that print it.

``tests/test_incremental.py`` edits a guide many ways and compares each incremental build with a full one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_pathways.analysis.check import CheckedGuide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.textfile import split_front_matter
from mkdocs_pathways.mkdocs_yml import SiteSettings
from mkdocs_pathways.render.preview import file_stats, signature


@dataclass(frozen=True)
class Inputs:
    """A digest of what one build's pages were made from."""

    lessons: dict[str, str]  # lesson id -> digest of everything about it
    rest: str
    fronts: dict[str, str] = field(default_factory=dict)  # lesson id -> digest of all but its body
    pathway_lessons: dict[str, frozenset[str]] = field(default_factory=dict)
    shown_on: dict[str, frozenset[str]] = field(default_factory=dict)  # lesson -> the lessons whose pages show it


@dataclass(frozen=True)
class Reuse:
    """The pages the previous build can lend (see :func:`reuse`): of these lessons, of these pathways (their page
    and plan), these pathways' booklets, and the pages of the whole guide when ``indexes``."""

    lessons: frozenset[str] = frozenset()
    pathways: frozenset[str] = frozenset()
    booklets: frozenset[str] = frozenset()
    indexes: bool = False


def _read(path: Path, started: float) -> bytes | None:
    """The file's bytes. A file written since the build started may not be what was loaded, so it reads as
    bytes no build can match: the next build renders its pages again."""
    try:
        return path.read_bytes() if os.lstat(path).st_mtime_ns < started * 1e9 else os.urandom(16)
    except OSError:
        return None


def _contents(paths: Iterable[Path], started: float) -> str:
    """A digest of the files' bytes (see :func:`_read`)."""
    return signature(*(part for path in paths for part in (str(path), _read(path, started))))


def _lesson(paths: list[Path], started: float) -> tuple[str, str]:
    """The digests of a lesson's files (the lesson, then its translations): of everything, and of everything but
    the lesson's body. Only a lesson's own page and the booklets print its body."""
    contents = [_read(path, started) for path in paths]
    lesson = contents[0].decode("utf-8", "replace") if contents[0] is not None else None
    parts = split_front_matter(lesson, "")[0] if lesson is not None else None
    front = parts.front_matter if parts is not None else lesson
    return signature(*paths, *contents), signature(*paths, front, *contents[1:])


def inputs(checked: CheckedGuide, config: GuideConfig, site: SiteSettings, started: float) -> Inputs:
    """The digest of a checked guide's pages' inputs, from the files it was loaded from (``started``: when
    loading began, as ``time.time()``)."""
    catalog = checked.catalog
    lessons: dict[str, str] = {}
    fronts: dict[str, str] = {}
    lesson_files: set[str] = set()
    for lesson in catalog.lessons:
        paths = [config.root / lesson.source.path, *(config.root / t.source.path for t in lesson.translations)]
        lesson_files |= {str(path) for path in paths}
        lessons[lesson.id], fronts[lesson.id] = _lesson(paths, started)
    # Everything else, by content: pathways, partners, frameworks, templates. Lesson files and the guide's own
    # pages only by name: what lesson bodies can link to.
    content = [Path(str(entry[0])) for folder in (config.pathways_dir, config.standards_dir)
               for entry in file_stats(folder) if isinstance(entry, tuple)]
    if config.partners_file is not None:
        content.append(config.partners_file)
    problems = [(d.code, str(d.location), d.message, d.level) for d in checked.diagnostics]
    rest = signature(config, site, problems, catalog.stages, catalog.competencies, catalog.clusters,
                   _contents(content, started), file_stats(config.templates_dir),
                   file_stats(config.lessons_dir, skip=frozenset(lesson_files)), sorted(lesson_files),
                   file_stats(config.docs_dir, names_only=True))
    pathway_lessons = {p.id: frozenset(step.lesson for step in p.lesson_steps()) for p in catalog.pathways}
    return Inputs(lessons, rest, fronts, pathway_lessons, _shown_on(checked))


def _shown_on(checked: CheckedGuide) -> dict[str, frozenset[str]]:
    """Lesson id -> the lessons whose pages show something of it: a lesson's page names the lessons it builds
    on, the lessons that build on it, and the steps just before and after it on each pathway."""
    shown_on: dict[str, set[str]] = {}
    for lesson in checked.catalog.lessons:
        for earlier in lesson.builds_on:
            shown_on.setdefault(earlier, set()).add(lesson.id)
            shown_on.setdefault(lesson.id, set()).add(earlier)
    for lesson_id, places in checked.relations.placements.items():
        for place in places:
            for step in (place.previous, place.next):
                for neighbour in ([step, *step.options] if step is not None else []):
                    if neighbour.kind == "lesson":
                        shown_on.setdefault(neighbour.lesson, set()).add(lesson_id)
    return {k: frozenset(v) for k, v in shown_on.items()}


def reuse(old: Inputs | None, new: Inputs) -> Reuse:
    """What can be kept from the build of ``old`` for the build of ``new`` (nothing on a first build)."""
    if old is None or old.rest != new.rest or old.lessons.keys() != new.lessons.keys():
        return Reuse()
    changed = {lesson for lesson, digest in new.lessons.items() if old.lessons[lesson] != digest}
    # A lesson's fields show on many pages; its body only on its own page and in booklets.
    fields = {lesson for lesson in changed if old.fronts.get(lesson) != new.fronts.get(lesson)}
    pathways = set(new.pathway_lessons)
    printed, listed = set(), set()
    for build in (old, new):
        printed |= {p for p, held in build.pathway_lessons.items() if held & changed}
        listed |= {p for p, held in build.pathway_lessons.items() if held & fields}
    shown = set(changed)
    for build in (old, new):
        shown |= _union(build.shown_on.get(lesson, frozenset()) for lesson in fields)
    return Reuse(frozenset(new.lessons.keys() - shown), frozenset(pathways - listed), frozenset(pathways - printed),
                 indexes=not fields)


def _union(sets: Iterable[frozenset[str]]) -> set[str]:
    out: set[str] = set()
    for item in sets:
        out |= item
    return out
