"""Lesson bodies in the browser and on paper: every image loads, nothing is missing, and the printed booklet
keeps the images, the credit lines, the handouts' addresses and the solutions, with no link to a local server."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from mkdocs_pathways.commands.pdf import CHROMIUM_ARGS, print_guides, serve_folder
from test_lesson_bodies import ALPHA_BODY, guide

from sitekit import build_site

pypdf = pytest.importorskip("pypdf")
pytestmark = pytest.mark.browser

ACTIVITY = """
::: challenge
## Read a pay stub

Find the net pay on the stub.

::: solution
The net pay is $391.20.
:::
:::

::: instructor
Keep every student's numbers private.
:::

![A photo of a pay stub](fig/stub.png)
"""


def png(width: int = 40, height: int = 30) -> bytes:
    """A small opaque PNG, so the PDF holds a raster image (Chromium draws SVG as vector paths)."""
    raw = b"".join(b"\x00" + bytes([200, 80, 40]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bodies")
    guide(root)
    lesson = root / "lessons" / "alpha.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace(ALPHA_BODY, ALPHA_BODY + ACTIVITY),
                      encoding="utf-8")
    (root / "lessons" / "fig" / "stub.png").write_bytes(png())
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "markdown_extensions:\n", "markdown_extensions:\n  - mkdocs_pathways.render.fenced_divs\n"),
        encoding="utf-8")
    assert "fenced_divs" in yml.read_text(encoding="utf-8")
    built, warnings = build_site(root)
    assert warnings == []
    return built


@pytest.mark.parametrize("page", ["lessons/alpha/", "pathways/demo/guide/"])
def test_every_image_loads_and_nothing_is_missing(site: Path, chromium: str, page: str) -> None:
    from playwright.sync_api import sync_playwright

    failed: list[str] = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        tab.goto(f"{base}/{page}", wait_until="networkidle")
        images = tab.eval_on_selector_all("article img", "els => els.map(e => [e.src, e.complete && e.naturalWidth])")
        assert not tab.get_by_text("The net pay is $391.20.").is_visible()  # the solution starts collapsed
        assert tab.get_by_text(":::").count() == 0
        browser.close()
    assert failed == []
    assert len(images) >= 4
    assert [src for src, width in images if not width] == []


def test_the_booklet_prints_images_credits_handouts_and_solutions(site: Path, chromium: str,
                                                                   tmp_path: Path) -> None:
    results = print_guides(site, {"demo": "pathways/demo/guide/"}, tmp_path, chromium)
    assert results[0].blocked == []
    reader = pypdf.PdfReader(results[0].path)
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Licence: CC-BY-4.0" in text  # the credit line, after each lesson
    # Handouts are listed with their addresses (the site's own paths here, as the guide has no site_url).
    assert "Handouts: interview.pdf (lessons/handouts/interview.pdf); checklist.txt (" in text
    assert "The net pay is $391.20." in text  # solutions print, open, after their activity
    assert "Keep every student's numbers private." in text
    images = [name for page in reader.pages for name in _images(page)]
    assert images, "the PNG figure is not in the PDF"
    uris = [str(a.get_object()["/A"]["/URI"]) for p in reader.pages for a in (p.get("/Annots") or [])
            if "/URI" in (a.get_object().get("/A") or {})]
    assert not [u for u in uris if "127.0.0.1" in u or "localhost" in u]


def _images(page: object) -> list[str]:
    resources = page["/Resources"]  # type: ignore[index]
    xobjects = resources.get("/XObject") or {}
    found = []
    for name, ref in xobjects.items():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            found.append(name)
        elif obj.get("/Subtype") == "/Form" and "/Resources" in obj:
            found += _images(obj)
    return found

