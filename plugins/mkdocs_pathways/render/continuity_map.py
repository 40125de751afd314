"""Lay out a pathway's continuity map: the journey top to bottom, a row per grade, one box per step, and
arrows for builds_on routed around the boxes.

Pure geometry, no drawing: the template turns the layout into inline SVG. Everything is computed on the
server, so the map needs no script and prints. The map is as wide as the content column (``width``), so the
whole journey is visible at a glance without sideways scrolling: steps that start in the same grade sit side
by side in lanes, and wrap onto more lines when there are more of them than lanes. Titles wrap in full. A
narrower layout with fewer lanes is made for phones.

Arrows never cross a box: they leave a box from its bottom, run along the gap under its row, down the gutter
beside the lanes, and along the gap above (or below) the later box's row to enter it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs_pathways.model import Catalog, Pathway, Step, StepKind

DESKTOP = (760, 4)  # width in px, lanes
PHONE = (340, 2)
MARGIN = 6
LABEL_W = 96  # the grade labels on the left ("Kindergarten", "Postsecondary")
PHONE_LABEL_W = 34
GAP = 14  # between lanes: the gutters that arrows run down
ROW_GAP = 16  # between rows: where arrows run across
STAGE_H = 24  # the stage's title band
PAD = 7
KIND_H = 15  # the kind line at the top of a box
LINE_H = 14
OPTION_H = 14
CHAR_PX = 6.8  # average glyph width at the map's 11.5px font, with room to spare


@dataclass(frozen=True)
class GradeRow:
    """The label of one grade, at the top of its first row."""

    grade: int
    y: int


@dataclass(frozen=True)
class StageBand:
    stage: str
    title: str
    y: int
    height: int


@dataclass
class Box:
    step: Step
    x: int
    y: int
    width: int
    height: int
    lines: list[str]
    options: list[tuple[Step, list[tuple[str, int]]]] = field(default_factory=list)  # option, its lines and y

    @property
    def title_lines(self) -> list[tuple[str, int]]:
        """Each line of the box's title with its text baseline y."""
        return [(line, self.y + KIND_H + LINE_H * (i + 1)) for i, line in enumerate(self.lines)]


@dataclass(frozen=True)
class Link:
    """A builds_on arrow from an earlier lesson's box to a later one's, as an SVG path."""

    path: str
    earlier: str
    later: str


@dataclass
class MapLayout:
    width: int
    height: int
    label_width: int
    grades: list[GradeRow]
    bands: list[StageBand]
    boxes: list[Box]
    links: list[Link]
    variant: str = "wide"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(8, int(width / CHAR_PX))) or [""]


def english_label(step: Step) -> str:
    """The text of a step's box: its title, or for a choice group 'Choose N: title'."""
    return f"Choose {step.choose}: {step.title}" if step.kind == StepKind.CHOOSE else step.title


def layout(pathway: Pathway, catalog: Catalog, label: Callable[[Step], str] = english_label,
           size: tuple[int, int] = DESKTOP, variant: str = "wide") -> MapLayout:
    """Place every step of a pathway in rows by stage and starting grade, ``lanes`` boxes to a row."""
    width, lanes = size
    label_w = LABEL_W if variant == "wide" else PHONE_LABEL_W
    lane_w = (width - label_w - 2 * MARGIN - (lanes - 1) * GAP) // lanes
    lane_x = [label_w + MARGIN + i * (lane_w + GAP) for i in range(lanes)]
    boxes: list[Box] = []
    grades: list[GradeRow] = []
    bands: list[StageBand] = []
    rows: list[tuple[int, int]] = []  # each sub-row's top and bottom
    row_of: dict[int, int] = {}  # id(box) -> its sub-row
    y = MARGIN
    for stage in pathway.stages:
        stage_info = catalog.stage_by_id.get(stage.stage)
        band_top = y
        y += STAGE_H
        by_grade: dict[int, list[Step]] = {}
        first = stage_info.grades[0] if stage_info and stage_info.grades else 0
        for step in stage.steps:
            by_grade.setdefault(min(step.grades) if step.grades else first, []).append(step)
        for grade in sorted(by_grade):
            grades.append(GradeRow(grade, y))
            steps = by_grade[grade]
            for start in range(0, len(steps), lanes):
                chunk = steps[start:start + lanes]
                made = [_box(step, lane_x[i], y, lane_w, label) for i, step in enumerate(chunk)]
                bottom = y + max(b.height for b in made)
                rows.append((y, bottom))
                for box in made:
                    row_of[id(box)] = len(rows) - 1
                boxes.extend(made)
                y = bottom + ROW_GAP
        title = stage_info.title if stage_info else stage.stage
        bands.append(StageBand(stage.stage, title, band_top, y - band_top - ROW_GAP // 2))
        y += 4
    height = y + MARGIN

    by_lesson = {b.step.lesson: b for b in boxes if b.step.kind == StepKind.LESSON}
    links: list[Link] = []
    for box in boxes:
        lesson = catalog.lesson_by_id.get(box.step.lesson) if box.step.kind == StepKind.LESSON else None
        for earlier_id in lesson.builds_on if lesson else ():
            earlier = by_lesson.get(earlier_id)
            if earlier is not None and earlier is not box:
                path = _route(earlier, box, rows[row_of[id(earlier)]], rows[row_of[id(box)]], len(links))
                links.append(Link(path, earlier_id, box.step.lesson))
    return MapLayout(width, height, label_w, grades, bands, boxes, links, variant)


def _box(step: Step, x: int, y: int, width: int, label: Callable[[Step], str]) -> Box:
    text = label(step) if step.kind == StepKind.CHOOSE else step.title
    lines = _wrap(text, width - 2 * PAD)
    box = Box(step, x, y, width, 0, lines)
    baseline = y + KIND_H + LINE_H * len(lines) + 4
    for option in step.options:
        option_lines = _wrap(f"• {option.title}", width - 2 * PAD - 4)
        placed = []
        for line in option_lines:
            baseline += OPTION_H
            placed.append((line, baseline))
        box.options.append((option, placed))
    box.height = baseline - y + PAD + 2
    return box


def _route(a: Box, b: Box, a_row: tuple[int, int], b_row: tuple[int, int], index: int) -> str:
    """An orthogonal path from ``a`` to ``b`` through the gaps between rows and the gutters between lanes."""
    shift = (index % 3 - 1) * 3  # arrows that share a gap or gutter run side by side
    x1 = a.x + a.width // 2 + shift
    x2 = b.x + b.width // 2 + shift
    y_start = a.y + a.height
    gap_below_a = a_row[1] + ROW_GAP // 2 + shift
    if b_row[0] > a_row[1]:  # b is on a later row: enter it from above
        gap_b, y_end = b_row[0] - ROW_GAP // 2 + shift, b.y - 3
    else:  # the same row or an earlier one: enter it from below
        gap_b, y_end = b_row[1] + ROW_GAP // 2 + shift, b.y + b.height + 3
    if gap_b == gap_below_a:
        points = [(x1, y_start), (x1, gap_below_a), (x2, gap_below_a), (x2, y_end)]
    else:
        gutter = b.x - GAP // 2 + shift // 2
        points = [(x1, y_start), (x1, gap_below_a), (gutter, gap_below_a), (gutter, gap_b), (x2, gap_b), (x2, y_end)]
    return "M" + " L".join(f"{x},{y}" for x, y in points)
