"""The guide's fixed vocabularies: grades, stages, career clusters, competencies and licences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml reads the data files in a tenth of the time
    from yaml import CSafeLoader as _DataLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _DataLoader  # type: ignore[assignment]

# The package is installed as files (the plugin hands its theme folder to MkDocs by path), so its data is read
# by path too: importlib.resources would add its imports to every `pathways check`.
_DATA = Path(__file__).parent / "data"

# Always used with fullmatch: "$" alone would also accept a trailing newline. ASCII only: str.isdigit and \d
# would accept fullwidth and other digits that look like these but are not.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$", re.ASCII)
ONET_SOC = re.compile(r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$", re.ASCII)
SAFE_URL = re.compile(r"^(https?://[^\s<>\"']+|mailto:[^\s<>\"']+)$", re.IGNORECASE | re.ASCII)

# Grades are numbered so that ranges sort: K is 0, PS (postsecondary and adult) is 13.
KINDERGARTEN = 0
POSTSECONDARY = 13
GRADE_NAMES = {KINDERGARTEN: "K", POSTSECONDARY: "PS"}
LEVELS = ("introduce", "develop", "apply")

# What a step asks of a student (issue #17): its cost, pay, time of day and transportation.
COST_TYPES = ("free", "fee")
PAY_TYPES = ("paid", "stipend", "unpaid")
WHEN_VALUES = ("school-day", "after-school", "evenings", "weekends", "summer")
OUTSIDE_SCHOOL_HOURS = ("after-school", "evenings", "weekends", "summer")
TRANSPORTATION_VALUES = ("provided", "public-transit", "students-arrange")
# The work-based learning continuum: awareness → exploration → preparation → training. Each type of experience
# sits at one level; a hands-on experience is one where a student does or watches real work at a worksite.
WBL_CONTINUUM = ("awareness", "exploration", "preparation", "training")
WBL_LEVEL = {"career-fair": "awareness", "guest-speaker": "awareness", "worksite-tour": "awareness",
             "job-shadow": "exploration", "mentoring": "exploration", "service-learning": "preparation",
             "school-based-enterprise": "preparation", "internship": "preparation",
             "pre-apprenticeship": "preparation", "apprenticeship": "training"}
HANDS_ON = ("job-shadow", "internship", "pre-apprenticeship", "apprenticeship", "school-based-enterprise",
            "service-learning")


def grade_label(grade: int) -> str:
    """The short label of a grade: K, 1-12 or PS."""
    return GRADE_NAMES.get(grade, str(grade))


def grade_long_label(grade: int) -> str:
    """Kindergarten, Grade 7, Postsecondary."""
    if grade == KINDERGARTEN:
        return "Kindergarten"
    if grade == POSTSECONDARY:
        return "Postsecondary"
    return f"Grade {grade}"


def grade_span_label(grades: tuple[int, ...]) -> str:
    """A compact label for a set of grades, such as '6–8', '7, 9' or 'PS'."""
    if not grades:
        return ""
    lo, hi = min(grades), max(grades)
    if lo == hi:
        return grade_label(lo)
    if len(grades) == hi - lo + 1:
        return f"{grade_label(lo)}–{grade_label(hi)}"
    return ", ".join(grade_label(g) for g in sorted(grades))


def _one_grade(token: str) -> int | None:
    token = token.strip().upper()
    if token == "K":
        return KINDERGARTEN
    if token == "PS":
        return POSTSECONDARY
    if re.fullmatch(r"[0-9]{1,2}", token) and 1 <= int(token) <= 12:
        return int(token)
    return None


def parse_grades(value: Any) -> tuple[tuple[int, ...] | None, str]:
    """Read a grades value: ``7``, ``"6-8"``, ``"11-PS"`` or a list of grades.

    Returns the sorted grades, or ``None`` and a message saying what is wrong.
    """
    if isinstance(value, bool) or value is None:
        return None, "expected a grade such as 7, a range such as 6-8, or a list such as [7, 8]"
    if isinstance(value, int):
        grade = _one_grade(str(value)) if value >= 0 else None
        return ((grade,), "") if grade is not None else (None, f"{value} is not a grade (K, 1-12 or PS)")
    if isinstance(value, list):
        if not value:
            return None, "the list of grades is empty"
        found: set[int] = set()
        for item in value:
            if isinstance(item, (list, dict, bool)):
                return None, "each grade in the list must be K, 1-12 or PS"
            grades, message = parse_grades(item)
            if grades is None:
                return None, message
            found.update(grades)
        return tuple(sorted(found)), ""
    if isinstance(value, str):
        text = value.strip()
        parts = text.split("-")
        if len(parts) == 1:
            grade = _one_grade(text)
            return ((grade,), "") if grade is not None else (None, f"'{text}' is not a grade (K, 1-12 or PS)")
        if len(parts) == 2:
            lo, hi = _one_grade(parts[0]), _one_grade(parts[1])
            if lo is None or hi is None:
                return None, f"'{text}' is not a grade range like 6-8 or 11-PS"
            if lo > hi:
                return None, f"the range '{text}' runs backwards; write it from the lower grade to the higher"
            return tuple(range(lo, hi + 1)), ""
        return None, f"'{text}' is not a grade range like 6-8 or 11-PS"
    return None, "expected a grade such as 7, a range such as 6-8, or a list such as [7, 8]"


@dataclass(frozen=True)
class Cluster:
    """A career cluster of the 2024 framework."""

    id: str
    code: str
    title: str


@dataclass(frozen=True)
class Competency:
    """A competency or a strand of the framework. Strands have ``strand`` set to None."""

    id: str
    title: str
    description: str
    strand: str | None
    order: int


def _data(name: str) -> Any:
    text = (_DATA / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_DataLoader)  # a safe loader, for package data we wrote


@cache
def clusters() -> tuple[Cluster, ...]:
    """The 14 clusters, in framework order."""
    return tuple(Cluster(c["id"], c["code"], c["title"]) for c in _data("clusters.yml"))


@cache
def competencies() -> tuple[Competency, ...]:
    """Strands and their competencies, each strand followed by its own, in framework order."""
    out: list[Competency] = []
    for strand in _data("competencies.yml"):
        out.append(Competency(strand["id"], strand["title"], strand.get("description", ""), None, len(out)))
        for item in strand["competencies"]:
            out.append(Competency(item["id"], item["title"], item.get("description", ""), strand["id"], len(out)))
    return tuple(out)


# SPDX identifiers that curriculum is usually published under; others get a warning, not an error.
KNOWN_LICENSES: dict[str, str] = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC-BY-ND-4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "CC-BY-NC-ND-4.0": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "CC-BY-3.0": "https://creativecommons.org/licenses/by/3.0/",
    "CC-BY-SA-3.0": "https://creativecommons.org/licenses/by-sa/3.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "MIT": "https://spdx.org/licenses/MIT.html",
    "Apache-2.0": "https://spdx.org/licenses/Apache-2.0.html",
    "LicenseRef-Proprietary": "",
}
