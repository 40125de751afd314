"""Every plugin option, when wrong, gives one located line in `mkdocs build` and in `pathways check`, never a
traceback; the two print the same message, because the options are declared and checked in one place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pathways.config import OPTION_NAMES, OPTIONS, ConfigError, GuideConfig

from sitekit import lesson_text, pathway_text, write_site

# Each option with a wrong value, and the words its message must contain.
BAD = {
    "pathways_dir": ("pathways_dir: ../outside", "must be a folder inside the project"),
    "lessons_dir": ("lessons_dir: /etc", "must be a folder inside the project"),
    "standards_dir": ("standards_dir: .git", "must be a folder inside the project"),
    "partners_file": ("partners_file: ../partners.yml", "inside the project"),
    "stages": ("stages: [{id: Early, grades: K-2}]", "a stage id must be lowercase words"),
    "templates_dir": ("templates_dir: no-such-folder", "there is no folder 'no-such-folder'"),
    "pathways_url": ("pathways_url: ../../elsewhere", "must be a relative address"),
    "lessons_url": ("lessons_url: /lessons", "must be a relative address"),
    "competencies_url": ("competencies_url: Competencies", "must be a relative address"),
    "nav": ("nav: merged", "is not one of: merge, off. did you mean 'merge'?"),
    "max_file_bytes": ("max_file_bytes: -5", "a whole number of bytes above zero"),
    "checks": ("checks: {PW999: off}", "there is no rule PW999"),
    "organization": ("organization: [a, b]", "write text here, not a list"),
    "edition": ("edition: 2026", "write text here, not a number (2026)"),
    "page_size": ("page_size: tabloid", "is not one of: letter, a4, legal"),
    "hide_pathways": ("hide_pathways: [helth-science]", "there is no pathway 'helth-science'. did you mean"),
    "commercial_use": ("commercial_use: maybe", "write true or false"),
    "raw_html": ("raw_html: remove", "is not one of: allow, strip"),
    "language": ("language: English", "is not a language code"),
}


def test_every_option_has_a_bad_case() -> None:
    assert set(BAD) == set(OPTION_NAMES)
    assert all(option.doc for option in OPTIONS)


def _guide(tmp_path: Path, option: str) -> Path:
    return write_site(tmp_path, lessons={"alpha": lesson_text("alpha")},
                      pathways={"health-science": pathway_text("exploration:\n  - lesson: alpha\n").replace(
                          "id: demo", "id: health-science")}, options=option)


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_option_is_one_located_line_in_build_and_check(tmp_path: Path, name: str) -> None:
    option, words = BAD[name]
    root = _guide(tmp_path, option)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d",
                            str(tmp_path / "site")], capture_output=True, text=True, check=False, env=env, timeout=120)
    check = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--root", str(root)],
                           capture_output=True, text=True, check=False, env=env, timeout=60)
    assert build.returncode != 0 and check.returncode == 2
    for output in (build.stderr, check.stderr):
        assert "Traceback" not in output, output
    line = next(x for x in check.stderr.splitlines() if f"pathways option '{name}'" in x)
    assert line.startswith("pathways: mkdocs.yml:") and words in line, line
    located = line.removeprefix("pathways: ")
    assert located in build.stderr, build.stderr  # the same message, at the same place
    where = located.split(": ", 1)[0]  # mkdocs.yml:LINE:COL, the line of the option
    row = int(where.split(":")[1])
    assert (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[row - 1].strip().startswith(name)
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_unknown_option_is_named_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"there is no such option\. did you mean 'lessons_dir'"):
        GuideConfig.from_options(tmp_path, {"lesson_dir": "lessons"})


def test_null_options_take_their_defaults(tmp_path: Path) -> None:
    config = GuideConfig.from_options(tmp_path, {name: None for name in OPTION_NAMES})
    assert config.lessons_dir == tmp_path.resolve() / "lessons" and config.page_size == "letter"
