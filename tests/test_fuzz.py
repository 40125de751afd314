"""Property-based robustness tests: whatever the content, checking it never raises and always points somewhere.

Part of the "Robustness and security" work (the bad-input part); the hand-written hostile cases are in
``test_hostile.py`` and ``cases/hostile/``.

Budget, per run. Hypothesis generates new examples each time: ``database=None`` keeps no failing examples
between runs (Hypothesis still keeps its own caches in ``.hypothesis/``, which it git-ignores itself). A failure
prints the smallest example it found, ready to turn into a case under ``cases/hostile``.

====================================================  ========  =======================================
test                                                  examples  what is generated
====================================================  ========  =======================================
test_parse_yaml_never_raises_on_any_text                 300    ``st.text()``
test_parse_yaml_never_raises_on_yaml_like_text           300    YAML punctuation, indicators, tags, …
test_parse_yaml_never_raises_on_dumped_data              300    nested dicts/lists dumped by safe_dump
test_parse_yaml_reads_plain_documents_like_pyyaml        200    the same, compared with yaml.safe_load
test_mutated_sample_files_never_raise                    300    the sample lessons/pathways, mutated
test_any_value_in_any_lesson_field_never_raises          300    a value of any type at any lesson field
test_any_value_in_any_pathway_field_never_raises         300    a value of any type at any pathway field
test_any_value_in_any_translation_field_never_raises     200    … at any field of a lesson translation
====================================================  ========  =======================================

2,200 examples in all; the whole file runs in about 25 seconds on a laptop. Raise ``FUZZ_EXAMPLES``
(a multiplier, for example ``FUZZ_EXAMPLES=10``) for a longer hunt.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.diagnostics import Diagnostic, Severity
from mkdocs_pathways.load import spec
from mkdocs_pathways.load.yamlsource import parse_yaml

from conftest import REPO

SCALE = max(1, int(os.environ.get("FUZZ_EXAMPLES", "1")))

# Every character, including digits Python cannot convert (superscript '²', circled '①'), which once crashed
# the grades reader (cases/hostile/grades-superscript-digit).
_SAFE_CHARACTERS = st.characters()


def safe_text(min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    return st.text(alphabet=_SAFE_CHARACTERS, min_size=min_size, max_size=max_size)


def budget(examples: int) -> settings:
    return settings(max_examples=examples * SCALE, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_located(diagnostics: list[Diagnostic], files: set[str] | None = None) -> None:
    """Every diagnostic names a file, a line >= 1 and a column >= 1 (and, given ``files``, one of those)."""
    for d in diagnostics:
        assert d.location.path, d
        assert d.location.line >= 1, d
        assert d.location.column >= 1, d
        if files is not None:
            assert d.location.path in files, d


# ------------------------------------------------------------------------------------------ (a) parse_yaml

YAML_TOKENS = [
    "\n", "\n", "\n", " ", "  ", "    ", "\t", "- ", "-", ": ", ":", "? ", ",", "[", "]", "{", "}", "'", '"', "#",
    "&a ", "*a", "&b ", "*b", "!", "!!", "!!python/object/apply:os.system ", "!!str ", "!!binary ", "!local ",
    "<<: ", "---", "---\n", "...", "|", "|-", ">", ">+", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "\\", "\\x00",
    "\\u", "\\uD800", "\ufeff", "\x00", "\x0c", "\x85", "\u2028", "\r", "\r\n", "id", "title", "grades",
    "stages", "lesson", "options", "9" * 50, "1e999", "1.0e+999", ".nan", "-.inf", "0x1F", "045", "1:30", "~",
    "null", "yes", "no", "2024-01-01", "é", "а", "ｉｄ", "\u200b", "\U0001f600", "a", "b", "x y",
]

yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False), st.text(max_size=30),
)
plain_keys = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
nested_data = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(plain_keys, children, max_size=5)),
    max_leaves=30,
)


def _unshared(value: Any) -> Any:
    """A copy with no list or dict used twice, so that safe_dump writes no anchors (which the guide refuses)."""
    if isinstance(value, dict):
        return {k: _unshared(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unshared(v) for v in value]
    return value


def dump(data: Any, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(_unshared(data), default_flow_style=flow, allow_unicode=unicode, sort_keys=False)


def check_parse(text: str) -> None:
    value, source, problems = parse_yaml(text, "fuzz.yml")
    assert_located(problems, {"fuzz.yml"})
    assert value is None or isinstance(value, (dict, list, str, int, float, bool))
    assert source.path == "fuzz.yml"


@budget(300)
@given(st.text())
def test_parse_yaml_never_raises_on_any_text(text: str) -> None:
    check_parse(text)


@budget(300)
@given(yaml_like_text)
def test_parse_yaml_never_raises_on_yaml_like_text(text: str) -> None:
    check_parse(text)


@budget(300)
@given(nested_data, st.sampled_from([None, True, False]), st.booleans())
def test_parse_yaml_never_raises_on_dumped_data(data: Any, flow: bool | None, unicode: bool) -> None:
    check_parse(dump(data, flow, unicode))


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


@budget(200)
@given(st.dictionaries(plain_keys, nested_data, max_size=6), st.sampled_from([None, True, False]))
def test_parse_yaml_reads_plain_documents_like_pyyaml(data: dict[str, Any], flow: bool | None) -> None:
    # Keys are plain words, so YAML keeps them as text; values are what safe_dump writes and safe_load reads.
    text = dump(data, flow, True)
    value, _source, problems = parse_yaml(text, "fuzz.yml")
    if _depth(data) > 31:
        return
    assert problems == []
    assert value == yaml.safe_load(text)


# ------------------------------------------------------------------- (b) mutations of the real sample files

SAMPLE_FILES = sorted([*(REPO / "lessons").glob("*.md"), *(REPO / "pathways").glob("*.yml")])


@pytest.fixture(scope="module")
def sample_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled guide's content, which each example changes one file of and then restores."""
    root = tmp_path_factory.mktemp("fuzz-sample")
    for folder in ("lessons", "pathways", "standards"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "partners.yml", root / "partners.yml")
    return root


