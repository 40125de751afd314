"""View data: what each page shows, computed from the model and its analysis, ready for a template to print.

Pure functions, so templates only loop and print, and each view can be tested without rendering.
"""

from __future__ import annotations

from typing import Any

from mkdocs_pathways import vocab
from mkdocs_pathways.analysis import system
from mkdocs_pathways.analysis.findings import Analysis
from mkdocs_pathways.analysis.relations import Relations
from mkdocs_pathways.analysis.standards import Coverage, coverage
from mkdocs_pathways.load.spec import PARTNER_TYPES
from mkdocs_pathways.model import Catalog, Partner, Pathway, Step, StepKind
from mkdocs_pathways.model_lessons import Lesson


def stage_title(catalog: Catalog, stage_id: str) -> str:
    """The title of a stage, or its id if the guide has no such stage."""
    stage = catalog.stage_by_id.get(stage_id)
    return stage.title if stage else stage_id


def cluster_title(catalog: Catalog, cluster_id: str) -> str:
    """The title of a career cluster, or its id."""
    cluster = catalog.cluster_by_id.get(cluster_id)
    return cluster.title if cluster else cluster_id


def partner_names(pathway: Pathway, step: Step) -> list[str]:
    """The names of the partners a step names, in the step's order."""
    names = {p.id: p.name for p in pathway.partners}
    return [names[p] for p in step.partners if p in names]


def pathway_cards(catalog: Catalog) -> list[dict[str, Any]]:
    """One card per pathway: its stages, credentials and number of lessons."""
    cards = []
    for pathway in catalog.pathways:
        steps = pathway.all_steps()
        cards.append({
            "pathway": pathway,
            "stages": [stage_title(catalog, s.stage) for s in pathway.stages],
            "credentials": [s.title for s in steps if s.kind == StepKind.CREDENTIAL],
            "lessons": len(pathway.lesson_steps()),
            "access": card_access(pathway),
        })
    return cards


def strands(catalog: Catalog) -> list[dict[str, Any]]:
    """Each strand of the competency framework with its competencies."""
    return [{"strand": strand, "competencies": list(members)} for strand, members in catalog.strands]


def stages_with_lessons(catalog: Catalog) -> list[str]:
    """The ids of the stages that have at least one lesson, in journey order."""
    used = {lesson.stage for lesson in catalog.lessons}
    return [stage.id for stage in catalog.stages if stage.id in used]


def catalog_grades(catalog: Catalog) -> list[tuple[int, str]]:
    """Grades that have lessons, each with the stage whose catalog group to jump to without script."""
    grades = sorted({g for lesson in catalog.lessons for g in lesson.grades})
    return [(grade, next((s.id for s in catalog.stages if grade in s.grades), "")) for grade in grades]


def lesson_groups(catalog: Catalog, relations: Relations) -> list[dict[str, Any]]:
    """The lesson catalog: lessons grouped by stage, in grade then title order, with their strands."""
    groups = []
    for stage in catalog.stages:
        lessons = sorted((lesson for lesson in catalog.lessons if lesson.stage == stage.id),
                         key=lambda item: (item.grades[:1], item.grades[-1:], item.title.lower()))
        if lessons:
            groups.append({"stage": stage, "lessons": [
                {"lesson": lesson, "strands": relations.strands_of(lesson),
                 "competency_ids": sorted({a.competency for a in lesson.competencies}
                                          | set(relations.strands_of(lesson)))}
                for lesson in lessons]})
    return groups


def progression_table(catalog: Catalog, analysis: Analysis, pathway: Pathway) -> dict[str, Any]:
    """Rows (competencies, in framework order) by columns (the grades of the pathway's lessons)."""
    progression = analysis.progressions.get(pathway.id)
    if progression is None or not progression.competencies:
        return {"grades": [], "rows": []}
    grades = sorted({min(e.grades) for entries in progression.competencies.values() for e in entries if e.grades})
    rows = []
    for competency in catalog.competencies:
        entries = progression.competencies.get(competency.id)
        if entries:
            cells = {g: [{"entry": e, "lesson": catalog.lesson_by_id.get(e.lesson)} for e in entries
                         if e.grades and min(e.grades) == g] for g in grades}
            rows.append({"competency": competency, "cells": cells})
    return {"grades": grades, "rows": rows}


