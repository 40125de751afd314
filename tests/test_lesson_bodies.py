"""Lesson bodies that work everywhere: files beside the lesson, links as the files sit in the repository.

A small real guide keeps figures in lessons/fig/, a handout in lessons/handouts/, a per-lesson folder, links
between lessons and to content pages and pathways. It must build strict, with every local address on every
page (the booklet included) resolving to a published file, in the plugin build and in `pathways export`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.load.body_links import references
from mkdocs_pathways.mkdocs_yml import load_settings
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.links import rebase

from sitekit import broken_links, build_site, lesson_text, pathway_text, write_site

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>t</title>'
       '<rect width="10" height="10"/></svg>\n')
ALPHA_BODY = """## Session 1: Warm-up

![A career ladder with six rungs](fig/ladder.svg)

*The ladder: from career fair to apprenticeship.*

![A bar chart of weekly hours](alpha/hours.svg)

Print the [interview handout](handouts/interview.pdf) and the [checklist](handouts/checklist.txt).
Students continue with [the practice in the next lesson](beta.md#practice) and [beta](beta.md).
Read [how to use the guide](../content/about.md) and look at [the demo pathway](../pathways/demo.yml).

<img src="fig/ladder.svg" alt="The ladder again, as HTML">

```markdown
![Not a real image: this is code](fig/nothing.svg)
```
"""
BETA_BODY = """## Practice

Look back at [the warm-up](alpha.md#session-1-warm-up).
"""


def guide(root: Path) -> Path:
    write_site(
        root,
        lessons={"alpha": lesson_text("alpha", body=ALPHA_BODY),
                 "beta": lesson_text("beta", body=BETA_BODY, builds_on="[alpha]", level="develop")},
        pathways={"demo": pathway_text("""
            exploration:
              - lesson: alpha
              - lesson: beta
        """)},
        pages={"index.md": "# Home\n\nStart with [the first lesson](../lessons/alpha.md).\n",
               "about.md": "# About\n\nHow to use it.\n"},
        extra={"lessons/fig/ladder.svg": SVG, "lessons/alpha/hours.svg": SVG,
               "lessons/handouts/interview.pdf": "%PDF-1.4\n%%EOF\n", "lessons/handouts/checklist.txt": "1. Ask.\n"},
    )
    return root


def test_the_guide_builds_strict_and_every_address_resolves(tmp_path: Path) -> None:
    site, warnings = build_site(guide(tmp_path))
    assert warnings == []
    assert broken_links(site) == []
    for published in ("lessons/fig/ladder.svg", "lessons/alpha/hours.svg", "lessons/handouts/interview.pdf"):
        assert (site / published).read_bytes() == (tmp_path / published).read_bytes()
    lesson = (site / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert 'src="../fig/ladder.svg"' in lesson
    assert 'href="../beta/#practice"' in lesson
    assert 'href="../../about/"' in lesson
    assert 'href="../../pathways/demo/"' in lesson
    booklet = (site / "pathways" / "demo" / "guide" / "index.html").read_text(encoding="utf-8")
    # Inside the booklet a link to a lesson printed in it goes to its place in the booklet.
    assert 'href="#lesson-beta-practice"' in booklet and 'href="#lesson-beta"' in booklet
    assert 'href="#lesson-alpha-session-1-warm-up"' in booklet
    assert 'src="../../../lessons/fig/ladder.svg"' in booklet
    assert 'href="../../../lessons/handouts/interview.pdf"' in booklet
    assert "fig/nothing.svg" in lesson  # inside code: shown as written, not rewritten
    assert ":::" not in lesson


def test_the_export_keeps_the_files_and_links(tmp_path: Path) -> None:
    root = guide(tmp_path / "guide")
    out = tmp_path / "export"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs_pathways", "export", "--root", str(root), "--out", str(out)],
                   check=True, capture_output=True, env=env)
    assert (out / "docs" / "lessons" / "fig" / "ladder.svg").is_file()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
                            capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert broken_links(out / "site") == []


def test_a_broken_image_fails_check_at_the_lessons_line(tmp_path: Path) -> None:
    root = guide(tmp_path)
    (root / "lessons" / "fig" / "ladder.svg").unlink()
    result = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--strict", "--root", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    line = 1 + (root / "lessons" / "alpha.md").read_text().splitlines().index(
        "![A career ladder with six rungs](fig/ladder.svg)")
    assert first.startswith(f"lessons/alpha.md:{line}:"), first
    assert "error[PW206]" in first


def test_a_symlinked_file_is_refused_and_not_published(tmp_path: Path) -> None:
    root = guide(tmp_path)
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("TOKEN=abc\n")
    link = root / "lessons" / "handouts" / "checklist.txt"
    link.unlink()
    link.symlink_to(secret)
    config, _site = load_settings(root)
    checked = check_guide(config)
    assert sorted(d.code for d in checked.errors) == ["PW013", "PW206"]
    assert all("symbolic link" in d.message for d in checked.errors)


LINKS = Addresses()


@pytest.mark.parametrize(("page", "expected"), [
    ("lessons/alpha.md", "![x](fig/a.svg) [b](beta.md#practice) [p](../about.md) [m](../pathways/demo/index.md)"),
    ("reference/howto.md", "![x](../lessons/fig/a.svg) [b](../lessons/beta.md#practice) [p](../about.md) "
                           "[m](../pathways/demo/index.md)"),
])
def test_rebase_for_each_page(tmp_path: Path, page: str, expected: str) -> None:
    root = guide(tmp_path)
    (root / "lessons" / "fig" / "a.svg").write_text(SVG)
    checked = check_guide(load_settings(root)[0])
    body = "![x](fig/a.svg) [b](beta.md#practice) [p](../content/about.md) [m](../pathways/demo.yml)"
    assert rebase(body, "lessons/alpha.md", page, checked.links, LINKS) == expected


def test_references_skip_code_and_find_every_form() -> None:
    body = ("[a](one.md) `[b](two.md)` ![c](three.svg \"t\")\n"
            "    [indented](code.md)\n"
            "~~~\n[fenced](code.md)\n~~~\n"
            "[ref]: <four.md>\n"
            "<a href='five.md'>x</a>\n")
    assert [r.target for r in references(body)] == ["one.md", "three.svg", "four.md", "five.md"]
    assert [r.line for r in references(body)] == [1, 1, 6, 7]