def _mutate(lines: list[str], data: st.DataObject) -> list[str]:
    kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "truncate", "indent"]))
    if not lines:
        return lines
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(j, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = data.draw(st.sampled_from([" ", "  ", "\t", "- "])) + lines[i]
    elif kind in ("insert", "replace"):
        line = lines[i]
        at = data.draw(st.integers(0, len(line)))
        chars = data.draw(st.one_of(safe_text(1, 8), yaml_like_text.filter(bool)))
        end = at + (data.draw(st.integers(1, 5)) if kind == "replace" else 0)
        lines[i] = line[:at] + chars + line[end:]
    else:
        cut = data.draw(st.integers(0, len(lines)))
        del lines[cut:]
        if lines:
            lines[-1] = lines[-1][: data.draw(st.integers(0, len(lines[-1])))]
    return lines


@budget(300)
@given(st.sampled_from(SAMPLE_FILES), st.data())
def test_mutated_sample_files_never_raise(sample_tree: Path, sample: Path, data: st.DataObject) -> None:
    target = sample_tree / sample.parent.name / sample.name
    original = sample.read_bytes()
    lines = original.decode("utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(1, 4))):
        lines = _mutate(lines, data)
    raw = "".join(lines).encode("utf-8", "surrogatepass")
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]  # a cut anywhere, even inside a multi-byte character
    target.write_bytes(raw)
    try:
        diagnostics = check_guide(GuideConfig.from_options(sample_tree)).diagnostics
    finally:
        target.write_bytes(original)
    # Files a lesson links to (figures, handouts) can be reported too, when a mutation breaks the link to them.
    files = {f"{p.parent.name}/{p.name}" for p in SAMPLE_FILES}
    files |= {p.relative_to(REPO).as_posix() for p in (REPO / "lessons").rglob("*") if p.is_file()}
    assert_located(diagnostics, files)


# --------------------------------------------------------------- (c) any value at any field of a valid file

VALID_LESSON: dict[str, Any] = {
    "id": "alpha",
    "title": "Alpha lesson",
    "summary": "A short lesson used by the tests.",
    "sample": True,
    "grades": "6-7",
    "stage": "exploration",
    "sessions": [{"title": "First session", "minutes": 45}],
    "objectives": ["Name two strengths."],
    "competencies": [{"competency": "strengths", "level": "introduce"}],
    "standards": [{"framework": "ASCA (2021)", "code": "M 4", "url": "https://example.org/m4"}],
    "materials": ["Paper"],
    "vocabulary": [{"term": "strength", "meaning": "Something you do well."}],
    "assessment": "Students write a strength statement.",
    "builds_on": ["beta"],
    "source": {"title": "Original lesson", "author": "Someone", "url": "https://example.org/original",
               "license": "CC-BY-4.0", "changes": "Shortened."},
    "clusters": ["digital-technology"],
    "authors": ["Test team"],
    "license": "CC-BY-4.0",
}
BETA_LESSON = {**VALID_LESSON, "id": "beta", "builds_on": [], "grades": 6}
VALID_TRANSLATION: dict[str, Any] = {
    "title": "Lección alfa",
    "summary": "Una lección corta.",
    "objectives": ["Nombrar dos fortalezas."],
    "materials": ["Papel"],
    "vocabulary": [{"term": "fortaleza", "meaning": "Algo que haces bien."}],
    "assessment": "Los estudiantes escriben una frase.",
    "sessions": [{"title": "Primera sesión"}],
    "translators": ["Equipo de prueba"],
    "license": "CC-BY-4.0",
}

BASIC_STEPS: list[dict[str, Any]] = [
    {"lesson": "beta", "id": "beta-step", "grades": 6, "summary": "First.", "partners": ["acme"]},
    {"course": "Intro to IT", "code": "IT 101", "credit": {"type": "dual", "hours": 3}, "grades": "9-10"},
    {"experience": "Job shadow", "type": "job-shadow", "hours": 8, "grades": 10},
    {"credential": "IT Fundamentals", "type": "industry-certification", "issuer": "CompTIA", "grades": 11},
    {"organization": "SkillsUSA", "grades": "9-12"},
    {"milestone": "Four-year plan", "grades": 9},
    {"destination": "Help desk technician", "occupation": "15-1232.00", "grades": "PS"},
]
VALID_PATHWAY: dict[str, Any] = {
    "id": "demo",
    "title": "Test pathway",
    "summary": "A pathway used by the tests.",
    "description": "A *longer* overview.",
    "sample": True,
    "cluster": "digital-technology",
    "occupations": [{"code": "15-1232.00", "title": "Computer User Support Specialists",
                     "wage": {"amount": 25.5, "period": "hour", "area": "Test County", "source": "BLS OEWS",
                              "year": 2025, "url": "https://example.org/wages"}}],
    "partners": [{"id": "acme", "name": "Acme Corp", "type": "employer", "role": "Hosts shadows.",
                  "url": "https://example.org"}],
    "authors": ["Test team"],
    "license": "CC-BY-4.0",
    "stages": {
        "exploration": [{"lesson": "alpha"}],
        "preparation": [
            *BASIC_STEPS,
            {"choose": 1, "title": "Pick one", "id": "pick", "grades": 12, "summary": "A choice.",
             "options": [{**step, "id": f"option-{n}"} for n, step in enumerate(BASIC_STEPS)]},
        ],
    },
}


def _field_paths(obj: spec.Obj, prefix: tuple[Any, ...], base: Any) -> Iterator[tuple[Any, ...]]:
    """Every field the format declares, as a path into ``base`` (whose lists hold one example of each item)."""
    for f in obj.fields:
        path = (*prefix, f.name)
        yield path
        inner = f.type
        if isinstance(inner, spec.ListOf) and isinstance(inner.item, spec.Obj):
            yield (*path, 0)
            yield from _field_paths(inner.item, (*path, 0), base)
        elif isinstance(inner, spec.ListOf):
            yield (*path, 0)
        elif isinstance(inner, spec.Obj):
            yield from _field_paths(inner, path, base)
        elif isinstance(inner, spec.StageMap):
            for stage, steps in base["stages"].items():
                yield (*path, stage)
                for index, step in enumerate(steps):
                    yield from _step_paths(step, (*path, stage, index), spec.STEP)


def _step_paths(step: dict[str, Any], prefix: tuple[Any, ...], union: spec.StepUnion) -> Iterator[tuple[Any, ...]]:
    yield prefix
    kinds = dict(union.kinds)
    kind = next(k for k in step if k in kinds)
    for f in kinds[kind].fields:
        yield (*prefix, f.name)
        if f.name not in step:
            continue
        if isinstance(f.type, spec.Obj):
            yield from ((*prefix, f.name, sub.name) for sub in f.type.fields)
        elif isinstance(f.type, spec.ListOf) and isinstance(f.type.item, spec.StepUnion):
            for index, option in enumerate(step[f.name]):
                yield from _step_paths(option, (*prefix, f.name, index), f.type.item)
        elif isinstance(f.type, spec.ListOf):
            yield (*prefix, f.name, 0)


LESSON_PATHS = sorted(set(_field_paths(spec.LESSON, (), VALID_LESSON)), key=str)
PATHWAY_PATHS = sorted(set(_field_paths(spec.PATHWAY, (), VALID_PATHWAY)), key=str)
TRANSLATION_PATHS = sorted(set(_field_paths(spec.TRANSLATION, (), VALID_TRANSLATION)), key=str)

# Raw YAML text for values that safe_dump cannot write, or writes in a tamer form than a person might.
RAW_VALUES = [
    "9" * 5000, "-" + "9" * 5000, "1e999", "1.0e+999", "-1.0e+999", ".nan", ".inf", "-.inf", "0x1F", "045", "0b11",
    "1:30", "~", "yes", "no", "on", "2024-01-01", "2024-01-01T10:00:00Z", "!!binary aGVsbG8=", "!!set {a: null}",
    "!!python/object/apply:os.system ['true']", "&a x", "*a", "[]", "{}", "''", '""', "[[[]]]", "{a: {b: {c: []}}}",
    "'../../etc/passwd'", "a\\b", "Alpha", "\u0430lpha", "ａｌｐｈａ", "al\u200bpha", '"\\t"', '"\\0"', "'６-８'",
    "'\u0667'", "x" * 5000, "[" + ", ".join(["x"] * 600) + "]", "8-6", "-3", "K-PS", "PS-K", "[7, 7, 7]",
]

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
              safe_text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(safe_text(max_size=8),
                                                                                 children, max_size=4)),
    max_leaves=12,
)
any_value = st.one_of(
    st.sampled_from(RAW_VALUES),
    json_values.map(lambda v: json.dumps(v, ensure_ascii=False)),
    safe_text(max_size=20).map(json.dumps),  # \u escapes, including lone surrogates
)

