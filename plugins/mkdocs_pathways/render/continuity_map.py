"""Lay out a pathway's continuity map: columns by stage and grade, one box per step, lines for builds_on.

Pure geometry, no drawing: the template turns the layout into inline SVG. Everything is computed on the
server, so the map needs no script, prints, and scales with the page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs_pathways.model import Catalog, Pathway, Step, StepKind
from mkdocs_pathways.vocab import grade_label

COL_W = 132
GAP = 8
BOX_H = 58
ROW_GAP = 10
HEAD_H = 56
MARGIN = 8
LINE_CHARS_PER_PX = 1 / 6.6  # average glyph width at the map's 11px font
OPTION_PX_PER_CHAR = 7  # option lines are in a slightly wider font than titles
TITLE_TOP = 31  # first title baseline, below the kind line
LINE_H = 14


@dataclass(frozen=True)
class Column:
    stage: str
    grade: int
    x: int

    @property
    def label(self) -> str:
        return grade_label(self.grade)


@dataclass(frozen=True)
class StageBand:
    stage: str
    title: str
    x: int
    width: int


@dataclass
class Box:
    step: Step
    x: int
    y: int
    width: int
    height: int
    lines: list[str]
    options: list[tuple[Step, int]] = field(default_factory=list)  # option step and its text baseline y

    @property
    def title_lines(self) -> list[tuple[str, int]]:
        """Each line of the box's title with its text baseline y."""
        return [(line, self.y + TITLE_TOP + LINE_H * i) for i, line in enumerate(self.lines)]

    @property
    def option_chars(self) -> int:
        """How many characters of an option's title fit on its line."""
        return self.width // OPTION_PX_PER_CHAR


@dataclass(frozen=True)
class Link:
    """A builds_on line from an earlier lesson's box to a later one's, as an SVG path."""

    path: str
    earlier: str
    later: str


@dataclass
class MapLayout:
    width: int
    height: int
    columns: list[Column]
    bands: list[StageBand]
    boxes: list[Box]
    links: list[Link]


def _stage_grades(pathway: Pathway, catalog: Catalog) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for stage in pathway.stages:
        used = {g for step in stage.steps for g in step.grades}
        band = catalog.stage_by_id[stage.stage].grades if stage.stage in catalog.stage_by_id else ()
        grades = sorted(used) or list(band[:1]) or [0]
        out[stage.stage] = list(range(grades[0], grades[-1] + 1))
    return out


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    chars = max(8, int(width * LINE_CHARS_PER_PX))
    lines = textwrap.wrap(text, chars) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, chars - 1)].rstrip() + "…"
    return lines


def english_label(step: Step) -> str:
    """The text of a step's box: its title, or for a choice group 'Choose N: title'."""
    return f"Choose {step.choose}: {step.title}" if step.kind == StepKind.CHOOSE else step.title


def layout(pathway: Pathway, catalog: Catalog, label: Callable[[Step], str] = english_label) -> MapLayout:
    """Place every step of a pathway on a grid of (stage, grade) columns.

    ``label`` gives the text of a choice group's box in the guide's language; other boxes show the step's title.
    """
    columns: list[Column] = []
    bands: list[StageBand] = []
    x = MARGIN
    for stage_id, grades in _stage_grades(pathway, catalog).items():
        start = x
        for grade in grades:
            columns.append(Column(stage_id, grade, x))
            x += COL_W
        title = catalog.stage_by_id[stage_id].title if stage_id in catalog.stage_by_id else stage_id
        bands.append(StageBand(stage_id, title, start, x - start - GAP))
        x += GAP * 2
    col_index = {(c.stage, c.grade): i for i, c in enumerate(columns)}

    boxes: list[Box] = []
    rows: list[list[tuple[int, int]]] = []  # per row: occupied column intervals
    row_heights: list[int] = []
    for stage in pathway.stages:
        stage_cols = [i for (s, _g), i in col_index.items() if s == stage.stage]
        for step in stage.steps:
            step_grades = step.grades or (columns[stage_cols[0]].grade,)
            first = col_index.get((stage.stage, min(step_grades)), stage_cols[0])
            last = col_index.get((stage.stage, max(step_grades)), first)
            width = (last - first + 1) * COL_W - GAP
            is_choice = step.kind == StepKind.CHOOSE
            lines = _wrap(label(step) if is_choice else step.title, width - 16, 3 if is_choice else 2)
            height = BOX_H if not step.options else 34 + LINE_H * len(lines) + 15 * len(step.options)
            row = next((r for r, used in enumerate(rows) if all(last < a or first > b for a, b in used)), None)
            if row is None:
                rows.append([])
                row_heights.append(0)
                row = len(rows) - 1
            rows[row].append((first, last))
            row_heights[row] = max(row_heights[row], height)
            boxes.append(Box(step, columns[first].x, row, width, height, lines))
    # Rows have different heights (choose groups are taller): turn row numbers into y positions.
    offsets = [HEAD_H]
    for h in row_heights:
        offsets.append(offsets[-1] + h + ROW_GAP)
    for box in boxes:
        box.y = offsets[box.y]
        base = box.y + 30 + LINE_H * len(box.lines)
        box.options = [(option, base + 15 * i) for i, option in enumerate(box.step.options)]

    by_lesson = {b.step.lesson: b for b in boxes if b.step.kind == StepKind.LESSON}
    links: list[Link] = []
    for box in boxes:
        lesson = catalog.lesson_by_id.get(box.step.lesson) if box.step.kind == StepKind.LESSON else None
        for earlier_id in lesson.builds_on if lesson else ():
            earlier = by_lesson.get(earlier_id)
            if earlier is not None:
                links.append(Link(_curve(earlier, box), earlier_id, box.step.lesson))
    return MapLayout(x - GAP * 2 + MARGIN, offsets[-1] + MARGIN, columns, bands, boxes, links)


def _curve(a: Box, b: Box) -> str:
    if a.x + a.width <= b.x:  # side by side: right edge to left edge
        x1, y1, x2, y2 = a.x + a.width, a.y + a.height // 2, b.x, b.y + b.height // 2
        mid = (x1 + x2) // 2
        return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2 - 4},{y2}"
    # overlapping columns: bottom of one to top of the other
    x1 = a.x + min(a.width, b.width) // 3
    x2 = b.x + min(a.width, b.width) // 3
    if a.y < b.y:
        y1, y2 = a.y + a.height, b.y
        return f"M{x1},{y1} C{x1},{y1 + 12} {x2},{y2 - 12} {x2},{y2 - 4}"
    y1, y2 = a.y, b.y + b.height
    return f"M{x1},{y1} C{x1},{y1 - 12} {x2},{y2 + 12} {x2},{y2 + 4}"
