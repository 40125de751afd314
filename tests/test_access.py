"""Open to every student (issue #17): access on steps, barrier findings, and the student and family plan."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.cli import main
from mkdocs_pathways.commands.pdf import CHROMIUM_ARGS, serve_folder
from mkdocs_pathways.config import GuideConfig

from conftest import REPO
from sitekit import broken_links, build_site, lesson_text, write_site

PATHWAY = """
id: demo
title: Demo pathway
summary: A small pathway.
cluster: digital-technology
partners:
  - id: workforce
    name: Workforce board
    type: workforce
    contact: "Youth desk, (555) 010-2300"
translations:
  - language: es
    title: Ruta de prueba
    summary: Una ruta pequeña, en español.
stages:
  exploration:
    - lesson: alpha
    - experience: Job shadow
      type: job-shadow
      grades: 8
      cost: {type: free}
      when: school-day
      transportation: provided
  preparation:
    - credential: Network+ exam
      type: industry-certification
      grades: 9
      cost: {type: fee, amount: 369, covered_by: workforce}
    - experience: Summer internship
      type: internship
      grades: 9
      pay: unpaid
      when: summer
      eligibility: {application: true, min_age: 16}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_site(tmp_path_factory.mktemp("access"), lessons={"alpha": lesson_text("alpha")},
                      pathways={"demo": PATHWAY}, options="checks: {PW312: info, PW313: info, PW314: info}")
    out, warnings = build_site(root)
    assert warnings == []
    return out


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_pathway_page_shows_badges_with_words_for_screen_readers(site: Path) -> None:
    page = _html(site, "pathways/demo/index.html")
    assert '<ul class="pw-access" aria-label="What this step asks of a student">' in page
    assert 'Fee covered<span class="pw-sr-only">: the fee is paid by Workforce board</span>' in page
    for badge in ("Free", "Transport provided", "Application", "Unpaid", "Summer", "Age 16+"):
        assert f">{badge}<span class=\"pw-sr-only\">" in page, badge
    assert "Open to every student?" in page and 'id="open-to-every-student"' in page
    assert "plan/" in page


def test_barriers_are_on_the_report_the_pathway_page_and_in_the_data(site: Path) -> None:
    report = _html(site, "continuity/index.html")
    assert 'id="barriers-demo"' in report and "PW312" in report and "PW314" in report
    data = json.loads(_html(site, "continuity.json"))
    codes = {f["code"] for f in data["pathways"][0]["barriers"]}
    assert codes == {"PW312", "PW313", "PW314"}
    assert {f["severity"] for f in data["pathways"][0]["barriers"]} == {"info"}
    catalog = json.loads(_html(site, "catalog.json"))
    credential = catalog["pathways"][0]["stages"][1]["steps"][0]
    assert credential["access"] == {"cost": {"type": "fee", "amount": 369, "covered_by": "workforce"}}
    assert catalog["pathways"][0]["partners"][0]["contact"] == "Youth desk, (555) 010-2300"


def test_plan_page_exists_out_of_search_with_no_broken_links(site: Path) -> None:
    plan = _html(site, "pathways/demo/plan/index.html")
    assert "Demo pathway: my plan" in plan and "Grade by grade" in plan and "Who to ask" in plan
    assert 'type="checkbox" id="plan-job-shadow"' in plan and "Youth desk, (555) 010-2300" in plan
    assert "Fee $369" in plan and "My goals" in plan
    search = json.loads(_html(site, "search/search_index.json"))
    assert not [d for d in search["docs"] if d["location"].startswith("pathways/demo/plan")]
    # Material's own images and scripts are left out: this checks the guide's pages and their links.
    assert [p for p in broken_links(site) if "assets/" not in p.split(" -> ")[1]] == []


def test_spanish_guide_gives_a_spanish_plan_with_the_translated_summary(tmp_path: Path) -> None:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha")}, pathways={"demo": PATHWAY},
                      theme_language="es", options="checks: {PW312: info, PW313: info, PW314: info}")
    out, warnings = build_site(root)
    assert warnings == []
    plan = _html(out, "pathways/demo/plan/index.html")
    for words in ("Ruta de prueba: mi plan", "Una ruta pequeña, en español.", "Grado por grado",
                  "Lo que cuesta y lo que paga", "A quién preguntar", "Mis metas", "Gratis", "Cuota cubierta"):
        assert words in plan, words
    for english in ("Grade by grade", "Who to ask", "My goals", "A small pathway."):
        assert english not in plan, english
    assert "¿Abierta a todos los estudiantes?" in _html(out, "pathways/demo/index.html")


def test_every_sample_pathway_has_a_plan_with_its_partners_to_ask() -> None:
    checked = check_guide(GuideConfig.from_options(REPO))
    for pathway in checked.catalog.pathways:
        assert any(p.contact for p in pathway.partners), pathway.id
        assert any(s.access for s in pathway.all_steps()), pathway.id
    # The sample keeps real barriers on purpose, as notes (mkdocs.yml: checks: {PW314: info, PW315: info}).
    assert {f.diagnostic.code for f in checked.analysis.barriers()} == {"PW314", "PW315"}


# -- printed plans ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_pdfs(sample_site: Path, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plans")
    assert main(["pdf", "--plan", "--root", str(REPO), "--site", str(sample_site), "--out", str(out),
                 "--browser", chromium]) == 0
    return out


def test_each_sample_plan_prints_on_one_or_two_pages(plan_pdfs: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    catalog = check_guide(GuideConfig.from_options(REPO)).catalog
    for pathway in catalog.pathways:
        reader = pypdf.PdfReader(plan_pdfs / f"{pathway.id}-plan.pdf")
        assert 1 <= len(reader.pages) <= 2, (pathway.id, len(reader.pages))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        assert f"{pathway.title}: my plan" in text and "My goals" in text
        for chrome in ("Skip to content", "Search", "Back to top", "Made with"):
            assert chrome not in text, chrome
        first = reader.pages[0]
        assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (612, 792)


@pytest.fixture(scope="module")
def browser_page(sample_site: Path, chromium: str) -> Iterator[tuple[object, str]]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    with serve_folder(sample_site) as base, playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser, base
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["pathways/health-science/plan/", "pathways/digital-technology/"])
def test_plan_and_pathway_pages_pass_axe(browser_page: tuple[object, str], path: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    browser, base = browser_page
    context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base}/{path}")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    # The page's content: Material's own header and navigation are test_browser.py's concern.
    violations = Axe().run(page, context=".md-content",
                           options={"runOnly": {"type": "tag", "values": tags}}).response["violations"]
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in violations] == [], json.dumps(
        [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
