"""Golden files for rendered output: a small catalog, the exact Markdown of every generated page, and the
``catalog.json`` and ``continuity.json`` data files. Rewrite them with ``pytest --update-goldens`` (or
``UPDATE_GOLDENS=1``) and review the difference."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.render.addresses import Addresses

# The renderer and its two data files, imported in this one place: if they move, only these lines change.
from mkdocs_pathways.render.pages import Renderer

from conftest import CASES, check_golden, make_renderer

CASE = CASES / "render" / "basic"
EXPECTED = CASE / "expected"
DATA_FILES: dict[str, Callable[[Renderer], str]] = {
    "catalog.json": Renderer.catalog_json,
    "continuity.json": Renderer.continuity_json,
}
# The page goldens on disk, known without rendering, so that a crash in the renderer fails the tests below
# instead of breaking collection. A page rendered without a golden is caught by test_every_page_has_a_golden.
PAGE_GOLDENS = sorted(p.name for p in EXPECTED.iterdir() if p.name not in DATA_FILES) if EXPECTED.is_dir() else []


def golden_name(src: str) -> str:
    return src.replace("/", "__")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    """The renderer for the golden catalog, made once for the module."""
    _catalog, diagnostics = load_catalog(GuideConfig.from_options(CASE))
    assert diagnostics == []
    return make_renderer(CASE, site_name="Test", organization="Test org", edition="Test edition")


@pytest.fixture(scope="module")
def rendered_pages(renderer: Renderer) -> dict[str, str]:
    """Every generated page's Markdown, by golden file name, rendered once for the module."""
    generated = renderer.pages()
    pages = {golden_name(page.src_uri): page.inline() for page in generated}
    assert len(pages) == len(generated), "two pages share a golden file name"
    return pages


@pytest.mark.parametrize("name", PAGE_GOLDENS)
def test_rendered_page(name: str, rendered_pages: dict[str, str], update_goldens: bool) -> None:
    assert name in rendered_pages, f"{name} is no longer rendered: delete the stale golden"
    check_golden(EXPECTED / name, rendered_pages[name], update_goldens)


def test_every_page_has_a_golden(rendered_pages: dict[str, str], update_goldens: bool) -> None:
    # check_golden writes a missing golden and fails, so a new page is reviewed before it is committed.
    for name in sorted(set(rendered_pages) - set(PAGE_GOLDENS)):
        EXPECTED.mkdir(exist_ok=True)
        check_golden(EXPECTED / name, rendered_pages[name], update_goldens)


def test_no_stale_goldens(rendered_pages: dict[str, str]) -> None:
    expected = {p.name for p in EXPECTED.iterdir()}
    assert expected == set(rendered_pages) | set(DATA_FILES)


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_file(name: str, renderer: Renderer, update_goldens: bool) -> None:
    text = DATA_FILES[name](renderer)
    data = json.loads(text)
    # Published compact (fast to write for a large guide); the golden is indented, to be read in a review.
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    check_golden(EXPECTED / name, json.dumps(data, indent=1, ensure_ascii=False) + "\n", update_goldens)


def test_directory_and_file_urls() -> None:
    dirs, files = Addresses(), Addresses(use_directory_urls=False)
    assert dirs.href("lessons/a.md", "pathways/p/index.md", "step-x") == "../../pathways/p/#step-x"
    assert dirs.href("index.md", "lessons/index.md", "stage-exploration", "grade=7") == \
        "lessons/?grade=7#stage-exploration"
    assert dirs.href("pathways/p/index.md", "pathways/p/index.md", "map") == "./#map"
    assert files.href("lessons/a.md", "pathways/p/index.md") == "../pathways/p/index.html"
    assert files.href("index.md", "lessons/b.md") == "lessons/b.html"


def test_page_title_cannot_close_the_title_element() -> None:
    from mkdocs_pathways.render.filters import meta_title

    assert meta_title("</title><script>x</script> & more") == "‹/title›‹script›x‹/script› &amp; more"


def test_booklet_headings_nest_under_the_lesson_and_code_is_left_alone() -> None:
    from mkdocs_pathways.render.addresses import Addresses
    from mkdocs_pathways.render.fragments import Fragment, place

    html = ('<h2 id="session-1">Session 1</h2>\n<pre><code>&lt;h2&gt;not a heading</code></pre>\n'
            '<a href="#session-1">up</a>')
    placed = place(Fragment(html), "pathways/p/guide.md", Addresses(), id_prefix="lesson-a-", demote=True)
    assert placed == ('<h3 id="lesson-a-session-1">Session 1</h3>\n<pre><code>&lt;h2&gt;not a heading</code></pre>\n'
                      '<a href="#lesson-a-session-1">up</a>')


def test_a_lessons_heading_never_repeats_an_id_of_its_page() -> None:
    from mkdocs_pathways.render.fragments import unique_ids

    page = '<h2 id="materials">Materials</h2><p>…</p><h2 id="materials">Materials</h2><h3 id="materials">x</h3>'
    assert unique_ids(page) == ('<h2 id="materials">Materials</h2><p>…</p><h2 id="materials_1">Materials</h2>'
                                '<h3 id="materials_2">x</h3>')


def test_attributes_are_separated_by_spaces(rendered_pages: dict[str, str]) -> None:
    # An html_block joins a tag's lines without a space unless the template writes one ({{ " " }}): a quoted
    # value then runs into the next attribute's name, which HTML calls a parse error.
    joined = {name: re.findall(r'<[a-z][^<>]*?"[a-zA-Z-]+=', page) for name, page in rendered_pages.items()}
    assert {name: found for name, found in joined.items() if found} == {}
