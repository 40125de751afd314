"""Printed guides: `pathways pdf` makes real booklets, checked with pypdf; single pages print without chrome."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.cli import main
from mkdocs_pathways.commands.pdf import CHROMIUM_ARGS, PdfError, find_chromium, section_pages, serve_folder
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


def test_map_gets_a_landscape_page(guide_pdfs: Path) -> None:
    data = (guide_pdfs / "digital-technology.pdf").read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    _count, sections = section_pages(data)
    page = reader.pages[sections["map"] - 1]
    assert float(page.mediabox.width) > float(page.mediabox.height)
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
