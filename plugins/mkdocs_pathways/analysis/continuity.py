"""Continuity analysis: where each competency grows along a pathway, and where the journey has gaps.

Pure functions of the model. The same findings feed ``pathways check``, the build, the ``/continuity/``
page, each pathway page's progression table, and ``continuity.json``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.model import Catalog, Partner, Pathway, Step
from mkdocs_pathways.vocab import POSTSECONDARY, WBL_LEVEL, grade_long_label, grade_span_label

EXPLORATION = "exploration"
# Findings about whether every student can take the pathway (issue #17), shown apart on the report.
BARRIER_CODES = ("PW311", "PW312", "PW313", "PW314", "PW315")
OUTCOME_KINDS = ("credential", "destination")
KIND_NOUNS = {"course": "course", "experience": "work-based learning step", "credential": "credential",
              "organization": "student organization"}
WHEN_PHRASES = {"after-school": "after school", "evenings": "in the evenings", "weekends": "at weekends",
                "summer": "in the summer"}

EXPLORATION = "exploration"
# The partner types each stage needs (PW322), for the stages of that id. Other stages are not checked.
STAGE_PARTNER_TYPES: dict[str, tuple[str, ...]] = {
    "exploration": ("employer",),
    "preparation": ("employer", "college"),
    "launch": ("employer",),
}
SYSTEM_CODES = ("PW320", "PW321", "PW322", "PW323")


@dataclass(frozen=True)
class Finding:
    """A continuity finding: the diagnostic, the pathway it concerns (if one), and what it is about."""

    diagnostic: Diagnostic
    pathway: str = ""
    lessons: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()

    @property
    def is_system(self) -> bool:
        """A finding about the system as a whole: shared steps across pathways, and partners."""
        return self.diagnostic.code in SYSTEM_CODES


@dataclass(frozen=True)
class ProgressionEntry:
    """One lesson's work on a competency at one point of a pathway."""

    lesson: str
    level: str
    grades: tuple[int, ...]
    stage: str


@dataclass
class Progression:
    """For one pathway: each competency it touches, with its entries in journey order."""

    pathway: str
    competencies: dict[str, list[ProgressionEntry]] = field(default_factory=dict)


@dataclass
class Analysis:
    findings: list[Finding]
    progressions: dict[str, Progression]

    def for_pathway(self, pathway_id: str) -> list[Finding]:
        return [f for f in self.findings if f.pathway == pathway_id]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [f.diagnostic for f in self.findings]

    def barriers(self, pathway_id: str | None = None) -> list[Finding]:
        """The findings about barriers to access (PW311-PW315), of one pathway or of all."""
        return [f for f in self.findings if f.diagnostic.code in BARRIER_CODES
                and (pathway_id is None or f.pathway == pathway_id)]


def _top_level(pathway: Pathway) -> list[Step]:
    return [step for stage in pathway.stages for step in stage.steps]


def free_of(group: Step) -> list[Step]:
    """The options of a choice that have no fee a student pays."""
    return [o for o in group.options if not o.access.uncovered_fee]


def _fee(step: Step) -> str:
    fee = step.access.fee
    return f"a fee of ${fee:,.2f}".replace(".00", "") if fee else "a fee"


