"""Bounded work: a lesson that would make Markdown super-linear, or nest too deep, never stalls a build.

`pathways check` reports it (PW014, a golden and hostile cases pin the text); while serving, when content
errors do not stop the build, the lesson page says the text is not shown instead of converting it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import lesson_text, pathway_text, write_site

BODIES = {
    "brackets": "[" * 20000,
    "images": "![" * 6000,
    "links": "[a](" * 6000,
    "tags": "<a " * 9000,
    "nesting": "".join("  " * i + "- item\n" for i in range(500)),
}

SERVE_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2], strict=False)
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url="http://127.0.0.1:8000/")
"""


@pytest.mark.parametrize("kind", sorted(BODIES))
def test_a_slow_or_deep_lesson_is_reported_and_never_converted(tmp_path: Path, kind: str) -> None:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha", body=BODIES[kind])},
                      pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")})
    check = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--root", str(root)],
                           capture_output=True, text=True, check=False, timeout=60)
    assert check.returncode == 1 and "error[PW014]" in check.stdout
    # Converting these bodies takes minutes (or crashes); the guard is that the build ends at all.
    build = subprocess.run([sys.executable, "-c", SERVE_BUILD, str(root / "mkdocs.yml"), str(tmp_path / "site")],
                           capture_output=True, text=True, check=False, timeout=120)
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "This text is not shown" in page and "PW014" in page


def test_a_long_id_is_refused_before_it_becomes_a_file_name(tmp_path: Path) -> None:
    long_id = "a" * 251
    root = write_site(tmp_path, lessons={long_id: lesson_text(long_id)},
                      pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")},
                      config_tail="use_directory_urls: false")
    check = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--root", str(root)],
                           capture_output=True, text=True, check=False, timeout=60)
    assert "error[PW012]: the file name is 251 characters long; an id can have at most 100" in check.stdout
    assert "Traceback" not in check.stderr


@pytest.mark.parametrize("option", ["lessons_url: ../../elsewhere", "pathways_url: /etc", "lessons_dir: ../x",
                                    "competencies_url: a/../../b"])
def test_addresses_and_folders_cannot_leave_the_site(tmp_path: Path, option: str) -> None:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha")},
                      pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")}, options=option)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d",
                             str(tmp_path / "site")], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode != 0
    assert f"pathways option '{option.split(':')[0]}'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path.parent / "elsewhere").exists() and not (tmp_path / "elsewhere").exists()