def continuity_rows(catalog: Catalog, analysis: Analysis) -> list[dict[str, Any]]:
    """One row per pathway for the continuity report: lessons, competencies per level, findings."""
    rows = []
    for pathway in catalog.pathways:
        progression = analysis.progressions.get(pathway.id)
        levels = {level: sum(1 for entries in (progression.competencies.values() if progression else ())
                             if any(e.level == level for e in entries)) for level in vocab.LEVELS}
        rows.append({"pathway": pathway, "levels": levels, "lessons": len(pathway.lesson_steps()),
                     "findings": analysis.for_pathway(pathway.id)})
    return rows


def booklet_lessons(catalog: Catalog, pathway: Pathway) -> list[tuple[Step, Lesson]]:
    """The lessons printed in a pathway's booklet, each with its step, in journey order."""
    return [(step, catalog.lesson_by_id[step.lesson]) for step in pathway.lesson_steps()
            if step.lesson in catalog.lesson_by_id]


# -- open to every student (issue #17) ---------------------------------------------------------------------------


def access_summary(analysis: Analysis, pathway: Pathway) -> dict[str, Any]:
    """The "Open to every student?" summary of a pathway: what its steps cost, pay and ask, and its barriers."""
    steps = [s for s in pathway.all_steps() if s.access]
    return {
        "stated": bool(steps),
        "free": [s for s in steps if s.access.cost == "free"],
        "covered": [s for s in steps if s.access.cost == "fee" and s.access.covered_by],
        "fees": [s for s in steps if s.access.uncovered_fee],
        "paid": [s for s in steps if s.access.pay in ("paid", "stipend")],
        "unpaid": [s for s in steps if s.access.pay == "unpaid"],
        "selective": [s for s in steps if s.access.selective],
        "outside_hours": [s for s in steps if s.access.outside_school_hours],
        "barriers": analysis.barriers(pathway.id),
    }


def card_access(pathway: Pathway) -> list[str]:
    """The access badges of a pathway card: what at least one of its steps offers or asks."""
    steps = [s.access for s in pathway.all_steps() if s.access]
    found = {"covered": any(a.cost == "fee" and a.covered_by for a in steps),
             "paid": any(a.pay in ("paid", "stipend") for a in steps),
             "transport": any(a.transportation == "provided" for a in steps),
             "application": any(a.selective for a in steps)}
    return [name for name, present in found.items() if present]


def plan_grades(catalog: Catalog, pathway: Pathway) -> list[dict[str, Any]]:
    """The student and family plan, grade by grade: the steps that start in each grade (choices whole), and the
    titles of the class lessons of that grade."""
    by_grade: dict[int, dict[str, Any]] = {}
    for stage in pathway.stages:
        for step in stage.steps:
            grades = step.grades
            if not grades and stage.stage in catalog.stage_by_id:
                grades = catalog.stage_by_id[stage.stage].grades
            if not grades:
                continue
            row = by_grade.setdefault(min(grades), {"grade": min(grades), "steps": [], "lessons": []})
            if step.kind == StepKind.LESSON:
                row["lessons"].append(step.title)
            else:
                row["steps"].append(step)
    return [by_grade[g] for g in sorted(by_grade)]


def plan_money(pathway: Pathway) -> list[Step]:
    """The steps whose cost or pay the pathway states, in journey order, for the plan's money table."""
    return [s for s in pathway.all_steps() if s.access.cost or s.access.pay]


