"""`pathways diff` on a temporary git repository with known changes."""

from __future__ import annotations

import re
import subprocess
import tempfile
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


# -- hostile pull requests ---------------------------------------------------------------------------------------
# A pull request comes from anyone: its file names, file kinds and titles are all chosen by its author.

AUTHOR = ("-c", "user.name=t", "-c", "user.email=t@example.org")


def git_out(root: Path, *args: str, stdin: bytes = b"") -> str:
    result = subprocess.run(["git", "-C", str(root), *args], input=stdin, check=True, capture_output=True)
    return result.stdout.decode().strip()


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, *AUTHOR, "commit", "-qm", message)


def commit_tree_with_lessons(root: Path, extra: list[str]) -> None:
    """Commit HEAD's tree with more entries (``ls-tree`` lines) in lessons/: plumbing, as an attacker would."""
    lessons = git_out(root, "ls-tree", "HEAD:lessons").splitlines()
    lessons_tree = git_out(root, "mktree", stdin="\n".join([*lessons, *extra]).encode() + b"\n")
    top = [line for line in git_out(root, "ls-tree", "HEAD").splitlines() if not line.endswith("\tlessons")]
    top_tree = git_out(root, "mktree", stdin="\n".join([*top, f"040000 tree {lessons_tree}\tlessons"]).encode()
                       + b"\n")
    commit = git_out(root, *AUTHOR, "commit-tree", top_tree, "-p", "HEAD", "-m", "hostile tree")
    git(root, "update-ref", "refs/heads/hostile", commit)


