"""Comparing two catalogs of the guide: the pathways and lessons added, removed, changed or broken.

The items are compared as the loader reads them, so a change is told in terms of pathways, steps and lessons
rather than of lines of YAML. An item whose file is still there but could not be used is reported as broken,
not as removed. The details are plain text; :mod:`mkdocs_pathways.commands.diff_markdown` makes them inert.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from mkdocs_pathways.commands.diff import Snapshot
from mkdocs_pathways.commands.diff_tree import Finding
from mkdocs_pathways.model import Catalog, Pathway, Step
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.vocab import grade_span_label

IGNORED_FIELDS = {"source", "locations", "body_line", "body"}


@dataclass
class Change:
    """What changed about one pathway or lesson. ``details`` are plain text, escaped when written out."""

    title: str
    id: str
    details: list[str] = field(default_factory=list)


@dataclass
class Broken:
    """A pathway or lesson whose file is still there at the later revision but could not be used.

    Without this, such an item would look removed, and a reviewer could approve a change that breaks it.
    ``reason`` is written by the comparison, never copied from content.
    """

    title: str
    id: str
    path: str
    reason: str


@dataclass
class GuideDiff:
    """Everything that differs between two revisions of the guide, and the files that could not be compared."""

    pathways_added: list[Change] = field(default_factory=list)
    pathways_removed: list[Change] = field(default_factory=list)
    pathways_changed: list[Change] = field(default_factory=list)
    lessons_added: list[Change] = field(default_factory=list)
    lessons_removed: list[Change] = field(default_factory=list)
    lessons_changed: list[Change] = field(default_factory=list)
    pathways_broken: list[Broken] = field(default_factory=list)
    lessons_broken: list[Broken] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))


def _fields(item: object) -> dict[str, object]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)  # type: ignore[arg-type]
            if f.name not in IGNORED_FIELDS}


def _describe_step(step: Step) -> str:
    grades = f" ({grade_span_label(step.grades)})" if step.grades else ""
    return f"{step.kind} “{step.title}”{grades}"


def _pathway_changes(old: Pathway, new: Pathway) -> list[str]:
    details = []
    old_f, new_f = _fields(old), _fields(new)
    for name in ("title", "summary", "description", "cluster", "occupations", "partners", "authors", "license",
                 "sample"):
        if old_f[name] != new_f[name]:
            details.append(f"{name} changed")
    old_steps = {s.id: s for s in old.all_steps()}
    new_steps = {s.id: s for s in new.all_steps()}
    for step_id, step in new_steps.items():
        if step_id not in old_steps:
            details.append(f"step added in {step.stage}: {_describe_step(step)}")
    for step_id, step in old_steps.items():
        if step_id not in new_steps:
            details.append(f"step removed from {step.stage}: {_describe_step(step)}")
    for step_id in old_steps.keys() & new_steps.keys():
        before, after = _fields(old_steps[step_id]), _fields(new_steps[step_id])
        changed = [k for k in before if k != "options" and before[k] != after[k]]
        if changed:
            details.append(f"step “{new_steps[step_id].title}” changed: {', '.join(sorted(changed))}")
    common = [s for s in old_steps if s in new_steps]
    if [s for s in new_steps if s in old_steps] != common:
        details.append("steps reordered")
    return details


def _lesson_changes(old: Lesson, new: Lesson) -> list[str]:
    before, after = _fields(old), _fields(new)
    details = []
    for name in before:
        if before[name] != after[name]:
            if name == "grades":
                details.append(f"grades {grade_span_label(old.grades)} → {grade_span_label(new.grades)}")
            elif name == "stage":
                details.append(f"stage {old.stage} → {new.stage}")
            else:
                details.append(f"{name.replace('_', ' ')} changed")
    if old.body != new.body:
        old_lines, new_lines = set(old.body.splitlines()), set(new.body.splitlines())
        details.append(f"lesson text changed (+{len(new_lines - old_lines)} / −{len(old_lines - new_lines)} lines)")
    return details


Item = TypeVar("Item", Pathway, Lesson)


@dataclass
class _Sides(Generic[Item]):
    """The items of one kind at both revisions, and the problems of the later revision's files by path."""

    old: Mapping[str, Item]
    new: Mapping[str, Item]
    problems: dict[str, str]
    old_broken: Mapping[str, int]
    old_label: str


