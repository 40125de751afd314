"""Work shared with forked copies of the build (render.parallel): the same site, the same warnings, and the
build's own process doing the work itself wherever forking is unsafe or fails."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from mkdocs_pathways.render import parallel
from mkdocs_pathways.render.fragments import FragmentRenderer

from conftest import REPO, generated_guide

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture
def two_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "2")


def _square_in(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@pytest.mark.usefixtures("two_jobs")
def test_results_come_back_in_order_and_part_of_the_work_is_done_elsewhere() -> None:
    results = parallel.map_forked(_square_in, list(range(50)))
    assert results is not None
    assert [square for square, _ in results] == [i * i for i in range(50)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2


@pytest.mark.usefixtures("two_jobs")
def test_what_a_copy_logs_is_handled_here_once() -> None:
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("mkdocs.test_parallel")
    handler = Keep(logging.WARNING)
    logger.addHandler(handler)
    try:
        def noisy(item: int) -> int:
            logger.warning("item %d in %s", item, "a copy" if os.getpid() != here else "here")
            try:
                raise ValueError(item)
            except ValueError:
                logger.info("not shown: below the handler's level", exc_info=True)
            return item

        here = os.getpid()
        assert parallel.map_forked(noisy, list(range(10))) == list(range(10))
    finally:
        logger.removeHandler(handler)
    assert sorted(seen) == sorted({f"item {i} in {'here' if i % 2 == 0 else 'a copy'}" for i in range(10)})


@pytest.mark.usefixtures("two_jobs")
def test_a_failure_in_a_copy_leaves_the_work_to_the_caller() -> None:
    here = os.getpid()

    def fails_elsewhere(item: int) -> int:
        if os.getpid() != here:
            raise RuntimeError("boom")
        return item

    assert parallel.map_forked(fails_elsewhere, list(range(10))) is None


def test_one_process_when_asked_when_small_or_when_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.JOBS_VARIABLE, raising=False)
    assert parallel.jobs(parallel.SMALLEST - 1) == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert parallel.jobs(parallel.SMALLEST) == (3 if sys.platform.startswith("linux") else 1)
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "1")
    assert parallel.jobs(10_000) == 1
    assert parallel.map_forked(_square_in, list(range(10))) is None
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "4")
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)  # as `mkdocs serve` runs its server: forking is unsafe then
    watcher.start()
    try:
        assert parallel.jobs(10_000) == 1
    finally:
        stop.set()
        watcher.join()
    assert parallel.jobs(10_000) == (4 if sys.platform.startswith("linux") else 1)


@pytest.mark.usefixtures("two_jobs")
def test_a_text_that_cannot_be_converted_fails_where_it_is_used() -> None:
    def convert(text: str) -> str:
        if "bad" in text:
            raise ValueError("cannot convert")
        return f"<p>{text}</p>"

    fragments = FragmentRenderer(convert, strip=False)
    fragments.convert_ahead([f"text {i}" for i in range(20)] + ["bad text"])
    assert fragments.fragment("text 3").html == "<p>text 3</p>"
    with pytest.raises(ValueError, match="cannot convert"):
        fragments.fragment("bad text")


# -- real builds ----------------------------------------------------------------------------------------------

NOISY = '''"""A Markdown extension that warns, through MkDocs' logger, for every text holding NOISY."""
import logging
import os

from markdown import Extension
from markdown.preprocessors import Preprocessor

log = logging.getLogger("mkdocs.noisy")


class Warn(Preprocessor):
    def run(self, lines):
        for line in lines:
            if "NOISY-" in line:
                log.warning("%s converted in %s", line.strip(), os.getpid())
        return lines


class Noisy(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(Warn(md), "noisy", 30)


def makeExtension(**kwargs):
    return Noisy(**kwargs)
'''


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_guide(tmp_path_factory.mktemp("parallel") / "guide")


def _build(root: Path, jobs: str, out: Path, *extra: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *extra, "-d", str(out)], cwd=root,
                          env={**(env or ENV), parallel.JOBS_VARIABLE: jobs}, capture_output=True, text=True,
                          check=False)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.name.startswith("sitemap")}


@pytest.mark.parametrize("where", ["sample", "benchmark"])
def test_a_site_built_on_two_cores_is_the_site_built_on_one(where: str, guide: Path, tmp_path: Path) -> None:
    root = REPO if where == "sample" else guide
    strict = ["--strict"] if where == "sample" else []  # the generated guide has continuity warnings on purpose
    one, two = _build(root, "1", tmp_path / "one", *strict), _build(root, "2", tmp_path / "two", *strict)
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    built_one, built_two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert len(built_one) > 100
    assert built_one.keys() == built_two.keys()
    assert [name for name in built_one if built_one[name] != built_two[name]] == []


def _warnings(stderr: str) -> int:
    found = re.search(r"Aborted with (\d+) warnings in strict mode", stderr)
    assert found, stderr[-2000:]
    return int(found.group(1))


def test_warnings_from_the_copies_are_shown_once_and_fail_a_strict_build(guide: Path, tmp_path: Path) -> None:
    first = _build(guide, "1", tmp_path / "before", "--strict")
    before = _warnings(first.stdout + first.stderr)  # the guide's own warnings
    root = tmp_path / "guide"
    subprocess.run(["cp", "-r", str(guide), str(root)], check=True)
    lessons = sorted((root / "lessons").glob("*.md"))
    for number, lesson in enumerate(lessons):
        lesson.write_text(lesson.read_text("utf-8") + f"\nNOISY-{number}\n", "utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("markdown_extensions: [", "markdown_extensions: [noisy, "),
                      "utf-8")
    (tmp_path / "noisy.py").write_text(NOISY, "utf-8")
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=root, env={**env, parallel.JOBS_VARIABLE: "2"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode != 0
    found = re.findall(r"NOISY-(\d+) converted in (\d+)", err)
    assert sorted(int(n) for n, _ in found) == list(range(len(lessons)))  # each once
    assert {int(pid) for _, pid in found} - {proc.pid}, "no lesson was converted in a copy"
    assert _warnings(out + err) == before + len(lessons)
    one = _build(root, "1", tmp_path / "one", "--strict", env=env)
    assert _warnings(one.stdout + one.stderr) == before + len(lessons)


@pytest.mark.parametrize("where", ["sample", "benchmark"])
def test_pages_finished_as_they_are_made_are_the_pages_finished_by_the_engine(
        where: str, guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build finishes its pages (fragments in place, search sections found) while making them; the site must
    be the one the engine's own steps give, page by page and in the search index."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_pathways import plugin
    from mkdocs_pathways.render import bundle

    root = REPO if where == "sample" else guide
    made: list[bool] = []

    def unfinished(*args: object, **kwargs: object) -> bundle.Bundle:
        made.append(bool(kwargs.get("finish")))
        return bundle.bundle(*args, **{**kwargs, "finish": False, "sections": False})  # type: ignore[arg-type]

    def site(name: str) -> dict[str, bytes]:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / name))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        return _files(tmp_path / name)

    finished = site("finished")
    monkeypatch.setattr(plugin, "bundle", unfinished)
    engine = site("engine")
    assert made == [True]
    assert finished.keys() == engine.keys() and len(finished) > 100
    assert [name for name in finished if finished[name] != engine[name]] == []
