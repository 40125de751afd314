"""schema.org JSON-LD for lesson pages (LearningResource) and pathway pages (EducationalOccupationalProgram)."""

from __future__ import annotations

from typing import Any

from mkdocs_pathways.analysis.licensing import license_url
from mkdocs_pathways.interop.terms import (
    ONET,
)
from mkdocs_pathways.model import Catalog, Partner, Pathway
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.model_standards import Standard
from mkdocs_pathways.vocab import POSTSECONDARY, grade_label


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def lesson_jsonld(lesson: Lesson, catalog: Catalog, page_url: str) -> dict[str, Any]:
    """schema.org ``LearningResource`` for a lesson page (LRMI learningResourceType: unit plan)."""
    levels = [{"@type": "DefinedTerm", "termCode": "PS" if g == POSTSECONDARY else f"{g:02d}" if g else "KG",
               "name": "Postsecondary" if g == POSTSECONDARY else "Kindergarten" if g == 0 else f"Grade {g}"}
              for g in lesson.grades]
    teaches = []
    for item in lesson.competencies:
        competency = catalog.competency_by_id.get(item.competency)
        teaches.append({"@type": "DefinedTerm", "termCode": item.competency,
                        "name": competency.title if competency else item.competency,
                        "inDefinedTermSet": "mkdocs-pathways competency framework",
                        "description": f"Level: {item.level}"})
    out: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "LearningResource", "@id": f"{page_url}#lesson",
        "name": lesson.title, "description": lesson.summary, "url": page_url,
        "learningResourceType": {"@type": "DefinedTerm", "name": "unit plan",
                                 "url": "http://purl.org/dcx/lrmi-vocabs/learningResourceType/unitPlan"},
        "educationalLevel": levels, "teaches": teaches, "timeRequired": _duration(lesson.minutes),
        "audience": {"@type": "EducationalAudience", "educationalRole": "teacher"},
        "inLanguage": "en",
    }
    if lesson.license:
        out["license"] = license_url(lesson.license)
    if lesson.authors:
        out["author"] = [{"@type": "Organization" if "team" in a.lower() else "Person", "name": a}
                         for a in lesson.authors]
    if lesson.standards:
        out["educationalAlignment"] = [_alignment(s, catalog) for s in lesson.standards]
    if lesson.adapted_from:
        original = lesson.adapted_from
        out["isBasedOn"] = {"@type": "CreativeWork", "name": original.title, "author": original.author,
                            "license": license_url(original.license), **({"url": original.url} if original.url
                                                                          else {})}
    if lesson.translations:
        out["workTranslation"] = [{"@type": "LearningResource", "inLanguage": t.language, "name": t.title}
                                  for t in lesson.translations]
    return out


def _alignment(standard: Standard, catalog: Catalog) -> dict[str, Any]:
    """An ``AlignmentObject``: for a framework kept in the guide, its title and the CASE item's URI."""
    framework = catalog.framework_by_id.get(standard.framework) if standard.item else None
    item = framework.item_by_id.get(standard.item) if framework else None
    if framework is None or item is None:
        return {"@type": "AlignmentObject", "alignmentType": "educationalSubject",
                "educationalFramework": standard.framework, "targetName": standard.code,
                **({"targetUrl": standard.url} if standard.url else {})}
    out: dict[str, Any] = {"@type": "AlignmentObject", "alignmentType": "teaches",
                           "educationalFramework": framework.title, "targetName": item.label}
    target = item.uri or standard.url or framework.uri
    if target:
        out["targetUrl"] = target
    if framework.republish:
        out["targetDescription"] = item.statement
    return out


def partner_jsonld(partner: Partner, page_url: str) -> dict[str, Any]:
    """schema.org ``Organization`` for a partner, with the stable id of its partner page."""
    out: dict[str, Any] = {"@type": "Organization", "@id": f"{page_url}#organization", "name": partner.name}
    if partner.url:
        out["url"] = partner.url
    if partner.description:
        out["description"] = partner.description
    if partner.region:
        out["areaServed"] = partner.region
    return out


def pathway_jsonld(pathway: Pathway, catalog: Catalog, page_url: str, lesson_urls: dict[str, str],
                   provider: str, partner_urls: dict[str, str] | None = None) -> dict[str, Any]:
    """schema.org ``EducationalOccupationalProgram`` for a pathway page, with its courses and credentials.

    The program's providers are the publisher and every partner of the pathway (``partner_urls`` gives each
    partner's page address, from which its stable id is made).
    """
    steps = pathway.all_steps()
    urls = partner_urls or {}
    program: dict[str, Any] = {
        "@type": "EducationalOccupationalProgram", "@id": f"{page_url}#program", "name": pathway.title,
        "description": pathway.summary, "url": page_url, "programType": "career pathway",
        "provider": [{"@type": "Organization", "name": provider},
                     *(partner_jsonld(p, urls.get(p.id, f"{page_url}#partner-{p.id}")) for p in pathway.partners)],
        "occupationalCategory": [{"@type": "CategoryCode", "codeValue": o.code, "name": o.title,
                                  "inCodeSet": ONET} for o in pathway.occupations],
        "hasCourse": [{"@type": "Course", "@id": f"{page_url}#step-{s.id}", "name": s.title,
                       **({"courseCode": s.code} if s.code else {}),
                       **({"numberOfCredits": s.credit_hours} if s.credit_hours else {})}
                      for s in steps if s.kind == "course"],
        "occupationalCredentialAwarded": [{"@type": "EducationalOccupationalCredential", "name": s.title,
                                           "credentialCategory": s.type.replace("-", " ")}
                                          for s in steps if s.kind == "credential"],
        "subjectOf": [{"@id": f"{lesson_urls[s.lesson]}#lesson"} for s in steps
                      if s.kind == "lesson" and s.lesson in lesson_urls],
    }
    if pathway.grades:
        program["educationalLevel"] = f"Grades {grade_label(min(pathway.grades))}–{grade_label(max(pathway.grades))}"
    graph: list[dict[str, Any]] = [program]
    for s in steps:
        if s.kind == "experience" and s.type in ("apprenticeship", "pre-apprenticeship", "internship"):
            graph.append({"@type": "WorkBasedProgram", "@id": f"{page_url}#step-{s.id}", "name": s.title,
                          **({"occupationalCategory": [o.code for o in pathway.occupations]}
                             if pathway.occupations else {})})
        if s.kind == "destination":
            graph.append({"@type": "Occupation", "@id": f"{page_url}#step-{s.id}", "name": s.title,
                          **({"occupationalCategory": {"@type": "CategoryCode", "codeValue": s.occupation,
                                                       "inCodeSet": ONET}} if s.occupation else {})})
    return {"@context": "https://schema.org", "@graph": graph}


# -- CTDL JSON-LD -----------------------------------------------------------------------------------------------
