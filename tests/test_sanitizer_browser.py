"""`raw_html: strip` in a real browser: every bypass found against the old regex sanitizer, in a lesson body, a
pathway description and a content page, must run nothing when the pages load in Chromium."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_pathways.commands.pdf import CHROMIUM_ARGS, serve_folder

from sitekit import lesson_text, pathway_text, write_site

pytestmark = pytest.mark.browser

# Each payload sets window.__pwned (or opens a dialog) if any script of it runs.
PAYLOADS = "\n\n".join([
    "<<b>img src=x onerror=window.__pwned=1>",  # one-pass removal used to make a new tag
    r"\`<img src=x onerror=window.__pwned=2>\`",  # a tag inside escaped backticks
    '<img alt="`" src=x onerror=window.__pwned=3>',  # a backtick inside an attribute
    "    ```\n<img src=x onerror=window.__pwned=4>\n    ```",  # a four-space-indented fence
    "![x](y.png){ onerror=\"window.__pwned=5\" }",  # attr_list braces
    "[click](https://example.org){ href=\"javascript:window.__pwned=6\" }",
    "> [ref]: javascript:window.__pwned=7\n> [a link][ref]",  # a reference definition in a blockquote
    "- [ref2]: javascript:window.__pwned=8\n- [another][ref2]",  # … and in a list item
    "[entity](jav&#x61;script:window.__pwned=9)",  # an entity-encoded scheme
    "<svg><script>window.__pwned=10</script></svg>",
    "<iframe srcdoc=\"<script>parent.__pwned=11</script>\"></iframe>",
    "<a href=\"  JaVaScRiPt:window.__pwned=12\">spaced</a>",
    "<details open ontoggle=window.__pwned=13>x</details>",
])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("strip")
    pathway = textwrap.dedent(pathway_text("exploration:\n  - lesson: alpha\n")).replace(
        "summary: A small pathway.", "summary: A small pathway.\ndescription: |\n" +
        "\n".join("  " + line for line in PAYLOADS.splitlines()))
    write_site(root, lessons={"alpha": lesson_text("alpha", body=PAYLOADS)}, pathways={"demo": pathway},
               pages={"index.md": "# Home\n\n<!-- pathways:list -->\n\n" + PAYLOADS + "\n"},
               options="raw_html: strip", markdown_extensions=["attr_list", "md_in_html"])
    # `pathways check` already refuses the payloads' script addresses as broken links (PW206); the pages are
    # built as `mkdocs serve` builds them, where content errors do not stop the build, to test the cleaning.
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()  # MkDocs reuses the plugin object for later builds in this process
    return root / "site"


PAGES = [("", "Home"), ("lessons/alpha/", "Lesson alpha"), ("pathways/demo/", "Demo pathway"),
         ("pathways/demo/guide/", "Demo pathway")]


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_no_payload_runs(site: Path, chromium: str, path: str, title: str) -> None:
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/{path}", wait_until="networkidle")
        page.wait_for_timeout(300)
        pwned = page.evaluate("window.__pwned")
        for link in page.locator("a").all():
            link.focus()  # some payloads wait for an event
        scripts = page.evaluate(
            "[...document.querySelectorAll('a[href], iframe, [onerror], [ontoggle], [onload]')]"
            ".filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || '') || e.tagName === 'IFRAME'"
            " || e.hasAttribute('onerror') || e.hasAttribute('ontoggle') || e.hasAttribute('onload'))"
            ".map(e => e.outerHTML.slice(0, 120))")
        body = page.content()
        browser.close()
    assert pwned is None and dialogs == []
    assert scripts == []
    assert title in body  # the page is there, payloads and all
    if path == "":
        assert "pw-cards" in body  # the generated block survives cleaning
