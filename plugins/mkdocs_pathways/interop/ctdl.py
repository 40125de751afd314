"""CTDL Pathways JSON-LD for each pathway (ceterms:Pathway and its components), for the Credential Registry."""

from __future__ import annotations

import itertools
from typing import Any

from mkdocs_pathways.interop.terms import (
    CATEGORIES,
    COMPONENT_CLASSES,
    CREDENTIAL_CLASSES,
    CREDIT_UNITS,
    CTDL_CONTEXT,
    LANG,
    ONET,
)
from mkdocs_pathways.model import Catalog, Pathway, Step
from mkdocs_pathways.model_standards import Framework, StandardItem


def _lang(text: str) -> dict[str, str]:
    return {LANG: text}


def _aligned_items(catalog: Catalog, lesson_id: str) -> list[tuple[Framework, StandardItem]]:
    """The items of the guide's standards frameworks a lesson is aligned to, in the lesson's order."""
    lesson = catalog.lesson_by_id.get(lesson_id)
    out = []
    for standard in lesson.standards if lesson else ():
        framework = catalog.framework_by_id.get(standard.framework) if standard.item else None
        item = framework.item_by_id.get(standard.item) if framework else None
        if framework is not None and item is not None and (framework, item) not in out:
            out.append((framework, item))
    return out


