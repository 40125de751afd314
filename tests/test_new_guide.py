"""`pathways new guide DIR`: a complete small guide that passes the strict check and the strict build as written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mkdocs_pathways.cli import main
from mkdocs_pathways.interop.json_schema import SCHEMAS, dump
from mkdocs_pathways.mkdocs_yml import read_site_options

from conftest import REPO

EXPECTED_FILES = {
    ".github/workflows/check.yml", ".github/workflows/pages.yml", ".gitignore", ".pre-commit-config.yaml",
    ".vscode/extensions.json", ".vscode/settings.json", ".vscode/tasks.json", "README.md", "content/index.md",
    "lessons/my-career-plan.md", "lessons/my-strengths.md", "mkdocs.yml", "pathways/discover-your-path.yml",
    "requirements.txt", "schemas/lesson.schema.json", "schemas/pathway.schema.json",
    "schemas/translation.schema.json",
}


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "career-guide"
    assert main(["new", "guide", str(folder)]) == 0
    return folder


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_it_writes_a_whole_guide(guide: Path) -> None:
    assert set(_files(guide)) == EXPECTED_FILES


def test_it_passes_the_strict_check_as_written(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", "--root", str(guide)]) == 0
    assert capsys.readouterr().out == ""  # not one warning, not even a TODO


def test_it_builds_strictly_without_a_warning(guide: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(guide / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Discover Your Path" in home  # the pathway list on the home page
    assert (tmp_path / "site" / "lessons" / "my-strengths" / "index.html").is_file()


def test_todos_are_left_only_in_yaml_comments(guide: Path) -> None:
    todos = 0
    for name in ("mkdocs.yml", "pathways/discover-your-path.yml"):
        for line in (guide / name).read_text(encoding="utf-8").splitlines():
            if "TODO" in line:
                todos += 1
                assert "#" in line and line.index("#") < line.index("TODO"), line
    assert todos >= 3


def test_material_is_set_up_like_the_sample_guide(guide: Path) -> None:
    new, sample = read_site_options(guide / "mkdocs.yml"), read_site_options(REPO / "mkdocs.yml")
    for key in ("theme", "markdown_extensions", "validation", "docs_dir", "strict"):
        assert new[key] == sample[key], key
    assert "search" in new["plugins"] and any("pathways" in p for p in new["plugins"] if isinstance(p, dict))


def test_the_schemas_and_the_editor_settings_are_those_of_the_package(guide: Path) -> None:
    for kind in ("pathway", "lesson", "translation"):
        assert (guide / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8") == dump(SCHEMAS[kind]())
    settings = json.loads((guide / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema in settings["yaml.schemas"]:
        assert (guide / schema).is_file()
    assert "yaml.customTags" not in settings
    for path in [*guide.glob("pathways/*.yml"), *guide.glob("lessons/*.md")]:
        kind = "pathway" if path.suffix == ".yml" else "lesson"
        assert f"# yaml-language-server: $schema=../schemas/{kind}.schema.json" in path.read_text(encoding="utf-8")


def test_the_task_reads_the_check_like_the_projects_own(guide: Path) -> None:
    def matchers(path: Path) -> list[object]:
        return [t["problemMatcher"] for t in json.loads(path.read_text(encoding="utf-8"))["tasks"]]

    assert matchers(guide / ".vscode" / "tasks.json") == matchers(REPO / ".vscode" / "tasks.json")


def test_workflows_check_and_publish_with_the_pinned_package(guide: Path) -> None:
    from mkdocs_pathways import __version__

    assert f"mkdocs-pathways=={__version__}" in (guide / "requirements.txt").read_text(encoding="utf-8")
    check = yaml.safe_load((guide / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    pages = yaml.safe_load((guide / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    runs = [s.get("run", "") for w in (check, pages) for job in w["jobs"].values() for s in job["steps"]]
    assert "python -m pip install -r requirements.txt" in runs
    assert "pathways check --format github --strict" in runs and "mkdocs build --strict" in runs
    # The publishing workflow is the project's own, apart from what it installs.
    ours = (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    theirs = (guide / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert theirs == ours.replace("python -m pip install -c constraints.txt -e .",
                                  "python -m pip install -r requirements.txt")
    hooks = yaml.safe_load((guide / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = hooks["repos"][0]["hooks"][0]
    assert hook["entry"] == "pathways check" and hook["additional_dependencies"] == [f"mkdocs-pathways=={__version__}"]


def test_a_new_lesson_in_the_guide_points_at_its_schemas(guide: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    assert main(["new", "guide", str(copy)]) == 0
    assert main(["new", "lesson", "budget-basics", "--root", str(copy)]) == 0
    text = (copy / "lessons" / "budget-basics.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=../schemas/lesson.schema.json" in text


def test_running_it_again_changes_nothing_and_says_why(guide: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(guide)
    assert main(["new", "guide", str(guide)]) == 1
    assert "already exists and is not empty; nothing was changed" in capsys.readouterr().err
    assert _files(guide) == before


def test_a_folder_with_anything_in_it_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", "guide", str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "guide"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", "guide", str(target)]) == 1
    assert "is a file" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    assert main(["new", "guide", str(tmp_path)]) == 0
    assert set(_files(tmp_path)) == EXPECTED_FILES


def test_the_new_guides_workflows_are_hardened(guide: Path) -> None:
    from test_workflows import _checkout_problems, _permission_problems, _pinning_problems, _timeout_problems

    for name in ("check.yml", "pages.yml"):
        text = (guide / ".github" / "workflows" / name).read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        assert (_timeout_problems(workflow) + _pinning_problems(text) + _permission_problems(workflow)
                + _checkout_problems(workflow)) == [], name
