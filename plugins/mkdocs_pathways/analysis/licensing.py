"""Licence checks: every work has a licence, and no licence forbids how the guide uses it."""

from __future__ import annotations

from collections.abc import Iterator

from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.model import Catalog
from mkdocs_pathways.vocab import KNOWN_LICENSES


def forbids_commercial_use(license_id: str) -> bool:
    return "-NC" in license_id.upper()


def forbids_adaptation(license_id: str) -> bool:
    return "-ND" in license_id.upper()


def license_url(license_id: str) -> str:
    """The licence's page, for a link (the SPDX page when we know no better)."""
    return KNOWN_LICENSES.get(license_id) or f"https://spdx.org/licenses/{license_id}.html"


def check_licenses(catalog: Catalog, commercial_use: bool) -> Iterator[Diagnostic]:
    """Missing licences, licences that conflict with a commercial-use guide, and adaptations of ND works."""
    works = [("lesson", item.id, item.license, item.at("license"), item.source) for item in catalog.lessons]
    works += [("pathway", item.id, item.license, item.source, item.source) for item in catalog.pathways]
    for kind, item_id, license_id, where, whole in works:
        if not license_id:
            # Lessons are what other guides copy and print; a pathway map without a licence is the guide's own.
            if kind == "lesson":
                yield Diagnostic("PW202", whole, f"{kind} '{item_id}' has no licence",
                                 "add a line such as `license: CC-BY-4.0` with the licence its authors chose.")
            continue
        if commercial_use and (forbids_commercial_use(license_id) or forbids_adaptation(license_id)):
            why = "commercial use" if forbids_commercial_use(license_id) else "adaptation"
            yield Diagnostic("PW203", where, f"{kind} '{item_id}' is licensed {license_id}, which forbids {why}, "
                             "but this guide is configured for commercial use",
                             "ask its authors for permission or another licence, replace it, or set "
                             "commercial_use: false.")
    for lesson in catalog.lessons:
        original = lesson.adapted_from
        if original and forbids_adaptation(original.license):
            yield Diagnostic("PW204", lesson.at("source"), f"lesson '{lesson.id}' adapts '{original.title}', "
                             f"whose licence {original.license} forbids adaptation",
                             "ask the original's authors for permission, or write the lesson anew.")
