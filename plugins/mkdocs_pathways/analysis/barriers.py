"""Whether every student can take a pathway: fees no partner covers (PW311), unpaid work (PW312), selective
steps with no open alternative (PW313), steps out of school hours with no way to get there (PW314), and no
hands-on work before a credential or destination (PW315).
"""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_pathways.analysis.findings import Finding
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.model import Catalog, Pathway, Step
from mkdocs_pathways.vocab import WBL_LEVEL

OUTCOME_KINDS = ("credential", "destination")
KIND_NOUNS = {"course": "course", "experience": "work-based learning step", "credential": "credential",
              "organization": "student organization"}
WHEN_PHRASES = {"after-school": "after school", "evenings": "in the evenings", "weekends": "at weekends",
                "summer": "in the summer"}


def findings(catalog: Catalog, pathway: Pathway) -> Iterator[Finding]:
    """Every barrier to access in one pathway (PW311-PW315)."""
    yield from costs(pathway)
    yield from pay(pathway)
    yield from selection(catalog, pathway)
    yield from transportation(pathway)
    yield from hands_on(pathway)


def costs(pathway: Pathway) -> Iterator[Finding]:
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


def pay(pathway: Pathway) -> Iterator[Finding]:
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


def selection(catalog: Catalog, pathway: Pathway) -> Iterator[Finding]:
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
                f"{_stage(catalog, stage.stage)} stage is open to every student instead",
                "offer an open alternative in the same stage (for example as another option of a choose "
                "group), or open the step to every student."), pathway.id, steps=(step.id,))


def transportation(pathway: Pathway) -> Iterator[Finding]:
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


def hands_on(pathway: Pathway) -> Iterator[Finding]:
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


def _stage(catalog: Catalog, stage_id: str) -> str:
    stage = catalog.stage_by_id.get(stage_id)
    return stage.title if stage else stage_id


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
