"""The shape check's shortcuts for valid values change nothing: the same cleaned value, the same problems.

:mod:`mkdocs_pathways.load.shape` accepts a valid value (a text, an id, a list or object of valid values...)
without the full check, which builds a path and a name for every value in case a message needs them. A shortcut
that accepted one value more would let a problem through unreported, so the check with its shortcuts is compared
here with the check without them: on the edge cases of each rule for every field type of every format, and on
whole documents made of the formats' own fields with values of any kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_pathways import vocab
from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load import shape, spec
from mkdocs_pathways.load.shape import INVALID, SLOW, ShapeChecker
from mkdocs_pathways.load.yamlsource import SourceMap, parse_yaml

STAGES = ("exploration", "preparation", "launch")
FORMATS = (spec.LESSON, spec.PATHWAY, spec.TRANSLATION, spec.PARTNERS, spec.FRAMEWORK)


def _field_types(type_: spec.FieldType) -> Iterator[spec.FieldType]:
    yield type_
    if isinstance(type_, spec.ListOf):
        yield from _field_types(type_.item)
    elif isinstance(type_, spec.Obj):
        for f in type_.fields:
            yield from _field_types(f.type)
    elif isinstance(type_, spec.StepUnion):
        for _kind, obj in type_.kinds:
            yield from _field_types(obj)
    elif isinstance(type_, spec.StageMap):
        yield from _field_types(type_.steps)


TYPES = list({id(t): t for fmt in FORMATS for t in _field_types(fmt)}.values())  # specs hold lists: no hash

EDGE_VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 7, 45, 10_000, 10_001, 2**70, 0.0, 1.5, -0.5, float("inf"), float("nan"), "",
    " ", "  \n", "text", " text ", "a" * 120, "a" * 121, "a" * 300, "a" * 301, " " + "a" * 300, "a" * 400,
    "a" * 401, "lesson-id", "Lesson-Id", "lesson--id", "-x", "x-", "id\n", "introduce", "Introduce", "develop ",
    "CC-BY-4.0", "cc-by-4.0", " CC-BY-4.0", "https://example.org", " https://example.org ", "http://a b",
    "javascript:alert(1)", "mailto:a@b.org", "29-1141.00", "29-1141.0", " 29-1141.00", "6-8", "K", "11-PS", "13",
    [7, 8], [], ["x"], [None], {}, {"a": 1}, {"lesson": "x"}, {"exploration": []}, "school-day", "paid",
    "exploration", "yes",
]
EDGE_VALUES += [value for t in TYPES for value in getattr(t, "values", ())]
EDGE_VALUES += list(vocab.KNOWN_LICENSES)


@contextmanager
def _without_shortcuts() -> Iterator[None]:
    saved = dict(shape._ACCEPT), dict(shape._PLANS)
    shape._ACCEPT.clear()
    shape._PLANS.clear()  # the plans hold each field's shortcut
    try:
        yield
    finally:
        shape._ACCEPT.clear()
        shape._ACCEPT.update(saved[0])
        shape._PLANS.clear()
        shape._PLANS.update(saved[1])


def _source(yaml11: bool) -> SourceMap:
    """A source map that holds a YAML 1.1 boolean (at 'x') or none."""
    return parse_yaml("x: yes\n" if yaml11 else "x: true\n", "f.yml")[1]


def _check(value: Any, type_: spec.FieldType, yaml11: bool) -> tuple[Any, list[Diagnostic]]:
    checker = ShapeChecker(_source(yaml11), STAGES)
    if isinstance(type_, spec.Obj) and type(value) is dict and any(type_ is fmt for fmt in FORMATS):
        return checker.check_fields(value, type_, (), f"the {type_.name}"), checker.problems
    return checker.check(value, type_, ("x",), "'x'"), checker.problems


def _same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (1 == True == 1.0 for Python, not here); NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a is b or a == b or (a != a and b != b)


def _agree(value: Any, type_: spec.FieldType, yaml11: bool = False) -> None:
    with _without_shortcuts():
        expected, expected_problems = _check(value, type_, yaml11)
    result, problems = _check(value, type_, yaml11)
    assert problems == expected_problems, (type_, value)
    assert _same(result, expected), (type_, value, result, expected)
    quick = shape._ACCEPT[type(type_)](ShapeChecker(_source(yaml11), STAGES), value, type_)
    if quick is not SLOW:  # what a shortcut accepts, the full check accepts without a word
        assert expected_problems == [] and expected is not INVALID and _same(quick, expected), (type_, value)


def test_every_field_type_of_the_formats_has_a_shortcut() -> None:
    assert {type(t) for t in TYPES} == set(shape._ACCEPT)


@pytest.mark.parametrize("type_", TYPES, ids=[f"{type(t).__name__}-{i}" for i, t in enumerate(TYPES)])
def test_shortcuts_change_nothing_on_edge_cases(type_: spec.FieldType) -> None:
    for value in EDGE_VALUES:
        _agree(value, type_)
        _agree(value, type_, yaml11=True)


def test_a_yaml11_boolean_takes_the_full_check() -> None:
    boolean = next(t for t in TYPES if isinstance(t, spec.Boolean))
    assert shape._ACCEPT[spec.Boolean](ShapeChecker(_source(True), STAGES), True, boolean) is SLOW
    _value, problems = _check(True, boolean, yaml11=True)
    assert [p.code for p in problems] == ["PW121"]


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 20_000), st.integers(), st.floats(), st.text(max_size=420),
    st.text(alphabet="abz09-  \t\n.:/@K", max_size=40), st.sampled_from(EDGE_VALUES),
)


def values_for(type_: spec.FieldType, depth: int = 0) -> st.SearchStrategy[Any]:
    """Mostly values of the shape ``type_`` asks for, made of valid and invalid parts; sometimes anything."""
    if depth > 6:
        return scalars
    if isinstance(type_, spec.ListOf):
        shaped: st.SearchStrategy[Any] = st.lists(values_for(type_.item, depth + 1), max_size=4)
    elif isinstance(type_, spec.Obj):
        fields = {f.name: values_for(f.type, depth + 1) for f in type_.fields}
        shaped = st.fixed_dictionaries({}, optional={**fields, "unknown": scalars})
    elif isinstance(type_, spec.StepUnion):
        shaped = st.one_of([st.fixed_dictionaries({kind: values_for(obj.fields[0].type, depth + 1)},
                                                  optional={f.name: values_for(f.type, depth + 1)
                                                            for f in obj.fields[1:]})
                            for kind, obj in type_.kinds])
    elif isinstance(type_, spec.StageMap):
        shaped = st.dictionaries(st.sampled_from([*STAGES, "nowhere"]), values_for(type_.steps, depth + 1),
                                 max_size=3)
    else:
        return scalars
    return st.one_of(shaped, shaped, shaped, scalars)


@settings(max_examples=1500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.sampled_from(TYPES), st.booleans())
def test_shortcuts_change_nothing_on_any_value(data: st.DataObject, type_: spec.FieldType, yaml11: bool) -> None:
    _agree(data.draw(values_for(type_)), type_, yaml11)


@settings(max_examples=500, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.sampled_from(FORMATS), st.booleans())
def test_shortcuts_change_nothing_on_whole_documents(data: st.DataObject, fmt: spec.Obj, yaml11: bool) -> None:
    document = data.draw(values_for(fmt).filter(lambda v: type(v) is dict))
    _agree(document, fmt, yaml11)
