"""``pathways diff``: what a change does to the guide, as Markdown for a pull-request comment.

Both sides are loaded with the same loader as the site, so the summary speaks of pathways, steps and lessons
rather than of lines of YAML.
"""

from __future__ import annotations

import dataclasses
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.model import Catalog, Lesson, Pathway, Step
from mkdocs_pathways.vocab import grade_span_label

IGNORED_FIELDS = {"source", "locations", "body_line", "body"}


class DiffError(Exception):
    """The revisions cannot be compared; the message says why."""


def _git(root: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError as exc:
        raise DiffError("git is not installed") from exc
    if result.returncode != 0:
        raise DiffError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def catalog_at(config: GuideConfig, revision: str | None) -> Catalog:
    """The catalog at a git revision, or in the working tree when ``revision`` is None."""
    if revision is None:
        return load_catalog(config)[0]
    folders = [config.relative(config.pathways_dir), config.relative(config.lessons_dir)]
    _git(config.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    names = _git(config.root, "ls-tree", "-r", "--name-only", revision, "--", *folders).decode().splitlines()
    with tempfile.TemporaryDirectory(prefix="pathways-diff-") as folder:
        tree = Path(folder)
        for name in names:
            target = tree / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_git(config.root, "show", f"{revision}:{name}"))
        other = dataclasses.replace(config, root=tree, pathways_dir=tree / folders[0], lessons_dir=tree / folders[1])
        return load_catalog(other)[0]


@dataclass
class Change:
    """What changed about one pathway or lesson."""

    title: str
    id: str
    details: list[str] = field(default_factory=list)


@dataclass
class GuideDiff:
    pathways_added: list[Change] = field(default_factory=list)
    pathways_removed: list[Change] = field(default_factory=list)
    pathways_changed: list[Change] = field(default_factory=list)
    lessons_added: list[Change] = field(default_factory=list)
    lessons_removed: list[Change] = field(default_factory=list)
    lessons_changed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(dataclasses.astuple(self))


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


def compare(old: Catalog, new: Catalog) -> GuideDiff:
    """Compare two catalogs."""
    diff = GuideDiff()
    for item_id in sorted(new.pathway_by_id.keys() - old.pathway_by_id.keys()):
        pathway = new.pathway_by_id[item_id]
        diff.pathways_added.append(Change(pathway.title, item_id, [f"{len(pathway.all_steps())} steps"]))
    for item_id in sorted(old.pathway_by_id.keys() - new.pathway_by_id.keys()):
        diff.pathways_removed.append(Change(old.pathway_by_id[item_id].title, item_id))
    for item_id in sorted(old.pathway_by_id.keys() & new.pathway_by_id.keys()):
        details = _pathway_changes(old.pathway_by_id[item_id], new.pathway_by_id[item_id])
        if details:
            diff.pathways_changed.append(Change(new.pathway_by_id[item_id].title, item_id, details))
    for item_id in sorted(new.lesson_by_id.keys() - old.lesson_by_id.keys()):
        lesson = new.lesson_by_id[item_id]
        diff.lessons_added.append(Change(lesson.title, item_id, [f"grades {lesson.grade_label}, {lesson.stage}"]))
    for item_id in sorted(old.lesson_by_id.keys() - new.lesson_by_id.keys()):
        diff.lessons_removed.append(Change(old.lesson_by_id[item_id].title, item_id))
    for item_id in sorted(old.lesson_by_id.keys() & new.lesson_by_id.keys()):
        details = _lesson_changes(old.lesson_by_id[item_id], new.lesson_by_id[item_id])
        if details:
            diff.lessons_changed.append(Change(new.lesson_by_id[item_id].title, item_id, details))
    return diff


def to_markdown(diff: GuideDiff, base: str, head: str) -> str:
    """The summary as Markdown, ready to paste into a review comment."""
    lines = [f"## Changes to the guide ({base} → {head})", ""]
    if diff.empty:
        return "\n".join([*lines, "No pathway or lesson changed.", ""])
    counts = (f"**Pathways:** {len(diff.pathways_added)} added, {len(diff.pathways_removed)} removed, "
              f"{len(diff.pathways_changed)} changed · **Lessons:** {len(diff.lessons_added)} added, "
              f"{len(diff.lessons_removed)} removed, {len(diff.lessons_changed)} changed")
    lines += [counts, ""]
    for heading, groups in (("Pathways", (("Added", diff.pathways_added), ("Removed", diff.pathways_removed),
                                          ("Changed", diff.pathways_changed))),
                            ("Lessons", (("Added", diff.lessons_added), ("Removed", diff.lessons_removed),
                                         ("Changed", diff.lessons_changed)))):
        if not any(items for _label, items in groups):
            continue
        lines += [f"### {heading}", ""]
        for label, items in groups:
            for change in items:
                summary = f": {change.details[0]}" if len(change.details) == 1 and label != "Changed" else ""
                lines.append(f"- {label}: **{_md(change.title)}** (`{change.id}`){summary}")
                if label == "Changed":
                    lines += [f"  - {_md(detail)}" for detail in change.details]
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Escape what would turn a title into Markdown markup in a comment."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)
