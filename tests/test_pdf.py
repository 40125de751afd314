"""Printed guides: `pathways pdf` makes real booklets, checked with pypdf; single pages print without chrome."""

from __future__ import annotations

import http.server
import io
import re
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.cli import main
from mkdocs_pathways.commands.pdf import (
    CHROMIUM_ARGS,
    OfflineGuard,
    PdfError,
    find_chromium,
    print_guides,
    section_pages,
    serve_folder,
)
from mkdocs_pathways.config import GuideConfig

from conftest import REPO
from sitekit import build_site, lesson_text, write_site

pypdf = pytest.importorskip("pypdf")
CHROME_TEXT = ("Skip to content", "Search", "Back to top", "Made with", "Table of contents", "Initializing search")


@pytest.fixture(scope="module")
def guide_pdfs(sample_site: Path, chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    assert main(["pdf", "--root", str(REPO), "--site", str(sample_site), "--out", str(out),
                 "--browser", chromium]) == 0
    return out


def _text(reader: pypdf.PdfReader, index: int) -> str:
    # NFKC folds the ligatures (ﬁ, ﬂ) that the PDF's fonts use back into plain letters.
    return " ".join(unicodedata.normalize("NFKC", reader.pages[index].extract_text()).split())


def test_every_pathway_gets_a_plausible_booklet(guide_pdfs: Path) -> None:
    catalog = check_guide(GuideConfig.from_options(REPO)).catalog
    for pathway in catalog.pathways:
        reader = pypdf.PdfReader(guide_pdfs / f"{pathway.id}.pdf")
        lessons = [s.lesson for s in pathway.all_steps() if s.kind == "lesson"]
        assert 2 * len(lessons) <= len(reader.pages) <= 12 * len(lessons) + 10
        everything = " ".join(_text(reader, i) for i in range(len(reader.pages)))
        for lesson_id in lessons:
            assert " ".join(catalog.lesson_by_id[lesson_id].title.split()) in everything
        for chrome in CHROME_TEXT:
            assert chrome not in everything, chrome
        assert f"Page 2 of {len(reader.pages)}" in _text(reader, 1)
        assert pathway.title in _text(reader, 1)  # the running title


def test_contents_page_numbers_are_the_real_pages(guide_pdfs: Path) -> None:
    catalog = check_guide(GuideConfig.from_options(REPO)).catalog
    pathway = catalog.pathway_by_id["health-science"]
    data = (guide_pdfs / "health-science.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    _count, sections = section_pages(data)
    contents = _text(reader, 1)
    assert contents.startswith(pathway.title) and "Contents" in contents
    checked = 0
    for step in pathway.all_steps():
        if step.kind != "lesson":
            continue
        lesson = catalog.lesson_by_id[step.lesson]
        title = " ".join(lesson.title.split())
        match = re.search(re.escape(title) + r"\s+(\d+)", contents)
        assert match, f"{title} is not in the contents with a page number"
        page = int(match.group(1))
        assert page == sections[f"lesson-{lesson.id}"]
        assert title in _text(reader, page - 1), f"{title} does not start on page {page}"
        assert title not in _text(reader, page - 2).split("Contents")[-1] or page - 1 == 1
        checked += 1
    assert checked >= 10


def test_outline_has_the_lessons(guide_pdfs: Path) -> None:
    reader = pypdf.PdfReader(guide_pdfs / "advanced-manufacturing.pdf")

    def titles(items: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for item in items:
            out += titles(item) if isinstance(item, list) else [item.title]
        return out

    outline = titles(reader.outline)
    assert "Contents" in outline and "Continuity map" in outline
    assert "Measure Twice: Precision and Quality Control" in outline


def test_the_map_gets_a_page_with_its_heading(guide_pdfs: Path) -> None:
    # The map runs top to bottom, so it gets a portrait page of its own, with its heading and the whole map on
    # it (the page after holds the journey, not the rest of the map).
    data = (guide_pdfs / "digital-technology.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    _count, sections = section_pages(data)
    page = reader.pages[sections["map"] - 1]
    assert float(page.mediabox.width) < float(page.mediabox.height)
    text = _text(reader, sections["map"] - 1)
    assert text.count("Continuity map") == 1 and "Awareness" in text and "Launch" in text
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (612, 792)  # US Letter


def test_a_lesson_prints_alone_with_print_only_blocks(tmp_path: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    body = ('<div class="web-only" markdown>\nTry the interactive quiz online.\n</div>\n\n'
            '<div class="print-only" markdown>\n**Answer key:** B, C, A.\n</div>\n')
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha", title="Printable alpha", body=body)},
                      pathways={"demo": "id: demo\ntitle: Demo\nsummary: S.\ncluster: education\nstages:\n"
                                        "  exploration:\n    - lesson: alpha\n"},
                      markdown_extensions=["md_in_html"])  # for the markdown attribute of the two <div>s
    site, _ = build_site(root)
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{base}/lessons/alpha/")
        assert page.get_by_text("Try the interactive quiz online.").is_visible()
        assert not page.get_by_text("Answer key:").is_visible()
        data = page.pdf(prefer_css_page_size=True)
        browser.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(_text(reader, i) for i in range(len(reader.pages)))
    assert "Printable alpha" in text and "Answer key: B, C, A." in text
    assert "Try the interactive quiz online." not in text
    for chrome in CHROME_TEXT:
        assert chrome not in text


def test_missing_browser_gives_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(PdfError, match="apt-get install chromium"):
        find_chromium(str(tmp_path / "no-such-browser"))
    status = main(["pdf", "--root", str(REPO), "--site", str(tmp_path), "--browser", str(tmp_path / "nope"),
                   "--out", str(tmp_path / "out")])
    assert status == 1
    assert "apt-get install chromium" in capsys.readouterr().err


def test_unknown_pathway_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "--root", str(REPO), "--pathway", "nursing", "--out", str(tmp_path)]) == 2
    assert "unknown pathway nursing" in capsys.readouterr().err


# -- printing is offline ---------------------------------------------------------------------------------------


def _link_uris(reader: pypdf.PdfReader) -> list[str]:
    """The address of every link annotation in a PDF."""
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


def test_guide_links_never_point_at_the_local_server(guide_pdfs: Path) -> None:
    for pdf in sorted(guide_pdfs.glob("*.pdf")):
        for uri in _link_uris(pypdf.PdfReader(pdf)):
            assert "127.0.0.1" not in uri and "localhost" not in uri, (pdf.name, uri)


class _Counting(http.server.BaseHTTPRequestHandler):
    """Stands for any other service on this machine: it must never hear from the browser."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def other_service() -> Iterator[tuple[str, list[str]]]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    _Counting.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Counting.requests
    server.shutdown()
    server.server_close()


GUIDE_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Guide</title>
<link rel="stylesheet" href="{other}/style.css">
<style>
  body {{ font-family: sans-serif; }}
  .banner {{ height: 20px; background: url("{other}/banner.png"); }}
  .cloud {{ height: 20px; background-image: url(http://169.254.169.254/latest/meta-data/); }}
</style></head>
<body>
  <h1 id="top">A guide</h1>
  <div class="banner"></div><div class="cloud"></div>
  <img src="http://169.254.169.254/x" alt="">
  <img src="{other}/photo.png" alt="">
  <img src="file:///etc/hostname" alt="">
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
  <img src="../images/dot.svg" alt="">
  <iframe src="{other}/frame.html"></iframe>
  <p><a href="../lessons/alpha/">Alpha lesson</a> and <a href="/lessons/beta/#goals">Beta goals</a></p>
  <p><a href="#part-two">Part two</a>, <a href="https://example.org/partners/">our partners</a></p>
  <svg width="40" height="20"><a href="/lessons/alpha/"><text x="0" y="15">map</text></a></svg>
  <h2 id="part-two">Part two</h2>
  <script>fetch("{other}/beacon", {{method: "POST", body: "x"}}).catch(() => {{}});</script>
</body></html>
"""


def _offline_site(tmp_path: Path, other: str) -> Path:
    site = tmp_path / "site"
    (site / "guide").mkdir(parents=True)
    (site / "images").mkdir()
    (site / "guide" / "index.html").write_text(GUIDE_PAGE.format(other=other), encoding="utf-8")
    (site / "images" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
                                             encoding="utf-8")
    return site


@pytest.mark.browser
def test_printing_loads_nothing_but_the_site(tmp_path: Path, chromium: str,
                                             other_service: tuple[str, list[str]]) -> None:
    other, heard = other_service
    site = _offline_site(tmp_path, other)
    [result] = print_guides(site, {"demo": "guide/"}, tmp_path / "out", chromium)
    assert heard == []  # another port on this machine is as far out of reach as the internet
    for address in ("http://169.254.169.254/x", "http://169.254.169.254/latest/meta-data/", "file:///etc/hostname",
                    f"{other}/style.css",
                    f"{other}/banner.png", f"{other}/photo.png", f"{other}/frame.html", f"{other}/beacon"):
        assert address in result.blocked, address
    assert not any(url.startswith("data:") or "/images/dot.svg" in url for url in result.blocked)
    assert len(result.blocked) == len(set(result.blocked))
    assert result.pages >= 1 and result.path.is_file()


@pytest.mark.browser
def test_a_redirect_out_of_the_site_is_refused_too(tmp_path: Path, chromium: str,
                                                   other_service: tuple[str, list[str]]) -> None:
    # Playwright does not route the request after a redirect; the refusing proxy stops it.
    from mkdocs_pathways.commands import pdf

    other, heard = other_service
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<p>Hi</p><img src="/away">', encoding="utf-8")

    class Redirecting(pdf._QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/away":
                self.send_response(302)
                self.send_header("Location", f"{other}/redirected")
                self.end_headers()
                return
            super().do_GET()

    original = pdf._QuietHandler
    pdf._QuietHandler = Redirecting  # type: ignore[misc]
    try:
        [result] = print_guides(site, {"demo": "index.html"}, tmp_path / "out", chromium)
    finally:
        pdf._QuietHandler = original  # type: ignore[misc]
    assert heard == []
    assert f"{other}/redirected" in result.blocked


@pytest.mark.browser
@pytest.mark.parametrize("site_url", ["https://guide.example.org/careers/", ""])
def test_links_point_to_the_published_site_or_are_text(tmp_path: Path, chromium: str, site_url: str,
                                                       other_service: tuple[str, list[str]]) -> None:
    site = _offline_site(tmp_path, other_service[0])
    [result] = print_guides(site, {"demo": "guide/"}, tmp_path / "out", chromium, site_url=site_url)
    reader = pypdf.PdfReader(result.path)
    uris = _link_uris(reader)
    assert not [uri for uri in uris if "127.0.0.1" in uri or "localhost" in uri]
    assert "https://example.org/partners/" in uris  # links elsewhere are kept as they are
    published = {"https://guide.example.org/careers/lessons/alpha/",
                 "https://guide.example.org/careers/lessons/beta/#goals"}
    assert published <= set(uris) if site_url else not published & set(uris)
    text = " ".join(_text(reader, i) for i in range(len(reader.pages)))
    assert "Alpha lesson" in text and "Beta goals" in text  # the link text stays
    # The link to a section of the same page stays a link inside the PDF.
    internal = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []
                if "/A" not in a.get_object() or "/URI" not in a.get_object()["/A"]]
    assert internal


def test_only_the_local_origin_is_allowed() -> None:
    guard = OfflineGuard("http://127.0.0.1:8123")
    assert guard.allows("http://127.0.0.1:8123/lessons/a/") and guard.allows("data:text/plain,hi")
    assert guard.allows("blob:http://127.0.0.1:8123/1c2d")
    for url in ("http://127.0.0.1:8124/", "http://localhost:8123/", "https://127.0.0.1:8123/",
                "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "http://127.0.0.1:8123@evil.example/",
                "blob:https://evil.example/1", "http://127.0.0.1:99999/", "ws://127.0.0.1:8124/", "about:blank"):
        assert not guard.allows(url), url
