"""The JSON Schemas: generated from the formats, shipped in the package, valid, and accepting every sample."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from mkdocs_pathways.cli import main
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.load.textfile import split_front_matter

from conftest import REPO

SCHEMA_DIR = REPO / "plugins" / "mkdocs_pathways" / "schemas"
SAMPLE_PATHWAYS = sorted((REPO / "pathways").glob("*.yml"))
SAMPLE_LESSONS = sorted(p for p in (REPO / "lessons").glob("*.md") if p.name.count(".") == 1)
SAMPLE_TRANSLATIONS = sorted(p for p in (REPO / "lessons").glob("*.md") if p.name.count(".") == 2)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_shipped_schema_matches_the_formats(kind: str) -> None:
    shipped = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == dump(SCHEMAS[kind]()), "run `pathways schema KIND --out ...` to refresh the shipped schema"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[kind]())


def _described(node: object, where: str = "") -> list[str]:
    """Paths of schema properties that lack a description."""
    missing: list[str] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if "description" not in prop:
                missing.append(f"{where}/{name}")
        for key, value in node.items():
            missing += _described(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            missing += _described(value, f"{where}/{index}")
    return missing


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_property_has_a_description(kind: str) -> None:
    assert _described(SCHEMAS[kind]()) == []


@pytest.mark.parametrize("path", SAMPLE_PATHWAYS, ids=[p.name for p in SAMPLE_PATHWAYS])
def test_sample_pathways_validate(path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMAS["pathway"]())


@pytest.mark.parametrize("path", SAMPLE_LESSONS, ids=[p.name for p in SAMPLE_LESSONS])
def test_sample_lessons_validate(path: Path) -> None:
    parts, problems = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    assert parts is not None, problems
    jsonschema.validate(yaml.safe_load(parts.front_matter), SCHEMAS["lesson"]())


@pytest.mark.parametrize("path", SAMPLE_TRANSLATIONS, ids=[p.name for p in SAMPLE_TRANSLATIONS])
def test_sample_translations_validate(path: Path) -> None:
    parts, problems = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    assert parts is not None, problems
    jsonschema.validate(yaml.safe_load(parts.front_matter), SCHEMAS["translation"]())


def test_schema_rejects_an_unknown_field() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "titel": "typo"}, SCHEMAS["lesson"]())


@pytest.mark.parametrize("path", [*SAMPLE_PATHWAYS, *SAMPLE_LESSONS, *SAMPLE_TRANSLATIONS], ids=lambda p: p.name)
def test_sample_files_point_editors_at_the_schema(path: Path) -> None:
    kind = "pathway" if path.suffix == ".yml" else "translation" if path.name.count(".") == 2 else "lesson"
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert f"# yaml-language-server: $schema=../plugins/mkdocs_pathways/schemas/{kind}.schema.json" in head


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "lesson"]) == 0
    assert capsys.readouterr().out == dump(SCHEMAS["lesson"]())
