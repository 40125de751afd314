"""Standards frameworks: CASE packages (both shapes, 1.0 and 1.1), the YAML format, lessons' alignments, the
crosswalk page and its CSV and JSON, JSON-LD and CTDL alignments, and ``pathways standards import``."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.analysis.standards import coverage
from mkdocs_pathways.cli import main
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.interop.crosswalk import crosswalk_csv
from mkdocs_pathways.interop.schema_org import lesson_jsonld
from mkdocs_pathways.load.standards_case import parse_case
from mkdocs_pathways.load.standards_model import license_id
from mkdocs_pathways.render.statements import statement_html, statement_text

from conftest import CASES, REPO, make_renderer

CLEAN_LESSON = (CASES / "diagnostics" / "clean" / "lessons" / "alpha.md").read_text(encoding="utf-8")
TITLE = "Rocket Readiness 🚀 Standards"  # a character outside the basic plane


def _link(origin: str, destination: str, sequence: int | None) -> dict[str, Any]:
    link: dict[str, Any] = {"identifier": f"link-{origin}", "associationType": "isChildOf",
                            "originNodeURI": {"identifier": origin, "uri": f"https://case.example.org/{origin}"},
                            "destinationNodeURI": {"identifier": destination,
                                                   "uri": f"https://case.example.org/{destination}"}}
    if sequence is not None:
        link["sequenceNumber"] = sequence
    return link


def three_levels(*, wrap: bool = False, level_key: str = "educationLevel", version: str = "1.1",
                 licence: str = "https://creativecommons.org/licenses/by/4.0/") -> dict[str, Any]:
    """A package three levels deep, its associations and items listed out of order, with Markdown statements."""
    def item(identifier: str, code: str, statement: str, levels: list[str]) -> dict[str, Any]:
        return {"identifier": identifier, "humanCodingScheme": code, "fullStatement": statement,
                "CFItemType": "Standard", level_key: levels, "uri": f"https://case.example.org/{identifier}"}
    items = [
        item("c2", "B", "Strand **B**", ["09", "10", "11", "12"]),
        item("c1", "A", "Strand A", ["06", "07", "08"]),
        item("a2", "A.2", "Second *domain*", ["06", "07", "08"]),
        item("a1", "A.1", "First domain", ["06", "07", "08"]),
        item("a12", "A.1.2", "Explain <script>alert(1)</script> [a link](javascript:alert(1)) safely", ["07"]),
        item("a11", "A.1.1", "Name a job with `code` and <img src=x onerror=alert(1)>", ["06", "07"]),
        item("b1", "B.1", "Plan after high school", ["09", "10", "11", "12"]),
    ]
    links = [_link("a12", "a1", 2), _link("b1", "c2", 1), _link("a11", "a1", 1), _link("c2", "doc", 2),
             _link("a2", "c1", 5), _link("a1", "c1", 3), _link("c1", "doc", 1)]
    document: dict[str, Any] = {"identifier": "doc", "title": TITLE, "creator": "Test State DOE",
                                "uri": "https://case.example.org/doc",
                                "licenseURI": {"identifier": "lic", "title": "Licence", "uri": licence}}
    if version == "1.1":
        document["caseVersion"] = "1.1"
    package = {"CFDocument": document, "CFItems": items, "CFAssociations": links,
               "CFDefinitions": {"CFLicenses": [{"identifier": "lic", "title": "Licence", "uri": licence}]}}
    return {"CFPackage": package} if wrap else package


def guide(tmp_path: Path, package: dict[str, Any] | None = None, standards: str = "") -> Path:
    """A one-lesson guide, grades 6-7, with the package as standards/rr.json and the lesson's standards list."""
    (tmp_path / "lessons").mkdir()
    (tmp_path / "standards").mkdir()
    lesson = CLEAN_LESSON
    if standards:
        lesson = lesson.replace("license: CC-BY-4.0\n", "license: CC-BY-4.0\nstandards:\n" + standards, 1)
    (tmp_path / "lessons" / "alpha.md").write_text(lesson, encoding="utf-8")
    if package is not None:
        text = json.dumps(package, indent=2, ensure_ascii=False)
        (tmp_path / "standards" / "rr.json").write_text(text, encoding="utf-8")
    return tmp_path