def test_diff_never_writes_outside_its_temporary_folder(repo: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    blob = git_out(repo, "hash-object", "-w", "--stdin", stdin=lesson_text("escaped").encode())
    escaped = git_out(repo, "mktree", stdin=f"100644 blob {blob}\tescaped.md\n".encode())
    up_one = git_out(repo, "mktree", stdin=f"040000 tree {escaped}\t..\n".encode())
    in_git = git_out(repo, "mktree", stdin=f"100644 blob {blob}\tconfig\n".encode())
    # lessons/../../escaped.md and lessons/.git/config (git itself refuses a tree entry with an empty name).
    commit_tree_with_lessons(repo, [f"040000 tree {up_one}\t..", f"040000 tree {in_git}\t.git"])
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert main(["diff", "main", "hostile", "--root", str(repo)]) == 0
    assert sorted(p.name for p in temp.iterdir()) == []  # nothing left behind, nothing written beside it
    out = capsys.readouterr().out
    assert "No pathway or lesson changed." not in out
    assert "### Files that could not be compared" in out
    assert ("- `lessons/../../escaped.md` (at hostile): its name points outside the guide's folders (it has an "
            "empty part, '.' or '..'), so it was not read") in out
    assert "- `lessons/.git/config` (at hostile): it is inside a folder named .git" in out
    assert "Lesson escaped" not in out


def test_diff_reads_non_ascii_file_names(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "lessons" / "images").mkdir()
    (repo / "lessons" / "images" / "café à l'école.png").write_bytes(b"\x89PNG")
    (repo / "lessons" / "Übung.md").write_text(lesson_text("ubung"), encoding="utf-8")
    (repo / "lessons" / "alpha.md").write_text(lesson_text("alpha", title="Alpha, à jour"), encoding="utf-8")
    commit_all(repo, "non-ASCII names")
    assert main(["diff", "HEAD~1", "HEAD", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "- Changed: **Alpha, à jour** (`alpha`)\n  - title changed" in out
    assert ("- `lessons/Übung.md` (at HEAD): it does not load (1 problem; run `pathways check` to see them)"
            in out)


def test_diff_reports_symbolic_links_and_never_follows_them(repo: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "outside.md"
    secret.write_text(lesson_text("linked", title="Read through a link"), encoding="utf-8")
    (repo / "lessons" / "linked.md").symlink_to(secret)
    (repo / "lessons" / "beta.md").unlink()
    (repo / "lessons" / "beta.md").symlink_to("alpha.md")
    commit_all(repo, "links")
    for args in (["HEAD~1", "HEAD"], ["HEAD~1"]):  # a commit, and the checked-out working tree
        assert main(["diff", *args, "--root", str(repo)]) == 0
        out = capsys.readouterr().out
        head = "HEAD" if len(args) == 2 else "working tree"
        assert "Read through a link" not in out
        assert (f"- `lessons/linked.md` (at {head}): it is a symbolic link; links are not followed, so it was "
                "not read") in out
        # The lesson whose file became a link is not "removed": its file is there, but unusable.
        assert (f"- Broken: **Beta** (`beta`): `lessons/beta.md` at {head}: it is a symbolic link; links are not "
                "followed, so it was not read") in out
        assert "Removed" not in out.split("**Lessons:**")[1].split("\n")[0].replace("0 removed", "")


def test_diff_does_not_follow_a_linked_lessons_folder(repo: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    (repo / "lessons").rename(elsewhere)
    (repo / "lessons").symlink_to(elsewhere)
    assert main(["diff", "main", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    assert "- `lessons` (at working tree): it is a symbolic link; links are not followed" in out
    assert "- Broken: **Alpha** (`alpha`): `lessons/alpha.md` at working tree: it is a symbolic link" in out
    assert "Removed:" not in out and "Added:" not in out


def test_a_file_that_no_longer_loads_is_broken_not_removed(repo: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from mkdocs_pathways.config import GuideConfig
    from mkdocs_pathways.load.loader import load_catalog

    (repo / "lessons" / "alpha.md").write_text(lesson_text("alpha", title="[unclosed", grades="6-"),
                                               encoding="utf-8")
    (repo / "pathways" / "old.yml").write_text("id: old\ntitle: [unclosed\n", encoding="utf-8")
    commit_all(repo, "break two files")
    _catalog, problems = load_catalog(GuideConfig.from_options(repo))
    count = sum(d.location.path == "lessons/alpha.md" for d in problems)
    assert count >= 1
    assert main(["diff", "HEAD~1", "HEAD", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    assert ("**Pathways:** 0 added, 0 removed, 1 changed, 1 broken · **Lessons:** 0 added, 0 removed, 0 changed, "
            "1 broken") in out
    problems_text = "1 problem" if count == 1 else f"{count} problems"
    assert (f"- Broken: **Alpha** (`alpha`): `lessons/alpha.md` at HEAD: it does not load ({problems_text}; run "
            "`pathways check` to see them)") in out
    assert "- Broken: **Demo pathway** (`old`): `pathways/old.yml` at HEAD: it does not load" in out
    assert "Removed:" not in out
    # Fixed again: the lesson is back, and the comment says it did not load before.
    (repo / "lessons" / "alpha.md").write_text(lesson_text("alpha", title="Alpha"), encoding="utf-8")
    assert main(["diff", "HEAD", "--root", str(repo)]) == 0
    assert "- Added: **Alpha** (`alpha`): grades 7, exploration; its file did not load at HEAD" in (
        capsys.readouterr().out)


# Within the 160-character limit on titles.
HOSTILE_TITLE = ('"Hi @org/team @admin\\n## Approved\\r\\n[click](https://evil.example) <img src=x onerror=alert(1)> '
                 '&#64;root ![i](x.png) `code` www.evil.example #1 $x$ ~~no~~"')


def test_titles_cannot_mention_link_or_break_lines(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import markdown

    (repo / "lessons" / "alpha.md").write_text(lesson_text("alpha", title=HOSTILE_TITLE), encoding="utf-8")
    (repo / "lessons" / "gamma.md").write_text(lesson_text("gamma", title=HOSTILE_TITLE), encoding="utf-8")
    assert main(["diff", "main", "--root", str(repo)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert not any(line.startswith(("## Approved", "[click]", "<img")) for line in lines)
    assert [line for line in lines if line.startswith("#")] == [
        "## Changes to the guide (main → working tree)", "### Pathways", "### Lessons"]
    assert "@\u200borg/team" in out and "@\u200badmin" in out
    assert re.search(r"@[A-Za-z0-9]", out) is None  # no mention left, of a person or a team
    assert "\\[click\\](https\\://evil.example)" in out
    assert "\\<img src=x onerror=alert(1)\\>" in out
    assert "\\&\\#\u200b64;root" in out and "www\\.evil.example" in out and "#\u200b1" in out
    html = markdown.markdown(out)
    for tag in ("<a ", "<img", "<code>code", "<h2>Approved", "&#64;", "<del>"):
        assert tag not in html, tag
    assert "- Added: **Hi @\u200borg/team @\u200badmin \\#\\# Approved \\[click\\]" in out


def test_revision_and_file_names_are_inert_too() -> None:
    from mkdocs_pathways.commands.diff_compare import GuideDiff
    from mkdocs_pathways.commands.diff_markdown import code_text, inline_text, to_markdown
    from mkdocs_pathways.commands.diff_tree import Finding

    assert code_text("lessons/a`b\nc.md") == "``lessons/a`b\ufffdc.md``"
    assert code_text("`x") == "`` `x ``"
    assert inline_text("x" * 500).endswith("x…") and len(inline_text("x" * 500)) == 200
    assert inline_text("a\u202ebc") == "a bc"  # a right-to-left override would make the text read backwards
    diff = GuideDiff(findings=[Finding("@team\n# Hi", "lessons/\udcff.md", "it is a symbolic link")])
    text = to_markdown(diff, "main", "feature/@everyone")
    assert text.splitlines()[0] == "## Changes to the guide (main → feature/@\u200beveryone)"
    assert "- `lessons/\ufffd.md` (at @\u200bteam \\# Hi): it is a symbolic link" in text


def test_a_revision_cannot_be_an_option(repo: Path) -> None:
    from mkdocs_pathways.commands.diff import catalog_at
    from mkdocs_pathways.commands.diff_tree import DiffError
    from mkdocs_pathways.config import GuideConfig

    with pytest.raises(DiffError, match="is not a revision"):
        catalog_at(GuideConfig.from_options(repo), "--output=/tmp/x")


@pytest.mark.parametrize("name", ["/etc/passwd", "lessons//x.md", "lessons/./x.md", "lessons/../x.md", "..",
                                  "lessons/.GIT/hooks/pre-commit", "lessons\\..\\x.md"])
def test_unsafe_names_are_refused(name: str, tmp_path: Path) -> None:
    from mkdocs_pathways.commands.diff_tree import _inside, unsafe_name

    assert unsafe_name(name) is not None
    assert _inside(tmp_path, "lessons/../../x.md") is None and _inside(tmp_path, "/etc/passwd") is None
    assert _inside(tmp_path, "lessons/x.md") == tmp_path / "lessons" / "x.md"
