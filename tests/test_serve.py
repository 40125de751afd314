"""`mkdocs serve` watches the content folders: an edit shows up, and a content error is reported with its
location while the server keeps running."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from sitekit import lesson_text, pathway_text, write_site

PATHWAY = pathway_text("""
    exploration:
      - lesson: alpha
""")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local test server
        return str(response.read().decode("utf-8"))


def _wait(condition: Callable[[], bool], seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_cache_rewrites_only_changed_pages(tmp_path: Path) -> None:
    from mkdocs_pathways.render.preview import cached_page

    first = cached_page(tmp_path, "lessons/alpha.md", "one")
    stamp = first.stat().st_mtime_ns
    time.sleep(0.01)
    assert cached_page(tmp_path, "lessons/alpha.md", "one").stat().st_mtime_ns == stamp
    assert cached_page(tmp_path, "lessons/alpha.md", "two").read_text() == "two"


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve-dirty"])
def test_serve_reloads_edits_and_survives_errors(tmp_path: Path, dirty: bool) -> None:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha", title="First title")},
                      pathways={"demo": PATHWAY})
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    flags = ["--dirty", "--no-strict"] if dirty else []
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", *flags, "-a", f"127.0.0.1:{port}", "-f",
         str(root / "mkdocs.yml")], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/lessons/alpha/"
    lesson = root / "lessons" / "alpha.md"
    try:
        assert _wait(lambda: "First title" in _get(url)), (tmp_path / "serve.log").read_text()
        time.sleep(1)  # let the watcher settle before the first edit
        lesson.write_text(lesson_text("alpha", title="Second title"), encoding="utf-8")
        assert _wait(lambda: "Second title" in _get(url)), (tmp_path / "serve.log").read_text()
        assert "Grade 7" in _get(url)  # so that its absence below means the page was rebuilt

        lesson.write_text(lesson_text("alpha", title="Second title", grades="8-6"), encoding="utf-8")
        error = "lessons/alpha.md:5:9: error[PW112]"
        assert _wait(lambda: error in (tmp_path / "serve.log").read_text())
        # The error is logged during the rebuild: wait for that rebuild to end before looking at the pages. (Not
        # for "Documentation built": MkDocs drops that line when its time repeats the previous build's.)
        assert _wait(lambda: "Reloading browsers" in (tmp_path / "serve.log").read_text().split(error, 1)[1])
        assert server.poll() is None, "the server stopped on a content error"
        # While serving, an error is reported and the rest still builds: the lesson with the bad grades keeps its
        # page, rebuilt from the edited file (its latest title, and no longer the grade it had before the edit),
        # and the home page still lists the pathway.
        page = _get(url)
        assert "Second title" in page, (tmp_path / "serve.log").read_text()
        assert "Grade 7" not in page, "the page is the one from before the edit, not rebuilt"
        assert "Demo pathway" in _get(f"http://127.0.0.1:{port}/")

        lesson.write_text(lesson_text("alpha", title="Third title"), encoding="utf-8")
        assert _wait(lambda: "Third title" in _get(url)), (tmp_path / "serve.log").read_text()
        assert "Traceback" not in (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_the_sample_guide_serves_through_errors_and_a_recreated_folder(tmp_path: Path) -> None:
    """With the sample's own mkdocs.yml (strict: true), a broken lesson never stops the preview answering, the
    pages say what is wrong, and a lessons folder deleted and made again is still watched."""
    import shutil

    from conftest import REPO

    root = tmp_path / "guide"
    for folder in ("content", "lessons", "pathways", "standards"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("mkdocs.yml", "partners.yml"):
        shutil.copy(REPO / name, root / name)
    assert "strict: true" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
                               "-f", str(root / "mkdocs.yml")], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/lessons/values-at-work/"
    lesson = root / "lessons" / "values-at-work.md"
    original = lesson.read_text(encoding="utf-8")
    try:
        assert _wait(lambda: "What Matters to Me at Work" in _get(url), 90), log_path.read_text()
        time.sleep(1)
        lesson.write_text(original.replace("grades: 7", "grades: 8-6", 1), encoding="utf-8")
        assert _wait(lambda: "problem(s) in the guide" in _get(url), 90), log_path.read_text()
        assert "error[PW112]" in log_path.read_text()
        assert server.poll() is None
        home = _get(f"http://127.0.0.1:{port}/")
        assert "problem(s) in the guide" in home and "lessons/values-at-work.md" in home

        lesson.write_text(original, encoding="utf-8")
        assert _wait(lambda: "problem(s) in the guide" not in _get(url), 90), log_path.read_text()

        # Deleted and made again (as a branch switch does): a new folder, which must be watched again.
        shutil.copytree(root / "lessons", tmp_path / "lessons-backup")
        shutil.rmtree(root / "lessons")
        time.sleep(2)
        shutil.copytree(tmp_path / "lessons-backup", root / "lessons")
        assert _wait(lambda: "What Matters to Me at Work" in _get(url), 90)
        time.sleep(2)
        lesson.write_text(original.replace("title: What Matters to Me at Work", "title: What Matters Most", 1),
                          encoding="utf-8")
        assert _wait(lambda: "What Matters Most" in _get(url), 90), log_path.read_text()
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
