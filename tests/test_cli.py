"""The `pathways check` command: output formats, exit statuses, strictness, and the bundled guide."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pathways.cli import main

from conftest import CASES, REPO

BROKEN = CASES / "diagnostics" / "many-files-many-problems"
WARNING_ONLY = CASES / "diagnostics" / "pw118-unknown-license"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_bundled_guide_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["check", "--root", str(REPO), "--strict"], capsys)
    # Only the two barrier notes the sample keeps on purpose (mkdocs.yml: checks: {PW314: info, PW315: info}).
    found = set(re.findall(r"^\S+: (\w+)\[(PW\d+)\]", out, re.M))
    assert (status, found) == (0, {("info", "PW314"), ("info", "PW315")})
    assert err.endswith("0 error(s) and 0 warning(s) and 2 note(s) in 2 file(s)\n")


def test_text_format_lists_every_problem_sorted(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["check", "--root", str(BROKEN)], capsys)
    assert status == 1
    heads = [line for line in out.splitlines() if not line.startswith("  hint: ")]
    assert [h.split(":")[0] for h in heads] == ["lessons/alpha.md", "lessons/beta.md", "lessons/beta.md",
                                                "pathways/demo.yml", "pathways/other.yml"]
    assert "lessons/beta.md:2:5: warning[PW307]: lesson 'beta' is not part of any pathway" in heads
    expected = "pathways/demo.yml:7:15: error[PW103]: step 1 of stage 'exploration' refers to unknown lesson 'gamma'"
    assert expected in heads
    assert err.strip() == "4 error(s) and 1 warning(s) in 4 file(s)"


def test_github_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["check", "--root", str(BROKEN), "--format", "github"], capsys)
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[3].startswith("::error file=pathways/demo.yml,line=7,col=15,title=PW103::step 1 of stage")
    assert lines[1].startswith("::warning file=lessons/beta.md,line=2,col=5,title=PW307::")
    assert sum(line.startswith("::error ") for line in lines) == 4


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["check", "--root", str(BROKEN), "--format", "json"], capsys)
    assert status == 1
    items = json.loads(out)
    assert [i["code"] for i in items] == ["PW105", "PW307", "PW112", "PW103", "PW102"]
    assert items[3] == {
        "path": "pathways/demo.yml", "line": 7, "column": 15, "severity": "error", "code": "PW103",
        "rule": "unknown-lesson", "message": "step 1 of stage 'exploration' refers to unknown lesson 'gamma'",
        "hint": "Lesson ids are the file names under lessons/.", "reference": "reference/checks/#pw103",
    }


def test_warnings_fail_only_when_strict(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["check", "--root", str(WARNING_ONLY)], capsys)
    assert status == 0 and "warning[PW118]" in out
    status, _, _ = run(["check", "--root", str(WARNING_ONLY), "--strict"], capsys)
    assert status == 1


def test_check_reads_folders_from_mkdocs_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(BROKEN / "lessons", tmp_path / "units")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions"
        ".emoji.twemoji\nplugins:\n  - pathways:\n      lessons_dir: units\n", encoding="utf-8")
    status, out, _ = run(["check", "--root", str(tmp_path)], capsys)
    assert status == 1
    assert "units/beta.md:5:9: error[PW112]" in out


def test_console_script_runs_without_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--root", str(BROKEN)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "error[PW103]" in result.stdout


def test_hints_link_to_the_published_reference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(BROKEN, tmp_path / "guide")
    (tmp_path / "guide" / "mkdocs.yml").write_text("site_name: t\nsite_url: https://guide.example.org/\n"
                                                  "plugins:\n  - pathways\n", encoding="utf-8")
    status, out, _ = run(["check", "--root", str(tmp_path / "guide")], capsys)
    assert status == 1
    assert ("  hint: Lesson ids are the file names under lessons/. "
            "See https://guide.example.org/reference/checks/#pw103") in out


def test_new_lesson_and_pathway_pass_the_check_at_once(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = str(tmp_path)
    assert main(["new", "lesson", "my-lesson", "--root", root, "--stage", "preparation", "--grades", "9-10"]) == 0
    assert main(["new", "pathway", "my-path", "--root", root, "--cluster", "construction"]) == 0
    assert "Created lessons/my-lesson.md" in capsys.readouterr().out
    status, out, _ = run(["check", "--root", root], capsys)
    assert status == 0
    codes = set(re.findall(r"\[(PW\d+)\]", out))
    assert codes == {"PW201", "PW307"}, out  # placeholders to replace; the lesson is in no pathway yet
    assert run(["check", "--root", root, "--strict"], capsys)[0] == 1
    lesson = (tmp_path / "lessons" / "my-lesson.md").read_text(encoding="utf-8")
    assert "grades: 9-10" in lesson and "stage: preparation" in lesson
    for field in ("sessions", "objectives", "competencies", "standards", "materials", "vocabulary", "assessment",
                  "builds_on", "clusters", "authors", "license"):
        assert f"\n{field}:" in lesson, field


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "lessons").mkdir()
    existing = tmp_path / "lessons" / "mine.md"
    existing.write_text("my work", encoding="utf-8")
    status, _, err = run(["new", "lesson", "mine", "--root", str(tmp_path)], capsys)
    assert status == 1 and "already exists; nothing was changed" in err
    assert existing.read_text(encoding="utf-8") == "my work"
    assert run(["new", "pathway", "Bad Id", "--root", str(tmp_path)], capsys)[0] == 1
    assert run(["new", "lesson", "x", "--root", str(tmp_path), "--stage", "nope"], capsys)[0] == 1
    assert run(["new", "lesson", "y", "--root", str(tmp_path), "--grades", "8-6"], capsys)[0] == 1
    assert sorted(p.name for p in (tmp_path / "lessons").iterdir()) == ["mine.md"]