# -- reading CASE -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("wrap", [False, True], ids=["bare", "CFPackage"])
@pytest.mark.parametrize("level_key", ["educationLevel", "educationalLevel"])
@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_case_package_is_read_in_hierarchy_and_sequence_order(wrap: bool, level_key: str, version: str) -> None:
    text = json.dumps(three_levels(wrap=wrap, level_key=level_key, version=version), indent=2)
    framework, problems = parse_case(text, "standards/rr.json", "rr")
    assert problems == [] and framework is not None
    assert framework.title == TITLE and framework.depth == 3 and framework.case_version == version
    assert [(i.code, i.depth) for i in framework.items] == [
        ("A", 1), ("A.1", 2), ("A.1.1", 3), ("A.1.2", 3), ("A.2", 2), ("B", 1), ("B.1", 2)]
    assert framework.item_by_code["A.1.1"].grades == (6, 7)
    assert framework.item_by_code["B"].grades == (9, 10, 11, 12)
    assert framework.license == "CC-BY-4.0" and framework.republish


def test_items_without_sequence_numbers_keep_their_association_order() -> None:
    package = three_levels()
    for link in package["CFAssociations"]:
        link.pop("sequenceNumber")
    framework, _ = parse_case(json.dumps(package), "rr.json", "rr")
    assert framework is not None
    assert [i.code for i in framework.items if i.depth == 3] == ["A.1.2", "A.1.1"]


def test_problems_are_located_and_never_raise() -> None:
    for text in ("{", "[" * 100_000, '{"CFDocument": "x"}', '{"a": 1' + "0" * 5000 + "}", '"\\ud83d"',
                 json.dumps({"CFDocument": {"identifier": "d", "title": "t"}, "CFItems": {}})):
        framework, problems = parse_case(text, "x.json", "x")
        assert framework is None and problems and all(p.location.path == "x.json" for p in problems)
    _, problems = parse_case('{\n  "CFDocument": {,}\n}', "x.json", "x")
    assert (problems[0].code, problems[0].location.line, problems[0].location.column) == ("PW130", 2, 18)


def test_licences() -> None:
    assert license_id("https://creativecommons.org/licenses/by-sa/4.0/legalcode") == "CC-BY-SA-4.0"
    assert license_id("", "CC BY 4.0") == "CC-BY-4.0"
    assert license_id("https://creativecommons.org/publicdomain/zero/1.0/") == "CC0-1.0"
    assert license_id("All rights reserved") == ""
    closed, problems = parse_case(json.dumps(three_levels(licence="https://state.example.gov/terms")), "x.json", "x")
    assert closed is not None and not closed.republish and [p.code for p in problems] == ["PW138"]
    nc = three_levels(licence="https://creativecommons.org/licenses/by-nc/4.0/")
    assert parse_case(json.dumps(nc), "x.json", "x")[0].republish  # type: ignore[union-attr]
    assert not parse_case(json.dumps(nc), "x.json", "x", commercial_use=True)[0].republish  # type: ignore[union-attr]


# -- statements -------------------------------------------------------------------------------------------------

def test_markdown_statements_are_rendered_safely() -> None:
    html = statement_html("Explain <script>alert(1)</script> [a link](javascript:alert(1)) and **this**\n\n"
                          "<img src=x onerror=alert(1)> <a href='https://example.org' onclick='x()'>ok</a>")
    assert "<strong>this</strong>" in html and "\n" not in html
    for bad in ("<script", "javascript:", "<img", "onerror", "onclick"):
        assert bad not in html
    assert statement_text("Strand **B** & `code`", 0) == "Strand B & code"
    assert statement_text("x" * 200, 20).endswith("…") and len(statement_text("x" * 200, 20)) == 20


# -- alignments -------------------------------------------------------------------------------------------------

def test_a_misspelt_code_is_located_with_a_suggestion(tmp_path: Path) -> None:
    root = guide(tmp_path, three_levels(), "  - framework: rr\n    code: a.1.1\n  - framework: Other framework\n"
                                           "    code: X 1\n")
    diagnostics = check_guide(GuideConfig.from_options(root)).diagnostics
    found = [d for d in diagnostics if d.code.startswith("PW13")]
    assert [(d.code, d.location.path, d.location.line) for d in found] == [("PW136", "lessons/alpha.md", 21)]
    assert "did you mean 'A.1.1'?" in found[0].hint