PLACEHOLDER = "fuzzplaceholder0"


def _with_value(base: dict[str, Any], path: tuple[Any, ...], raw: str | None) -> str:
    """``base`` as YAML with the value at ``path`` replaced by the raw YAML ``raw`` (or removed, if None)."""
    data = json.loads(json.dumps(base))
    parent = data
    for key, following in itertools.pairwise(path):
        if isinstance(parent, dict) and key not in parent:  # an optional object the base leaves out
            parent[key] = [] if isinstance(following, int) else {}
        if isinstance(parent, list) and isinstance(key, int) and key >= len(parent):  # an empty list in the base
            parent.extend([] if isinstance(following, int) else {} for _ in range(key + 1 - len(parent)))
        parent = parent[key]
    last = path[-1]
    if raw is None:
        if isinstance(parent, dict):
            parent.pop(last, None)
        elif last < len(parent):
            del parent[last]
        return dump(data, False, True)
    if isinstance(parent, list) and last >= len(parent):
        parent.append(PLACEHOLDER)
    else:
        parent[last] = PLACEHOLDER
    return dump(data, False, True).replace(PLACEHOLDER, raw, 1)


def _check_tree(lesson_text: str, pathway_text: str, translation_text: str | None = None) -> list[Diagnostic]:
    root = Path(tempfile.mkdtemp(prefix="fuzz-field-"))
    files = {
        "lessons/alpha.md": f"---\n{lesson_text}---\n\n## Overview\n",
        "lessons/alpha.es.md": f"---\n{translation_text or dump(VALID_TRANSLATION, False, True)}---\n\n## Resumen\n",
        "lessons/beta.md": f"---\n{dump(BETA_LESSON, False, True)}---\n",
        "pathways/demo.yml": pathway_text,
    }
    try:
        (root / "lessons").mkdir()
        (root / "pathways").mkdir()
        for name, text in files.items():
            (root / name).write_text(text, "utf-8", "surrogatepass")
        diagnostics = check_guide(GuideConfig.from_options(root)).diagnostics
    finally:
        shutil.rmtree(root)
    assert_located(diagnostics, set(files))
    return diagnostics