def compare(old: Catalog, new: Catalog) -> GuideDiff:
    """Compare two catalogs. Snapshots from :func:`catalog_at` also give their broken files and findings."""
    diff = GuideDiff()
    problems = _file_problems(new)
    old_broken = old.broken if isinstance(old, Snapshot) else {}
    old_label = old.label if isinstance(old, Snapshot) else ""
    pathways = _Sides(old.pathway_by_id, new.pathway_by_id, problems, old_broken, old_label)
    (diff.pathways_added, diff.pathways_removed, diff.pathways_changed,
     diff.pathways_broken) = _compare_items(pathways, _pathway_changes, _pathway_summary)
    lessons = _Sides(old.lesson_by_id, new.lesson_by_id, problems, old_broken, old_label)
    (diff.lessons_added, diff.lessons_removed, diff.lessons_changed,
     diff.lessons_broken) = _compare_items(lessons, _lesson_changes, _lesson_summary)
    diff.findings = _remaining_findings(old, new, problems)
    return diff


def _pathway_summary(pathway: Pathway) -> str:
    return f"{len(pathway.all_steps())} steps"


def _lesson_summary(lesson: Lesson) -> str:
    return f"grades {lesson.grade_label}, {lesson.stage}"


def _compare_items(sides: _Sides[Item], changes: Callable[[Item, Item], list[str]], summary: Callable[[Item], str],
                   ) -> tuple[list[Change], list[Change], list[Change], list[Broken]]:
    added, removed, changed, broken = [], [], [], []
    for item_id in sorted(sides.new.keys() - sides.old.keys()):
        item = sides.new[item_id]
        details = [summary(item)]
        if item.source.path in sides.old_broken:
            details.append(f"its file did not load at {sides.old_label}")
        added.append(Change(item.title, item_id, details))
    for item_id in sorted(sides.old.keys() - sides.new.keys()):
        item = sides.old[item_id]
        # A file that is still there but unusable is not a removal: say what is wrong with it instead.
        reason = _problem_of(sides.problems, item.source.path)
        if reason is None:
            removed.append(Change(item.title, item_id))
        else:
            broken.append(Broken(item.title, item_id, item.source.path, reason))
    for item_id in sorted(sides.old.keys() & sides.new.keys()):
        details = changes(sides.old[item_id], sides.new[item_id])
        if details:
            changed.append(Change(sides.new[item_id].title, item_id, details))
    return added, removed, changed, broken


def _file_problems(catalog: Catalog) -> dict[str, str]:
    """Why each file of a snapshot that is there could not be used, by path."""
    if not isinstance(catalog, Snapshot):
        return {}
    problems = {finding.path: finding.problem for finding in catalog.findings}
    for path, count in catalog.broken.items():
        problems.setdefault(path, f"it does not load ({_problems(count)}; run `pathways check` to see them)")
    return problems


def _problem_of(problems: dict[str, str], path: str) -> str | None:
    """Why the file at ``path`` cannot be used (taken out of ``problems``), or why its folder cannot be."""
    if path in problems:
        return problems.pop(path)
    parents = [posixpath.dirname(path)]
    while parents[-1]:
        parents.append(posixpath.dirname(parents[-1]))
    return next((problems[p] for p in parents if p in problems), None)


def _problems(count: int) -> str:
    return "1 problem" if count == 1 else f"{count} problems"


def _remaining_findings(old: Catalog, new: Catalog, problems: Mapping[str, str]) -> list[Finding]:
    """The later revision's unusable files not already reported with their item, then the earlier one's."""
    if not isinstance(new, Snapshot):
        return []
    findings = [Finding(new.label, path, reason) for path, reason in sorted(problems.items())]
    if isinstance(old, Snapshot):
        # A file that was already unusable before the change, and is no longer there, may still matter.
        seen = set(problems) | {f.path for f in new.findings} | set(new.broken)
        findings += [f for f in sorted(old.findings, key=lambda f: f.path) if f.path not in seen]
    return findings
