"""Turn the cleaned fields of lesson and translation files into model objects, resolving references on the way.

The pathways and partners are built in :mod:`mkdocs_pathways.load.build`, whose :class:`Builder` extends this
module's :class:`LessonBuilder`.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mkdocs_pathways.diagnostics import Diagnostic
from mkdocs_pathways.load.field_locations import field_locations
from mkdocs_pathways.load.references import References
from mkdocs_pathways.load.sources import SourceFile
from mkdocs_pathways.model_lessons import AdaptedFrom, CompetencyLevel, Lesson, Session, Term, Translation
from mkdocs_pathways.model_standards import Standard
from mkdocs_pathways.words import did_you_mean


class LessonBuilder:
    """Builds lessons and their translations; unknown references are reported through ``refs``."""

    def __init__(self, refs: References) -> None:
        self.refs = refs

    def lesson(self, file: SourceFile) -> Lesson:
        """A lesson from its file."""
        d, source, body, body_line = file.data, file.source, file.body, file.body_line
        stage = d.get("stage", "")
        self.refs.stage(stage, source)
        competencies = []
        for index, item in enumerate(d.get("competencies", ())):
            where = ("competencies", index, "competency")
            if self.refs.known(item.get("competency"), self.refs.competency_ids, "PW110", source, where,
                               "competency", "The competencies are listed on the guide's Competencies page."):
                competencies.append(CompetencyLevel(item["competency"], item.get("level", "introduce"),
                                                    source.at((*where[:2],))))
        for index, cluster in enumerate(d.get("clusters", ())):
            self.refs.cluster(cluster, source, ("clusters", index))
        return Lesson(
            id=d["id"],
            title=d.get("title", d["id"]),
            summary=d.get("summary", ""),
            grades=d.get("grades", ()),
            stage=stage,
            source=source.at(()),
            sessions=tuple(Session(s["title"], s["minutes"]) for s in d.get("sessions", ())
                           if "title" in s and "minutes" in s),
            objectives=tuple(d.get("objectives", ())),
            competencies=tuple(competencies),
            standards=tuple(Standard(x["framework"], x["code"], x.get("url", "")) for x in d.get("standards", ())
                            if "framework" in x and "code" in x),
            materials=tuple(d.get("materials", ())),
            vocabulary=tuple(Term(x["term"], x["meaning"]) for x in d.get("vocabulary", ())
                             if "term" in x and "meaning" in x),
            assessment=d.get("assessment", ""),
            builds_on=tuple(d.get("builds_on", ())),
            clusters=tuple(c for c in d.get("clusters", ()) if c in self.refs.cluster_ids),
            authors=tuple(d.get("authors", ())),
            license=d.get("license", ""),
            sample=bool(d.get("sample", False)),
            body=body,
            body_line=body_line,
            adapted_from=_adapted_from(d.get("source")),
            locations=field_locations(source, (), d),
        )

    def _translation(self, item: SourceFile) -> Translation:
        d = item.data
        return Translation(
            language=item.language, title=d.get("title", ""), summary=d.get("summary", ""),
            source=item.source.at(()), objectives=tuple(d.get("objectives", ())),
            materials=tuple(d.get("materials", ())),
            vocabulary=tuple(Term(x["term"], x["meaning"]) for x in d.get("vocabulary", ())
                             if "term" in x and "meaning" in x),
            assessment=d.get("assessment", ""),
            session_titles=tuple(s["title"] for s in d.get("sessions", ()) if "title" in s),
            translators=tuple(d.get("translators", ())), license=d.get("license", ""), body=item.body,
            body_line=item.body_line)

    def attach_translations(self, files: list[SourceFile]) -> None:
        """Build each translation and attach it to its lesson."""
        translations = [(file.id, self._translation(file)) for file in files]
        by_lesson: dict[str, list[Translation]] = {}
        for lesson_id, translation in translations:
            lesson = self.refs.lessons.get(lesson_id)
            if lesson is None:
                self.refs.problems.append(Diagnostic(
                    "PW103", translation.source, f"this is a translation of lesson '{lesson_id}', which does not exist",
                    f"{did_you_mean(lesson_id, self.refs.lessons)}A translation is named after its lesson: "
                    f"lessons/<id>.{translation.language}.md beside lessons/<id>.md."))
                continue
            if translation.session_titles and len(translation.session_titles) != len(lesson.sessions):
                self.refs.problems.append(Diagnostic(
                    "PW205", translation.source, f"the translation lists {len(translation.session_titles)} "
                    f"session titles but lesson '{lesson_id}' has {len(lesson.sessions)} "
                    f"session{'s' if len(lesson.sessions) != 1 else ''}",
                    "translate every session title, in the same order as the original."))
            by_lesson.setdefault(lesson_id, []).append(translation)
        for lesson_id, items in by_lesson.items():
            ordered = tuple(sorted(items, key=lambda item: item.language))
            self.refs.lessons[lesson_id] = dataclasses.replace(self.refs.lessons[lesson_id], translations=ordered)


def _adapted_from(d: dict[str, Any] | None) -> AdaptedFrom | None:
    if not d or not all(k in d for k in ("title", "author", "license", "changes")):
        return None
    return AdaptedFrom(d["title"], d["author"], d["license"], d["changes"], d.get("url", ""))
