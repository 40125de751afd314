"""Machine-readable views of a guide: ``catalog.json``, schema.org JSON-LD for pages, CTDL for pathways.

Every mapping follows ``shared/reference/standards.md``: schema.org/LRMI for pages (what search engines and
learning platforms read), CTDL Pathways for the Credential Registry, emitted per the schema rather than as
Credential Engine's own samples do (``ceasn:hasChild``, not ``ceterms:hasChild``; ``ceterms:isPartOf`` on
components; no ``hasChild`` on the Pathway itself).
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from mkdocs_pathways.analysis.licensing import license_url
from mkdocs_pathways.model import Catalog, Lesson, Pathway, Step
from mkdocs_pathways.vocab import POSTSECONDARY, grade_label

CATALOG_FORMAT = "mkdocs-pathways/catalog"
CATALOG_VERSION = 1
CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
ONET = "https://www.onetcenter.org/taxonomy.html"
LANG = "en-US"
CREDENTIAL_CLASSES = {
    "industry-certification": "ceterms:Certification", "certificate": "ceterms:Certificate",
    "diploma-endorsement": "ceterms:SecondarySchoolDiploma", "degree": "ceterms:Degree",
    "license": "ceterms:License", "pre-apprenticeship-certificate": "ceterms:PreApprenticeshipCertificate",
    "apprenticeship-certificate": "ceterms:ApprenticeshipCertificate",
}
CREDIT_UNITS = {"dual": "creditUnit:DualCredit", "high-school": "creditUnit:SecondaryDiplomaCredit",
                "articulated": "creditUnit:DegreeCredit", "college": "creditUnit:SemesterHour"}
COMPONENT_CLASSES = {
    "lesson": "ceterms:BasicComponent", "course": "ceterms:CourseComponent",
    "experience": "ceterms:WorkExperienceComponent", "credential": "ceterms:CredentialComponent",
    "organization": "ceterms:CocurricularComponent", "milestone": "ceterms:BasicComponent",
    "destination": "ceterms:JobComponent", "choose": "ceterms:BasicComponent",
}
CATEGORIES = {"lesson": "Lesson unit", "milestone": "Milestone", "choose": "Choice of options"}


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` appear literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _grades(grades: tuple[int, ...]) -> list[str]:
    return [grade_label(g) for g in grades]


# -- catalog.json -----------------------------------------------------------------------------------------------

def _step(step: Step, url: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id, "kind": step.kind, "title": step.title, "stage": step.stage,
                           "grades": _grades(step.grades), "url": f"{url}#step-{step.id}"}
    for name in ("summary", "lesson", "type", "code", "issuer", "occupation"):
        if getattr(step, name):
            out[name] = getattr(step, name)
    if step.credit_type:
        out["credit"] = {"type": step.credit_type, **({"hours": step.credit_hours} if step.credit_hours else {})}
    if step.hours:
        out["hours"] = step.hours
    if step.partners:
        out["partners"] = list(step.partners)
    if step.kind == "choose":
        out["choose"] = step.choose
        out["options"] = [_step(option, url) for option in step.options]
    return out


def catalog_json(catalog: Catalog, urls: dict[str, str], generated: str = "") -> dict[str, Any]:
    """The whole catalog as plain JSON. ``urls`` maps 'pathway:<id>' and 'lesson:<id>' to page addresses."""
    return {
        "format": CATALOG_FORMAT, "version": CATALOG_VERSION,
        **({"generated": generated} if generated else {}),
        "stages": [{"id": s.id, "title": s.title, "grades": _grades(s.grades)} for s in catalog.stages],
        "competencies": [{"id": c.id, "title": c.title, **({"strand": c.strand} if c.strand else {})}
                         for c in catalog.competencies],
        "clusters": [{"id": c.id, "code": c.code, "title": c.title} for c in catalog.clusters],
        "pathways": [{
            "id": p.id, "title": p.title, "summary": p.summary, "cluster": p.cluster, "grades": _grades(p.grades),
            "url": urls[f"pathway:{p.id}"], "sample": p.sample, "license": p.license, "authors": list(p.authors),
            "occupations": [{"code": o.code, "title": o.title, **({"wage": {
                "amount": o.wage.amount, "period": o.wage.period, "area": o.wage.area, "source": o.wage.source,
                "year": o.wage.year, **({"url": o.wage.url} if o.wage.url else {})}} if o.wage else {})}
                for o in p.occupations],
            "partners": [{"id": x.id, "name": x.name, "type": x.type, **({"role": x.role} if x.role else {}),
                          **({"url": x.url} if x.url else {})} for x in p.partners],
            "stages": [{"stage": s.stage, "steps": [_step(step, urls[f"pathway:{p.id}"]) for step in s.steps]}
                       for s in p.stages],
        } for p in catalog.pathways],
        "lessons": [{
            "id": x.id, "title": x.title, "summary": x.summary, "grades": _grades(x.grades), "stage": x.stage,
            "url": urls[f"lesson:{x.id}"], "minutes": x.minutes, "sample": x.sample,
            "sessions": [{"title": s.title, "minutes": s.minutes} for s in x.sessions],
            "objectives": list(x.objectives),
            "competencies": [{"competency": c.competency, "level": c.level} for c in x.competencies],
            "standards": [{"framework": s.framework, "code": s.code, **({"url": s.url} if s.url else {})}
                          for s in x.standards],
            "materials": list(x.materials), "vocabulary": [{"term": v.term, "meaning": v.meaning}
                                                           for v in x.vocabulary],
            "assessment": x.assessment, "builds_on": list(x.builds_on), "clusters": list(x.clusters),
            "authors": list(x.authors), "license": x.license,
            **({"adapted_from": {"title": x.adapted_from.title, "author": x.adapted_from.author,
                                 "license": x.adapted_from.license, "changes": x.adapted_from.changes,
                                 **({"url": x.adapted_from.url} if x.adapted_from.url else {})}}
               if x.adapted_from else {}),
            "translations": [t.language for t in x.translations],
        } for x in catalog.lessons],
    }


def _strings(**properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


STRING = {"type": "string"}
STRINGS = {"type": "array", "items": STRING}
GRADES = {"type": "array", "items": {"type": "string", "pattern": "^(K|[1-9]|1[0-2]|PS)$"}}
STEP_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["id", "kind", "title", "stage", "grades", "url"],
    "properties": {"id": STRING, "kind": {"enum": list(COMPONENT_CLASSES)}, "title": STRING, "stage": STRING,
                   "grades": GRADES, "url": STRING, "summary": STRING, "lesson": STRING, "type": STRING,
                   "code": STRING, "issuer": STRING, "occupation": STRING, "hours": {"type": "number"},
                   "credit": {"type": "object", "required": ["type"],
                              "properties": {"type": STRING, "hours": {"type": "number"}}},
                   "partners": STRINGS, "choose": {"type": "integer", "minimum": 1},
                   "options": {"type": "array", "items": {"$ref": "#/$defs/step"}}},
    "additionalProperties": False,
}


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of ``catalog.json`` (published at ``/schemas/catalog.schema.json``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways catalog",
        "description": "Every pathway, step and lesson of a guide. Format 'mkdocs-pathways/catalog', version 1. "
                       "Fields are only added within a version; a removal or change of meaning raises the version.",
        "type": "object",
        "required": ["format", "version", "stages", "competencies", "clusters", "pathways", "lessons"],
        "properties": {
            "format": {"const": CATALOG_FORMAT}, "version": {"const": CATALOG_VERSION},
            "generated": STRING,
            "stages": {"type": "array", "items": {"type": "object", "required": ["id", "title", "grades"],
                                                  "properties": {"id": STRING, "title": STRING, "grades": GRADES}}},
            "competencies": {"type": "array", "items": {"type": "object", "required": ["id", "title"]}},
            "clusters": {"type": "array", "items": {"type": "object", "required": ["id", "code", "title"]}},
            "pathways": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "title", "summary", "cluster", "grades", "url", "occupations", "stages"],
                "properties": {
                    "id": STRING, "title": STRING, "summary": STRING, "cluster": STRING, "grades": GRADES,
                    "url": STRING, "sample": {"type": "boolean"}, "license": STRING, "authors": STRINGS,
                    "occupations": {"type": "array", "items": {
                        "type": "object", "required": ["code", "title"],
                        "properties": {"code": {"type": "string", "pattern": r"^\d{2}-\d{4}\.\d{2}$"},
                                       "title": STRING, "wage": {"type": "object", "required": [
                                           "amount", "period", "area", "source", "year"]}}}},
                    "partners": {"type": "array", "items": {"type": "object", "required": ["id", "name", "type"]}},
                    "stages": {"type": "array", "items": {
                        "type": "object", "required": ["stage", "steps"],
                        "properties": {"stage": STRING, "steps": {"type": "array",
                                                                  "items": {"$ref": "#/$defs/step"}}}}},
                }, "additionalProperties": False}},
            "lessons": {"type": "array", "items": {
                "type": "object",
                "required": ["id", "title", "summary", "grades", "stage", "url", "minutes", "sessions",
                             "objectives", "competencies", "license"],
                "properties": {
                    "id": STRING, "title": STRING, "summary": STRING, "grades": GRADES, "stage": STRING,
                    "url": STRING, "minutes": {"type": "integer"}, "sample": {"type": "boolean"},
                    "sessions": {"type": "array", "items": {"type": "object", "required": ["title", "minutes"]}},
                    "objectives": STRINGS, "materials": STRINGS, "assessment": STRING, "builds_on": STRINGS,
                    "clusters": STRINGS, "authors": STRINGS, "license": STRING, "translations": STRINGS,
                    "competencies": {"type": "array", "items": {
                        "type": "object", "required": ["competency", "level"],
                        "properties": {"competency": STRING,
                                       "level": {"enum": ["introduce", "develop", "apply"]}}}},
                    "standards": {"type": "array", "items": {"type": "object", "required": ["framework", "code"]}},
                    "vocabulary": {"type": "array", "items": {"type": "object", "required": ["term", "meaning"]}},
                    "adapted_from": {"type": "object", "required": ["title", "author", "license", "changes"]},
                }, "additionalProperties": False}},
        },
        "$defs": {"step": STEP_SCHEMA},
    }


# -- schema.org JSON-LD ------------------------------------------------------------------------------------------

def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def lesson_jsonld(lesson: Lesson, catalog: Catalog, page_url: str) -> dict[str, Any]:
    """schema.org ``LearningResource`` for a lesson page (LRMI learningResourceType: unit plan)."""
    levels = [{"@type": "DefinedTerm", "termCode": "PS" if g == POSTSECONDARY else f"{g:02d}" if g else "KG",
               "name": "Postsecondary" if g == POSTSECONDARY else "Kindergarten" if g == 0 else f"Grade {g}"}
              for g in lesson.grades]
    teaches = []
    for item in lesson.competencies:
        competency = catalog.competency_by_id.get(item.competency)
        teaches.append({"@type": "DefinedTerm", "termCode": item.competency,
                        "name": competency.title if competency else item.competency,
                        "inDefinedTermSet": "mkdocs-pathways competency framework",
                        "description": f"Level: {item.level}"})
    out: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "LearningResource", "@id": f"{page_url}#lesson",
        "name": lesson.title, "description": lesson.summary, "url": page_url,
        "learningResourceType": {"@type": "DefinedTerm", "name": "unit plan",
                                 "url": "http://purl.org/dcx/lrmi-vocabs/learningResourceType/unitPlan"},
        "educationalLevel": levels, "teaches": teaches, "timeRequired": _duration(lesson.minutes),
        "audience": {"@type": "EducationalAudience", "educationalRole": "teacher"},
        "inLanguage": "en",
    }
    if lesson.license:
        out["license"] = license_url(lesson.license)
    if lesson.authors:
        out["author"] = [{"@type": "Organization" if "team" in a.lower() else "Person", "name": a}
                         for a in lesson.authors]
    if lesson.standards:
        out["educationalAlignment"] = [{"@type": "AlignmentObject", "alignmentType": "educationalSubject",
                                        "educationalFramework": s.framework, "targetName": s.code,
                                        **({"targetUrl": s.url} if s.url else {})} for s in lesson.standards]
    if lesson.adapted_from:
        original = lesson.adapted_from
        out["isBasedOn"] = {"@type": "CreativeWork", "name": original.title, "author": original.author,
                            "license": license_url(original.license), **({"url": original.url} if original.url
                                                                          else {})}
    if lesson.translations:
        out["workTranslation"] = [{"@type": "LearningResource", "inLanguage": t.language, "name": t.title}
                                  for t in lesson.translations]
    return out


def pathway_jsonld(pathway: Pathway, catalog: Catalog, page_url: str, lesson_urls: dict[str, str],
                   provider: str) -> dict[str, Any]:
    """schema.org ``EducationalOccupationalProgram`` for a pathway page, with its courses and credentials."""
    steps = pathway.all_steps()
    program: dict[str, Any] = {
        "@type": "EducationalOccupationalProgram", "@id": f"{page_url}#program", "name": pathway.title,
        "description": pathway.summary, "url": page_url, "programType": "career pathway",
        "provider": {"@type": "Organization", "name": provider},
        "occupationalCategory": [{"@type": "CategoryCode", "codeValue": o.code, "name": o.title,
                                  "inCodeSet": ONET} for o in pathway.occupations],
        "hasCourse": [{"@type": "Course", "@id": f"{page_url}#step-{s.id}", "name": s.title,
                       **({"courseCode": s.code} if s.code else {}),
                       **({"numberOfCredits": s.credit_hours} if s.credit_hours else {})}
                      for s in steps if s.kind == "course"],
        "occupationalCredentialAwarded": [{"@type": "EducationalOccupationalCredential", "name": s.title,
                                           "credentialCategory": s.type.replace("-", " ")}
                                          for s in steps if s.kind == "credential"],
        "subjectOf": [{"@id": f"{lesson_urls[s.lesson]}#lesson"} for s in steps
                      if s.kind == "lesson" and s.lesson in lesson_urls],
    }
    if pathway.grades:
        program["educationalLevel"] = f"Grades {grade_label(min(pathway.grades))}–{grade_label(max(pathway.grades))}"
    graph: list[dict[str, Any]] = [program]
    for s in steps:
        if s.kind == "experience" and s.type in ("apprenticeship", "pre-apprenticeship", "internship"):
            graph.append({"@type": "WorkBasedProgram", "@id": f"{page_url}#step-{s.id}", "name": s.title,
                          **({"occupationalCategory": [o.code for o in pathway.occupations]}
                             if pathway.occupations else {})})
        if s.kind == "destination":
            graph.append({"@type": "Occupation", "@id": f"{page_url}#step-{s.id}", "name": s.title,
                          **({"occupationalCategory": {"@type": "CategoryCode", "codeValue": s.occupation,
                                                       "inCodeSet": ONET}} if s.occupation else {})})
    return {"@context": "https://schema.org", "@graph": graph}


# -- CTDL JSON-LD -----------------------------------------------------------------------------------------------

def _lang(text: str) -> dict[str, str]:
    return {LANG: text}


def pathway_ctdl(pathway: Pathway, catalog: Catalog, file_url: str, page_url: str,
                 provider: str) -> dict[str, Any]:
    """A CTDL ``ceterms:Pathway`` graph: typed components in journey order, ``precedes`` and ``hasChild``
    links, the destination, "choose N" conditions, and the stages as an ``asn:ProgressionModel``."""
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
    nodes = [{k: v for k, v in node.items() if v != []} for node in nodes]
    nodes.extend(by_id.values())
    return {"@context": CTDL_CONTEXT, "@graph": nodes}