def test_alignment_by_identifier_and_free_text(tmp_path: Path) -> None:
    root = guide(tmp_path, three_levels(), "  - framework: rr\n    code: a12\n  - framework: ASCA (2021)\n"
                                           "    code: M 1\n")
    checked = check_guide(GuideConfig.from_options(root))
    assert [d.code for d in checked.diagnostics if d.code.startswith("PW13")] == []
    lesson = checked.catalog.lesson_by_id["alpha"]
    aligned, free = lesson.standards
    assert (aligned.code, aligned.item, aligned.url) == ("A.1.2", "a12", "https://case.example.org/a12")
    assert (free.framework, free.code, free.item) == ("ASCA (2021)", "M 1", "")
    ld = lesson_jsonld(lesson, checked.catalog, "https://x.org/lessons/alpha/")["educationalAlignment"]
    assert ld[0] == {"@type": "AlignmentObject", "alignmentType": "teaches", "educationalFramework": TITLE,
                     "targetName": "A.1.2", "targetUrl": "https://case.example.org/a12",
                     "targetDescription": "Explain <script>alert(1)</script> [a link](javascript:alert(1)) safely"}
    assert ld[1]["educationalFramework"] == "ASCA (2021)" and "targetUrl" not in ld[1]


def test_yaml_framework(tmp_path: Path) -> None:
    root = guide(tmp_path, None, "  - framework: local\n    code: L.1.1\n")
    (root / "standards" / "local.yml").write_text(
        "title: Local standards\nlicense: CC0-1.0\nurl: https://example.org/local\nitems:\n"
        "  - code: L.1\n    statement: A strand.\n  - code: L.1.1\n    statement: A *standard*.\n    grades: 6-8\n"
        "    parent: L.1\n  - code: L.1.2\n    statement: Another.\n    grades: 9-12\n    parent: L.1\n",
        encoding="utf-8")
    checked = check_guide(GuideConfig.from_options(root))
    assert [d for d in checked.diagnostics if d.code.startswith("PW1")] == []
    framework = checked.catalog.framework_by_id["local"]
    assert [(i.code, i.depth) for i in framework.items] == [("L.1", 1), ("L.1.1", 2), ("L.1.2", 2)]
    assert framework.format == "yaml" and framework.republish


# -- the crosswalk ----------------------------------------------------------------------------------------------

def test_crosswalk_page_csv_and_json(tmp_path: Path) -> None:
    root = guide(tmp_path, three_levels(), "  - framework: rr\n    code: A.1.1\n")
    checked = check_guide(GuideConfig.from_options(root))
    framework = checked.catalog.framework_by_id["rr"]
    cov = coverage(checked.catalog, framework)
    rows = list(csv.DictReader(io.StringIO(crosswalk_csv(cov))))
    assert len(rows) == len(framework.items) == 7
    by_code = {row["code"]: row for row in rows}
    assert by_code["A.1.1"]["covered"] == by_code["A"]["covered"] == "yes"
    assert by_code["A.1.1"]["grade 6"] == "1" and by_code["A.1.1"]["lesson ids"] == "alpha"
    assert by_code["B.1"]["covered"] == "no" and by_code["A.1.2"]["parent code"] == "A.1"
    assert [row.item.code for row in cov.uncovered] == ["A.1.2", "A.2", "B", "B.1"]

    renderer = make_renderer(root)
    pages = {page.src_uri: page.inline() for page in renderer.standards_pages()}
    page = pages["standards/rr/index.md"]
    assert TITLE in page and "<strong>B</strong>" in page
    assert "<script" not in page.split("</script>", 1)[-1].replace('<script type="application/ld+json">', "")
    assert "javascript:" not in page and "onerror" not in page
    order = [page.index(f'id="item-{code}"') for code in ("a", "a-1", "a-1-1", "a-1-2", "a-2", "b", "b-1")]
    assert order == sorted(order)
    assert "Not yet covered" in page and 'class="pw-heatmap"' in page
    files = dict(renderer.crosswalk_files(framework))
    data = json.loads(files["standards/rr/crosswalk.json"])
    assert data["framework"]["title"] == TITLE and len(data["items"]) == 7
    assert data["uncovered"] == ["A.1.2", "A.2", "B", "B.1"]
    assert files["standards/rr/crosswalk.csv"] == crosswalk_csv(cov)


def test_codes_only_when_the_licence_forbids_republishing(tmp_path: Path) -> None:
    root = guide(tmp_path, three_levels(licence="https://state.example.gov/terms"), "  - framework: rr\n"
                                                                                   "    code: A.1.1\n")
    renderer = make_renderer(root)
    page = {p.src_uri: p.inline() for p in renderer.standards_pages()}["standards/rr/index.md"]
    assert "Strand A" not in page and "A.1.1" in page and "only the codes are shown" in page
    rows = list(csv.DictReader(io.StringIO(crosswalk_csv(coverage(renderer.catalog, renderer.catalog.frameworks[0])))))
    assert {row["statement"] for row in rows} == {""}


