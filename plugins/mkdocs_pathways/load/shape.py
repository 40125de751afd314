"""Check a parsed YAML value against a declared format (:mod:`mkdocs_pathways.load.spec`).

The checker yields every problem it finds, with the location of the offending key or value, and returns a
*cleaned* value with the bad parts left out, so that later cross-reference checks can still run on the rest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection
from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load import spec as s
from mkdocs_pathways.load.yamlsource import Path_, SourceMap
from mkdocs_pathways.words import describe, did_you_mean, short, slugify


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class ShapeChecker:
    """Checks one file's value against a format and collects the problems."""

    def __init__(self, source: SourceMap, stage_ids: Collection[str]) -> None:
        self.source = source
        self.stage_ids = tuple(stage_ids)
        self.problems: list[Diagnostic] = []

    def report(self, code: str, path: Path_, message: str, hint: str, *, at_key: bool = False) -> None:
        loc = self.source.key_at(path) if at_key else self.source.at(path)
        self.problems.append(Diagnostic(code, loc, message, hint))

    def check(self, value: Any, type_: s.FieldType, path: Path_, what: str) -> Any:
        """Check ``value`` (called ``what`` in messages) and return it cleaned, or INVALID."""
        # The method for each kind of field is found once: this runs for every value of every file.
        kind = type(type_)
        method = _METHODS.get(kind)
        if method is None:
            method = _METHODS[kind] = getattr(ShapeChecker, f"_check_{kind.__name__.lower()}")
        return method(self, value, type_, path, what)

    def _wrong(self, value: Any, type_: s.FieldType, path: Path_, what: str, hint: str = "") -> Any:
        if not hint and isinstance(value, (bool, int, float)) and isinstance(type_, (s.Text, s.Slug, s.Url)):
            hint = f"put the value in quotes so it is read as text, for example \"{value}\"."
        self.report("PW104", path, f"{what} should be {type_.noun()}, but it is {describe(value)}",
                    hint or f"write {what} as {type_.noun()}.")
        return INVALID

    def _check_text(self, value: Any, type_: s.Text, path: Path_, what: str) -> Any:
        if not isinstance(value, str):
            return self._wrong(value, type_, path, what)
        if not value.strip():
            self.report("PW120", path, f"{what} is empty", "fill in the text, or remove the line if it is optional.")
            return INVALID
        if len(value) > type_.max_length:
            self.report("PW117", path, f"{what} is {len(value)} characters long; the limit is {type_.max_length}",
                        "shorten it; longer explanations belong in the lesson text.")
            return INVALID
        return value.strip() if not type_.markdown else value

    def _check_integer(self, value: Any, type_: s.Integer, path: Path_, what: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return self._wrong(value, type_, path, what, "write digits only, for example 45.")
        return self._range(value, type_.minimum, type_.maximum, path, what)

    def _check_number(self, value: Any, type_: s.Number, path: Path_, what: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self._wrong(value, type_, path, what, "write a number, for example 3 or 1.5.")
        if isinstance(value, float) and not math.isfinite(value):
            self.report("PW117", path, f"{what} is not a finite number", "write an ordinary number such as 3.")
            return INVALID
        return self._range(value, type_.minimum, type_.maximum, path, what)

    def _range(self, value: float, lo: float, hi: float, path: Path_, what: str) -> Any:
        if not lo <= value <= hi:
            shown = short(value)
            self.report("PW117", path, f"{what} is {shown}, outside the allowed range {lo:g} to {hi:g}",
                        f"use a value from {lo:g} to {hi:g}.")
            return INVALID
        return value

    def _check_boolean(self, value: Any, type_: s.Boolean, path: Path_, what: str) -> Any:
        if not isinstance(value, bool):
            return self._wrong(value, type_, path, what, "write true or false.")
        written = self.source.yaml11_booleans.get(path)
        if written is not None:
            # Still read as the writer meant it; the warning is about editors, which read it as a word.
            meant = "true" if value else "false"
            self.report("PW121", path, f"{what} says '{short(written)}', which the check reads as {meant} but "
                        "editors read as a word", f"write {meant} instead{_for_example(path, meant)}.")
        return value

    def _check_slug(self, value: Any, type_: s.Slug, path: Path_, what: str) -> Any:
        if not isinstance(value, str):
            return self._wrong(value, type_, path, what)
        if type_.ref:
            if not value.strip():
                self.report("PW120", path, f"{what} is empty", f"write the {type_.ref} id here.")
                return INVALID
            return value  # checked against the catalog later, with a "did you mean"
        if not vocab.SLUG.fullmatch(value):
            self.report("PW106", path, f"{what} is '{short(value)}', which is not a valid id",
                        f"use lowercase letters, digits and single hyphens, for example '{slugify(value)}'.")
            return INVALID
        return value

    def _check_choice(self, value: Any, type_: s.Choice, path: Path_, what: str) -> Any:
        if not isinstance(value, str):
            return self._wrong(value, type_, path, what, f"use one of: {', '.join(type_.values)}.")
        if value not in type_.values:
            self.report("PW105", path, f"{what} is '{short(value)}', which is not one of the allowed values",
                        f"{did_you_mean(value, type_.values)}Allowed: {', '.join(type_.values)}.")
            return INVALID
        return value

    def _check_grades(self, value: Any, type_: s.Grades, path: Path_, what: str) -> Any:
        grades, message = vocab.parse_grades(value)
        if grades is None:
            self.report("PW112", path, f"{what} cannot be read as grades: {message}",
                        "write one grade (7), a range from low to high (6-8, 11-PS) or a list ([7, 8]); "
                        "grades are K, 1-12 and PS.")
            return INVALID
        return grades

    def _check_occupationcode(self, value: Any, type_: s.OccupationCode, path: Path_, what: str) -> Any:
        if not isinstance(value, str) or not vocab.ONET_SOC.fullmatch(value):
            shown = short(value) if isinstance(value, str) else describe(value)
            self.report("PW113", path, f"{what} is '{shown}', which is not an O*NET-SOC code like 29-1141.00",
                        "copy the full code from O*NET OnLine, in quotes, for example code: \"29-1141.00\".")
            return INVALID
        return value

    def _check_url(self, value: Any, type_: s.Url, path: Path_, what: str) -> Any:
        if not isinstance(value, str):
            return self._wrong(value, type_, path, what)
        if not vocab.SAFE_URL.fullmatch(value.strip()):
            self.report("PW119", path, f"{what} is '{short(value)}', which is not a safe web address",
                        "links must start with https://, http:// or mailto:.")
            return INVALID
        return value.strip()

    def _check_license(self, value: Any, type_: s.License, path: Path_, what: str) -> Any:
        if not isinstance(value, str) or not value.strip():
            return self._wrong(value, type_, path, what, "write an SPDX id such as CC-BY-4.0.")
        if value not in vocab.KNOWN_LICENSES:
            suggestion = did_you_mean(value.replace(" ", "-"), vocab.KNOWN_LICENSES)
            self.report("PW118", path, f"{what} is '{short(value)}', which is not an SPDX licence id this guide "
                        "knows",
                        f"{suggestion}Common ids: CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0.")
        return value

    def _check_listof(self, value: Any, type_: s.ListOf, path: Path_, what: str) -> Any:
        if not isinstance(value, list):
            hint = f"start each {type_.item_name} on its own line with '- '."
            return self._wrong(value, type_, path, what, hint)
        if len(value) < type_.min_items:
            self.report("PW120", path, f"{what} is an empty list",
                        f"add at least {type_.min_items} {type_.item_name}.")
            return INVALID
        if len(value) > type_.max_items:
            self.report("PW117", path, f"{what} has {len(value)} entries; the limit is {type_.max_items}",
                        "split the content into several files.")
            return INVALID
        cleaned = []
        # "step 3 of stage 'exploration'", "session 2", "option 1 in step 4 of stage 'preparation'"
        if what.startswith("'"):
            context = what.split(" in ", 1)[1] if " in " in what else ""
            suffix = f" in {context}" if context else ""
        else:
            suffix = f" of {what}"
        item_type = type_.item
        accept = _ACCEPT.get(type(item_type))
        for index, item in enumerate(value):
            result = SLOW if accept is None else accept(self, item, item_type)
            if result is SLOW:
                result = self.check(item, item_type, (*path, index), f"{type_.item_name} {index + 1}{suffix}")
            if result is not INVALID:
                cleaned.append(result)
        return cleaned

    def _check_obj(self, value: Any, type_: s.Obj, path: Path_, what: str) -> Any:
        if not isinstance(value, dict):
            return self._wrong(value, type_, path, what, "write it as 'field: value' lines, indented below.")
        return self.check_fields(value, type_, path, what)

    def check_fields(self, value: dict[str, Any], type_: s.Obj, path: Path_, what: str,
                skip: Collection[str] = ()) -> dict[str, Any]:
        """Check the fields of an object (``value``) against ``type_``; returns the valid ones."""
        plan = _plan(type_)
        cleaned: dict[str, Any] = {}
        where = "" if not path else f" in {what}"
        if not plan.known.issuperset(value):  # nearly always: every field is one of the format's
            for key in value:
                if key not in plan.known and key not in skip:
                    self.report("PW101", (*path, key), f"unknown field '{short(key)}'{where}",
                                f"{did_you_mean(key, plan.names)}Fields allowed here: {', '.join(plan.names)}.",
                                at_key=True)
        for f, accept in plan.fields:
            if f.name not in value:
                if f.required:
                    example = f" such as `{f.name}: {_example(f)}`" if f.examples else ""
                    self.report("PW102", path, f"{what} has no '{f.name}' field",
                                f"add a line{example}. {f.description}", at_key=bool(path))
                continue
            item = value[f.name]
            if item is None and not f.required:
                continue
            if item is None:
                self.report("PW120", (*path, f.name), f"'{f.name}'{where} is empty",
                            f"fill it in: {f.description}")
                continue
            result = SLOW if accept is None else accept(self, item, f.type)
            if result is SLOW:
                result = self.check(item, f.type, (*path, f.name), f"'{f.name}'{where}")
            if result is not INVALID:
                cleaned[f.name] = result
        return cleaned

    def _check_stepunion(self, value: Any, type_: s.StepUnion, path: Path_, what: str) -> Any:
        if not isinstance(value, dict):
            return self._wrong(value, type_, path, what,
                               "a step is a set of fields that starts with its kind, such as '- lesson: my-lesson'.")
        kinds = _kinds(type_)
        present = [k for k in value if k in kinds]
        if len(present) != 1:
            choices = ", ".join(kinds)
            if present:
                message = f"{what} has more than one kind: {', '.join(present)}"
                hint = f"a step is exactly one of: {choices}; split it into separate steps."
            else:
                message = f"{what} does not say what kind of step it is"
                guesses = [did_you_mean(k, kinds) for k in value]
                guess = next((g for g in guesses if g), "")
                hint = f"{guess}start the step with one of: {choices}."
            self.report("PW114", path, message, hint)
            return INVALID
        kind = present[0]
        cleaned = self.check_fields(value, kinds[kind], path, what)
        if kind not in cleaned:
            return INVALID
        cleaned["_kind"] = kind
        return cleaned

    def _check_stagemap(self, value: Any, type_: s.StageMap, path: Path_, what: str) -> Any:
        if not isinstance(value, dict):
            return self._wrong(value, type_, path, what, "write each stage id followed by ':' and its steps.")
        cleaned: dict[str, Any] = {}
        for stage, steps in value.items():
            if stage not in self.stage_ids:
                self.report("PW109", (*path, stage), f"unknown stage '{short(stage)}'",
                            f"{did_you_mean(stage, self.stage_ids)}Stages: {', '.join(self.stage_ids)}.",
                            at_key=True)
                continue
            result = self.check(steps, type_.steps, (*path, stage), f"stage '{stage}'")
            if result is not INVALID:
                cleaned[stage] = result
        if not value:
            self.report("PW120", path, "'stages' has no stages", "add at least one stage with its steps.")
        return cleaned


_METHODS: dict[type[s.FieldType], Callable[..., Any]] = {}


class _Slow:
    def __repr__(self) -> str:
        return "SLOW"


SLOW: Any = _Slow()  # what a shortcut returns for a value it leaves to the full check


# Nearly every value of a guide is valid, and the checks above spend most of their time on the path and the name
# that a message about it would need. These shortcuts, one for each kind of field, return what the check would
# for a value it has nothing to say about, without either, and SLOW for any other value, which then takes the full
# check. Each must accept only values its check accepts without a word, and return the same: tests/test_shape.py
# compares the check with and without them.
def _accept_text(checker: ShapeChecker, value: Any, type_: s.Text) -> Any:
    if type(value) is str and len(value) <= type_.max_length:
        stripped = value.strip()
        if stripped:
            return value if type_.markdown else stripped
    return SLOW


def _accept_integer(checker: ShapeChecker, value: Any, type_: s.Integer) -> Any:
    if type(value) is int and type_.minimum <= value <= type_.maximum:
        return value
    return SLOW


def _accept_number(checker: ShapeChecker, value: Any, type_: s.Number) -> Any:
    if (type(value) is int or (type(value) is float and math.isfinite(value))) \
            and type_.minimum <= value <= type_.maximum:
        return value
    return SLOW


def _accept_boolean(checker: ShapeChecker, value: Any, type_: s.Boolean) -> Any:
    # A file with a YAML 1.1 boolean (yes, off...) anywhere takes the full check, which finds which one.
    return value if type(value) is bool and not checker.source.yaml11_booleans else SLOW


def _accept_slug(checker: ShapeChecker, value: Any, type_: s.Slug) -> Any:
    if type(value) is str and (value.strip() if type_.ref else vocab.SLUG.fullmatch(value)):
        return value
    return SLOW


def _accept_choice(checker: ShapeChecker, value: Any, type_: s.Choice) -> Any:
    return value if type(value) is str and value in type_.values else SLOW


def _accept_license(checker: ShapeChecker, value: Any, type_: s.License) -> Any:
    return value if type(value) is str and value in vocab.KNOWN_LICENSES else SLOW


def _accept_url(checker: ShapeChecker, value: Any, type_: s.Url) -> Any:
    if type(value) is str:
        stripped = value.strip()
        if vocab.SAFE_URL.fullmatch(stripped):
            return stripped
    return SLOW


def _accept_occupation_code(checker: ShapeChecker, value: Any, type_: s.OccupationCode) -> Any:
    return value if type(value) is str and vocab.ONET_SOC.fullmatch(value) else SLOW


def _accept_grades(checker: ShapeChecker, value: Any, type_: s.Grades) -> Any:
    grades, _message = vocab.parse_grades(value)
    return SLOW if grades is None else grades


# Lists and objects are accepted when all they hold is: a file with no problem takes no full check at all, and
# one with a problem takes it only down the lists and objects that hold the problem.
def _accept_listof(checker: ShapeChecker, value: Any, type_: s.ListOf) -> Any:
    if type(value) is not list or not type_.min_items <= len(value) <= type_.max_items:
        return SLOW
    item_type = type_.item
    accept = _ACCEPT.get(type(item_type))
    if accept is None:
        return SLOW
    cleaned = []
    for item in value:
        result = accept(checker, item, item_type)
        if result is SLOW:
            return SLOW
        cleaned.append(result)
    return cleaned


def _accept_obj(checker: ShapeChecker, value: Any, type_: s.Obj) -> Any:
    return _accept_fields(checker, value, type_) if type(value) is dict else SLOW


def _accept_fields(checker: ShapeChecker, value: dict[str, Any], type_: s.Obj) -> Any:
    plan = _plan(type_)
    if not plan.known.issuperset(value):
        return SLOW
    cleaned = {}
    for f, accept in plan.fields:
        name = f.name
        item = value.get(name)
        if item is None:  # absent or empty: fine unless required
            if f.required:
                return SLOW
            continue
        result = SLOW if accept is None else accept(checker, item, f.type)
        if result is SLOW:
            return SLOW
        cleaned[name] = result
    return cleaned


def _accept_stepunion(checker: ShapeChecker, value: Any, type_: s.StepUnion) -> Any:
    if type(value) is not dict:
        return SLOW
    kinds = _kinds(type_)
    present = [k for k in value if k in kinds]
    if len(present) != 1:
        return SLOW
    kind = present[0]
    cleaned = _accept_fields(checker, value, kinds[kind])
    if cleaned is SLOW or kind not in cleaned:
        return SLOW
    cleaned["_kind"] = kind
    return cleaned


def _accept_stagemap(checker: ShapeChecker, value: Any, type_: s.StageMap) -> Any:
    if type(value) is not dict or not value:
        return SLOW
    steps = type_.steps
    cleaned = {}
    for stage, items in value.items():
        result = _accept_listof(checker, items, steps) if stage in checker.stage_ids else SLOW
        if result is SLOW:
            return SLOW
        cleaned[stage] = result
    return cleaned


_ACCEPT: dict[type[s.FieldType], Callable[[ShapeChecker, Any, Any], Any]] = {
    s.Text: _accept_text, s.Integer: _accept_integer, s.Number: _accept_number, s.Boolean: _accept_boolean,
    s.Slug: _accept_slug, s.Choice: _accept_choice, s.License: _accept_license, s.Url: _accept_url,
    s.OccupationCode: _accept_occupation_code, s.Grades: _accept_grades, s.ListOf: _accept_listof,
    s.Obj: _accept_obj, s.StepUnion: _accept_stepunion, s.StageMap: _accept_stagemap,
}
class _Plan:
    """What checking an object of one format needs, found once per format object: its field names (listed, and
    as a set) and each field with the shortcut for its type (None if it has none)."""

    __slots__ = ("fields", "known", "names")

    def __init__(self, type_: s.Obj) -> None:
        self.names = [f.name for f in type_.fields]
        self.known = frozenset(self.names)
        self.fields = tuple((f, _ACCEPT.get(type(f.type))) for f in type_.fields)


# Keyed by id, each entry holding its format object, so that the id is not reused while the entry lives.
_PLANS: dict[int, tuple[s.Obj, _Plan]] = {}
_KINDS: dict[int, tuple[s.StepUnion, dict[str, s.Obj]]] = {}


def _plan(type_: s.Obj) -> _Plan:
    entry = _PLANS.get(id(type_))
    if entry is None or entry[0] is not type_:
        entry = _PLANS[id(type_)] = (type_, _Plan(type_))
    return entry[1]


def _kinds(type_: s.StepUnion) -> dict[str, s.Obj]:
    entry = _KINDS.get(id(type_))
    if entry is None or entry[0] is not type_:
        entry = _KINDS[id(type_)] = (type_, dict(type_.kinds))
    return entry[1]


def _for_example(path: Path_, value: str) -> str:
    """``, for example `sample: true``` when the value belongs to a named field."""
    return f", for example `{path[-1]}: {value}`" if path and isinstance(path[-1], str) else ""


def _example(f: s.Field) -> str:
    example = f.examples[0]
    if isinstance(example, list):
        return "[" + ", ".join(str(e) for e in example) + "]"
    if isinstance(example, bool):
        return "true" if example else "false"
    text = str(example)
    # Quote examples that YAML would misread, so that the hint can be pasted as it is.
    return json.dumps(text) if ": " in text or text[:1] in "!&*#'\"[{>|%@`" else text
