"""Turn the cleaned fields of pathway and partners files into model objects, resolving references on the way.

Lessons and translations are built by :class:`~mkdocs_pathways.load.build_lessons.LessonBuilder`, which
:class:`Builder` extends, so that the loader drives one builder.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load.build_lessons import LessonBuilder
from mkdocs_pathways.load.field_locations import field_locations
from mkdocs_pathways.load.references import References
from mkdocs_pathways.load.sources import SourceFile
from mkdocs_pathways.load.yamlsource import Path_, SourceMap
from mkdocs_pathways.model import Occupation, Partner, Pathway, PathwayStage, PathwayTranslation, Step, Wage
from mkdocs_pathways.model_access import Access
from mkdocs_pathways.words import did_you_mean, short, slugify


class Builder(LessonBuilder):
    """Builds lessons, translations and pathways; unknown references are reported through ``refs``."""

    def __init__(self, refs: References) -> None:
        super().__init__(refs)
        self.guide_partners: dict[str, Partner] = {}
        # Partners declared inside a pathway, by id: the first declaration, to compare later ones with.
        self.local_partners: dict[str, Partner] = {}

    def partners_file(self, file: SourceFile) -> tuple[Partner, ...]:
        """The partners of the guide's partners file, each once (PW108 for a second use of an id)."""
        source = file.source
        for index, p in enumerate(file.data.get("partners", ())):
            if not all(k in p for k in ("id", "name", "type")):
                continue  # a missing field is reported by the shape check
            if p["id"] in self.guide_partners:
                self.refs.problems.append(Diagnostic("PW108", source.at(("partners", index, "id")),
                                                     f"two partners have the id '{p['id']}'",
                                                     "give each partner its own id, or remove the second one."))
                continue
            self.guide_partners[p["id"]] = Partner(
                p["id"], p["name"], p["type"], "", p.get("url", ""), source.at(("partners", index)),
                contact=p.get("contact", ""), description=p.get("description", ""), region=p.get("region", ""))
        return tuple(self.guide_partners.values())

    def _pathway_partner(self, p: dict[str, Any], pathway_id: str, source: SourceMap,
                         index: int) -> Partner | None:
        """One entry of a pathway's partners list: a reference to the partners file (with this pathway's role)
        or a partner of the pathway's own; None, reported, if it cannot be either."""
        where = source.at(("partners", index))
        shared = self.guide_partners.get(p["id"])
        earlier = shared or self.local_partners.get(p["id"])
        if earlier is not None:
            for name in ("name", "type"):
                if name in p and p[name] != getattr(earlier, name):
                    declared = ("the partners file" if earlier.shared else f"pathway '{earlier.pathway}'")
                    self.refs.problems.append(Diagnostic(
                        "PW140", source.at(("partners", index, name)),
                        f"partner '{p['id']}' has the {name} '{short(str(p[name]), 80)}' here but "
                        f"'{short(getattr(earlier, name), 80)}' in {declared} ({earlier.source})",
                        "one id is one organization: use the same name and type everywhere (or write only the id "
                        "and role here), or give a different organization its own id."))
                    p = {k: v for k, v in p.items() if k not in ("name", "type")}  # the first declaration holds
                    break
        if shared is not None:
            return dataclasses.replace(
                shared, role=p.get("role", ""), url=p.get("url", shared.url), contact=p.get("contact", shared.contact),
                description=p.get("description", shared.description), region=p.get("region", shared.region))
        if earlier is not None and not all(k in p for k in ("name", "type")):
            p = {"name": earlier.name, "type": earlier.type, **p}
        missing = [name for name in ("name", "type") if name not in p]
        if missing:
            self.refs.problems.append(Diagnostic(
                "PW141", where, f"partner '{p['id']}' has no {' and no '.join(missing)}, and the guide's partners "
                "file does not declare it",
                f"{did_you_mean(p['id'], self.guide_partners)}add 'name:' and 'type:' here, or declare the partner "
                "once in the partners file (partners.yml) and refer to it by id."))
            return None
        partner = Partner(p["id"], p["name"], p["type"], p.get("role", ""), p.get("url", ""), where,
                          contact=p.get("contact", ""), description=p.get("description", ""),
                          region=p.get("region", ""), pathway=pathway_id)
        self.local_partners.setdefault(partner.id, partner)
        return partner

    def pathway(self, item: SourceFile) -> Pathway:
        """A pathway from its file."""
        d, source = item.data, item.source
        if "cluster" in d:
            self.refs.cluster(d["cluster"], source, ("cluster",))
        partners: list[Partner] = []
        for index, p in enumerate(d.get("partners", ())):
            if "id" not in p:
                continue
            if any(other.id == p["id"] for other in partners):
                self.refs.problems.append(Diagnostic("PW108", source.at(("partners", index, "id")),
                                                f"two partners have the id '{p['id']}'",
                                                "give each partner its own id."))
                continue
            partner = self._pathway_partner(p, d["id"], source, index)
            if partner is not None:
                partners.append(partner)
        listed = {p.id for p in partners}
        builder = _StepBuilder(self.refs, source, listed | set(self.guide_partners))
        stages = []
        for stage in self.refs.stage_ids:  # journey order, whatever order the file lists them in
            if stage in d.get("stages", {}):
                steps = builder.steps(d["stages"][stage], stage, ("stages", stage), f"stage '{stage}'")
                stages.append(PathwayStage(stage, steps))
        # Partners of the partners file that steps name without the pathway listing them take part too.
        named = [p for stage in stages for step in stage.steps for option in (step, *step.options)
                 for p in option.partners]
        for partner_id in dict.fromkeys(named):
            if partner_id not in listed and partner_id in self.guide_partners:
                partners.append(self.guide_partners[partner_id])
                listed.add(partner_id)
        return Pathway(
            id=d["id"],
            title=d.get("title", d["id"]),
            summary=d.get("summary", ""),
            cluster=d.get("cluster", ""),
            source=source.at(()),
            description=d.get("description", ""),
            sample=bool(d.get("sample", False)),
            occupations=tuple(Occupation(o["code"], o["title"], source.at(("occupations", i)), _wage(o.get("wage")))
                              for i, o in enumerate(d.get("occupations", ())) if "code" in o and "title" in o),
            partners=tuple(partners),
            stages=tuple(stages),
            authors=tuple(d.get("authors", ())),
            license=d.get("license", ""),
            translations=tuple(PathwayTranslation(t["language"], t["title"], t["summary"])
                               for t in d.get("translations", ()) if all(k in t for k in ("language", "title",
                                                                                        "summary"))),
        )