def _names(titles: list[str]) -> str:
    quoted = [f"'{t}'" for t in dict.fromkeys(titles)]
    if len(quoted) > 3:
        return ", ".join(quoted[:2]) + f" and {len(quoted) - 2} more"
    return " and ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else quoted[0]


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

    # -- open to every student -----------------------------------------------------------------------------------

    def costs(self, pathway: Pathway) -> Iterator[Finding]:
        """PW311: a fee no partner covers on every route to a credential or destination."""
        blocked: dict[str, tuple[Step, list[str]]] = {}  # blocker id -> blocker, the outcomes behind it
        order: list[str] = []
        passed: list[Step] = []  # fee steps and all-fee choices that every route so far passes through

        def reach(target: Step, own: list[Step]) -> None:
            for blocker in [*passed, *own]:
                if blocker.id not in blocked:
                    blocked[blocker.id] = (blocker, [])
                    order.append(blocker.id)
                blocked[blocker.id][1].append(target.title)

        for step in _top_level(pathway):
            if step.kind == "choose":
                for option in step.options:
                    if option.kind in OUTCOME_KINDS:
                        reach(option, [option] if option.access.uncovered_fee else [])
                free = [o for o in step.options if not o.access.uncovered_fee]
                if step.options and len(free) < step.choose:
                    passed.append(step)
                continue
            if step.kind in OUTCOME_KINDS:
                reach(step, [step] if step.access.uncovered_fee else [])
            if step.access.uncovered_fee and step.kind != "destination":
                passed.append(step)
        for blocker_id in order:
            blocker, targets = blocked[blocker_id]
            if not targets:
                continue
            if blocker.kind == "choose":
                count = len(free_of(blocker))
                what = (f"'{blocker.title}' asks students to choose {blocker.choose} but only {count} of its options "
                        "are free of a fee that no partner covers") if count else (
                        f"every option of '{blocker.title}' has a fee that no partner covers")
                where = blocker.source
            else:
                what = f"'{blocker.title}' costs students {_fee(blocker)} that no partner covers"
                where = blocker.at("cost")
            yield Finding(Diagnostic(
                "PW311", where, f"{what}, and every route to {_names(targets)} passes through it",
                "ask a partner (a workforce board, employer or college) to cover the fee and name it in "
                "`covered_by:`, or offer a free option."), pathway.id, steps=(blocker.id,))

    def pay(self, pathway: Pathway) -> Iterator[Finding]:
        """PW312: every work-based learning step that says what it pays is unpaid."""
        stated = [s for s in pathway.all_steps() if s.kind == "experience" and s.access.pay]
        if stated and all(s.access.pay == "unpaid" for s in stated):
            count = f"all {len(stated)} work-based learning steps that say what they pay are" if len(stated) > 1 \
                else "the one work-based learning step that says what it pays is"
            yield Finding(Diagnostic(
                "PW312", stated[0].at("pay"), f"in pathway '{pathway.id}', {count} unpaid, so students who must "
                "earn money cannot take them",
                "find a partner to pay a wage or a stipend for at least one placement, and say `pay: paid` or "
                "`pay: stipend`."), pathway.id, steps=tuple(s.id for s in stated))

    def selection(self, pathway: Pathway) -> Iterator[Finding]:
        """PW313: a selective step with no open step of the same kind in its stage."""
        for stage in pathway.stages:
            steps = [s for step in stage.steps for s in (step, *step.options)]
            group_of = {id(o): step for step in stage.steps for o in step.options}
            for step in steps:
                if not step.access.selective:
                    continue
                # Another option of the same choice is an alternative whatever its kind; elsewhere in the stage,
                # a step of the same kind is.
                group = group_of.get(id(step))
                siblings = [o for o in group.options if o is not step] if group else []
                open_ones = [s for s in steps if s is not step and s.kind == step.kind and not s.access.selective]
                if open_ones or any(not o.access.selective for o in siblings):
                    continue
                access = step.access
                why = " and ".join(x for x in ("an application" if access.application else "",
                                               f"a GPA of {access.min_gpa}" if access.min_gpa is not None else "")
                                   if x)
                noun = KIND_NOUNS.get(step.kind, step.kind)
                yield Finding(Diagnostic(
                    "PW313", step.at("eligibility"), f"'{step.title}' asks for {why}, and no {noun} in the "
                    f"{self._stage(stage.stage)} stage is open to every student instead",
                    "offer an open alternative in the same stage (for example as another option of a choose "
                    "group), or open the step to every student."), pathway.id, steps=(step.id,))

    def transportation(self, pathway: Pathway) -> Iterator[Finding]:
        """PW314: a step outside school hours with no transportation."""
        for step in pathway.all_steps():
            access = step.access
            if access.outside_school_hours and access.transportation not in ("provided", "public-transit"):
                how = ("students arrange their own transportation" if access.transportation == "students-arrange"
                       else "the pathway does not say how students get there")
                yield Finding(Diagnostic(
                    "PW314", step.at("when"), f"'{step.title}' happens {WHEN_PHRASES[access.when]} and {how}",
                    "provide transportation (an activity bus, transit passes, rides arranged by the partner) and "
                    "say `transportation: provided` or `public-transit`, or hold it in the school day."),
                    pathway.id, steps=(step.id,))

    def hands_on(self, pathway: Pathway) -> Iterator[Finding]:
        """PW315: the first credential or destination with no hands-on experience on every route before it."""
        if not any(s.kind == "experience" for s in pathway.all_steps()):
            return  # a sequence of lessons and courses has not started the continuum; nothing to follow
        seen = False
        levels: list[str] = []
        for step in _top_level(pathway):
            targets = [o for o in step.options if o.kind in OUTCOME_KINDS] if step.kind == "choose" else (
                [step] if step.kind in OUTCOME_KINDS else [])
            if targets and not seen:
                target = targets[0]
                reached = [level for level in ("awareness", "exploration", "preparation", "training")
                           if level in levels]
                before = (f"its work-based learning before it reaches only the {reached[-1]} level" if reached
                          else "it has no work-based learning before it")
                yield Finding(Diagnostic(
                    "PW315", target.source, f"no hands-on work-based learning (a job shadow, internship or "
                    f"apprenticeship) comes before the {target.kind} '{target.title}' in pathway '{pathway.id}'; "
                    f"{before}",
                    "follow the continuum awareness → exploration → preparation → training: add a job shadow, "
                    "internship or other hands-on experience before it."), pathway.id, steps=(target.id,))
                return
            if step.kind == "choose":
                levels += [WBL_LEVEL.get(o.type, "") for o in step.options if o.kind == "experience"]
                seen = seen or (bool(step.options) and sum(o.is_hands_on for o in step.options) >= step.choose)
            elif step.kind == "experience":
                levels.append(WBL_LEVEL.get(step.type, ""))
                seen = seen or step.is_hands_on

    def _stage(self, stage_id: str) -> str:
        stage = self.catalog.stage_by_id.get(stage_id)
        return stage.title if stage else stage_id

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

    # -- the system: pathways and partners together ---------------------------------------------------------------

    def shared_grades(self) -> Iterator[Finding]:
        """PW320: a grade (K-12) where the pathways that reach it share no step."""
        if len(self.catalog.pathways) < 2:
            return
        for row in system.journey(self.catalog):
            if row.grade == POSTSECONDARY or row.everyone:
                continue
            grade = grade_long_label(row.grade).lower()
            if not row.pathways:
                where = self.catalog.pathways[0].source
                message = f"no pathway has a step in {grade}, so students get nothing that year"
            else:
                first = row.pathways[0]
                where = next((st.source for st in first.all_steps() if row.grade in st.grades), first.source)
                names = ", ".join(f"'{p.id}'" for p in row.pathways)
                message = (f"students who have not chosen a pathway get nothing in {grade}: the pathways that reach "
                           f"it ({names}) share no step there")
            yield Finding(Diagnostic(
                "PW320", where, message,
                "add a step that every pathway has in that grade (the same lesson, or the same step id), such as "
                "a portfolio lesson or a plan milestone."), steps=())

    def unused_partners(self) -> Iterator[Finding]:
        """PW321: a partner no step names (a pathway's own partner: no step of that pathway)."""
        named = {p for pathway in self.catalog.pathways for step in pathway.all_steps() for p in _involved(step)}
        for partner in self.catalog.guide_partners:
            if partner.id not in named:
                yield Finding(Diagnostic(
                    "PW321", partner.source, f"partner '{partner.id}' takes part in no step of any pathway",
                    "add its id to the 'partners:' of the steps it runs, hosts or funds, or remove it."),
                    partners=(partner.id,))
        for pathway in self.catalog.pathways:
            used = {p for step in pathway.all_steps() for p in _involved(step)}
            for partner in pathway.partners:
                if partner.pathway == pathway.id and partner.id not in used:
                    yield Finding(Diagnostic(
                        "PW321", partner.source,
                        f"partner '{partner.id}' takes part in no step of pathway '{pathway.id}'",
                        "add its id to the 'partners:' of the steps it runs, hosts or funds, or remove it."),
                        pathway.id, partners=(partner.id,))

    def stage_partner_types(self, pathway: Pathway) -> Iterator[Finding]:
        """PW322: a stage of a pathway with no partner of a type that stage needs."""
        types = {p.id: p.type for p in pathway.partners}
        if not any(step.partners for step in pathway.all_steps()):
            return
        for stage in pathway.stages:
            needed = STAGE_PARTNER_TYPES.get(stage.stage, ())
            if not stage.steps or not needed:
                continue
            present = {types.get(p) for step in stage.steps for item in (step, *step.options) for p in item.partners}
            title = self.catalog.stage_by_id[stage.stage].title if stage.stage in self.catalog.stage_by_id \
                else stage.stage
            for kind in needed:
                if kind not in present:
                    yield Finding(Diagnostic(
                        "PW322", stage.steps[0].source,
                        f"the {title} stage of pathway '{pathway.id}' has no {kind}: no step names a partner of "
                        f"type {kind}",
                        f"add the {kind} that hosts, teaches or runs a step of this stage to its 'partners:'."),
                        pathway.id, steps=(stage.steps[0].id,))

    def partners_declared_twice(self) -> Iterator[Finding]:
        """PW323: two pathways that each declare the same partner (same id, name or website) of their own."""
        seen: dict[str, Partner] = {}
        for pathway in self.catalog.pathways:
            for partner in pathway.partners:
                if partner.pathway != pathway.id:
                    continue
                keys = {f"id:{partner.id}", f"name:{_plain(partner.name)}"}
                if partner.url:
                    keys.add(f"url:{partner.url.rstrip('/').lower()}")
                earlier = next((seen[k] for k in sorted(keys) if k in seen and seen[k].pathway != pathway.id), None)
                if earlier is not None:
                    same = "id" if earlier.id == partner.id else (
                        "name" if _plain(earlier.name) == _plain(partner.name) else "website")
                    yield Finding(Diagnostic(
                        "PW323", partner.source,
                        f"partner '{partner.id}' is also declared in pathway '{earlier.pathway}' (as "
                        f"'{earlier.id}', the same {same})",
                        "declare it once in the partners file (partners.yml) and write only its id and role in "
                        "each pathway."), pathway.id, partners=tuple(dict.fromkeys((earlier.id, partner.id))))
                for key in keys:
                    seen.setdefault(key, partner)

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
                      analyser.credentials, analyser.choices, analyser.costs, analyser.pay, analyser.selection,
                      analyser.transportation, analyser.hands_on, analyser.stage_partner_types):
            findings.extend(check(pathway))
    findings.extend(analyser.lesson_findings())
    findings.extend(analyser.shared_grades())
    findings.extend(analyser.unused_partners())
    findings.extend(analyser.partners_declared_twice())
    findings.sort(key=lambda f: f.diagnostic.sort_key())
    return Analysis(findings, progressions)


def _plain(name: str) -> str:
    """A partner's name for comparison: lower case, letters and digits only, without a "(sample)" label."""
    return re.sub(r"[^a-z0-9]+", "", name.lower().replace("(sample)", ""))


def _involved(step: Step) -> tuple[str, ...]:
    """The partners that take part in a step: those named on it, and the one that pays its fee."""
    covered_by = (step.access.covered_by,) if step.access.covered_by else ()
    return (*step.partners, *covered_by)
