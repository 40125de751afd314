"""Print pathway guides to PDF with headless Chromium, driven by Playwright, with real page numbers in the
table of contents.

Chromium does not fill ``target-counter()``, so each guide is printed twice: the first print tells, from the
PDF's named destinations, on which page each section starts; those numbers go into the contents, and the
second print is the one kept. The browser is the system's Chromium (Debian's ``chromium`` package), started
by its path: a browser is never downloaded.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Flags for a headless browser in a closed network: no sandbox as root, no background traffic.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
INSTALL_HINT = ("Install Chromium (on Debian or Ubuntu: `apt-get install chromium`), or give its path with "
                "--browser or the PATHWAYS_CHROMIUM environment variable.")
FILL_TOC = """(pages) => {
  for (const span of document.querySelectorAll('.pw-toc-page')) {
    const page = pages[span.dataset.for];
    span.textContent = page === undefined ? '' : String(page);
  }
}"""


class PdfError(Exception):
    """A PDF could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class GuidePdf:
    """One printed guide: where it was written, its page count, and the page where each section starts."""

    pathway: str
    path: Path
    pages: int
    sections: dict[str, int]


def find_chromium(explicit: str | None = None) -> str:
    """The path of a Chromium executable, or a PdfError saying how to install one."""
    candidates = [explicit, os.environ.get("PATHWAYS_CHROMIUM")]
    for candidate in candidates:
        if candidate:
            if Path(candidate).is_file():
                return candidate
            raise PdfError(f"no browser at {candidate}. {INSTALL_HINT}")
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(f"Chromium was not found. {INSTALL_HINT}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (any free port) for as long as the block runs; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def section_pages(pdf: bytes) -> tuple[int, dict[str, int]]:
    """The page count of a PDF, and the 1-based page of each named destination."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    pages = {}
    for name, destination in reader.named_destinations.items():
        number = reader.get_destination_page_number(destination)
        if number is not None and number >= 0:
            pages[str(name).lstrip("/")] = number + 1
    return len(reader.pages), pages


def print_guides(site: Path, guide_paths: dict[str, str], out_dir: Path, browser: str | None = None,
                 ) -> list[GuidePdf]:
    """Print each guide (pathway id → the guide's path in the site) to ``out_dir/<id>.pdf``."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise PdfError("PDF output needs Playwright and pypdf: pip install 'mkdocs-pathways[pdf]'") from exc
    executable = find_chromium(browser)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        with serve_folder(site) as base, sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                page = chromium.new_page()
                for pathway_id, guide_path in guide_paths.items():
                    page.goto(f"{base}/{guide_path}", wait_until="load")
                    page.emulate_media(media="print")
                    results.append(_two_pass(page, pathway_id, out_dir / f"{pathway_id}.pdf"))
            finally:
                chromium.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium failed: {str(exc).splitlines()[0]}. {INSTALL_HINT}") from exc
    return results


def _two_pass(page: Any, pathway_id: str, target: Path) -> GuidePdf:
    options = {"prefer_css_page_size": True, "print_background": True, "outline": True, "tagged": True}
    pdf = page.pdf(**options)
    # Numbers can change the layout of the contents itself, so repeat until they are stable (twice at most).
    for _ in range(3):
        _count, sections = section_pages(pdf)
        page.evaluate(FILL_TOC, sections)
        pdf = page.pdf(**options)
        new_count, new_sections = section_pages(pdf)
        if new_sections == sections:
            break
    target.write_bytes(pdf)
    return GuidePdf(pathway_id, target, new_count, new_sections)