class _StepBuilder:
    """Turns one pathway's cleaned steps into :class:`Step` objects, checking ids and references."""

    def __init__(self, refs: References, source: SourceMap, partner_ids: set[str]) -> None:
        self.refs = refs
        self.source = source
        self.partner_ids = partner_ids
        self.step_ids: dict[str, int] = {}

    def steps(self, items: list[dict[str, Any]], stage: str, path: Path_, what: str) -> tuple[Step, ...]:
        out = []
        for index, item in enumerate(items):
            name = f"step {index + 1} of {what}" if what.startswith("stage") else f"option {index + 1} in {what}"
            step = self.step(item, stage, (*path, index), name)
            if step is not None:
                out.append(step)
        return tuple(out)

    def step(self, d: dict[str, Any], stage: str, path: Path_, what: str) -> Step | None:
        kind = d["_kind"]
        refs = self.refs
        lesson = None
        if kind == "lesson":
            lesson = refs.lesson(d["lesson"], self.source, (*path, "lesson"),
                                 f"{what} refers to unknown lesson '{short(d['lesson'], 80)}'")
        for index, partner in enumerate(d.get("partners", ())):
            refs.known(partner, self.partner_ids, "PW116", self.source, (*path, "partners", index), "partner",
                       "Partners are listed under the pathway's 'partners:' or in the guide's partners file.",
                       f"{what} names unknown partner '{partner}'")
        title = lesson.title if lesson else str(d.get("title") or d.get(kind) or "")
        step_id = d.get("id") or (d["lesson"] if kind == "lesson" else slugify(title))
        where = self.source.at(path)
        if step_id in self.step_ids:
            refs.problems.append(Diagnostic(
                "PW115", where, f"{what} has the id '{step_id}', already used on line {self.step_ids[step_id]}",
                f"give this step its own id, for example 'id: {step_id}-2'."))
        else:
            self.step_ids[step_id] = where.line
        options: tuple[Step, ...] = ()
        if kind == "choose":
            options = self.steps(d.get("options", []), stage, (*path, "options"), what)
        grades = d.get("grades") or (lesson.grades if lesson else ()) or tuple(
            sorted({g for option in options for g in option.grades}))
        credit = d.get("credit", {})
        cost = d.get("cost", {})
        covered_by = cost.get("covered_by", "")
        if covered_by and not refs.known(covered_by, self.partner_ids, "PW116", self.source,
                                         (*path, "cost", "covered_by"), "partner",
                                         "Partners are listed under the pathway's 'partners:'.",
                                         f"{what} says its fee is covered by unknown partner "
                                         f"'{short(covered_by, 80)}'"):
            covered_by = ""
        eligibility = d.get("eligibility", {})
        access = Access(
            cost=cost.get("type", ""), fee=cost.get("amount"), covered_by=covered_by, pay=d.get("pay", ""),
            min_age=eligibility.get("min_age"), min_grade=eligibility.get("min_grade"),
            min_gpa=eligibility.get("min_gpa"), application=bool(eligibility.get("application", False)),
            prerequisites=eligibility.get("prerequisites", ""), when=d.get("when", ""),
            transportation=d.get("transportation", ""), seats=d.get("seats"))
        return Step(
            id=step_id, kind=kind, title=title, stage=stage, grades=tuple(grades), source=where,
            summary=d.get("summary", "") or (lesson.summary if lesson else ""),
            lesson=d.get("lesson", ""), type=d.get("type", ""), code=d.get("code", ""),
            credit_type=credit.get("type", ""), credit_hours=credit.get("hours"), hours=d.get("hours"),
            issuer=d.get("issuer", ""), occupation=d.get("occupation", ""),
            partners=tuple(p for p in d.get("partners", ()) if p in self.partner_ids),
            choose=d.get("choose", 0), options=options, access=access,
            locations=field_locations(self.source, path, d),
        )


def _wage(d: dict[str, Any] | None) -> Wage | None:
    if not d or not all(k in d for k in ("amount", "period", "area", "source", "year")):
        return None
    return Wage(d["amount"], d["period"], d["area"], d["source"], d["year"], d.get("url", ""))
