"""JSON Schemas (draft 2020-12) for pathway files and lesson front matter, generated from the formats.

Editors with a YAML language server use them for autocomplete, hover text and red underlines. The validator
does not use them: it walks the same declarations and gives teacher-friendly messages with exact locations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.config import DEFAULT_STAGES
from mkdocs_pathways.load import spec as s
from mkdocs_pathways.model import Stage

Stages = Sequence[Stage]

# Grades as the check reads them (vocab.parse_grades): K, 1-12 (also 01-09) or PS in any case, and ranges from
# low to high only. The pattern lists each allowed range, so that the editor underlines 8-6 as the check does.
_GRADE_TOKENS = ("[Kk]", *(f"0?{n}" for n in range(1, 10)), "10", "11", "12", "[Pp][Ss]")


def _grade_pattern() -> str:
    ranges = "|".join(f"{low}\\s*-\\s*(?:{'|'.join(_GRADE_TOKENS[index:])})"
                      for index, low in enumerate(_GRADE_TOKENS))
    return f"^\\s*(?:{'|'.join(_GRADE_TOKENS)}|{ranges})\\s*$"


GRADE_PATTERN = _grade_pattern()
# vocab.SAFE_URL, written without the ignore-case flag, which JSON Schema patterns (ECMAScript) cannot carry.
URL_PATTERN = r"""^\s*(?:[Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^\s<>"']+\s*$"""
# Text as the check accepts it: something other than spaces (the check strips text before it tests for
# emptiness), and no control characters, which the check refuses (PW004) as damage or a paste from a PDF.
_CONTROL = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f"
TEXT_PATTERN = f"^[^{_CONTROL}]*[^\\s{_CONTROL}][^{_CONTROL}]*$"


# What the editor says when a pattern does not match (patternErrorMessage, read by the YAML language server),
# instead of showing the pattern itself to a teacher.
TEXT_HELP = "Write some text here (not only spaces, and no control characters copied from a PDF)."
GRADES_HELP = "Grades are K, 1-12 or PS: one grade (7), a range from low to high (6-8, 11-PS) or a list ([7, 8])."
OCCUPATION_HELP = 'An O*NET-SOC code such as "29-1141.00", in quotes, with the two digits after the dot.'
URL_HELP = "A full web address starting with https://, http:// or mailto:."
ID_HELP = "An id: lowercase letters and digits joined by single hyphens, such as career-fair-prep."


def _pattern(pattern: str, help_text: str) -> dict[str, str]:
    return {"pattern": pattern, "patternErrorMessage": help_text}


def _stage_ids(stages: Stages) -> list[str]:
    return [stage.id for stage in stages]


def _type(t: s.FieldType, stages: Stages) -> dict[str, Any]:
    if isinstance(t, s.Text):
        return {"type": "string", "minLength": 1, "maxLength": t.max_length, **_pattern(TEXT_PATTERN, TEXT_HELP)}
    if isinstance(t, s.Integer):
        return {"type": "integer", "minimum": t.minimum, "maximum": t.maximum}
    if isinstance(t, s.Number):
        return {"type": "number", "minimum": t.minimum, "maximum": t.maximum}
    if isinstance(t, s.Boolean):
        return {"type": "boolean"}
    if isinstance(t, s.Slug):
        return _slug(t, stages)
    if isinstance(t, s.Choice):
        return {"type": "string", "enum": list(t.values)}
    if isinstance(t, s.Grades):
        one = [{"type": "integer", "minimum": 1, "maximum": 12},
               {"type": "string", **_pattern(GRADE_PATTERN, GRADES_HELP)}]
        return {"anyOf": [*one, {"type": "array", "minItems": 1, "items": {"anyOf": one}}]}
    if isinstance(t, s.OccupationCode):
        return {"type": "string", **_pattern(vocab.ONET_SOC.pattern, OCCUPATION_HELP)}
    if isinstance(t, s.Url):
        return {"type": "string", **_pattern(URL_PATTERN, URL_HELP)}
    if isinstance(t, s.License):
        return {"type": "string", "minLength": 1, **_pattern(TEXT_PATTERN, TEXT_HELP),
                "examples": list(vocab.KNOWN_LICENSES)}
    if isinstance(t, s.ListOf):
        out: dict[str, Any] = {"type": "array", "items": _type(t.item, stages)}
        if t.min_items:
            out["minItems"] = t.min_items
        out["maxItems"] = t.max_items
        return out
    if isinstance(t, s.Obj):
        return _object(t, stages)
    if isinstance(t, s.StepUnion):
        return {"oneOf": [{"$ref": f"#/$defs/{kind}-step"} for kind, _ in t.kinds]}
    if isinstance(t, s.StageMap):
        return _stage_map(t, stages)
    raise TypeError(f"no schema for {t!r}")


def _slug(t: s.Slug, stages: Stages) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", **_pattern(vocab.SLUG.pattern, ID_HELP)}
    if t.ref == "cluster":
        out["enum"] = [c.id for c in vocab.clusters()]
    elif t.ref == "competency":
        out["enum"] = [c.id for c in vocab.competencies()]
    elif t.ref == "stage":
        out["enum"] = _stage_ids(stages)
    # Lesson and partner ids keep only the pattern: which ones exist depends on other files (PW103, PW116).
    return out


def _stage_map(t: s.StageMap, stages: Stages) -> dict[str, Any]:
    """The guide's stages as the only keys, each described, so editors complete them and underline typos."""
    steps = _type(t.steps, stages)
    properties = {stage.id: {**steps, "description": stage.description or stage.title} for stage in stages}
    return {"type": "object", "minProperties": 1, "properties": properties, "additionalProperties": False}


def _examples(field_examples: Sequence[Any], type_examples: Sequence[Any]) -> list[Any]:
    """The field's own examples first, then the type's, each once: a field example adds to the type's."""
    merged: dict[str, Any] = {}
    for example in (*field_examples, *type_examples):
        merged.setdefault(json.dumps(example, sort_keys=True), example)
    return list(merged.values())


def _optional(prop: dict[str, Any]) -> dict[str, Any]:
    """Also accept an empty value: the check skips an optional field written with nothing after its colon."""
    if isinstance(prop.get("type"), str) and "enum" not in prop:
        return {**prop, "type": [prop["type"], "null"]}
    if "anyOf" in prop:
        return {**prop, "anyOf": [*prop["anyOf"], {"type": "null"}]}
    return {"anyOf": [prop, {"type": "null"}]}


def _object(obj: s.Obj, stages: Stages) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f in obj.fields:
        prop = _type(f.type, stages)
        examples = _examples(f.examples, prop.pop("examples", ()))
        if not f.required:
            prop = _optional(prop)
        prop["description"] = f.description
        if examples:
            prop["examples"] = examples
        properties[f.name] = prop
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.name for f in obj.fields if f.required]
    if required:
        out["required"] = required
    return out


def pathway_schema(stages: Stages = DEFAULT_STAGES) -> dict[str, Any]:
    """The JSON Schema of a pathway file, for a guide with these stages."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways pathway map",
        "description": "A pathway map: pathways/<id>.yml. See the format reference in the guide.",
        **_object(s.PATHWAY, stages),
    }
    schema["$defs"] = {f"{kind}-step": {**_object(obj, stages), "description": obj.fields[0].description}
                       for kind, obj in s.STEP.kinds}
    return schema


def lesson_schema(stages: Stages = DEFAULT_STAGES) -> dict[str, Any]:
    """The JSON Schema of a lesson unit's front matter, for a guide with these stages."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways lesson unit (front matter)",
        "description": "The YAML front matter of a lesson unit: lessons/<id>.md.",
        **_object(s.LESSON, stages),
    }


