"""Lessons in the content model: a lesson unit, its sessions, competencies, vocabulary and translations.

Plain frozen dataclasses with no I/O, like :mod:`mkdocs_pathways.model`; the comments give the published term
each maps to (schema.org/LRMI).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mkdocs_pathways.model_location import Location
from mkdocs_pathways.model_standards import Standard
from mkdocs_pathways.vocab import grade_span_label


@dataclass(frozen=True)
class Session:
    """A class session of a lesson."""

    title: str
    minutes: int


@dataclass(frozen=True)
class CompetencyLevel:
    """A competency a lesson builds, and how far: introduce, develop or apply (schema.org teaches)."""

    competency: str
    level: str
    source: Location


@dataclass(frozen=True)
class Term:
    """A vocabulary word and its student-friendly meaning."""

    term: str
    meaning: str


@dataclass(frozen=True)
class AdaptedFrom:
    """The original of an adapted lesson: "Adapted from <title> by <author>, <licence>; changes: …"."""

    title: str
    author: str
    license: str
    changes: str
    url: str = ""


@dataclass(frozen=True)
class Translation:
    """A lesson in another language: the translated fields and body; the rest comes from the original."""

    language: str
    title: str
    summary: str
    source: Location
    objectives: tuple[str, ...] = ()
    materials: tuple[str, ...] = ()
    vocabulary: tuple[Term, ...] = ()
    assessment: str = ""
    session_titles: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    license: str = ""
    body: str = ""
    body_line: int = 1


@dataclass(frozen=True)
class Lesson:
    """A lesson unit (schema.org LearningResource, LRMI learningResourceType unitPlan)."""

    id: str
    title: str
    summary: str
    grades: tuple[int, ...]
    stage: str
    source: Location
    sessions: tuple[Session, ...] = ()
    objectives: tuple[str, ...] = ()
    competencies: tuple[CompetencyLevel, ...] = ()
    standards: tuple[Standard, ...] = ()
    materials: tuple[str, ...] = ()
    vocabulary: tuple[Term, ...] = ()
    assessment: str = ""
    builds_on: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    license: str = ""
    sample: bool = False
    body: str = ""
    body_line: int = 1
    adapted_from: AdaptedFrom | None = None
    translations: tuple[Translation, ...] = ()
    locations: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def at(self, name: str) -> Location:
        """Where a field is written, such as 'grades' or 'builds_on.0' (the lesson itself if not written)."""
        return self.locations.get(name, self.source)

    @property
    def minutes(self) -> int:
        return sum(session.minutes for session in self.sessions)

    @property
    def grade_label(self) -> str:
        return grade_span_label(self.grades)
