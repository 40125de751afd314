"""JSON Schemas (draft 2020-12) for pathway files and lesson front matter, generated from the formats.

Editors with a YAML language server use them for autocomplete, hover text and red underlines. The validator
does not use them: it walks the same declarations and gives teacher-friendly messages with exact locations.
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.config import DEFAULT_STAGES
from mkdocs_pathways.load import spec as s

GRADE_PATTERN = r"^(K|[1-9]|1[0-2]|PS)(-(K|[1-9]|1[0-2]|PS))?$"


def _type(t: s.FieldType) -> dict[str, Any]:
    if isinstance(t, s.Text):
        return {"type": "string", "minLength": 1, "maxLength": t.max_length}
    if isinstance(t, s.Integer):
        return {"type": "integer", "minimum": t.minimum, "maximum": t.maximum}
    if isinstance(t, s.Number):
        return {"type": "number", "minimum": t.minimum, "maximum": t.maximum}
    if isinstance(t, s.Boolean):
        return {"type": "boolean"}
    if isinstance(t, s.Slug):
        out: dict[str, Any] = {"type": "string", "pattern": vocab.SLUG.pattern}
        if t.ref == "cluster":
            out["enum"] = [c.id for c in vocab.clusters()]
        elif t.ref == "competency":
            out["enum"] = [c.id for c in vocab.competencies()]
        elif t.ref == "stage":
            out["examples"] = [stage.id for stage in DEFAULT_STAGES]
        return out
    if isinstance(t, s.Choice):
        return {"type": "string", "enum": list(t.values)}
    if isinstance(t, s.Grades):
        one = {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 12},
                         {"type": "string", "pattern": GRADE_PATTERN}]}
        return {"anyOf": [*one["anyOf"], {"type": "array", "minItems": 1, "items": one}]}
    if isinstance(t, s.OccupationCode):
        return {"type": "string", "pattern": vocab.ONET_SOC.pattern}
    if isinstance(t, s.Url):
        return {"type": "string", "pattern": r"^(https?://|mailto:)\S+$"}
    if isinstance(t, s.License):
        return {"type": "string", "examples": list(vocab.KNOWN_LICENSES)}
    if isinstance(t, s.ListOf):
        out = {"type": "array", "items": _type(t.item)}
        if t.min_items:
            out["minItems"] = t.min_items
        out["maxItems"] = t.max_items
        return out
    if isinstance(t, s.Obj):
        return _object(t)
    if isinstance(t, s.StepUnion):
        return {"oneOf": [{"$ref": f"#/$defs/{kind}-step"} for kind, _ in t.kinds]}
    if isinstance(t, s.StageMap):
        return {"type": "object", "minProperties": 1,
                "propertyNames": {"pattern": vocab.SLUG.pattern,
                                  "examples": [stage.id for stage in DEFAULT_STAGES]},
                "additionalProperties": _type(t.steps)}
    raise TypeError(f"no schema for {t!r}")


def _object(obj: s.Obj) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f in obj.fields:
        prop = _type(f.type)
        prop["description"] = f.description
        if f.examples:
            prop["examples"] = list(f.examples)
        properties[f.name] = prop
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.name for f in obj.fields if f.required]
    if required:
        out["required"] = required
    return out


def pathway_schema() -> dict[str, Any]:
    """The JSON Schema of a pathway file."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways pathway map",
        "description": "A pathway map: pathways/<id>.yml. See the format reference in the guide.",
        **_object(s.PATHWAY),
    }
    schema["$defs"] = {f"{kind}-step": {**_object(obj), "description": obj.fields[0].description}
                       for kind, obj in s.STEP.kinds}
    return schema


def lesson_schema() -> dict[str, Any]:
    """The JSON Schema of a lesson unit's front matter."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways lesson unit (front matter)",
        "description": "The YAML front matter of a lesson unit: lessons/<id>.md.",
        **_object(s.LESSON),
    }


def translation_schema() -> dict[str, Any]:
    """The JSON Schema of a lesson translation's front matter (``lessons/<id>.<language>.md``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways lesson translation (front matter)",
        "description": "The translated fields of a lesson: lessons/<id>.<language>.md beside lessons/<id>.md.",
        **_object(s.TRANSLATION),
    }


SCHEMAS = {"pathway": pathway_schema, "lesson": lesson_schema, "translation": translation_schema}


def dump(schema: dict[str, Any]) -> str:
    """Serialise a schema the way the shipped files are written."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