def pathway_ctdl(pathway: Pathway, catalog: Catalog, file_url: str, page_url: str,
                 provider: str, partner_ids: dict[str, str] | None = None) -> dict[str, Any]:
    """A CTDL ``ceterms:Pathway`` graph: typed components in journey order, ``precedes`` and ``hasChild``
    links, the destination, "choose N" conditions, and the stages as an ``asn:ProgressionModel``.

    The pathway's partners are ``ceterms:CredentialOrganization`` nodes that offer it (``ceterms:offeredBy``);
    ``partner_ids`` gives each partner's stable id (its partner page's address), the same in every file.
    """
    base = file_url
    pathway_id = f"{base}#pathway"
    model_id = f"{base}#progression-model"
    level_ids = {s.id: f"{base}#stage-{s.id}" for s in catalog.stages}
    nodes: list[dict[str, Any]] = []

    def component(step: Step) -> dict[str, Any]:
        node: dict[str, Any] = {
            "@id": f"{base}#{step.id}", "@type": COMPONENT_CLASSES[step.kind], "ceterms:name": _lang(step.title),
            "ceterms:isPartOf": [pathway_id], "asn:hasProgressionLevel": [level_ids.get(step.stage, model_id)],
            "ceterms:subjectWebpage": f"{page_url}#step-{step.id}",
        }
        if step.summary:
            node["ceterms:description"] = _lang(step.summary)
        if step.kind in CATEGORIES:
            node["ceterms:componentCategory"] = _lang(CATEGORIES[step.kind])
        if step.kind == "organization":
            node["ceterms:componentCategory"] = _lang("Career and technical student organization")
        if step.kind == "credential" and step.type in CREDENTIAL_CLASSES:
            node["ceterms:credentialType"] = CREDENTIAL_CLASSES[step.type]
        if step.kind == "course" and step.credit_type:
            value: dict[str, Any] = {"@type": "ceterms:ValueProfile",
                                     "ceterms:creditUnitType": [CREDIT_UNITS[step.credit_type]]}
            if step.credit_hours:
                value["schema:value"] = step.credit_hours
            node["ceterms:creditValue"] = [value]
        if step.kind == "destination" and step.occupation:
            node["ceterms:occupationType"] = [{"@type": "ceterms:CredentialAlignmentObject",
                                              "ceterms:codedNotation": step.occupation,
                                              "ceterms:framework": ONET, "ceterms:frameworkName": _lang("O*NET-SOC")}]
        if step.kind == "choose":
            condition = {"@type": "ceterms:ComponentCondition", "ceterms:name": _lang(step.title),
                         "ceterms:requiredNumber": step.choose,
                         "ceterms:logicalOperator": "logic:Or" if step.choose > 1 else "logic:OnlyOne",
                         "ceterms:targetComponent": [f"{base}#{o.id}" for o in step.options]}
            node["ceterms:hasCondition"] = [condition]
            node["ceasn:hasChild"] = [f"{base}#{o.id}" for o in step.options]
        return node

    top = [step for stage in pathway.stages for step in stage.steps]
    by_id = {}
    for step in top:
        by_id[step.id] = component(step)
        for option in step.options:
            node = component(option)
            node["ceasn:isChildOf"] = [f"{base}#{step.id}"]
            by_id[option.id] = node
    # A lesson aligned to a standards framework of the guide: each item is a CompetencyComponent under the lesson's
    # component, a proxy for the item by its CASE URI.
    for step in [s for s in pathway.all_steps() if s.kind == "lesson"]:
        for framework, item in _aligned_items(catalog, step.lesson):
            competency_id = f"{base}#competency-{framework.id}-{item.anchor}"
            competency = by_id.setdefault(competency_id, {
                "@id": competency_id, "@type": "ceterms:CompetencyComponent",
                "ceterms:name": _lang(f"{item.label} ({framework.title})"), "ceterms:isPartOf": [pathway_id],
                "asn:hasProgressionLevel": [level_ids.get(step.stage, model_id)],
                **({"ceterms:proxyFor": item.uri} if item.uri else {}),
                **({"ceterms:description": _lang(item.statement)} if framework.republish else {}),
            })
            competency.setdefault("ceasn:isChildOf", []).append(f"{base}#{step.id}")
            by_id[step.id].setdefault("ceasn:hasChild", []).append(competency_id)
    destinations = [s for s in top if s.kind == "destination"]
    path = [s for s in top if s.kind != "destination"]
    # Suggested order: each step precedes the next; the last one precedes every destination.
    for before, after in itertools.pairwise(path):
        by_id[before.id].setdefault("ceterms:precedes", []).append(f"{base}#{after.id}")
        by_id[after.id].setdefault("ceasn:hasChild", []).insert(0, f"{base}#{before.id}")
        by_id[before.id].setdefault("ceasn:isChildOf", []).append(f"{base}#{after.id}")
    if path:
        for destination in destinations:
            by_id[path[-1].id].setdefault("ceterms:precedes", []).append(f"{base}#{destination.id}")
            by_id[destination.id].setdefault("ceasn:hasChild", []).insert(0, f"{base}#{path[-1].id}")
            by_id[path[-1].id].setdefault("ceasn:isChildOf", []).append(f"{base}#{destination.id}")
    goals = destinations or path[-1:]
    for goal in goals:
        by_id[goal.id]["ceterms:isDestinationComponentOf"] = [pathway_id]
    nodes.append({
        "@id": pathway_id, "@type": "ceterms:Pathway", "ceterms:name": _lang(pathway.title),
        "ceterms:description": _lang(pathway.summary), "ceterms:subjectWebpage": page_url,
        "ceterms:ownedBy": [{"@type": "ceterms:CredentialOrganization", "ceterms:name": _lang(provider)}],
        "ceterms:hasDestinationComponent": [f"{base}#{g.id}" for g in goals],
        "ceterms:hasPart": list(by_id[i]["@id"] for i in by_id),
        "asn:hasProgressionModel": model_id,
        "ceterms:occupationType": [{"@type": "ceterms:CredentialAlignmentObject",
                                    "ceterms:codedNotation": o.code, "ceterms:targetNodeName": _lang(o.title),
                                    "ceterms:framework": ONET, "ceterms:frameworkName": _lang("O*NET-SOC")}
                                   for o in pathway.occupations],
        "ceterms:offeredBy": [_partner_id(p.id, partner_ids, base) for p in pathway.partners],
    })
    nodes.append({"@id": model_id, "@type": "asn:ProgressionModel", "ceasn:name": _lang("Career-connected stages"),
                  "skos:hasTopConcept": [level_ids[s.id] for s in catalog.stages]})
    for index, stage in enumerate(catalog.stages):
        level: dict[str, Any] = {"@id": level_ids[stage.id], "@type": "asn:ProgressionLevel",
                                 "skos:prefLabel": _lang(stage.title), "ceasn:inProgressionModel": model_id}
        if stage.description:
            level["skos:definition"] = _lang(stage.description)
        if index + 1 < len(catalog.stages):
            level["ceterms:precedes"] = [level_ids[catalog.stages[index + 1].id]]
        nodes.append(level)
    for partner in pathway.partners:
        organization: dict[str, Any] = {"@id": _partner_id(partner.id, partner_ids, base),
                                        "@type": "ceterms:CredentialOrganization",
                                        "ceterms:name": _lang(partner.name)}
        if partner.description or partner.role:
            organization["ceterms:description"] = _lang(partner.description or partner.role)
        if partner.url:
            organization["ceterms:subjectWebpage"] = partner.url
        nodes.append(organization)
    nodes = [{k: v for k, v in node.items() if v != []} for node in nodes]
    nodes.extend(by_id.values())
    return {"@context": CTDL_CONTEXT, "@graph": nodes}


def _partner_id(partner_id: str, partner_ids: dict[str, str] | None, base: str) -> str:
    """A partner organization's stable id: its partner page's address, or a fragment of this file."""
    if partner_ids and partner_id in partner_ids:
        return f"{partner_ids[partner_id]}#organization"
    return f"{base}#partner-{partner_id}"
