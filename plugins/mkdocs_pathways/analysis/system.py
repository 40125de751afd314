"""The system view: what the pathways offer together, grade by grade, and what each partner does across them.

Pure functions of the model. A step is *shared* by the pathways that contain it: a lesson step by its lesson, any
other step by its kind and id (the same "Four-year high school plan" milestone in three pathways is one step).
What every student gets in a grade is the steps shared by every pathway that reaches that grade.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_pathways.model import Catalog, Partner, Pathway, Step, StepKind


def step_key(step: Step) -> str:
    """What makes two pathways' steps the same step."""
    return f"lesson:{step.lesson}" if step.kind == StepKind.LESSON else f"{step.kind}:{step.id}"


def reaches(pathway: Pathway, grade: int) -> bool:
    """Whether a grade lies within a pathway's span (from its first grade to its last)."""
    return _within(pathway.grades, grade)


def _within(grades: tuple[int, ...], grade: int) -> bool:
    return bool(grades) and grades[0] <= grade <= grades[-1]


@dataclass(frozen=True)
class SharedStep:
    """A step as it appears in one or more pathways: the first pathway's copy, and every pathway that has it."""

    key: str
    step: Step
    pathways: tuple[Pathway, ...]

    @property
    def starts(self) -> int:
        return min(self.step.grades) if self.step.grades else 0


def shared_steps(catalog: Catalog) -> list[SharedStep]:
    """Every top-level step of the guide once, with the pathways that have it, in first-grade then pathway order.

    The options of a "choose" group are not listed on their own: they are part of their group.
    """
    found: dict[str, tuple[Step, list[Pathway]]] = {}
    for pathway in catalog.pathways:
        for stage in pathway.stages:
            for step in stage.steps:
                entry = found.setdefault(step_key(step), (step, []))
                # Pathways are visited one after another, so one that already has this step is the last listed:
                # no scan of the list, whose == compares pathways field by field.
                if not entry[1] or entry[1][-1] is not pathway:
                    entry[1].append(pathway)
    order = {p.id: i for i, p in enumerate(catalog.pathways)}
    out = [SharedStep(key, step, tuple(pathways)) for key, (step, pathways) in found.items()]
    # Journey order within a grade (stage, then the first pathway's order), then by how widely shared.
    position = {key: i for i, key in enumerate(found)}
    out.sort(key=lambda s: (s.starts, -len(s.pathways), order[s.pathways[0].id], position[s.key]))
    return out


@dataclass
class GradeJourney:
    """One grade of the journey: the pathways that reach it, what every student gets, what each pathway adds."""

    grade: int
    stages: list[str]
    pathways: list[Pathway]
    everyone: list[SharedStep] = field(default_factory=list)
    by_pathway: dict[str, list[SharedStep]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not self.everyone and not any(self.by_pathway.values())


def journey(catalog: Catalog) -> list[GradeJourney]:
    """Each grade from the earliest any pathway reaches to the latest (postsecondary), in order.

    A step is listed in every grade it runs through. "Everyone" holds the steps that every pathway reaching the
    grade has; the rest go to the pathways that have them.
    """
    # Pathway.grades walks all the pathway's steps: once per pathway here, not once per pathway and grade.
    spans = [(p, p.grades) for p in catalog.pathways]
    grades = [g for _, span in spans for g in span]
    if not grades:
        return []
    steps = shared_steps(catalog)
    having = [{p.id for p in item.pathways} for item in steps]  # once, not once per grade
    out = []
    for grade in range(min(grades), max(grades) + 1):
        reaching = [p for p, span in spans if _within(span, grade)]
        stages = [s.id for s in catalog.stages if grade in s.grades]
        row = GradeJourney(grade, stages, reaching, by_pathway={p.id: [] for p in reaching})
        ids = {p.id for p in reaching}
        for item, item_having in zip(steps, having, strict=True):
            if grade not in item.step.grades:
                continue
            if ids and ids <= item_having:
                row.everyone.append(item)
            else:
                for pathway in item.pathways:
                    if pathway.id in row.by_pathway:
                        row.by_pathway[pathway.id].append(item)
        out.append(row)
    return out


@dataclass(frozen=True)
class Commitment:
    """One step a partner takes part in: the pathway, the step (an option keeps its choice group) and grades."""

    pathway: Pathway
    step: Step
    group: Step | None = None

    @property
    def starts(self) -> int:
        return min(self.step.grades) if self.step.grades else 0


def commitments(catalog: Catalog) -> dict[str, list[Commitment]]:
    """For each partner id, the steps it takes part in across every pathway, in grade order."""
    out: dict[str, list[Commitment]] = {p.id: [] for p in catalog.partners}
    for pathway in catalog.pathways:
        for stage in pathway.stages:
            for step in stage.steps:
                for item, group in ((step, None), *((option, step) for option in step.options)):
                    for partner in item.partners:
                        out.setdefault(partner, []).append(Commitment(pathway, item, group))
    order = {p.id: i for i, p in enumerate(catalog.pathways)}
    for items in out.values():
        items.sort(key=lambda c: (c.starts, max(c.step.grades, default=0), order[c.pathway.id]))
    return out


def role_in(pathway: Pathway, partner_id: str) -> str:
    """What a partner does in one pathway (its role there), or an empty text."""
    return next((p.role for p in pathway.partners if p.id == partner_id), "")


def partner_pathways(catalog: Catalog, partner: Partner, items: list[Commitment]) -> list[Pathway]:
    """The pathways a partner serves: those that list it, and those whose steps name it, in catalog order."""
    ids = {c.pathway.id for c in items} | {p.id for p in catalog.pathways
                                           if any(x.id == partner.id for x in p.partners)}
    return [p for p in catalog.pathways if p.id in ids]
