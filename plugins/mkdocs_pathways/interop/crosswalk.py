"""A framework's crosswalk as data: one row per item, with the lessons, pathways and grades that cover it.

The CSV is for a district's alignment report in a spreadsheet; the JSON carries the same rows for other tools.
Statements are left out when the framework's licence does not let the guide republish them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from mkdocs_pathways.analysis.standards import Coverage
from mkdocs_pathways.vocab import grade_label, grade_span_label

# A spreadsheet runs a cell that starts with one of these as a formula: such cells are written as text.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _grade_column(grade: int) -> str:
    return f"grade {grade_label(grade)}"


def crosswalk_csv(cov: Coverage) -> str:
    """The crosswalk as CSV: one header row, then one row per item in hierarchy order."""
    framework = cov.framework
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["framework", "identifier", "code", "parent code", "level", "type", "statement", "grades",
                     *(_grade_column(g) for g in cov.grades), "lessons", "lesson ids", "pathways", "covered"])
    by_id = framework.item_by_id
    for row in cov.rows:
        item = row.item
        parent = by_id.get(item.parent)
        writer.writerow([_cell(v) for v in (
            framework.id, item.id, item.code, parent.code if parent else "", str(item.depth), item.type,
            item.statement if framework.republish else "", grade_span_label(item.grades),
            *(str(row.by_grade.get(g, 0)) for g in cov.grades), str(len(row.lessons)),
            " ".join(x.id for x in row.lessons), " ".join(p.id for p in row.pathways),
            "yes" if row.covered else "no")])
    return out.getvalue()


def crosswalk_json(cov: Coverage, lesson_urls: Mapping[str, str], page_url: str) -> dict[str, Any]:
    """The crosswalk as JSON: the framework, the grade columns and the items with their coverage."""
    framework = cov.framework
    by_id = framework.item_by_id
    items = []
    for row in cov.rows:
        item = row.item
        parent = by_id.get(item.parent)
        entry: dict[str, Any] = {
            "identifier": item.id, "code": item.code, "parent": (parent.code or parent.id) if parent else None,
            "level": item.depth, "type": item.type, "grades": [grade_label(g) for g in item.grades],
            "url": f"{page_url}#{item.anchor}",
            "coverage": {grade_label(g): row.by_grade.get(g, 0) for g in cov.grades},
            "lessons": [{"id": x.id, "title": x.title, "grades": [grade_label(g) for g in x.grades],
                         "url": lesson_urls.get(x.id, ""), "aligned_directly": x in row.direct}
                        for x in row.lessons],
            "pathways": [{"id": p.id, "title": p.title} for p in row.pathways],
            "covered": row.covered,
        }
        if item.uri:
            entry["uri"] = item.uri
        if framework.republish:
            entry["statement"] = item.statement
        items.append(entry)
    return {
        "framework": {"id": framework.id, "title": framework.title, "creator": framework.creator,
                      "uri": framework.uri, "version": framework.version, "license": framework.license,
                      "statements_published": framework.republish, "format": framework.format},
        "grades": [grade_label(g) for g in cov.grades],
        "items": items,
        "uncovered": [row.item.code or row.item.id for row in cov.uncovered],
    }
