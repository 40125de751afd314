"""Partners declared once, the partner and journey pages, and partners in the published data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.cli import main
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.interop.catalog_json import catalog_schema
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.vocab import POSTSECONDARY

from conftest import REPO, make_renderer

PATHWAY = """id: {id}
title: {title}
summary: A pathway.
cluster: digital-technology
partners:
{partners}
stages:
  exploration:
    - milestone: Plan
      grades: 8
      partners: [{step_partners}]
"""


def guide(tmp_path: Path, partners_file: str | None, **pathways: tuple[str, str]) -> Path:
    """A small guide: an optional partners.yml and pathways given as (partners block, step partner ids)."""
    (tmp_path / "pathways").mkdir()
    if partners_file is not None:
        (tmp_path / "partners.yml").write_text(partners_file, encoding="utf-8")
    for pathway_id, (block, step_partners) in pathways.items():
        (tmp_path / "pathways" / f"{pathway_id}.yml").write_text(
            PATHWAY.format(id=pathway_id, title=pathway_id.upper(), partners=block, step_partners=step_partners),
            encoding="utf-8")
    return tmp_path


SHARED = """partners:
  - id: valley-college
    name: Valley College
    type: college
    region: Valley County
    description: A community college.
"""


def test_a_partner_declared_once_is_one_partner_of_every_pathway(tmp_path: Path) -> None:
    root = guide(tmp_path, SHARED,
                 a=("  - id: valley-college\n    role: Teaches the course.", "valley-college"),
                 b=("  - id: shop\n    name: Shop\n    type: employer", "valley-college, shop"))
    catalog, problems = load_catalog(GuideConfig.from_options(root))
    assert problems == []
    a, b = catalog.pathways
    assert [p.id for p in a.partners] == ["valley-college"] and a.partners[0].role == "Teaches the course."
    assert a.partners[0].region == "Valley County" and a.partners[0].shared
    # b names the shared partner in a step without listing it: it takes part all the same.
    assert [p.id for p in b.partners] == ["shop", "valley-college"]
    assert [p.id for p in catalog.partners] == ["valley-college", "shop"]
    assert not catalog.partner_by_id["shop"].shared


def test_pathway_local_partners_keep_working_without_a_partners_file(tmp_path: Path) -> None:
    root = guide(tmp_path, None, a=("  - id: shop\n    name: Shop\n    type: employer", "shop"))
    catalog, problems = load_catalog(GuideConfig.from_options(root))
    assert problems == [] and [p.id for p in catalog.partners] == ["shop"]


@pytest.mark.parametrize("entry", ["  - id: valley-college\n    name: Valley Tech",
                                   "  - id: valley-college\n    type: employer"])
def test_the_same_id_with_another_name_or_type_is_an_error(tmp_path: Path, entry: str) -> None:
    root = guide(tmp_path, SHARED, a=(entry, "valley-college"))
    _catalog, problems = load_catalog(GuideConfig.from_options(root))
    assert [d.code for d in problems] == ["PW140"]
    assert "partners.yml:2:5" in problems[0].message


def test_two_pathways_giving_one_id_two_types_is_an_error(tmp_path: Path) -> None:
    root = guide(tmp_path, None, a=("  - id: shop\n    name: Shop\n    type: employer", "shop"),
                 b=("  - id: shop\n    name: Shop\n    type: community", "shop"))
    _catalog, problems = load_catalog(GuideConfig.from_options(root))
    assert [(d.code, d.location.path) for d in problems] == [("PW140", "pathways/b.yml")]


def test_a_reference_to_no_declared_partner_is_reported(tmp_path: Path) -> None:
    root = guide(tmp_path, SHARED, a=("  - id: valley-colege\n    role: Teaches.", ""))
    _catalog, problems = load_catalog(GuideConfig.from_options(root))
    assert [d.code for d in problems] == ["PW141"] and "valley-college" in problems[0].hint


def test_partners_file_shape_is_checked_with_locations(tmp_path: Path) -> None:
    root = guide(tmp_path, "partners:\n  - id: x\n    name: X\n    type: sponsor\n", a=("  []", ""))
    _catalog, problems = load_catalog(GuideConfig.from_options(root))
    assert ("PW105", "partners.yml", 4) in [(d.code, d.location.path, d.location.line) for d in problems]


def test_a_linked_partners_file_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text(SHARED, encoding="utf-8")
    root = tmp_path / "guide"
    root.mkdir()
    guide(root, None, a=("  - id: valley-college\n    role: Teaches.", "valley-college"))
    (root / "partners.yml").symlink_to(outside)
    checked = check_guide(GuideConfig.from_options(root))
    codes = [d.code for d in checked.diagnostics]
    assert "PW013" in codes and "PW141" in codes  # never read: the reference names nothing
    assert checked.catalog.guide_partners == ()


# -- the sample guide --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample() -> object:
    return check_guide(GuideConfig.from_options(REPO, {"partners_file": "partners.yml"}))


def test_sample_guide_has_no_system_findings(sample: object) -> None:
    codes = {d.code for d in sample.diagnostics}  # type: ignore[attr-defined]
    assert not codes & {"PW140", "PW141", "PW320", "PW321", "PW322", "PW323"}


def test_sample_partners_file_is_labelled_and_shared(sample: object) -> None:
    data = yaml.safe_load((REPO / "partners.yml").read_text(encoding="utf-8"))
    assert data["sample"] is True and all("(sample)" in p["name"] for p in data["partners"])
    catalog = sample.catalog  # type: ignore[attr-defined]
    for partner in catalog.guide_partners:  # each shared partner takes part in every sample pathway
        assert all(any(x.id == partner.id for x in p.partners) for p in catalog.pathways)
    assert "funder" in {p.type for p in catalog.partners}


def test_sample_journey_runs_from_kindergarten_to_postsecondary_in_order(sample: object) -> None:
    rows = system.journey(sample.catalog)  # type: ignore[attr-defined]
    assert [r.grade for r in rows] == list(range(0, POSTSECONDARY + 1))
    assert all(r.everyone for r in rows if r.grade != POSTSECONDARY)


def test_sample_partner_pages_name_every_pathway_they_serve(sample: object) -> None:
    checked = sample
    renderer = make_renderer(REPO)
    pages = {p.src_uri: p.inline() for p in renderer.pages()}
    catalog = checked.catalog  # type: ignore[attr-defined]
    index = pages["partners/index.md"]
    for pathway in catalog.pathways:
        for partner in pathway.partners:
            assert partner.name in index or partner.name.replace("&", "&amp;") in index
            page = pages[f"partners/{partner.id}.md"]
            assert pathway.title in page, (partner.id, pathway.id)
    journey = pages["journey/index.md"]
    ids = re.findall(r'<h2 class="pw-journey-grade" id="grade-([a-z0-9]+)"', journey)
    assert ids == ["k", *[str(g) for g in range(1, 13)], "ps"]


def test_partner_commitments_are_in_grade_order(sample: object) -> None:
    items = system.commitments(sample.catalog)["cedar-fork-precision"]  # type: ignore[attr-defined]
    starts = [min(c.step.grades) for c in items]
    assert starts == sorted(starts) and len(items) >= 8


def test_steps_link_to_their_partners_pages(sample: object) -> None:
    renderer = make_renderer(REPO)
    page = renderer.pathway_page(sample.catalog.pathway_by_id["advanced-manufacturing"]).inline()  # type: ignore[attr-defined]
    assert '<a href="../../partners/cedar-fork-precision/">Cedar Fork Precision Components (sample)</a>' in page
    assert 'href="../../partners/three-rivers-foundation/"' in page


# -- machine-readable data ---------------------------------------------------------------------------------------

def test_catalog_json_lists_partners_and_validates(sample: object) -> None:
    data = json.loads(make_renderer(REPO).catalog_json())
    jsonschema.validate(data, catalog_schema())
    by_id = {p["id"]: p for p in data["partners"]}
    assert by_id["three-rivers-foundation"]["type"] == "funder" and by_id["three-rivers-foundation"]["shared"]
    assert len(by_id["three-rivers-foundation"]["pathways"]) == 3
    assert by_id["riverbend-cc"]["pathways"] == ["health-science"]


def test_ctdl_and_schema_org_name_partners_with_stable_ids(sample: object) -> None:
    renderer = make_renderer(REPO, site_url="https://example.org/guide/")
    catalog = sample.catalog  # type: ignore[attr-defined]
    ids = set()
    for pathway in catalog.pathways:
        _path, text = renderer.pathway_ctdl(pathway)
        graph = json.loads(text)["@graph"]
        root = next(n for n in graph if n["@type"] == "ceterms:Pathway")
        orgs = {n["@id"] for n in graph if n["@type"] == "ceterms:CredentialOrganization"}
        assert set(root["ceterms:offeredBy"]) == orgs
        ids |= orgs
    assert "https://example.org/guide/partners/three-rivers-foundation/#organization" in ids
    page = renderer.pathway_page(catalog.pathway_by_id["health-science"]).inline()
    assert '"@id": "https://example.org/guide/partners/riverbend-cc/#organization"' in page.replace('":"', '": "')


def test_partners_schema_is_shipped_and_accepts_the_sample() -> None:
    shipped = (REPO / "plugins" / "mkdocs_pathways" / "schemas" / "partners.schema.json").read_text(encoding="utf-8")
    assert shipped == dump(SCHEMAS["partners"]())
    jsonschema.validate(yaml.safe_load((REPO / "partners.yml").read_text(encoding="utf-8")), SCHEMAS["partners"]())
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./plugins/mkdocs_pathways/schemas/partners.schema.json"] == ["partners.yml"]
    assert (REPO / "partners.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=plugins/mkdocs_pathways/schemas/partners.schema.json")


def test_cli_prints_the_partners_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "partners"]) == 0
    assert capsys.readouterr().out == dump(SCHEMAS["partners"]())
