"""Content is untrusted: hostile strings never run as script, builds are repeatable, and a failed build
leaves the previous site as it was."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pathways.commands.pdf import CHROMIUM_ARGS, serve_folder

from conftest import REPO
from sitekit import build_site, replaced, write_site

PAYLOADS = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=2">',
            "</style><script>window.__pwned=3</script>", "javascript:window.__pwned=4",
            "</title><script>window.__pwned=5</script>", "{{ 7*7 }}", "*emphasis* [link](javascript:alert(1))"]


def hostile(index: int) -> str:
    """A payload as a quoted YAML string."""
    text = PAYLOADS[index % len(PAYLOADS)]
    return json.dumps(text)  # a JSON string is a valid double-quoted YAML string


def hostile_lesson() -> str:
    p = hostile
    return f"""---
id: alpha
title: {p(0)}
summary: {p(1)}
grades: 7
stage: exploration
sessions:
  - title: {p(2)}
    minutes: 45
objectives: [{p(3)}, {p(4)}]
competencies:
  - competency: strengths
    level: introduce
standards:
  - framework: {p(5)}
    code: {p(6)}
materials: [{p(0)}, {p(2)}]
vocabulary:
  - term: {p(1)}
    meaning: {p(4)}
assessment: {p(2)}
authors: [{p(1)}]
license: CC-BY-4.0
---

## Overview

Plain body text.
"""


def hostile_pathway() -> str:
    p = hostile
    return f"""id: demo
title: {p(4)}
summary: {p(0)}
description: "Plain description."
cluster: education
occupations:
  - code: "25-2031.00"
    title: {p(1)}
    wage: {{amount: 40, period: hour, area: {p(2)}, source: {p(0)}, year: 2025}}
partners:
  - id: acme
    name: {p(1)}
    type: employer
    role: {p(2)}
license: CC-BY-4.0
stages:
  exploration:
    - lesson: alpha
    - experience: {p(0)}
      type: career-fair
      grades: 7
      summary: {p(1)}
      partners: [acme]
    - choose: 1
      title: {p(2)}
      grades: 8
      options:
        - milestone: {p(3)}
        - destination: {p(4)}
          occupation: "25-2031.00"
"""


def test_no_payload_runs_in_any_page(tmp_path: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    root = write_site(tmp_path, lessons={"alpha": hostile_lesson()}, pathways={"demo": hostile_pathway()},
                      options="checks:\n  PW303: off\n  PW308: off")
    site, _ = build_site(root, strict=False)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(f"{base}/{path.relative_to(site).as_posix()}")
            assert page.evaluate("window.__pwned === undefined"), path
            # Every link on the page points to a page, a file, a web address or mail: never to script.
            hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
        lesson = f"{base}/lessons/alpha/"
        page.goto(lesson)
        assert page.locator("h1").first.inner_text() == PAYLOADS[0]
        browser.close()
    assert dialogs == []


def test_unsafe_links_are_refused_at_the_source(tmp_path: Path) -> None:
    from mkdocs_pathways.analysis.check import check_guide
    from mkdocs_pathways.config import GuideConfig

    pathway = replaced(hostile_pathway(), "    role: ", "    url: \"javascript:alert(1)\"\n    role: ")
    root = write_site(tmp_path, lessons={"alpha": hostile_lesson()}, pathways={"demo": pathway})
    codes = [d.code for d in check_guide(GuideConfig.from_options(root)).errors]
    assert "PW119" in codes


def _digest(site: Path) -> dict[str, str]:
    # sitemap.xml carries the build date: the one declared build-time stamp.
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and not p.name.startswith("sitemap.xml")}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    digests = []
    for run in ("one", "two"):
        out = tmp_path / run
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                                 "-d", str(out)], capture_output=True, text=True, check=False,
                                env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                     "PYTHONHASHSEED": "1" if run == "one" else "2"})
        assert result.returncode == 0, result.stderr
        digests.append(_digest(out))
    assert digests[0].keys() == digests[1].keys()
    assert [k for k in digests[0] if digests[0][k] != digests[1][k]] == []


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    version_one = replaced(hostile_lesson(), "Plain body text.", "Version one.")
    # Version two changes the text too, so a failed build that wrote any page before stopping would show.
    version_two = replaced(version_one, "Version one.", "Version two.")
    root = write_site(tmp_path, lessons={"alpha": version_one}, pathways={"demo": hostile_pathway()},
                      options="checks:\n  PW303: off\n  PW308: off")
    lesson, page = root / "lessons" / "alpha.md", root / "site" / "lessons" / "alpha" / "index.html"
    site, _ = build_site(root, strict=False)
    before = _digest(site)
    assert "Version one." in page.read_text(encoding="utf-8")
    lesson.write_text(replaced(version_two, "grades: 7", "grades: 9-6"), encoding="utf-8")  # a range backwards
    with pytest.raises(Abort):
        build_site(root, strict=False)
    assert _digest(site) == before
    # The same edit with valid grades does change the site, so the comparison above would have seen a write.
    lesson.write_text(version_two, encoding="utf-8")
    build_site(root, strict=False)
    assert _digest(site) != before
    assert "Version two." in page.read_text(encoding="utf-8")


def test_the_build_writes_only_inside_its_site_folder(tmp_path: Path) -> None:
    root = write_site(tmp_path / "guide", lessons={"alpha": hostile_lesson()}, pathways={"demo": hostile_pathway()},
                      options="checks:\n  PW303: off\n  PW308: off")
    before = {p for p in tmp_path.rglob("*")}
    site, _ = build_site(root, strict=False)
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(p == site or site in p.parents for p in created)
    shutil.rmtree(site)


def test_raw_html_strip_policy(tmp_path: Path) -> None:
    body = ("Intro <b>bold</b> text.\n\n<script>window.__pwned=6</script>\n\n<img src=x onerror=\"alert(1)\">\n\n"
            "[click](javascript:alert(2)) and <https://example.org>\n\n```html\n<script>shown as code</script>\n```\n")
    lesson = replaced(hostile_lesson(), "Plain body text.", body)
    for policy, stripped in (("allow", False), ("strip", True)):
        root = write_site(tmp_path / policy, lessons={"alpha": lesson}, pathways={"demo": hostile_pathway()},
                          options=f"raw_html: {policy}\nchecks:\n  PW303: off\n  PW308: off")
        site, _ = build_site(root, strict=False)
        page = (site / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
        assert ("<script>window.__pwned=6</script>" in page) is not stripped
        assert ('<img src=x onerror="alert(1)">' in page) is not stripped
        assert ('href="javascript:' in page) is not stripped
        assert "&lt;script&gt;shown as code&lt;/script&gt;" in page  # code is always kept, escaped
        assert 'href="https://example.org"' in page


def test_clean_html_keeps_code_and_removes_scripts() -> None:
    from mkdocs_pathways.render.sanitize import clean_html

    html = ('<p>a <i>b</i> <code>&lt;i&gt;c&lt;/i&gt;</code></p><script>alert(1)</script>'
            '<img src="x" onerror="alert(2)" alt="y"><a href="jav&#x61;script:alert(3)">z</a><!-- e -->')
    assert clean_html(html) == ('<p>a <i>b</i> <code>&lt;i&gt;c&lt;/i&gt;</code></p><img src="x" alt="y">'
                                '<a>z</a>')


