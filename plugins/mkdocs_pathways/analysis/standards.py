"""Standards coverage: for each item of a framework, the lessons and pathways aligned to it, grade by grade.

An item counts as covered when a lesson is aligned to it or to an item under it (a strand is covered by the
lessons of its standards). The crosswalk page, its CSV and JSON files and the pathway pages' summaries all
read this one computation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_pathways.model import Catalog, Pathway
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.model_standards import Framework, StandardItem


@dataclass(frozen=True)
class ItemCoverage:
    """One item of a framework and what covers it."""

    item: StandardItem
    direct: tuple[Lesson, ...]  # lessons aligned to this item itself
    lessons: tuple[Lesson, ...]  # lessons aligned to it or to an item under it
    pathways: tuple[Pathway, ...]  # pathways with one of those lessons as a step
    by_grade: dict[int, int] = field(default_factory=dict)  # grade → how many of ``lessons`` are for that grade
    is_group: bool = False  # items sit under this one: a strand or domain rather than a standard

    @property
    def covered(self) -> bool:
        return bool(self.lessons)


@dataclass(frozen=True)
class Coverage:
    """A framework's items in hierarchy order, each with its coverage, and the grades shown as columns."""

    framework: Framework
    grades: tuple[int, ...]
    rows: tuple[ItemCoverage, ...]

    @property
    def uncovered(self) -> tuple[ItemCoverage, ...]:
        return tuple(row for row in self.rows if not row.covered)

    @property
    def standards(self) -> tuple[ItemCoverage, ...]:
        """The rows with no item under them: the standards themselves."""
        return tuple(row for row in self.rows if not row.is_group)


def _sort_key(lesson: Lesson) -> tuple[tuple[int, ...], str]:
    return lesson.grades[:1], lesson.title.lower()


def aligned_lessons(catalog: Catalog, framework: Framework) -> dict[str, list[Lesson]]:
    """Item id → the lessons aligned to that item, in grade then title order."""
    out: dict[str, list[Lesson]] = {}
    for lesson in catalog.lessons:
        for item_id in dict.fromkeys(s.item for s in lesson.standards if s.framework == framework.id and s.item):
            out.setdefault(item_id, []).append(lesson)
    for lessons in out.values():
        lessons.sort(key=_sort_key)
    return out


def coverage(catalog: Catalog, framework: Framework) -> Coverage:
    """The coverage of every item of ``framework`` by the catalog's lessons."""
    direct = aligned_lessons(catalog, framework)
    rolled: dict[str, dict[str, Lesson]] = {item.id: {x.id: x for x in direct.get(item.id, [])}
                                            for item in framework.items}
    # Items are in hierarchy order, so walking them backwards reaches each child before its parent.
    for item in reversed(framework.items):
        if item.parent in rolled:
            rolled[item.parent].update(rolled[item.id])
    pathways_of: dict[str, list[Pathway]] = {}
    for pathway in catalog.pathways:
        for lesson_id in dict.fromkeys(step.lesson for step in pathway.lesson_steps()):
            pathways_of.setdefault(lesson_id, []).append(pathway)
    parents = {item.parent for item in framework.items}
    rows = []
    for item in framework.items:
        lessons = tuple(sorted(rolled[item.id].values(), key=_sort_key))
        pathways = tuple({p.id: p for x in lessons for p in pathways_of.get(x.id, [])}.values())
        by_grade: dict[int, int] = {}
        for lesson in lessons:
            for grade in lesson.grades:
                by_grade[grade] = by_grade.get(grade, 0) + 1
        rows.append(ItemCoverage(item, tuple(direct.get(item.id, [])), lessons,
                                 tuple(sorted(pathways, key=lambda p: p.title.lower())), by_grade,
                                 is_group=item.id in parents))
    grades = {g for item in framework.items for g in item.grades} | {g for row in rows for g in row.by_grade}
    return Coverage(framework, tuple(sorted(grades)), tuple(rows))


@dataclass(frozen=True)
class PathwayStandards:
    """The standards of one framework that a pathway's lessons are aligned to."""

    framework: Framework
    items: tuple[StandardItem, ...]  # in framework order
    total: int  # how many standards (items with none under them) the framework has


def pathway_standards(catalog: Catalog, pathway: Pathway) -> list[PathwayStandards]:
    """Per framework of the guide, the items the pathway's lessons are aligned to (frameworks with none left out)."""
    lessons = [catalog.lesson_by_id[s.lesson] for s in pathway.lesson_steps() if s.lesson in catalog.lesson_by_id]
    out = []
    for framework in catalog.frameworks:
        ids = {s.item for lesson in lessons for s in lesson.standards if s.framework == framework.id and s.item}
        if not ids:
            continue
        parents = {item.parent for item in framework.items}
        total = sum(1 for item in framework.items if item.id not in parents)
        out.append(PathwayStandards(framework, tuple(i for i in framework.items if i.id in ids), total))
    return out