def test_spreadsheet_formulas_are_written_as_text(tmp_path: Path) -> None:
    package = three_levels()
    package["CFItems"][1]["fullStatement"] = "=HYPERLINK(\"https://evil.example\")"
    framework, _ = parse_case(json.dumps(package), "x.json", "x")
    assert framework is not None
    root = guide(tmp_path, package)
    checked = check_guide(GuideConfig.from_options(root))
    text = crosswalk_csv(coverage(checked.catalog, checked.catalog.frameworks[0]))
    assert "'=HYPERLINK" in text


def test_the_sample_guide_shows_real_coverage_and_an_uncovered_item() -> None:
    checked = check_guide(GuideConfig.from_options(REPO))
    framework = checked.catalog.framework_by_id["career-readiness-sample"]
    cov = coverage(checked.catalog, framework)
    covered = [row for row in cov.standards if row.covered]
    assert len(covered) >= 8 and [row.item.code for row in cov.uncovered] == ["CR.4.4"]
    assert framework.license == "CC-BY-4.0" and framework.republish and framework.depth == 2


# -- pathways standards import ----------------------------------------------------------------------------------

def test_import_copies_checks_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = guide(tmp_path, None)
    shutil.rmtree(root / "standards")
    saved = tmp_path / "download.json"
    saved.write_text(json.dumps(three_levels(wrap=True), ensure_ascii=False), encoding="utf-8")
    assert main(["standards", "import", str(saved), "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert TITLE in out and "Test State DOE" in out and "7 (4 standards), 3 level(s) deep" in out
    assert "CC-BY-4.0" in out
    target = root / "standards" / "rocket-readiness-standards.json"
    assert target.read_bytes() == saved.read_bytes()
    assert main(["standards", "import", str(saved), "--root", str(root)]) == 1
    assert "never overwritten" in capsys.readouterr().err
    assert target.read_bytes() == saved.read_bytes()
    assert main(["standards", "import", str(saved), "--root", str(root), "--id", "rr"]) == 0
    assert (root / "standards" / "rr.json").is_file()


@pytest.mark.parametrize("breakage", ["unknown-node", "loop", "duplicate-code", "syntax", "url", "bad-id"])
def test_import_refuses_a_broken_package(tmp_path: Path, breakage: str, capsys: pytest.CaptureFixture[str]) -> None:
    root = guide(tmp_path, None)
    package = three_levels()
    if breakage == "unknown-node":
        package["CFAssociations"][0]["destinationNodeURI"]["identifier"] = "nowhere"
    elif breakage == "loop":
        package["CFAssociations"].append(_link("c1", "a11", 9))
        package["CFAssociations"] = [x for x in package["CFAssociations"] if x["originNodeURI"]["identifier"] != "c1"
                                     or x["destinationNodeURI"]["identifier"] == "a11"]
    elif breakage == "duplicate-code":
        package["CFItems"][0]["humanCodingScheme"] = "A"
    saved = tmp_path / "saved.json"
    saved.write_text("{" if breakage == "syntax" else json.dumps(package), encoding="utf-8")
    argument = "https://case.example.org/package.json" if breakage == "url" else str(saved)
    extra = ["--id", "Not An Id"] if breakage == "bad-id" else []
    assert main(["standards", "import", argument, "--root", str(root), *extra]) == 1
    err = capsys.readouterr().err
    expected = {"unknown-node": "PW132", "loop": "PW133", "duplicate-code": "PW134", "syntax": "PW130",
                "url": "never downloads", "bad-id": "cannot be a framework id"}[breakage]
    assert expected in err and "Traceback" not in err
    assert list((root / "standards").iterdir()) == []


def test_ctdl_components_are_proxies_for_the_case_items() -> None:
    renderer = make_renderer(REPO)
    pathway = renderer.catalog.pathway_by_id["health-science"]
    data = json.loads(renderer.pathway_ctdl(pathway)[1])
    competencies = [n for n in data["@graph"] if n["@type"] == "ceterms:CompetencyComponent"]
    framework = renderer.catalog.framework_by_id["career-readiness-sample"]
    assert competencies and {n["ceterms:proxyFor"] for n in competencies} <= {i.uri for i in framework.items}
    nodes = {n["@id"]: n for n in data["@graph"]}
    for node in competencies:
        assert all(node["@id"] in nodes[parent]["ceasn:hasChild"] for parent in node["ceasn:isChildOf"])
