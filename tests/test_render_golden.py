"""Golden files for rendered output: a small catalog and the exact Markdown of every generated page."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.render.addresses import Addresses

from conftest import CASES, check_golden, make_renderer

CASE = CASES / "render" / "basic"


def rendered_pages() -> dict[str, str]:
    _catalog, diagnostics = load_catalog(GuideConfig.from_options(CASE))
    assert diagnostics == []
    renderer = make_renderer(CASE, site_name="Test", organization="Test org", edition="Test edition")
    return {page.src_uri: page.markdown for page in renderer.pages()}


PAGES = sorted(rendered_pages())


@pytest.mark.parametrize("src", PAGES)
def test_rendered_page(src: str, update_goldens: bool) -> None:
    golden = CASE / "expected" / (src.replace("/", "__"))
    golden.parent.mkdir(exist_ok=True)
    check_golden(golden, rendered_pages()[src], update_goldens)


def test_no_stale_goldens() -> None:
    expected = {p.name for p in (CASE / "expected").iterdir()}
    assert expected == {src.replace("/", "__") for src in PAGES}


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


def test_shift_headings_leaves_code_alone(tmp_path: Path) -> None:
    from mkdocs_pathways.render.filters import shift_headings

    text = "## Session 1\n\n```\n## not a heading\n```\n### Part\n"
    assert shift_headings(text) == "### Session 1\n\n```\n## not a heading\n```\n#### Part\n"
