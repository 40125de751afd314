"""Print pathway guides to PDF with headless Chromium, driven by Playwright, with real page numbers in the
table of contents.

Chromium does not fill ``target-counter()``, so each guide is printed twice: the first print tells, from the
PDF's named destinations, on which page each section starts; those numbers go into the contents, and the
second print is the one kept. The browser is the system's Chromium (Debian's ``chromium`` package), started
by its path: a browser is never downloaded.

Printing is offline. Lessons come from pull requests, and a page that fetched an outside address (an image, a
stylesheet, a frame) could reach the network or services on this machine, such as a cloud provider's metadata
address or another local port. The browser may load only the local server that serves the site; everything
else is refused and reported, so that the teacher can fix the lesson that asked for it. Links in the PDF never
point at that short-lived local server: they go to the published site, or are plain text.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import io
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
# Points each link to the local server at the published site (``published``), or, with no published address,
# turns it into plain text. A link to a section of the same page stays: Chromium makes it a link inside the PDF.
LOCAL_LINKS = """([local, published]) => {
  const here = location.href.split('#')[0];
  let changed = 0;
  for (const link of document.querySelectorAll('a, area')) {
    for (const ns of [null, 'http://www.w3.org/1999/xlink']) {
      const value = link.getAttributeNS(ns, 'href');
      if (value === null) continue;
      let url;
      try { url = new URL(value, document.baseURI); } catch (error) { continue; }
      if (url.origin !== local) continue;
      const section = url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
      if (section && url.href.split('#')[0] === here) continue;
      if (published) link.setAttributeNS(ns, 'href', published + url.pathname + url.search + url.hash);
      else link.removeAttributeNS(ns, 'href');
      changed += 1;
    }
  }
  return changed;
}"""


class PdfError(Exception):
    """A PDF could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class GuidePdf:
    """One printed guide: where it was written, its page count, and the page where each section starts.

    ``blocked`` lists the outside addresses the guide's page asked for, which the browser was not allowed to
    load; the PDF was still made, without them.
    """

    pathway: str
    path: Path
    pages: int
    sections: dict[str, int]
    blocked: list[str] = field(default_factory=list)


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


class OfflineGuard:
    """Lets the browser load only one origin, the local server; notes every other address it asks for.

    Every request is routed here (``context.route("**/*", ...)``): the local server's are continued, the rest
    are aborted before they leave the browser. ``data:`` addresses hold their content inline, so they are
    allowed. Playwright does not route the request that follows a redirect, so the browser is also given a
    proxy that refuses every connection (see :func:`_refusing_proxy`); the ``request`` event still names those.
    """

    def __init__(self, base: str) -> None:
        self.origin = _origin(base)
        self.blocked: list[str] = []

    def allows(self, url: str) -> bool:
        """Whether the browser may load ``url``: the local server's own pages and files, or inline data."""
        scheme = urlsplit(url).scheme
        if scheme == "data":
            return True
        if scheme == "blob":  # blob:http://127.0.0.1:port/uuid is made by the page itself
            return _origin(url[len("blob:"):]) == self.origin
        return _origin(url) == self.origin

    def route(self, route: Any, request: Any) -> None:
        """The handler for ``context.route``: continue or abort."""
        if self.allows(request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def note(self, request: Any) -> None:
        """The handler for the context's ``request`` event, redirects included: remember what was refused."""
        if not self.allows(request.url):
            self._remember(request.url)

    def web_socket(self, web_socket: Any) -> None:
        """The handler for ``context.route_web_socket``: a web socket is never connected to anything."""
        if not self.allows(web_socket.url):
            self._remember(web_socket.url)
        web_socket.close()

    def take(self) -> list[str]:
        """The addresses refused since the last call, in the order they were asked for."""
        taken, self.blocked = self.blocked, []
        return taken

    def _remember(self, url: str) -> None:
        if url not in self.blocked:
            self.blocked.append(url)


def _origin(url: str) -> tuple[str, str, int | None] | None:
    """Scheme, host and port of ``url``; None when it has no valid host (so it matches no allowed origin)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port


@contextmanager
def _refusing_proxy() -> Iterator[str]:
    """The address of a proxy that refuses every connection, for as long as the block runs.

    A port is taken on 127.0.0.1 but never listened on, so a connection to it is refused at once, and no other
    program can start listening on it meanwhile.
    """
    hole = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        hole.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{hole.getsockname()[1]}"
    finally:
        hole.close()


def print_guides(site: Path, guide_paths: dict[str, str], out_dir: Path, browser: str | None = None,
                 site_url: str = "", file_name: str = "{}.pdf") -> list[GuidePdf]:
    """Print each guide (pathway id → the guide's path in the site) to ``out_dir/<id>.pdf``, or to the name
    ``file_name`` gives with the id in place of ``{}`` (``{}-plan.pdf`` for the plans of ``pathways pdf --plan``).

    The browser loads nothing but the site (see :class:`OfflineGuard`); each result's ``blocked`` lists what a
    guide asked for from elsewhere. Links to other pages of the site point to ``site_url``, the published
    address, when it is given; otherwise they are printed as plain text.
    """
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise PdfError("PDF output needs Playwright and pypdf: pip install 'mkdocs-pathways[pdf]'") from exc
    executable = find_chromium(browser)
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        with serve_folder(site) as base, _refusing_proxy() as proxy, sync_playwright() as playwright:
            host_port = base.split("://", 1)[1]
            # <-loopback>: other ports on this machine go to the refusing proxy too; only the site is direct.
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS,
                                                  proxy={"server": proxy, "bypass": f"<-loopback>,{host_port}"})
            try:
                guard = OfflineGuard(base)
                page = _offline_page(chromium, guard)
                for pathway_id, guide_path in guide_paths.items():
                    page.goto(f"{base}/{guide_path}", wait_until="load")
                    page.emulate_media(media="print")
                    page.evaluate(LOCAL_LINKS, [base, site_url.rstrip("/")])
                    printed = _two_pass(page, pathway_id, out_dir / file_name.format(pathway_id))
                    results.append(dataclasses.replace(printed, blocked=guard.take()))
            finally:
                chromium.close()
    except PlaywrightError as exc:
        raise PdfError(f"Chromium failed: {str(exc).splitlines()[0]}. {INSTALL_HINT}") from exc
    return results


def _offline_page(chromium: Any, guard: OfflineGuard) -> Any:
    """A page in a new browser context whose every request goes through ``guard``."""
    # Requests a service worker makes itself would not be routed; the site needs none to print.
    context = chromium.new_context(service_workers="block")
    context.on("request", guard.note)
    context.route("**/*", guard.route)
    context.route_web_socket("**/*", guard.web_socket)
    return context.new_page()


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