def framework_tree(cov: Coverage) -> list[dict[str, Any]]:
    """A framework's rows as a tree for a nested list: ``{"row": …, "children": […]}``, in hierarchy order."""
    nodes: dict[str, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    for row in cov.rows:
        node: dict[str, Any] = {"row": row, "children": []}
        nodes[row.item.id] = node
        parent = nodes.get(row.item.parent)
        (parent["children"] if parent else top).append(node)
    return top


def framework_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """One row per framework for the standards index: its standards and how many of them lessons cover."""
    rows = []
    for framework in catalog.frameworks:
        standards = coverage(catalog, framework).standards
        rows.append({"framework": framework, "standards": len(standards),
                     "covered": sum(1 for row in standards if row.covered)})
    return rows


# -- the system: partners, the journey grade by grade, every pathway on one map -----------------------------------

def partner_groups(catalog: Catalog, commitments: dict[str, list[system.Commitment]]) -> list[dict[str, Any]]:
    """The partners page: partners grouped by type (in the formats' order), each with what it serves."""
    groups = []
    for kind in PARTNER_TYPES:
        members = sorted((p for p in catalog.partners if p.type == kind), key=lambda p: p.name.lower())
        if not members:
            continue
        rows = []
        for partner in members:
            items = commitments.get(partner.id, [])
            stages = {c.step.stage for c in items}
            rows.append({
                "partner": partner, "steps": len(items),
                "pathways": system.partner_pathways(catalog, partner, items),
                "stages": [s.id for s in catalog.stages if s.id in stages],
                "grades": tuple(sorted({g for c in items for g in c.step.grades})),
            })
        groups.append({"type": kind, "partners": rows})
    return groups


def partner_sheet(catalog: Catalog, partner: Partner,
                  commitments: dict[str, list[system.Commitment]]) -> dict[str, Any]:
    """One partner's page: the pathways it serves with its role in each, and its steps in grade order."""
    items = commitments.get(partner.id, [])
    pathways = system.partner_pathways(catalog, partner, items)
    return {
        "pathways": [{"pathway": p, "role": system.role_in(p, partner.id),
                      "steps": sum(1 for c in items if c.pathway.id == p.id)} for p in pathways],
        "commitments": items,
        "grades": tuple(sorted({g for c in items for g in c.step.grades})),
        "stages": [s.id for s in catalog.stages if any(c.step.stage == s.id for c in items)],
    }


def journey_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """The journey page: each grade with what every student gets and what each pathway adds."""
    rows = []
    for row in system.journey(catalog):
        rows.append({
            "grade": row.grade, "stages": row.stages, "pathways": row.pathways, "everyone": row.everyone,
            "adds": [{"pathway": p, "steps": row.by_pathway.get(p.id, [])} for p in row.pathways],
        })
    return rows


def all_pathways_map(catalog: Catalog) -> dict[str, Any]:
    """Every pathway on one map: a row per grade, a column per pathway. Each step sits in the grade it starts;
    a step shared by several pathways is drawn once, across their columns (one cell per run of neighbours)."""
    pathways = list(catalog.pathways)
    column = {p.id: i for i, p in enumerate(pathways)}
    grades_out = []
    steps = system.shared_steps(catalog)  # once, not once per grade
    for row in system.journey(catalog):
        starting = [s for s in steps if s.starts == row.grade]
        if not starting:
            continue
        cells: list[dict[str, Any]] = []
        by_set: dict[tuple[int, ...], list[system.SharedStep]] = {}
        for item in starting:
            by_set.setdefault(tuple(sorted(column[p.id] for p in item.pathways)), []).append(item)
        for cols, items in by_set.items():
            runs: list[list[int]] = []
            for c in cols:
                if runs and runs[-1][-1] == c - 1:
                    runs[-1].append(c)
                else:
                    runs.append([c])
            for run in runs:
                cells.append({"start": run[0], "span": len(run), "steps": items,
                              "pathways": [pathways[c] for c in cols], "everyone": len(cols) == len(pathways)
                              and len(pathways) > 1, "shared": len(cols) > 1})
        # Widest first, so the shared core sits on top; cells that do not overlap share a row.
        cells.sort(key=lambda c: (not c["shared"], -c["span"], c["start"]))
        rows: list[tuple[bool, list[tuple[int, int]]]] = []  # (shared?, occupied column intervals)
        for cell in cells:
            first, last = cell["start"], cell["start"] + cell["span"] - 1
            index = next((i for i, (shared, spans) in enumerate(rows) if shared == cell["shared"]
                          and all(last < a or first > b for a, b in spans)), None)
            if index is None:
                rows.append((cell["shared"], []))
                index = len(rows) - 1
            rows[index][1].append((first, last))
            cell["row"] = index
        grades_out.append({"grade": row.grade, "stages": row.stages, "cells": cells})
    return {"pathways": pathways, "grades": grades_out}
