"""Machine-readable output: schema.org JSON-LD on pages, CTDL per pathway, catalog.json, and the export."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mkdocs_pathways.cli import main
from mkdocs_pathways.interop.catalog_json import catalog_schema
from mkdocs_pathways.interop.terms import script_json

from conftest import REPO

TERMS: dict[str, dict[str, Any]] = json.loads((REPO / "tests" / "data" / "ctdl-terms.json").read_text())["terms"]
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def page_jsonld(path: Path) -> list[dict[str, Any]]:
    return [json.loads(block) for block in JSONLD.findall(path.read_text(encoding="utf-8"))]


def test_lesson_pages_embed_learning_resources(sample_site: Path) -> None:
    pages = sorted((sample_site / "lessons").glob("*/index.html"))
    assert len(pages) >= 18
    for page in pages:
        [data] = page_jsonld(page)
        assert data["@context"] == "https://schema.org" and data["@type"] == "LearningResource"
        assert data["name"] and data["description"]
        assert re.fullmatch(r"PT(\d+H)?(\d+M)?", data["timeRequired"])
        assert all(level["@type"] == "DefinedTerm" and re.fullmatch(r"\d\d|KG|PS", level["termCode"])
                   for level in data["educationalLevel"])
        assert data["teaches"] and all(t["@type"] == "DefinedTerm" for t in data["teaches"])
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert data["learningResourceType"]["url"].endswith("/learningResourceType/unitPlan")
    [strengths] = page_jsonld(sample_site / "lessons" / "strengths-inventory" / "index.html")
    assert strengths["educationalLevel"] == [{"@type": "DefinedTerm", "termCode": "06", "name": "Grade 6"}]
    assert strengths["workTranslation"][0]["inLanguage"] == "es"


def test_pathway_pages_embed_programs(sample_site: Path) -> None:
    [data] = page_jsonld(sample_site / "pathways" / "health-science" / "index.html")
    graph = {node["@type"]: node for node in data["@graph"]}
    program = graph["EducationalOccupationalProgram"]
    assert {c["codeValue"] for c in program["occupationalCategory"]} >= {"29-1141.00", "31-1131.00"}
    assert all(c["@type"] == "CategoryCode" for c in program["occupationalCategory"])
    assert any("Nursing Assistant" in c["name"] for c in program["occupationalCredentialAwarded"])
    assert all(c["@type"] == "EducationalOccupationalCredential" for c in program["occupationalCredentialAwarded"])
    assert any(course.get("numberOfCredits") for course in program["hasCourse"])
    assert "Occupation" in graph


def test_script_json_cannot_end_the_script_element() -> None:
    text = script_json({"name": "</script><script>alert(1)</script> & more"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & more"


def ctdl_problems(node: Any, where: str = "") -> list[str]:
    """Every class or property in a CTDL node (and its nested nodes) that the CTDL schema does not define for
    that class."""
    problems: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            problems += ctdl_problems(item, f"{where}[{index}]")
        return problems
    if not isinstance(node, dict):
        known = TERMS.get(str(node), {}).get("type") in ("skos:Concept", "rdfs:Class")
        if isinstance(node, str) and re.match(r"^(creditUnit|logic|ceterms):[A-Z]", node) and not known:
            problems.append(f"{where}: unknown term {node}")
        return problems
    if node and all(re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", key) for key in node):
        return problems  # a language map, such as {"en-US": "…"}
    kind = node.get("@type")
    if kind is not None and TERMS.get(kind, {}).get("type") != "rdfs:Class":
        problems.append(f"{where}: unknown class {kind}")
    for key, value in node.items():
        if key in ("@id", "@type", "@context", "@graph"):
            problems += ctdl_problems(value, f"{where}/{key}") if key == "@graph" else []
            continue
        term = TERMS.get(key)
        if term is None or term["type"] != "rdf:Property":
            problems.append(f"{where}: unknown property {key}")
            continue
        if kind and term.get("domain") and kind not in term["domain"]:
            problems.append(f"{where}: {key} is not a property of {kind}")
        problems += ctdl_problems(value, f"{where}/{key}")
    return problems


@pytest.mark.parametrize("pathway", ["health-science", "advanced-manufacturing", "digital-technology"])
def test_ctdl_uses_only_schema_terms_and_links_up(sample_site: Path, pathway: str) -> None:
    data = json.loads((sample_site / "pathways" / pathway / "pathway.ctdl.jsonld").read_text(encoding="utf-8"))
    assert data["@context"] == "https://credreg.net/ctdl/schema/context/json"
    assert ctdl_problems(data) == []
    nodes = {node["@id"]: node for node in data["@graph"]}
    [root] = [n for n in nodes.values() if n["@type"] == "ceterms:Pathway"]
    components = [n for n in nodes.values() if n["@type"].endswith("Component")]
    assert set(root["ceterms:hasPart"]) == {c["@id"] for c in components}
    for destination in root["ceterms:hasDestinationComponent"]:
        assert nodes[destination]["@type"] == "ceterms:JobComponent"
        assert nodes[destination]["ceterms:isDestinationComponentOf"] == [root["@id"]]
    # Every component can be reached from the destinations by following hasChild (as pathway viewers do).
    seen, todo = set(), list(root["ceterms:hasDestinationComponent"])
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += nodes[current].get("ceasn:hasChild", []) + nodes[current].get("ceterms:precedes", [])
    assert {c["@id"] for c in components} <= seen
    model = nodes[root["asn:hasProgressionModel"]]
    assert model["@type"] == "asn:ProgressionModel"
    assert all(nodes[level]["@type"] == "asn:ProgressionLevel" for level in model["skos:hasTopConcept"])
    assert all(nodes[c["asn:hasProgressionLevel"][0]]["@type"] == "asn:ProgressionLevel" for c in components)
    kinds = {c["@type"] for c in components}
    assert {"ceterms:BasicComponent", "ceterms:CourseComponent", "ceterms:WorkExperienceComponent",
            "ceterms:CredentialComponent", "ceterms:JobComponent"} <= kinds
    assert not any("ceterms:hasChild" in n or "ceasn:isPartOf" in n for n in nodes.values())


def test_ctdl_choose_groups_become_conditions(sample_site: Path) -> None:
    data = json.loads((sample_site / "pathways" / "health-science" / "pathway.ctdl.jsonld").read_text())
    nodes = {node["@id"]: node for node in data["@graph"]}
    conditions = [c for n in nodes.values() for c in n.get("ceterms:hasCondition", [])]
    assert conditions
    for condition in conditions:
        assert condition["@type"] == "ceterms:ComponentCondition"
        assert condition["ceterms:requiredNumber"] >= 1
        assert all(target in nodes for target in condition["ceterms:targetComponent"])
    dual = [n for n in nodes.values() if n["@type"] == "ceterms:CourseComponent"
            and n.get("ceterms:creditValue", [{}])[0].get("ceterms:creditUnitType") == ["creditUnit:DualCredit"]]
    assert dual


def test_ctdl_check_can_fail() -> None:
    bad = {"@graph": [{"@id": "x", "@type": "ceterms:BasicComponent", "ceterms:hasChild": ["y"]},
                      {"@id": "y", "@type": "ceterms:Pathway", "ceterms:credentialType": "ceterms:Certification"},
                      {"@id": "z", "@type": "ceterms:Lesson"}]}
    problems = ctdl_problems(bad)
    assert any("unknown property ceterms:hasChild" in p for p in problems)
    assert any("ceterms:credentialType is not a property of ceterms:Pathway" in p for p in problems)
    assert any("unknown class ceterms:Lesson" in p for p in problems)


def test_catalog_json_validates_against_its_published_schema(sample_site: Path) -> None:
    schema = json.loads((sample_site / "schemas" / "catalog.schema.json").read_text(encoding="utf-8"))
    assert schema == catalog_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    catalog = json.loads((sample_site / "catalog.json").read_text(encoding="utf-8"))
    jsonschema.validate(catalog, schema)
    assert catalog["format"] == "mkdocs-pathways/catalog" and catalog["version"] == 1
    assert len(catalog["pathways"]) == 3 and len(catalog["lessons"]) >= 18
    steps = [s for p in catalog["pathways"] for stage in p["stages"] for s in stage["steps"]]
    assert any(s["kind"] == "choose" and s["options"] for s in steps)
    for lesson in catalog["lessons"]:
        assert (sample_site / lesson["url"] / "index.html").is_file()
    broken = dict(catalog, version=2)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_export_builds_as_a_plain_mkdocs_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "export"
    assert main(["export", "--root", str(REPO), "--out", str(out)]) == 0
    config = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pathways" not in re.findall(r"^plugins:\n((?:- .*\n)+)", config, re.M)[0]
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, check=False,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for path in ("pathways/health-science/index.html", "lessons/strengths-inventory/index.html",
                 "lessons/index.html", "catalog.json", "pathways/health-science/pathway.ctdl.jsonld",
                 "assets/pathways/pathways.css"):
        assert (site / path).is_file(), path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "pathways:list" not in home and 'class="pw-cards"' in home
    assert (out / "nav.yml").is_file()
    # An export never writes over other work, but replaces an earlier export.
    assert main(["export", "--root", str(REPO), "--out", str(out)]) == 0
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("keep me")
    assert main(["export", "--root", str(REPO), "--out", str(other)]) == 1
    assert (other / "mine.txt").read_text() == "keep me"
