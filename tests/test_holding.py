"""Holding a generated page's HTML blocks aside while the engine converts it changes nothing that is shown.

The blocks skip Python-Markdown's parsing (most of a large guide's build time); these tests prove that the page
the engine converts with the blocks held aside and filled back is the page it would convert with them in place,
for every generated page of the bundled sample guide, with the sample's own Markdown extensions.
"""

from __future__ import annotations

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.mkdocs_yml import load_settings
from mkdocs_pathways.render import holding
from mkdocs_pathways.render.bundle import make_renderer
from mkdocs_pathways.render.fragments import markdown_converter

from conftest import REPO


@pytest.fixture(scope="module")
def sample() -> tuple[list, object]:  # type: ignore[type-arg]
    config, site = load_settings(REPO)
    renderer = make_renderer(check_guide(config), config, site)
    return renderer.pages(), markdown_converter(site.markdown_extensions, site.markdown_configs)


def test_every_sample_page_converts_the_same_with_its_blocks_held(sample: tuple[list, object]) -> None:  # type: ignore[type-arg]
    pages, convert = sample
    held = [page for page in pages if page.held]
    assert len(held) >= len(pages) - 1, "nearly every generated page has blocks to hold"
    different = []
    for page in pages:
        whole = convert(page.inline())  # type: ignore[operator]
        placed = page.fill(convert(page.markdown))  # type: ignore[operator]
        if whole != placed:
            different.append(page.src_uri)
    assert not different


def test_a_booklets_markdown_is_mostly_placeholders(sample: tuple[list, object]) -> None:  # type: ignore[type-arg]
    pages, _convert = sample
    booklet = next(page for page in pages if page.src_uri.endswith("/guide.md"))
    assert len(booklet.markdown) * 5 < len(booklet.inline())
    assert holding.OPEN not in booklet.inline() and holding.CLOSE not in booklet.inline()


def test_nested_and_unbalanced_marks() -> None:
    held: list[str] = []
    text = f"a{holding.OPEN}<div>{holding.OPEN}<b>x</b>{holding.CLOSE}</div>\n{holding.CLOSE}b"
    assert holding.hold(text, held) == "a<!-- pathways:html 0 -->\nb"
    assert held == ["<div><b>x</b></div>"]
    held = []
    assert holding.hold(f"a{holding.CLOSE}b{holding.OPEN}<i>c", held) == "ab<i>c"
    assert held == []