def translation_schema(stages: Stages = DEFAULT_STAGES) -> dict[str, Any]:
    """The JSON Schema of a lesson translation's front matter (``lessons/<id>.<language>.md``).

    A translation has no stage; ``stages`` is accepted so that every schema is made the same way.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways lesson translation (front matter)",
        "description": "The translated fields of a lesson: lessons/<id>.<language>.md beside lessons/<id>.md.",
        **_object(s.TRANSLATION, stages),
    }


def partners_schema(stages: Stages = DEFAULT_STAGES) -> dict[str, Any]:
    """The JSON Schema of the guide's partners file (``partners.yml``).

    Partners have no stage; ``stages`` is accepted so that every schema is made the same way.
    """
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mkdocs-pathways partners",
        "description": "The guide's partners, declared once: partners.yml beside mkdocs.yml. Pathways refer to "
                       "them by id.",
        **_object(s.PARTNERS, stages),
    }


# Each takes the guide's stages (default: the four built-in ones, as in the shipped files).
SCHEMAS: dict[str, Callable[..., dict[str, Any]]] = {
    "pathway": pathway_schema, "lesson": lesson_schema, "translation": translation_schema,
    "partners": partners_schema}


def dump(schema: dict[str, Any]) -> str:
    """Serialise a schema the way the shipped files are written."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
