"""Where things sit in relation to each other: a lesson's places in pathways, what it builds on and leads to."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from mkdocs_pathways.model import Catalog, Pathway, Step
from mkdocs_pathways.model_lessons import Lesson


@dataclass(frozen=True)
class Placement:
    """One place where a lesson appears: its pathway, its step, and the steps around it."""

    pathway: Pathway
    step: Step
    position: int  # 1-based, among the pathway's top-level steps in journey order
    total: int
    previous: Step | None
    next: Step | None
    group: Step | None = None  # the "choose" step holding it, if it is an option


class Relations:
    """Indexes over a catalog, built once, so that no page looks anything up by scanning the whole catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @cached_property
    def placements(self) -> dict[str, list[Placement]]:
        """Lesson id → every place it appears, in pathway order."""
        out: dict[str, list[Placement]] = defaultdict(list)
        for pathway in self.catalog.pathways:
            steps = [step for stage in pathway.stages for step in stage.steps]
            for index, step in enumerate(steps):
                previous = steps[index - 1] if index else None
                following = steps[index + 1] if index + 1 < len(steps) else None
                if step.kind == "lesson":
                    out[step.lesson].append(Placement(pathway, step, index + 1, len(steps), previous, following))
                for option in step.options:
                    if option.kind == "lesson":
                        out[option.lesson].append(Placement(pathway, option, index + 1, len(steps), previous,
                                                            following, group=step))
        return dict(out)

    @cached_property
    def leads_to(self) -> dict[str, list[Lesson]]:
        """Lesson id → the lessons that build on it."""
        out: dict[str, list[Lesson]] = defaultdict(list)
        for lesson in self.catalog.lessons:
            for earlier in lesson.builds_on:
                out[earlier].append(lesson)
        return dict(out)

    def builds_on(self, lesson: Lesson) -> list[Lesson]:
        """The lessons this one builds on that exist in the catalog."""
        return [self.catalog.lesson_by_id[i] for i in lesson.builds_on if i in self.catalog.lesson_by_id]

    @cached_property
    def lessons_by_competency(self) -> dict[str, list[tuple[Lesson, str]]]:
        """Competency id → (lesson, level) pairs, in grade order. Strands collect their competencies' lessons."""
        out: dict[str, list[tuple[Lesson, str]]] = defaultdict(list)
        strand_of = self.catalog.strand_of
        for lesson in sorted(self.catalog.lessons, key=lambda item: (item.grades[:1], item.title)):
            for alignment in lesson.competencies:
                out[alignment.competency].append((lesson, alignment.level))
                strand = strand_of.get(alignment.competency, alignment.competency)
                if strand != alignment.competency:
                    out[strand].append((lesson, alignment.level))
        return dict(out)

    def strands_of(self, lesson: Lesson) -> list[str]:
        """The strand ids a lesson touches, in framework order."""
        strand_of = self.catalog.strand_of
        found = {strand_of[a.competency] for a in lesson.competencies if a.competency in strand_of}
        return [c.id for c in self.catalog.competencies if c.id in found]
