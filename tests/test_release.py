"""Ready to publish: the sdist and wheel hold everything the package reads at run time, the wheel works on its
own in a fresh virtual environment, and the release workflow publishes safely.

The wheel is installed with ``--no-deps`` into a new venv, and the venv is given this environment's installed
dependencies (MkDocs, Material, PyYAML...) through a ``.pth`` file, so no package is downloaded. A plain path in
a ``.pth`` file is appended to ``sys.path`` after the venv's own site-packages, and ``.pth`` files found there
are not run, so this environment's editable install of mkdocs-pathways stays out of sight: the code under test
is the wheel's, which the test checks.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
import yaml

from mkdocs_pathways import __version__

from conftest import REPO

RELEASE = REPO / ".github" / "workflows" / "release.yml"
# What the package reads at run time, besides its modules: each must be in the wheel and the sdist.
PACKAGE_DATA = [
    "py.typed", "assets/pathways.css", "assets/pathways.js", "data/clusters.yml", "data/competencies.yml",
    "data/i18n/en.yml", "schemas/pathway.schema.json", "schemas/lesson.schema.json",
    "schemas/translation.schema.json", "theme/partials/search.html", "templates/lesson.md.jinja",
    "templates/new/lesson.md.jinja", "templates/new/guide/mkdocs.yml",
    "templates/new/guide/dot-github/workflows/pages.yml", "templates/new/guide/dot-vscode/tasks.json",
]


# ----------------------------------------------------------------------------------------- the release workflow


def _release() -> dict[str, object]:
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict)
    return workflow


def test_release_runs_on_a_version_tag_only() -> None:
    triggers = _release()[True]  # PyYAML reads the key `on` as true
    assert triggers == {"push": {"tags": ["v*"]}}


def test_every_job_asks_for_its_own_permissions_and_has_a_time_limit() -> None:
    workflow = _release()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    for name, job in jobs.items():
        assert "permissions" in job, name
        assert 0 < job["timeout-minutes"] <= 30, name
    # Only the publishing job may prove its identity to PyPI, and only from the protected environment.
    assert [n for n, j in jobs.items() if (j["permissions"] or {}).get("id-token") == "write"] == ["publish"]
    assert jobs["publish"]["environment"]["name"] == "pypi"
    assert set(jobs["publish"]["needs"]) == {"build", "test"}


def test_actions_are_pinned_by_commit_with_the_version_beside_it() -> None:
    lines = [line.strip() for line in RELEASE.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"- uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), line


def test_checkout_keeps_no_credentials_and_publishing_uses_no_token() -> None:
    jobs = _release()["jobs"]
    assert isinstance(jobs, dict)
    for job in jobs.values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    publish = [s for s in jobs["publish"]["steps"] if s.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert len(publish) == 1 and not set(publish[0].get("with") or {}) & {"password", "user", "username"}
    assert "secrets." not in RELEASE.read_text(encoding="utf-8")


def test_the_tag_is_compared_with_the_version_without_pasting_it_into_a_script() -> None:
    steps = _release()["jobs"]["build"]["steps"]  # type: ignore[index]
    check = next(s for s in steps if "TAG" in s.get("env", {}))
    assert check["env"]["TAG"] == "${{ github.ref_name }}" and "${{" not in check["run"]
    code = check["run"].split('"', 1)[1].rsplit('"', 1)[0]
    for tag, ok in ((f"v{__version__}", True), ("v0.0.0-not-this", False)):
        result = subprocess.run([sys.executable, "-c", code], env={**os.environ, "TAG": tag}, capture_output=True,
                                text=True, check=False)
        assert (result.returncode == 0) is ok, result.stderr


# ------------------------------------------------------------------------------------------ the built package


def _build(out: Path) -> list[Path]:
    """Build the sdist and the wheel with `python -m build`, or only the wheel with pip when build is missing."""
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)]
    else:  # pip is always there; `pip install build` (or the dev extra, once it lists build) adds the sdist
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(REPO)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300,
                            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    if result.returncode != 0 and "pip" in command and "No matching distribution" in result.stderr:
        pytest.skip("the build backend (hatchling) cannot be downloaded here")
    assert result.returncode == 0, result.stderr[-2000:]
    return sorted(out.iterdir())


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = _build(tmp_path_factory.mktemp("dist"))
    return {"wheel" if p.suffix == ".whl" else "sdist": p for p in built}


def test_the_wheel_holds_the_package_data(dist: dict[str, Path]) -> None:
    assert dist["wheel"].name == f"mkdocs_pathways-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(dist["wheel"]).namelist())
    missing = [f for f in PACKAGE_DATA if f"mkdocs_pathways/{f}" not in names]
    assert not missing
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    entry_points = zipfile.ZipFile(dist["wheel"]).read(
        f"mkdocs_pathways-{__version__}.dist-info/entry_points.txt").decode()
    assert "pathways = mkdocs_pathways.cli:main" in entry_points
    assert "pathways = mkdocs_pathways.plugin:PathwaysPlugin" in entry_points


def test_the_sdist_holds_the_sources_and_the_package_data(dist: dict[str, Path]) -> None:
    if "sdist" not in dist:
        pytest.skip("`build` is not installed (python -m pip install build), so only the wheel was built")
    top = f"mkdocs_pathways-{__version__}"
    with tarfile.open(dist["sdist"]) as sdist:
        names = set(sdist.getnames())
    assert {f"{top}/pyproject.toml", f"{top}/README.md", f"{top}/LICENSE"} <= names
    missing = [f for f in PACKAGE_DATA if f"{top}/plugins/mkdocs_pathways/{f}" not in names]
    assert not missing


def _fresh_venv(folder: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed and this environment's dependencies visible. Returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    (Path(site) / "_dependencies_from_the_test_environment.pth").write_text(
        "".join(f"{path}\n" for path in sorted(ours)), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", "--disable-pip-version-check", str(wheel)], check=True, timeout=120)
    return python.parent


def test_the_installed_wheel_starts_a_guide_that_builds_strictly(dist: dict[str, Path], tmp_path: Path) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv", dist["wheel"])
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["NO_MKDOCS_2_WARNING"] = "1"

    def run(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=tmp_path,
                              timeout=300)

    where = run(str(bin_dir / "python"), "-c", "import mkdocs_pathways; print(mkdocs_pathways.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where.stdout + where.stderr
    guide = tmp_path / "guide"
    pathways = str(bin_dir / "pathways")
    assert run(pathways, "new", "guide", str(guide)).returncode == 0
    checked = run(pathways, "check", "--strict", "--root", str(guide))
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr
    built = run(str(bin_dir / "python"), "-m", "mkdocs", "build", "--strict", "-f", str(guide / "mkdocs.yml"),
                "-d", str(tmp_path / "site"))
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    assert (tmp_path / "site" / "pathways" / "discover-your-path" / "index.html").is_file()
