"""Findings about the system as a whole, pathways and partners together: a grade where the pathways share no
step (PW320), a partner no step names (PW321), a stage with no partner of a type it needs (PW322), and a partner
two pathways each declare (PW323).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.findings import Finding
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.model import Catalog, Partner, Pathway, Step
from mkdocs_pathways.vocab import POSTSECONDARY, grade_long_label

# The partner types each stage needs (PW322), for the stages of that id. Other stages are not checked.
STAGE_PARTNER_TYPES: dict[str, tuple[str, ...]] = {
    "exploration": ("employer",),
    "preparation": ("employer", "college"),
    "launch": ("employer",),
}


def shared_grades(catalog: Catalog) -> Iterator[Finding]:
    """PW320: a grade (K-12) where the pathways that reach it share no step."""
    if len(catalog.pathways) < 2:
        return
    for row in system.journey(catalog):
        if row.grade == POSTSECONDARY or row.everyone:
            continue
        grade = grade_long_label(row.grade).lower()
        if not row.pathways:
            where = catalog.pathways[0].source
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


def unused_partners(catalog: Catalog) -> Iterator[Finding]:
    """PW321: a partner no step names (a pathway's own partner: no step of that pathway)."""
    named = {p for pathway in catalog.pathways for step in pathway.all_steps() for p in _involved(step)}
    for partner in catalog.guide_partners:
        if partner.id not in named:
            yield Finding(Diagnostic(
                "PW321", partner.source, f"partner '{partner.id}' takes part in no step of any pathway",
                "add its id to the 'partners:' of the steps it runs, hosts or funds, or remove it."),
                partners=(partner.id,))
    for pathway in catalog.pathways:
        used = {p for step in pathway.all_steps() for p in _involved(step)}
        for partner in pathway.partners:
            if partner.pathway == pathway.id and partner.id not in used:
                yield Finding(Diagnostic(
                    "PW321", partner.source,
                    f"partner '{partner.id}' takes part in no step of pathway '{pathway.id}'",
                    "add its id to the 'partners:' of the steps it runs, hosts or funds, or remove it."),
                    pathway.id, partners=(partner.id,))


def stage_partner_types(catalog: Catalog, pathway: Pathway) -> Iterator[Finding]:
    """PW322: a stage of a pathway with no partner of a type that stage needs."""
    types = {p.id: p.type for p in pathway.partners}
    if not any(step.partners for step in pathway.all_steps()):
        return
    for stage in pathway.stages:
        needed = STAGE_PARTNER_TYPES.get(stage.stage, ())
        if not stage.steps or not needed:
            continue
        present = {types.get(p) for step in stage.steps for item in (step, *step.options) for p in item.partners}
        title = catalog.stage_by_id[stage.stage].title if stage.stage in catalog.stage_by_id \
            else stage.stage
        for kind in needed:
            if kind not in present:
                yield Finding(Diagnostic(
                    "PW322", stage.steps[0].source,
                    f"the {title} stage of pathway '{pathway.id}' has no {kind}: no step names a partner of "
                    f"type {kind}",
                    f"add the {kind} that hosts, teaches or runs a step of this stage to its 'partners:'."),
                    pathway.id, steps=(stage.steps[0].id,))


def partners_declared_twice(catalog: Catalog) -> Iterator[Finding]:
    """PW323: two pathways that each declare the same partner (same id, name or website) of their own."""
    seen: dict[str, Partner] = {}
    for pathway in catalog.pathways:
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


def _plain(name: str) -> str:
    """A partner's name for comparison: lower case, letters and digits only, without a "(sample)" label."""
    return re.sub(r"[^a-z0-9]+", "", name.lower().replace("(sample)", ""))


def _involved(step: Step) -> tuple[str, ...]:
    """The partners that take part in a step: those named on it, and the one that pays its fee."""
    covered_by = (step.access.covered_by,) if step.access.covered_by else ()
    return (*step.partners, *covered_by)
