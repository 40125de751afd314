"""Generated pages converted without a full Python-Markdown pass are the pages a full pass would make.

The site engine used to convert every generated page (seconds of a large guide's build); most are now converted
by :mod:`mkdocs_pathways.render.prerender`. These tests hold that conversion, HTML and table of contents, to a full
conversion with the same extensions: for every generated page of the bundled sample and of a benchmark guide,
under the sample's own Markdown settings and under others (no permalinks, a narrow ``toc`` depth), and for the
Markdown it must leave to the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.mkdocs_yml import SiteSettings, load_settings
from mkdocs_pathways.render.bundle import make_renderer
from mkdocs_pathways.render.pages_base import GeneratedPage
from mkdocs_pathways.render.prerender import Prerenderer

from conftest import REPO, generated_guide


def _full(body: str, extensions: list[Any], configs: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    html = md.convert(body)
    return html, md.toc_tokens  # type: ignore[attr-defined]


def _body(page: GeneratedPage) -> str:
    return page.markdown.split("---\n", 2)[2]


def _pages(root: Path) -> tuple[list[GeneratedPage], SiteSettings]:
    config, site = load_settings(root)
    return make_renderer(check_guide(config), config, site).pages(), site


@pytest.fixture(scope="module")
def benchmark_guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_guide(tmp_path_factory.mktemp("bench") / "guide")


SETTINGS = {
    "the site's own": None,
    "no permalinks": {"toc": {}},
    "permalinks, depth 2-3, anchor links": {"toc": {"permalink": "#", "toc_depth": "2-3", "anchorlink": True}},
}


@pytest.mark.parametrize("settings", list(SETTINGS), ids=list(SETTINGS))
@pytest.mark.parametrize("guide", ["sample", "benchmark"])
def test_every_generated_page_converts_as_a_full_pass_would(guide: str, settings: str,
                                                            benchmark_guide: Path) -> None:
    pages, site = _pages(REPO if guide == "sample" else benchmark_guide)
    extensions = list(site.markdown_extensions)
    configs = {k: dict(v) for k, v in site.markdown_configs.items()}
    if SETTINGS[settings] is not None:
        configs.update(SETTINGS[settings])  # type: ignore[arg-type]
    prerender = Prerenderer(extensions, configs)
    converted, different = 0, []
    for page in pages:
        got = prerender.page(_body(page))
        if got is None:
            continue
        converted += 1
        if got != _full(_body(page), extensions, configs):
            different.append(page.src_uri)
    assert not different
    # Every page the package's own templates make is converted here: the engine would otherwise convert it.
    assert converted == len(pages)


def test_a_built_page_carries_its_html_and_table_of_contents() -> None:
    pages, site = _pages(REPO)
    page = next(p for p in pages if p.kind == "pathway")
    assert page.html is not None and page.toc is not None
    html, toc = _full(_body(page), list(site.markdown_extensions),
                      {k: dict(v) for k, v in site.markdown_configs.items()})
    assert (page.html, page.toc) == (html, toc)
    assert page.toc, "a pathway page has headings"


EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]
CONFIGS = {"toc": {"permalink": True}}


@pytest.mark.parametrize("body", [
    "## Materials\n\n<!-- pathways:html 0 -->\n\n## Materials\n\n## Materials_1\n\n## Materials",
    "# Title\n\n## A &amp; B\n\n### Deeper\n\n## Élan *vital*\n\n<!-- pathways:fragment 0 -->",
    '<div class="pw-plan">\n<!-- pathways:html 0 -->\n\n\n<!-- pathways:html 4 -->\n</div>\n\n## After',
    '<section class="x">\n<section>\n<h2 id="inner">Inner</h2>\n</section>\n</section>\n\n## Inner',
    "<!-- pathways:html 1 -->\n<!-- pathways:html 2 -->\n\n<p class=\"pw-lead\">A lead &amp; more.</p>",
    "## ???\n\n## ???",
], ids=["repeated headings", "levels and inline markup", "HTML over blank lines", "nested sections",
        "placeholders and a paragraph of HTML", "headings without a slug"])
def test_pages_it_converts_match_a_full_pass(body: str) -> None:
    got = Prerenderer(EXTENSIONS, CONFIGS).page(body)
    assert got is not None
    assert got == _full(body, EXTENSIONS, CONFIGS)


@pytest.mark.parametrize("body", [
    "A paragraph of Markdown.",
    "- a list\n- of items",
    "## Heading {#custom-id}",
    "## A [link](other.md)",
    '<div markdown="1">\n**bold**\n</div>',
    "<div>\nnever closed",
    "<p>one</p> and text after it",
    "<span>inline HTML</span>",
    "## Heading\n<!-- pathways:html 0 -->",
], ids=["paragraph", "list", "attr_list id", "link", "markdown in HTML", "unclosed HTML", "text after HTML",
        "inline HTML", "heading with more lines"])
def test_other_markdown_is_left_to_the_engine(body: str) -> None:
    assert Prerenderer(EXTENSIONS, CONFIGS).page(body) is None
