"""`pathways diff` on a temporary git repository with known changes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_pathways.cli import main

from sitekit import lesson_text, pathway_text, replaced, write_site

PATHWAY = pathway_text("""
    exploration:
      - lesson: alpha
      - experience: Career fair
        type: career-fair
        grades: 7
""")


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha", title="Alpha"),
                                         "beta": lesson_text("beta", title="Beta")},
                      pathways={"demo": PATHWAY, "old": replaced(PATHWAY, "id: demo", "id: old")})
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def test_diff_lists_added_removed_and_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "lessons" / "alpha.md").write_text(lesson_text("alpha", title="Alpha", grades="6-7",
                                                           body="New text."), encoding="utf-8")
    (repo / "lessons" / "beta.md").unlink()
    (repo / "lessons" / "gamma.md").write_text(lesson_text("gamma", title="Gamma <b>new</b>"), encoding="utf-8")
    (repo / "pathways" / "old.yml").unlink()
    demo = replaced((repo / "pathways" / "demo.yml").read_text(), "      grades: 7\n",
                    "      grades: 7\n    - lesson: gamma\n  preparation:\n    - course: Networking\n      grades: 9\n")
    (repo / "pathways" / "demo.yml").write_text(replaced(demo, "title: Demo pathway", "title: Demo pathway, revised"),
                                                encoding="utf-8")
    assert main(["diff", "main", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "## Changes to the guide (main → working tree)"
    assert ("**Pathways:** 0 added, 1 removed, 1 changed · **Lessons:** 1 added, 1 removed, 1 changed") in out
    assert "- Removed: **Demo pathway** (`old`)" in out
    assert "- Changed: **Demo pathway, revised** (`demo`)\n  - title changed\n" in out
    assert "  - step added in exploration: lesson “Gamma \\<b\\>new\\</b\\>” (7)" in out
    assert "  - step added in preparation: course “Networking” (9)" in out
    assert "- Added: **Gamma \\<b\\>new\\</b\\>** (`gamma`): grades 7, exploration" in out
    assert "- Removed: **Beta** (`beta`)" in out
    assert "- Changed: **Alpha** (`alpha`)\n  - grades 7 → 6–7\n  - lesson text changed (+1 / −1 lines)" in out


def test_diff_between_two_commits_and_no_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "main", "main", "--root", str(repo)]) == 0
    assert "No pathway or lesson changed." in capsys.readouterr().out
    (repo / "lessons" / "alpha.md").write_text(lesson_text("alpha", title="Alpha 2"), encoding="utf-8")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "retitle")
    assert main(["diff", "HEAD~1", "HEAD", "--root", str(repo)]) == 0
    assert "- Changed: **Alpha 2** (`alpha`)\n  - title changed" in capsys.readouterr().out


def test_diff_reports_a_bad_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-branch", "--root", str(repo)]) == 2
    assert capsys.readouterr().err.startswith("pathways diff: ")
