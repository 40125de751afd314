"""``catalog.json``: every pathway, step and lesson of a guide, and the JSON Schema of that file."""

from __future__ import annotations

from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.interop.terms import (
    CATALOG_FORMAT,
    CATALOG_VERSION,
    COMPONENT_CLASSES,
    grade_codes,
)
from mkdocs_pathways.load.spec import PARTNER_TYPES
from mkdocs_pathways.model import Catalog, Step


def _step(step: Step, url: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id, "kind": step.kind, "title": step.title, "stage": step.stage,
                           "grades": grade_codes(step.grades), "url": f"{url}#step-{step.id}"}
    for name in ("summary", "lesson", "type", "code", "issuer", "occupation"):
        if getattr(step, name):
            out[name] = getattr(step, name)
    if step.credit_type:
        out["credit"] = {"type": step.credit_type, **({"hours": step.credit_hours} if step.credit_hours else {})}
    if step.hours:
        out["hours"] = step.hours
    if step.partners:
        out["partners"] = list(step.partners)
    if step.access:
        out["access"] = _access(step)
    if step.kind == "choose":
        out["choose"] = step.choose
        out["options"] = [_step(option, url) for option in step.options]
    return out


def _access(step: Step) -> dict[str, Any]:
    """What the step asks of a student, with only the parts the pathway states."""
    a = step.access
    out: dict[str, Any] = {}
    if a.cost:
        out["cost"] = {"type": a.cost, **({"amount": a.fee} if a.fee is not None else {}),
                       **({"covered_by": a.covered_by} if a.covered_by else {})}
    eligibility = {"min_age": a.min_age, "min_grade": a.min_grade, "min_gpa": a.min_gpa,
                   "application": a.application or None, "prerequisites": a.prerequisites or None}
    if any(v is not None for v in eligibility.values()):
        out["eligibility"] = {k: v for k, v in eligibility.items() if v is not None}
    for name in ("pay", "when", "transportation"):
        if getattr(a, name):
            out[name] = getattr(a, name)
    if a.seats:
        out["seats"] = a.seats
    return out


def catalog_json(catalog: Catalog, urls: dict[str, str], generated: str = "") -> dict[str, Any]:
    """The whole catalog as plain JSON. ``urls`` maps 'pathway:<id>', 'lesson:<id>' and 'partner:<id>' to page
    addresses."""
    return {
        "format": CATALOG_FORMAT, "version": CATALOG_VERSION,
        **({"generated": generated} if generated else {}),
        "stages": [{"id": s.id, "title": s.title, "grades": grade_codes(s.grades)} for s in catalog.stages],
        "competencies": [{"id": c.id, "title": c.title, **({"strand": c.strand} if c.strand else {})}
                         for c in catalog.competencies],
        "clusters": [{"id": c.id, "code": c.code, "title": c.title} for c in catalog.clusters],
        "pathways": [{
            "id": p.id, "title": p.title, "summary": p.summary, "cluster": p.cluster, "grades": grade_codes(p.grades),
            "url": urls[f"pathway:{p.id}"], "sample": p.sample, "license": p.license, "authors": list(p.authors),
            "occupations": [{"code": o.code, "title": o.title, **({"wage": {
                "amount": o.wage.amount, "period": o.wage.period, "area": o.wage.area, "source": o.wage.source,
                "year": o.wage.year, **({"url": o.wage.url} if o.wage.url else {})}} if o.wage else {})}
                for o in p.occupations],
            "partners": [{"id": x.id, "name": x.name, "type": x.type, **({"role": x.role} if x.role else {}),
                          **({"url": x.url} if x.url else {}), **({"contact": x.contact} if x.contact else {}),
                          "shared": x.shared} for x in p.partners],
            "stages": [{"stage": s.stage, "steps": [_step(step, urls[f"pathway:{p.id}"]) for step in s.steps]}
                       for s in p.stages],
        } for p in catalog.pathways],
        "partners": [{
            "id": x.id, "name": x.name, "type": x.type, "shared": x.shared,
            **({"url": x.url} if x.url else {}), **({"description": x.description} if x.description else {}),
            **({"region": x.region} if x.region else {}),
            **({"page": urls[f"partner:{x.id}"]} if f"partner:{x.id}" in urls else {}),
            "pathways": [p.id for p in catalog.pathways if any(y.id == x.id for y in p.partners)],
        } for x in catalog.partners],
        "lessons": [{
            "id": x.id, "title": x.title, "summary": x.summary, "grades": grade_codes(x.grades), "stage": x.stage,
            "url": urls[f"lesson:{x.id}"], "minutes": x.minutes, "sample": x.sample,
            "sessions": [{"title": s.title, "minutes": s.minutes} for s in x.sessions],
            "objectives": list(x.objectives),
            "competencies": [{"competency": c.competency, "level": c.level} for c in x.competencies],
            "standards": [{"framework": s.framework, "code": s.code, **({"url": s.url} if s.url else {}),
                           **({"item": s.item} if s.item else {})} for s in x.standards],
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
                   "access": {"type": "object", "properties": {
                       "cost": {"type": "object", "required": ["type"],
                                "properties": {"type": {"enum": list(vocab.COST_TYPES)}, "amount": {"type": "number"},
                                               "covered_by": STRING}},
                       "pay": {"enum": list(vocab.PAY_TYPES)},
                       "eligibility": {"type": "object", "properties": {
                           "min_age": {"type": "integer"}, "min_grade": {"type": "integer"},
                           "min_gpa": {"type": "number"}, "application": {"type": "boolean"},
                           "prerequisites": STRING}},
                       "when": {"enum": list(vocab.WHEN_VALUES)},
                       "transportation": {"enum": list(vocab.TRANSPORTATION_VALUES)}, "seats": {"type": "integer"}},
                       "additionalProperties": False},
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
                    "partners": {"type": "array", "items": {
                        "type": "object", "required": ["id", "name", "type"],
                        "properties": {"id": STRING, "name": STRING, "type": {"enum": list(PARTNER_TYPES)},
                                       "role": STRING, "url": STRING, "shared": {"type": "boolean"}}}},
                    "stages": {"type": "array", "items": {
                        "type": "object", "required": ["stage", "steps"],
                        "properties": {"stage": STRING, "steps": {"type": "array",
                                                                  "items": {"$ref": "#/$defs/step"}}}}},
                }, "additionalProperties": False}},
            "partners": {"type": "array", "description": "Every partner of the guide, once each: those of the "
                         "partners file (shared) and those declared inside one pathway.", "items": {
                "type": "object", "required": ["id", "name", "type", "shared", "pathways"],
                "properties": {"id": STRING, "name": STRING, "type": {"enum": list(PARTNER_TYPES)},
                               "shared": {"type": "boolean"}, "url": STRING, "description": STRING,
                               "region": STRING, "page": STRING, "pathways": STRINGS},
                "additionalProperties": False}},
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
