"""While serving, pages kept from the previous build are exactly the pages a full build would make.

A copy of the bundled guide is edited in many ways, one after another. After each edit the guide is built the
way `mkdocs serve` builds it (pages that cannot have changed are taken from the last build) and from scratch,
and every generated page must be the same in both. A missed dependency (a page that shows something of a
lesson but is not rendered again when that lesson changes) fails here.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.mkdocs_yml import load_settings
from mkdocs_pathways.render.bundle import Bundle, bundle
from mkdocs_pathways.render.fragments import Fragment

from conftest import REPO

GUIDE = ("mkdocs.yml", "content", "lessons", "pathways", "standards", "partners.yml", "assets")


def _copy(root: Path) -> None:
    for name in GUIDE:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(root: Path, cache: dict[str, Fragment], previous: Bundle | None = None,
           serving: bool = True) -> Bundle:
    started = time.time()
    config, site = load_settings(root)
    return bundle(check_guide(config), config, site, cache, previous, started if serving else None)


def _shown(built: Bundle) -> dict[str, tuple[str, str]]:
    return {page.src_uri: (page.title, page.inline()) for page in built.pages}


EDITS: list[tuple[str, Callable[[Path], None], bool]] = [
    # (what, how, whether some pages are kept)
    ("a lesson's title", lambda r: _edit(r / "lessons/career-detectives.md", 'title: "Career Detectives:',
                                         'title: "Case Closed:'), True),
    ("a lesson's body", lambda r: _edit(r / "lessons/values-at-work.md", "\n## ", "\nA new opening line.\n\n## "),
     True),
    ("a lesson's summary", lambda r: _edit(r / "lessons/values-at-work.md", "summary: Students rank",
                                           "summary: Learners rank"), True),
    ("a lesson's grades", lambda r: _edit(r / "lessons/values-at-work.md", "grades: 7\n", "grades: 7-8\n"), True),
    ("what a lesson builds on", lambda r: _edit(r / "lessons/first-paycheck.md", "builds_on: [career-detectives]",
                                                "builds_on: [career-detectives, values-at-work]"), True),
    ("a lesson's competencies", lambda r: _edit(r / "lessons/measure-twice.md", "competency: persistence",
                                                "competency: teamwork"), True),
    ("a translation", lambda r: _edit(r / "lessons/strengths-inventory.es.md", "Lo que hago bien",
                                      "Lo que hago mejor"), True),
    ("a pathway's title", lambda r: _edit(r / "pathways/health-science.yml", "title: ", "title: New "), False),
    ("a partner", lambda r: _edit(r / "partners.yml", "name: ", "name: The "), False),
    ("a new lesson", lambda r: shutil.copy(r / "lessons/values-at-work.md", r / "lessons/values-again.md")
     or _edit(r / "lessons/values-again.md", "id: values-at-work", "id: values-again"), False),
    ("a lesson removed", lambda r: (r / "lessons/values-again.md").unlink(), False),
    ("a lesson's authors", lambda r: _edit(r / "lessons/values-at-work.md", "authors: [mkdocs-pathways sample team]",
                                           "authors: [A. New]"), True),
    ("a lesson's body again, after a full build", lambda r: _edit(r / "lessons/measure-twice.md", "\n## ",
                                                                   "\nAnother line.\n\n## "), True),
]


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    _copy(root)
    return root


def test_kept_pages_are_what_a_full_build_makes(guide: Path) -> None:
    cache: dict[str, Fragment] = {}
    built = _build(guide, cache)
    for what, edit, keeps in EDITS:
        edit(guide)
        before = {page.src_uri: page for page in built.pages}
        built = _build(guide, cache, built)
        full = _build(guide, {}, serving=False)
        kept = [page.src_uri for page in built.pages if before.get(page.src_uri) is page]
        assert bool(kept) == keeps, f"after editing {what}: kept {len(kept)} pages"
        incremental, whole = _shown(built), _shown(full)
        assert incremental.keys() == whole.keys(), what
        stale = [src for src in whole if incremental[src] != whole[src]]
        assert not stale, f"after editing {what}, these pages are stale: {stale}"


def _rendered_after(root: Path, edit: Callable[[Path], None]) -> tuple[Bundle, set[str]]:
    """A copy of the sample at ``root`` built, edited, and built again as `mkdocs serve` builds it: the second
    build, and the pages it rendered instead of keeping."""
    _copy(root)
    cache: dict[str, Fragment] = {}
    built = _build(root, cache)
    before = {page.src_uri: page for page in built.pages}
    edit(root)
    after = _build(root, cache, built)
    return after, {page.src_uri for page in after.pages if before.get(page.src_uri) is not page}


def test_a_title_edit_renders_only_the_pages_that_show_the_lesson(tmp_path: Path) -> None:
    after, rendered = _rendered_after(tmp_path, lambda r: _edit(r / "lessons/measure-twice.md",
                                                                'title: "Measure Twice:', 'title: "Measure Thrice:'))
    assert "lessons/measure-twice.md" in rendered and "lessons/index.md" in rendered
    assert "lessons/patient-care-basics.md" not in rendered  # in no pathway with it, and not related
    shows = {src for src, (_title, text) in _shown(after).items() if "Measure Thrice" in text}
    assert shows <= rendered
    assert {"pathways/advanced-manufacturing/index.md", "pathways/advanced-manufacturing/guide.md"} <= shows


def test_a_body_edit_renders_only_the_lessons_page_and_its_booklets(tmp_path: Path) -> None:
    after, rendered = _rendered_after(tmp_path, lambda r: _edit(r / "lessons/measure-twice.md", "\n## ",
                                                                "\nA sentence only the body has.\n\n## "))
    assert rendered == {"lessons/measure-twice.md", "pathways/advanced-manufacturing/guide.md", "continuity/index.md",
                        "reference/checks.md"}
    assert _shown(after) == _shown(_build(tmp_path, {}, serving=False))
