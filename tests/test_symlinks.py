"""Symbolic links and special files never reach the site, the export or a diagnostic (the security issue, case 1).

Each case is what a pull request from a stranger could add to a public guide repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sitekit import lesson_text, pathway_text, write_site

SECRET = "CI_TOKEN=ghs_do_not_publish"


def small(root: Path) -> Path:
    write_site(root, lessons={"alpha": lesson_text("alpha")},
               pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")})
    return root


def outside_secret(tmp_path: Path, name: str = "secret.yml") -> Path:
    secret = tmp_path / "outside" / name
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text(f"id: leaked\ntitle: {SECRET}\n{SECRET}: 1\n")
    return secret


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs_pathways", "check", "--root", str(root), *args],
                          capture_output=True, text=True, check=False, timeout=60)


def plant(root: Path, link: str, target: Path | str) -> None:
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def serve_build(root: Path) -> None:
    """Build as `make serve` does (`mkdocs serve --dirty`), where content errors are reported and the rest
    still builds."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        config.plugins.on_shutdown()  # MkDocs reuses the plugin object for later builds in this process


CASES = {
    "content/passwd.txt": lambda tmp: Path("/etc/passwd"),
    "content/env.txt": lambda tmp: Path("/proc/self/environ"),
    "content/gitconfig.txt": lambda tmp: Path("../.git/config"),
    "content/zero.txt": lambda tmp: Path("/dev/zero"),
    "lessons/x.md": lambda tmp: outside_secret(tmp, "x.md"),
    "pathways/leak.yml": lambda tmp: outside_secret(tmp),
    "lessons/fig/logo.svg": lambda tmp: Path("/etc/hostname"),
}


@pytest.mark.parametrize("link", sorted(CASES))
def test_a_planted_link_is_an_error_and_leaks_nothing(tmp_path: Path, link: str) -> None:
    root = small(tmp_path / "guide")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    plant(root, link, CASES[link](tmp_path))
    for fmt in ("text", "github", "json"):
        result = check(root, "--format", fmt)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "PW013" in result.stdout
        assert SECRET not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr


def test_a_linked_lessons_folder_is_not_read(tmp_path: Path) -> None:
    root = small(tmp_path / "guide")
    elsewhere = tmp_path / "elsewhere"
    (root / "lessons").rename(elsewhere)
    (root / "lessons").symlink_to(elsewhere)
    result = check(root)
    assert "lessons: " not in result.stdout or "PW013" in result.stdout
    assert "error[PW013]: 'lessons' is a symbolic link" in result.stdout


def test_serve_never_copies_a_link_into_the_site(tmp_path: Path) -> None:
    # While serving, content errors do not stop the build; the link must still stay out of the site.
    root = small(tmp_path / "guide")
    plant(root, "content/passwd.txt", Path("/etc/passwd"))
    plant(root, "content/notes/env.txt", Path("/proc/self/environ"))
    serve_build(root)
    assert (root / "site" / "index.html").is_file()
    assert not (root / "site" / "passwd.txt").exists()
    assert not (root / "site" / "notes" / "env.txt").exists()


def test_a_linked_override_template_is_not_used(tmp_path: Path) -> None:
    root = tmp_path / "guide"
    (root / "overrides").mkdir(parents=True)
    secret = outside_secret(tmp_path, "lesson.md.jinja")
    write_site(root, lessons={"alpha": lesson_text("alpha")},
               pathways={"demo": pathway_text("exploration:\n  - lesson: alpha\n")}, templates_dir="overrides")
    (root / "overrides" / "lesson.md.jinja").symlink_to(secret)
    result = check(root)
    assert result.returncode == 1
    assert "error[PW013]: 'overrides/lesson.md.jinja' is a symbolic link" in result.stdout
    serve_build(root)  # the link is skipped: the package's own template renders the lesson
    lesson = (root / "site" / "lessons" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert "Lesson alpha" in lesson
    assert not any(SECRET in p.read_text(errors="replace") for p in (root / "site").rglob("*.html"))


def test_export_refuses_a_guide_with_a_link(tmp_path: Path) -> None:
    root = small(tmp_path / "guide")
    plant(root, "content/passwd.txt", Path("/etc/passwd"))
    out = tmp_path / "export"
    result = subprocess.run([sys.executable, "-m", "mkdocs_pathways", "export", "--root", str(root), "--out",
                             str(out)], capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert not (out / "docs" / "passwd.txt").exists()


def test_a_named_pipe_is_reported_without_reading_it(tmp_path: Path) -> None:
    root = small(tmp_path / "guide")
    os.mkfifo(root / "lessons" / "beta.md")
    result = check(root)  # reading the pipe would block until the timeout
    assert "error[PW013]: 'lessons/beta.md' is a named pipe" in result.stdout
