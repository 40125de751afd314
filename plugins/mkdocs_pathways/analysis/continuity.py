"""Continuity analysis: where each competency grows along a pathway, and where the journey has gaps.

Pure functions of the model. The same findings feed ``pathways check``, the build, the ``/continuity/``
page, each pathway page's progression table, and ``continuity.json``. :func:`analyse` runs every check: the
gaps here (PW301-PW310), the barriers to access (:mod:`.barriers`) and the findings about pathways and partners
together (:mod:`.system_findings`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from mkdocs_pathways.analysis import barriers, system_findings
from mkdocs_pathways.analysis.findings import Analysis, Finding, Progression, ProgressionEntry
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.model import Catalog, Pathway, Step
from mkdocs_pathways.vocab import grade_long_label, grade_span_label

EXPLORATION = "exploration"


def _lesson_steps(pathway: Pathway) -> list[Step]:
    return [s for s in pathway.all_steps() if s.kind == "lesson"]


class _Analyser:
    def __init__(self, catalog: Catalog, relations: Relations, also_placed: Collection[str] = ()) -> None:
        self.catalog = catalog
        self.also_placed = set(also_placed)
        self.relations = relations
        self.strand_of = {c.id: c.strand for c in catalog.competencies}
        self.members: dict[str, set[str]] = {}
        for c in catalog.competencies:
            if c.strand:
                self.members.setdefault(c.strand, set()).add(c.id)

    def _related(self, competency: str) -> set[str]:
        """A competency counts as introduced by itself, its strand, or (for a strand) any of its members.

        Not by a sibling: introducing 'communication' does not introduce 'critical-thinking'. The strand is a
        grouping of distinct competencies, and counting siblings would let one lesson stand for all of them.
        """
        related = {competency} | self.members.get(competency, set())
        strand = self.strand_of.get(competency)
        if strand:
            related.add(strand)
        return related

    def _siblings_seen(self, competency: str, seen: set[str]) -> list[str]:
        """Competencies of the same strand already introduced, which a writer may think count (they do not)."""
        strand = self.strand_of.get(competency)
        return sorted((self.members.get(strand, set()) - {competency}) & seen) if strand else []

    # -- per pathway ---------------------------------------------------------------------------------------------

    def progression(self, pathway: Pathway) -> Progression:
        progression = Progression(pathway.id)
        for step in _lesson_steps(pathway):
            lesson = self.catalog.lesson_by_id.get(step.lesson)
            if lesson is None:
                continue
            for item in lesson.competencies:
                progression.competencies.setdefault(item.competency, []).append(
                    ProgressionEntry(lesson.id, item.level, step.grades, step.stage))
        return progression

    def not_introduced(self, pathway: Pathway) -> Iterator[Finding]:
        seen: set[str] = set()
        for step in _lesson_steps(pathway):
            lesson = self.catalog.lesson_by_id.get(step.lesson)
            if lesson is None:
                continue
            touched = set()
            for item in lesson.competencies:
                if item.level != "introduce" and not (self._related(item.competency) & seen):
                    title = self._title(item.competency)
                    verb = "applied" if item.level == "apply" else "developed"
                    grade = grade_long_label(min(step.grades)).lower() if step.grades else "this stage"
                    yield Finding(Diagnostic(
                        "PW301", step.at("lesson"),
                        f"competency '{title}' is {verb} in {grade} ('{lesson.id}') but never introduced earlier "
                        f"in pathway '{pathway.id}'",
                        self._sibling_note(item.competency, seen) + "add an earlier lesson that introduces it "
                        "(often in the exploration stage), or lower the level in "
                        f"{lesson.source.path} to 'introduce'."), pathway.id, (lesson.id,), (step.id,))
                touched.add(item.competency)
            seen |= touched  # a lesson does not introduce a competency to itself

    def _sibling_note(self, competency: str, seen: set[str]) -> str:
        siblings = self._siblings_seen(competency, seen)
        if not siblings:
            return ""
        names = ", ".join(f"'{s}'" for s in siblings)
        return (f"{names} of the same strand {'was' if len(siblings) == 1 else 'were'} introduced earlier, but "
                "that does not count for this competency; ")

    def empty_stages(self, pathway: Pathway) -> Iterator[Finding]:
        order = [s.id for s in self.catalog.stages]
        used = [order.index(s.stage) for s in pathway.stages if s.steps and s.stage in order]
        if not used:
            return
        for index in range(min(used), max(used) + 1):
            stage = self.catalog.stages[index]
            if index not in used:
                yield Finding(Diagnostic(
                    "PW302", pathway.source, f"pathway '{pathway.id}' has no steps in the {stage.title} stage",
                    f"add {stage.title.lower()} steps between the stages before and after it."), pathway.id)

    def empty_grades(self, pathway: Pathway) -> Iterator[Finding]:
        steps = [s for s in pathway.all_steps() if s.grades]
        covered = {g for s in steps for g in s.grades}
        if not covered:
            return
        for grade in range(min(covered), max(covered) + 1):
            if grade in covered:
                continue
            after = next((s for s in steps if min(s.grades) > grade), None)
            before = [s for s in steps if max(s.grades) < grade]
            where = after.source if after else pathway.source
            context = f" (between '{before[-1].title}' and '{after.title}')" if before and after else ""
            yield Finding(Diagnostic(
                "PW303", where, f"pathway '{pathway.id}' has no step in {grade_long_label(grade).lower()}{context}",
                "add a step for that grade, or widen the grades of a step that runs through it."), pathway.id,
                steps=(after.id,) if after else ())

    def credentials(self, pathway: Pathway) -> Iterator[Finding]:
        earlier: list[Step] = []
        for step in pathway.all_steps():
            gated = step.kind == "credential" or (step.kind == "experience" and step.type == "apprenticeship")
            if gated:
                # Courses and experiences prepare wherever they come before; lessons count in the same stage,
                # since an exploration lesson about strengths does not prepare anyone for a certification.
                ready = [s for s in earlier if (s.kind in ("course", "experience") and s.type != "apprenticeship")
                         or (s.kind == "lesson" and s.stage == step.stage)]
                if not ready:
                    what = "credential" if step.kind == "credential" else "apprenticeship"
                    yield Finding(Diagnostic(
                        "PW308", step.source, f"the {what} '{step.title}' has no course or work-based experience "
                        f"before it, and no lesson before it in its stage",
                        "add the step that prepares students for it, before it in the pathway."), pathway.id,
                        steps=(step.id,))
            earlier.append(step)

    def exploration(self, pathway: Pathway) -> Iterator[Finding]:
        if EXPLORATION in self.catalog.stage_by_id and not any(
                s.stage == EXPLORATION and s.steps for s in pathway.stages):
            yield Finding(Diagnostic(
                "PW309", pathway.source, f"pathway '{pathway.id}' has no exploration-stage step",
                "career exploration should start as early as possible: add middle-school lessons or experiences."),
                pathway.id)

    def choices(self, pathway: Pathway) -> Iterator[Finding]:
        for step in pathway.all_steps():
            if step.kind == "choose" and len(step.options) < step.choose:
                yield Finding(Diagnostic(
                    "PW310", step.at("choose"), f"'{step.title}' asks students to choose {step.choose} but offers "
                    f"{len(step.options)} option{'s' if len(step.options) != 1 else ''}",
                    "add options, or lower the number to choose."), pathway.id, steps=(step.id,))

    # -- across the catalog --------------------------------------------------------------------------------------

    def lesson_findings(self) -> Iterator[Finding]:
        placements = self.relations.placements
        order = {s.id: i for i, s in enumerate(self.catalog.stages)}
        for lesson in self.catalog.lessons:
            stage = self.catalog.stage_by_id.get(lesson.stage)
            if stage and lesson.grades and not set(lesson.grades) <= set(stage.grades):
                outside = tuple(g for g in lesson.grades if g not in stage.grades)
                yield Finding(Diagnostic(
                    "PW306", lesson.at("grades"), f"lesson '{lesson.id}' is for grades {lesson.grade_label}, "
                    f"but grade {grade_span_label(outside)} is outside the {stage.title} stage "
                    f"(grades {grade_span_label(stage.grades)})",
                    "change the stage or the grades."), lessons=(lesson.id,))
            if lesson.id not in placements and lesson.id not in self.also_placed:
                yield Finding(Diagnostic("PW307", lesson.at("id"), f"lesson '{lesson.id}' is not part of any pathway",
                                         "add it as a step of a pathway, or switch check PW307 off for guides "
                                         "of stand-alone lessons."), lessons=(lesson.id,))
            for index, earlier_id in enumerate(lesson.builds_on):
                earlier = self.catalog.lesson_by_id.get(earlier_id)
                if earlier is None or not earlier.grades or not lesson.grades:
                    continue
                later_grade = min(earlier.grades) > min(lesson.grades)
                later_stage = order.get(earlier.stage, 0) > order.get(lesson.stage, 0)
                if later_grade or later_stage:
                    why = (f"starts in {grade_long_label(min(earlier.grades)).lower()}" if later_grade else
                           f"belongs to the later {earlier.stage} stage")
                    yield Finding(Diagnostic(
                        "PW304", lesson.at(f"builds_on.{index}"),
                        f"lesson '{lesson.id}' builds on '{earlier_id}', which {why}",
                        "remove the entry, or perhaps the later lesson should build on this one instead."),
                        lessons=(lesson.id, earlier_id))
        yield from self.loops()

    def loops(self) -> Iterator[Finding]:
        lessons = self.catalog.lesson_by_id
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[frozenset[str]] = set()
        for start in sorted(lessons):
            if state.get(start):
                continue
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(lessons[start].builds_on))]
            path = [start]
            state[start] = 1
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                    path.pop()
                elif child in lessons and state.get(child) == 1:
                    cycle = path[path.index(child):]
                    if frozenset(cycle) not in reported:
                        reported.add(frozenset(cycle))
                        first = min(cycle)
                        rotated = cycle[cycle.index(first):] + cycle[:cycle.index(first)]
                        lesson = lessons[first]
                        nxt = rotated[1] if len(rotated) > 1 else first
                        index = lesson.builds_on.index(nxt) if nxt in lesson.builds_on else 0
                        yield Finding(Diagnostic(
                            "PW305", lesson.at(f"builds_on.{index}"),
                            "lessons build on each other in a loop: " + " → ".join([*rotated, first]),
                            "remove one of the builds_on entries in the loop."), lessons=tuple(rotated))
                elif child in lessons and not state.get(child):
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(lessons[child].builds_on)))

    def _title(self, competency: str) -> str:
        found = self.catalog.competency_by_id.get(competency)
        return found.id if found else competency


def analyse(catalog: Catalog, relations: Relations, also_placed: Collection[str] = ()) -> Analysis:
    """Find the continuity gaps of a catalog and the competency progression of each pathway.

    ``also_placed`` names lessons that belong to pathways left out of this catalog (hidden by the guide),
    which are therefore not orphans.
    """
    analyser = _Analyser(catalog, relations, also_placed)
    findings: list[Finding] = []
    progressions = {}
    for pathway in catalog.pathways:
        progressions[pathway.id] = analyser.progression(pathway)
        for check in (analyser.exploration, analyser.empty_stages, analyser.empty_grades, analyser.not_introduced,
                      analyser.credentials, analyser.choices):
            findings.extend(check(pathway))
        findings.extend(barriers.findings(catalog, pathway))
        findings.extend(system_findings.stage_partner_types(catalog, pathway))
    findings.extend(analyser.lesson_findings())
    findings.extend(system_findings.shared_grades(catalog))
    findings.extend(system_findings.unused_partners(catalog))
    findings.extend(system_findings.partners_declared_twice(catalog))
    findings.sort(key=lambda f: f.diagnostic.sort_key())
    return Analysis(findings, progressions)