def test_the_valid_files_are_valid() -> None:
    """The fuzzed fields start from files with no errors, so any error comes from the value put in."""
    diagnostics = _check_tree(dump(VALID_LESSON, False, True), dump(VALID_PATHWAY, False, True))
    assert [d for d in diagnostics if d.level is Severity.ERROR] == []
    assert len(LESSON_PATHS) > 30
    assert len(PATHWAY_PATHS) > 100
    assert len(TRANSLATION_PATHS) > 10


@budget(300)
@given(st.sampled_from(LESSON_PATHS), st.one_of(st.none(), any_value))
def test_any_value_in_any_lesson_field_never_raises(path: tuple[Any, ...], raw: str | None) -> None:
    _check_tree(_with_value(VALID_LESSON, path, raw), dump(VALID_PATHWAY, False, True))


@budget(300)
@given(st.sampled_from(PATHWAY_PATHS), st.one_of(st.none(), any_value))
def test_any_value_in_any_pathway_field_never_raises(path: tuple[Any, ...], raw: str | None) -> None:
    _check_tree(f"{dump(VALID_LESSON, False, True)}", _with_value(VALID_PATHWAY, path, raw))


@budget(200)
@given(st.sampled_from(TRANSLATION_PATHS), st.one_of(st.none(), any_value))
def test_any_value_in_any_translation_field_never_raises(path: tuple[Any, ...], raw: str | None) -> None:
    _check_tree(dump(VALID_LESSON, False, True), dump(VALID_PATHWAY, False, True),
                _with_value(VALID_TRANSLATION, path, raw))
