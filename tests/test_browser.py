"""End-to-end tests in headless Chromium (Debian's package, started by path): journeys, search, the catalog
filter, print, phones, keyboard use, accessibility with axe-core, and no third-party requests."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.commands.pdf import CHROMIUM_ARGS, serve_folder
from mkdocs_pathways.config import GuideConfig

from conftest import REPO

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
playwright_api.expect.set_options(timeout=15_000)  # CI machines are shared and slow at times
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
KEY_PAGES = {
    "home": "", "pathways": "pathways/", "pathway": "pathways/health-science/",
    "lesson": "lessons/strengths-inventory/", "catalog": "lessons/", "competencies": "competencies/",
    "continuity": "continuity/", "guide": "pathways/health-science/guide/",
    "standards": "standards/", "framework": "standards/career-readiness-sample/",
    "journey": "journey/", "partners": "partners/", "partner": "partners/cedar-fork-precision/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve_folder(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_journey_home_pathway_map_lesson_next_and_back(page: object, base_url: str) -> None:
    expect = playwright_api.expect
    page.goto(base_url + "/")
    page.locator(".pw-cards").get_by_role("link", name="Caring Careers: Health Science").click()
    expect(page).to_have_url(re.compile(r"/pathways/health-science/$"))
    page.locator(".pw-map-svg").get_by_role("link", name=re.compile("Bouncing Back")).click()
    expect(page).to_have_url(re.compile(r"/lessons/bouncing-back/$"))
    fits = page.locator(".pw-fits")
    expect(fits).to_contain_text("Caring Careers: Health Science")
    fits.locator(".pw-fits-neighbours").first.get_by_role("link").last.click()
    expect(page).not_to_have_url(re.compile(r"/lessons/bouncing-back/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/lessons/bouncing-back/$"))
    expect(page.locator("h1")).to_have_text("Bouncing Back: Learning from Setbacks")


def test_search_finds_a_lesson_by_a_word_in_its_body(page: object, base_url: str) -> None:
    expect = playwright_api.expect
    page.goto(base_url + "/")
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("birdhouse")
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible()
    expect(result.locator("a").first).to_have_attribute("href", re.compile(r"lessons/career-portfolio/"))


def test_catalog_filter_narrows_and_keeps_the_url(page: object, base_url: str) -> None:
    expect = playwright_api.expect
    page.goto(base_url + "/lessons/")
    visible = page.locator(".pw-lesson-item:visible")
    total = visible.count()
    assert total >= 18
    page.select_option("#pw-filter-grade", "7")
    expect(page).to_have_url(re.compile(r"\?grade=7$"))
    by_grade = visible.count()
    assert 0 < by_grade < total
    for item in visible.all():
        assert "7" in (item.get_attribute("data-grades") or "").split()
    page.select_option("#pw-filter-competency", "self-awareness")
    expect(page).to_have_url(re.compile(r"grade=7&competency=self-awareness"))
    narrowed = visible.count()
    assert 0 < narrowed < by_grade
    expect(page.locator("#pw-filter-count")).to_have_text(f"Showing {narrowed} of {total} lessons.")
    shared = page.url
    page.goto(base_url + "/")
    page.goto(shared)
    assert visible.count() == narrowed
    page.get_by_role("button", name="Clear filters").click()
    expect(visible).to_have_count(total)


def test_catalog_is_complete_without_javascript(browser: object, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(base_url + "/lessons/?grade=7")
    catalog = check_guide(GuideConfig.from_options(REPO)).catalog
    assert page.locator(".pw-lesson-item").count() == len(catalog.lessons)
    assert not page.locator("#pw-filter").is_visible()
    context.close()


def test_home_to_a_grade_7_self_awareness_lesson_in_two_clicks(page: object, base_url: str) -> None:
    page.goto(base_url + "/")
    expect = playwright_api.expect
    page.locator(".pw-find").get_by_role("link", name="Grade 7").click()  # click 1
    expect(page).to_have_url(re.compile(r"/lessons/\?grade=7"))
    expect(page.locator("#pw-filter-count")).to_contain_text("Showing ")  # the filter has been applied
    first = page.locator(".pw-lesson-item:not([hidden])").filter(has_text="Self-awareness").first
    first.locator("a.pw-lesson-link").click()  # click 2
    expect(page).to_have_url(re.compile(r"/lessons/[a-z0-9-]+/$"))
    assert "Grade 7" in page.locator(".pw-meta").inner_text() or "Grades 6–7" in page.locator(".pw-meta").inner_text()
    assert "Self-awareness" not in page.url and page.locator(".pw-competency-list").count() == 1


@pytest.mark.parametrize("path", ["lessons/strengths-inventory/", "pathways/health-science/guide/", "journey/",
                                  "partners/", "partners/three-rivers-foundation/", "pathways/"])
def test_print_hides_the_site_chrome(page: object, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search", ".pw-breadcrumbs"):
        locator = page.locator(selector)
        assert locator.count() == 0 or not locator.first.is_visible(), selector
    assert page.locator("h1").first.is_visible()


@pytest.mark.parametrize("name", sorted(KEY_PAGES))
def test_phone_has_no_sideways_page_scroll(browser: object, base_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,  # type: ignore[attr-defined]
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{base_url}/{KEY_PAGES[name]}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"))
    context.close()
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px on a phone"


@pytest.mark.parametrize("name", sorted(KEY_PAGES))
def test_desktop_screenshots(page: object, base_url: str, name: str) -> None:
    page.goto(f"{base_url}/{KEY_PAGES[name]}")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"desktop-{name}.png"))
    assert page.locator("h1").first.is_visible()


def test_filters_work_by_keyboard_alone_with_a_visible_focus_ring(page: object, base_url: str) -> None:
    page.goto(base_url + "/lessons/")
    total = page.locator(".pw-lesson-item:visible").count()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "pw-filter-grade":
            break
    else:
        pytest.fail("the grade filter cannot be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "no visible focus ring on the grade filter"
    page.keyboard.press("ArrowDown")  # the first grade
    page.keyboard.press("ArrowDown")
    assert 0 < page.locator(".pw-lesson-item:visible").count() < total
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pw-filter-stage"


def test_continuity_map_has_a_text_alternative(page: object, base_url: str) -> None:
    page.goto(base_url + "/pathways/health-science/")
    figure = page.locator("figure.pw-map")
    described = figure.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").inner_text().strip()
    links = page.locator(".pw-map-svg a")
    assert links.count() >= 10
    names = {a.inner_text().strip() for a in page.locator(".pw-steps .pw-step-title a").all()}
    assert {"Bouncing Back: Learning from Setbacks", "Who Helps? Exploring Careers in Care"} <= names
    # The map's links are reachable by keyboard too.
    page.locator(".pw-map-svg a").first.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")


def _axe(page: object) -> list[dict[str, object]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return list(result.response["violations"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", sorted(KEY_PAGES))
def test_no_accessibility_violations(browser: object, base_url: str, name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base_url}/{KEY_PAGES[name]}")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    violations = _axe(page)
    context.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []  # type: ignore[index]


def test_every_lesson_page_is_accessible(page: object, base_url: str) -> None:
    catalog = check_guide(GuideConfig.from_options(REPO)).catalog
    failures = {}
    for lesson in catalog.lessons:
        page.goto(f"{base_url}/lessons/{lesson.id}/")
        violations = _axe(page)
        if violations:
            failures[lesson.id] = [v["id"] for v in violations]
    assert failures == {}


def test_axe_can_fail(page: object, base_url: str) -> None:
    page.goto(base_url + "/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png><button></button>')")
    assert {"image-alt", "button-name"} <= {str(v["id"]) for v in _axe(page)}


def test_no_third_party_requests(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in KEY_PAGES.values():
        page.goto(f"{base_url}/{path}", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("career")
    page.wait_for_timeout(500)
    context.close()
    assert hosts == {urlsplit(base_url).netloc}


def test_framework_page_shows_coverage_in_text_and_order(page: object, base_url: str) -> None:
    page.goto(base_url + "/standards/")
    page.get_by_role("link", name="Career Readiness Standards (sample)").first.click()
    expect = playwright_api.expect
    expect(page).to_have_url(re.compile(r"/standards/career-readiness-sample/$"))
    heatmap = page.locator("table.pw-heatmap")
    codes = [c.strip() for c in heatmap.locator("tbody th .pw-standard-code").all_inner_texts()]
    assert codes[:3] == ["CR.1", "CR.1.1", "CR.1.2"] and len(codes) == 16
    # Every cell says its number in text (a dash is read as 0), so colour is never the only signal.
    assert all(t.strip() for t in heatmap.locator("tbody td").all_inner_texts())
    expect(page.locator(".pw-uncovered")).to_contain_text("CR.4.4")
    page.locator(".pw-uncovered a", has_text="CR.4.4").click()
    expect(page).to_have_url(re.compile(r"#item-cr-4-4$"))


def test_partner_sheet_prints_on_one_page(browser: object, base_url: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base_url}/partners/three-rivers-foundation/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter", print_background=True)
    context.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_all_pathways_map_draws_shared_steps_once_and_reads_on_a_phone(browser: object, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,  # type: ignore[attr-defined]
                                  has_touch=True)
    page = context.new_page()
    page.goto(f"{base_url}/pathways/")
    shared = page.locator(".pw-allmap-everyone").filter(has_text="What I'm Good At: A Strengths Inventory")
    assert shared.count() == 1
    assert page.locator(".pw-allmap").get_by_role("link", name=re.compile("Strengths Inventory")).count() == 1
    # On a phone the cells stack: each is as wide as the map, and names its pathways.
    widths = page.evaluate(
        "[...document.querySelectorAll('.pw-allmap-cell')].map(c => c.getBoundingClientRect().width)")
    assert max(widths) - min(widths) < 2
    assert page.locator(".pw-allmap-who").first.is_visible()
    context.close()


def test_journey_and_partner_pages_work_by_keyboard(page: object, base_url: str) -> None:
    page.goto(base_url + "/journey/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.pw-jump') !== null"):
            break
    else:
        pytest.fail("the grade links of the journey page cannot be reached with Tab")
    page.keyboard.press("Enter")
    playwright_api.expect(page).to_have_url(re.compile(r"#grade-k$"))
    page.goto(base_url + "/partners/")
    link = page.locator(".pw-partner-card-title a").first
    link.focus()
    page.keyboard.press("Enter")
    playwright_api.expect(page).to_have_url(re.compile(r"/partners/[a-z0-9-]+/$"))
