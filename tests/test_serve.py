"""`mkdocs serve` watches the content folders: an edit shows up, and a content error is reported with its
location while the server keeps running."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
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


def test_serve_cache_rewrites_only_changed_pages() -> None:
    from mkdocs_pathways.render.preview import PageCache

    cache = PageCache()
    try:
        first = cache.write("lessons/alpha.md", "one", "a")
        stamp = first.stat().st_mtime_ns
        time.sleep(0.01)
        assert cache.write("lessons/alpha.md", "one", "a").stat().st_mtime_ns == stamp
        # The same Markdown with other fragments (a lesson body that changed) is a changed page.
        assert cache.write("lessons/alpha.md", "one", "b").stat().st_mtime_ns > stamp
        assert cache.write("lessons/alpha.md", "two", "c").read_text() == "two"
    finally:
        cache.close()
    assert not cache.folder.exists()


def _serve(root: Path, port: int, log_path: Path, *flags: str) -> subprocess.Popen[bytes]:
    with log_path.open("w") as log:  # the server writes to its own copy of the file
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", *flags, "-a",
                                 f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
                                stdout=log, stderr=subprocess.STDOUT)


def _without_reload(page: str) -> str:
    """A served page without the live-reload call, whose numbers change with every build."""
    import re

    return re.sub(r"livereload\(\d+, \d+\)", "", page)


def _copy_sample(root: Path) -> None:
    import shutil

    from conftest import REPO

    for folder in ("content", "lessons", "pathways", "standards"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("mkdocs.yml", "partners.yml"):
        shutil.copy(REPO / name, root / name)


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "make-serve"])
def test_serve_reloads_edits_and_survives_errors(tmp_path: Path, dirty: bool) -> None:
    root = write_site(tmp_path, lessons={"alpha": lesson_text("alpha", title="First title")},
                      pathways={"demo": PATHWAY})
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    flags = ["--dirty"] if dirty else []  # `make serve` runs `mkdocs serve --dirty`
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

    root = tmp_path / "guide"
    _copy_sample(root)
    assert "strict: true" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    server = _serve(root, port, log_path, "--dirty")  # as `make serve` runs it
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


FORK_TITLE = "# Make this guide your own"


def test_the_preview_is_never_stale(tmp_path: Path) -> None:
    """`make serve` rebuilds only the pages an edit changed, and still every page shows the guide as it is now:
    a lesson's new title on its page, the catalog, each pathway page and booklet that holds it, and in search;
    a pathway's new title in the navigation of a page the edit did not touch; a deleted lesson gone."""
    import json

    root = tmp_path / "guide"
    _copy_sample(root)
    # One page in the navigation without a title there, so that its own title is what the navigation shows.
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("- Make this guide your own: fork.md",
                                                                     "- fork.md", 1), encoding="utf-8")
    assert FORK_TITLE in (root / "content" / "fork.md").read_text(encoding="utf-8")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    server = _serve(root, port, log_path, "--dirty")
    base = f"http://127.0.0.1:{port}/"
    lesson = root / "lessons" / "career-detectives.md"
    old, new = "Career Detectives: Researching an Occupation", "Case Files: Researching an Occupation"
    holders = ["advanced-manufacturing", "digital-technology", "health-science"]

    def search() -> list[dict[str, str]]:
        return list(json.loads(_get(base + "search/search_index.json"))["docs"])

    def rebuilt() -> bool:
        return log_path.read_text().count("Reloading browsers") >= builds + 1

    try:
        assert _wait(lambda: old in _get(base + "lessons/career-detectives/"), 90), log_path.read_text()
        untouched = _without_reload(_get(base + "lessons/patient-care-basics/"))
        entries = len(search())
        time.sleep(1)
        builds = log_path.read_text().count("Reloading browsers")
        lesson.write_text(lesson.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        assert _wait(rebuilt, 90) and new in _get(base + "lessons/career-detectives/"), log_path.read_text()
        log = log_path.read_text()
        assert "rebuilt 1 page" not in log and "dirty" not in log  # no warning about dirty builds
        for address in ["lessons/", *(f"pathways/{p}/" for p in holders), *(f"pathways/{p}/guide/" for p in holders),
                        "competencies/"]:
            page = _get(base + address)
            assert new in page and old not in page, address
        docs = search()
        assert any(new in d["title"] for d in docs) and not any(old in d["title"] for d in docs)
        assert len(docs) == entries and len({d["location"] for d in docs}) == len(docs)
        # A page the edit did not touch was not rebuilt, and is what it was.
        assert _without_reload(_get(base + "lessons/patient-care-basics/")) == untouched

        # A page's new title is in the navigation: the About section's pages show it, rebuilt or not.
        builds = log_path.read_text().count("Reloading browsers")
        fork = root / "content" / "fork.md"
        fork.write_text(fork.read_text(encoding="utf-8").replace(FORK_TITLE, "# Fork It", 1), encoding="utf-8")
        assert _wait(rebuilt, 90), log_path.read_text()
        for address in ("continuity/", "reference/checks/"):  # generated pages that did not change
            page = _get(base + address)
            assert "Fork It" in page and FORK_TITLE[2:] not in page, address

        # A deleted lesson's page is gone, and so are its search entries.
        builds = log_path.read_text().count("Reloading browsers")
        (root / "lessons" / "guest-speaker-questions.md").unlink()
        assert _wait(rebuilt, 90), log_path.read_text()
        with pytest.raises(urllib.error.HTTPError):
            _get(base + "lessons/guest-speaker-questions/")
        assert not any(d["location"].startswith("lessons/guest-speaker-questions/") for d in search())
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
