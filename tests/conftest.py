"""Shared test helpers: the golden-file switch and paths to the bundled sample guide."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.config import GuideConfig
from mkdocs_pathways.render.addresses import Addresses
from mkdocs_pathways.render.environment import make_environment
from mkdocs_pathways.render.fragments import FragmentRenderer, markdown_converter
from mkdocs_pathways.render.pages import Renderer
from mkdocs_pathways.render.pages_base import RenderSettings

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


def make_renderer(case: Path, layout: Addresses | None = None, **settings: str) -> Renderer:
    """The renderer of a test guide's checked content, with the package's templates and ``settings``."""
    checked = check_guide(GuideConfig.from_options(case))
    fragments = FragmentRenderer(markdown_converter(["toc", "tables", "fenced_code", "admonition", "attr_list"], {}),
                                 strip=settings.get("raw_html") == "strip")
    return Renderer(checked.catalog, checked.analysis, checked.relations, checked.links, layout or Addresses(),
                    make_environment(), RenderSettings(**settings), fragments)


def generated_guide(out: Path) -> Path:
    """A 60-lesson, 3-pathway guide from ``bench/generate.py``, written to ``out``."""
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--lessons", "60", "--pathways", "3",
                    "--per-pathway", "20", "--out", str(out)], check=True, capture_output=True)
    return out


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens")) or os.environ.get("UPDATE_GOLDENS") == "1"


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file, or rewrite it when updating."""
    if update or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} did not exist; it has been written, review and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"output differs from {path}; rerun with --update-goldens if the change is intended"


def chromium_or_skip() -> str:
    """The system Chromium for browser tests. Skipped when missing, except in CI, where it is a failure."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "Chromium is not installed (apt-get install chromium); browser tests need it"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled guide, built once with `mkdocs build --strict` as a subprocess, like `make build`."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, check=False,
                            # The package of this checkout, even where another one is installed.
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                 "PYTHONPATH": str(REPO / "plugins")})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out
