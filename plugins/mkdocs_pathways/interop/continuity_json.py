"""``continuity.json``: the continuity findings and competency progressions, for dashboards and other tools."""

from __future__ import annotations

from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.findings import Analysis, Finding
from mkdocs_pathways.model import Catalog

FORMAT = "mkdocs-pathways/continuity"
VERSION = 1


def _finding(finding: Finding) -> dict[str, Any]:
    return {**finding.diagnostic.as_dict(), "pathway": finding.pathway or None, "lessons": list(finding.lessons),
            "steps": list(finding.steps), **({"partners": list(finding.partners)} if finding.partners else {})}


def continuity_data(catalog: Catalog, analysis: Analysis) -> dict[str, Any]:
    """The data of ``continuity.json``: per pathway its progression and findings, then the general findings."""
    return {
        "format": FORMAT, "version": VERSION,
        "pathways": [{
            "id": p.id, "title": p.title,
            "progression": {c: [{"lesson": e.lesson, "level": e.level,
                                 "grades": [vocab.grade_label(g) for g in e.grades], "stage": e.stage}
                                for e in entries]
                            for c, entries in analysis.progressions[p.id].competencies.items()},
            "findings": [_finding(f) for f in analysis.for_pathway(p.id)],
            "barriers": [_finding(f) for f in analysis.barriers(p.id)],
        } for p in catalog.pathways],
        "findings": [_finding(f) for f in analysis.findings if not f.pathway],
        # The system: what every student gets grade by grade, and the findings about shared steps and partners
        # (PW320-PW329), whether they concern one pathway or the whole guide.
        "system": {
            "grades": [{"grade": vocab.grade_label(row.grade), "pathways": [p.id for p in row.pathways],
                        "everyone": [item.key for item in row.everyone]} for row in system.journey(catalog)],
            "findings": [_finding(f) for f in analysis.findings if f.is_system],
        },
    }
