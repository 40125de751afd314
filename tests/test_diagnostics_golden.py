"""Golden cases: each folder under cases/diagnostics is a small content tree and the exact diagnostics it gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_pathways.analysis.check import check_guide
from mkdocs_pathways.diagnostics import format_diagnostics
from mkdocs_pathways.load.loader import load_catalog
from mkdocs_pathways.mkdocs_yml import load_settings
from mkdocs_pathways.rules import RULES

from conftest import CASES, check_golden

# diagnostics/: what loading and validation report; continuity/: what the whole check reports.
DIAGNOSTIC_CASES = sorted(p for folder in ("diagnostics", "continuity") for p in (CASES / folder).iterdir()
                          if p.is_dir())


def run_case(case: Path) -> str:
    config, _site = load_settings(case)
    if case.parent.name == "diagnostics":
        _catalog, diagnostics = load_catalog(config)
    else:
        diagnostics = check_guide(config).diagnostics
    text = format_diagnostics(diagnostics)
    return text + "\n" if text else ""


@pytest.mark.parametrize("case", DIAGNOSTIC_CASES, ids=[f"{p.parent.name}/{p.name}" for p in DIAGNOSTIC_CASES])
def test_case(case: Path, update_goldens: bool) -> None:
    check_golden(case / "expected.txt", run_case(case), update_goldens)


def test_every_rule_has_a_golden_case() -> None:
    seen: set[str] = set()
    for case in DIAGNOSTIC_CASES:
        expected = case / "expected.txt"
        if expected.exists():
            seen.update(re.findall(r"\[(PW\d{3})\]", expected.read_text(encoding="utf-8")))
    missing = sorted(set(RULES) - seen)
    assert not missing, f"rules without a golden case: {missing}"


def test_case_named_after_a_rule_produces_that_rule() -> None:
    for case in DIAGNOSTIC_CASES:
        match = re.match(r"pw(\d{3})-", case.name)
        if match:
            assert f"[PW{match.group(1)}]" in run_case(case), case.name


def test_clean_cases_have_no_diagnostics() -> None:
    assert run_case(CASES / "diagnostics" / "clean") == ""
    assert run_case(CASES / "continuity" / "clean") == ""
