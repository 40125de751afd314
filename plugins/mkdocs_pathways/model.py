"""The content model: plain frozen dataclasses with no I/O and no MkDocs types.

Each object knows the file and line it came from, so that any later check can point at it. Field names follow
the educator's vocabulary; the comments give the published term each maps to (CTDL, schema.org/LRMI).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from mkdocs_pathways.vocab import Cluster, Competency, grade_span_label


@dataclass(frozen=True, order=True)
class Location:
    """A place in a content file: a path relative to the project root, and 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Stage:
    """A stage of the journey (CTDL asn:ProgressionLevel). Stages are ordered; their grade bands overlap."""

    id: str
    title: str
    grades: tuple[int, ...]
    description: str = ""


@dataclass(frozen=True)
class Wage:
    """A local wage figure for an occupation, with where and when it comes from (schema.org MonetaryAmount)."""

    amount: float
    period: str  # hour or year
    area: str
    source: str
    year: int
    url: str = ""


@dataclass(frozen=True)
class Occupation:
    """A target occupation by O*NET-SOC code (schema.org occupationalCategory, CTDL occupationType)."""

    code: str
    title: str
    source: Location
    wage: Wage | None = None


@dataclass(frozen=True)
class Partner:
    """An employer, college, school, community organization, workforce board or funder (schema.org Organization,
    CTDL ceterms:CredentialOrganization).

    A partner is declared once in the guide's partners file (``pathway`` empty) or inside one pathway
    (``pathway`` is its id). In a pathway, ``role`` is what the partner does in that pathway.
    """

    id: str
    name: str
    type: str
    role: str
    url: str
    source: Location
    description: str = ""
    region: str = ""
    pathway: str = ""

    @property
    def shared(self) -> bool:
        """Declared in the guide's partners file, for every pathway to refer to."""
        return not self.pathway


class StepKind(StrEnum):
    """What a pathway step is. The order is the formats' order (``load.spec``), which a test checks."""

    LESSON = "lesson"
    COURSE = "course"
    EXPERIENCE = "experience"
    CREDENTIAL = "credential"
    ORGANIZATION = "organization"
    MILESTONE = "milestone"
    DESTINATION = "destination"
    CHOOSE = "choose"


STEP_KINDS: tuple[str, ...] = tuple(kind.value for kind in StepKind)


@dataclass(frozen=True)
class Step:
    """One step of a pathway (a CTDL PathwayComponent).

    ``kind`` is lesson, course, experience, credential, organization, milestone, destination or choose.
    ``type`` refines it (the work-based learning type, the credential type). A "choose" step has ``choose``
    (how many to pick) and ``options``.
    """

    id: str
    kind: str
    title: str
    stage: str
    grades: tuple[int, ...]
    source: Location
    summary: str = ""
    lesson: str = ""
    type: str = ""
    code: str = ""
    credit_type: str = ""
    credit_hours: float | None = None
    hours: float | None = None
    issuer: str = ""
    occupation: str = ""
    partners: tuple[str, ...] = ()
    choose: int = 0
    options: tuple[Step, ...] = ()
    locations: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def at(self, name: str) -> Location:
        """Where a field of this step is written (the step itself if the field is not)."""
        return self.locations.get(name, self.source)

    @property
    def is_dual_enrollment(self) -> bool:
        return self.kind == "course" and self.credit_type == "dual"

    @property
    def grade_label(self) -> str:
        return grade_span_label(self.grades)


@dataclass(frozen=True)
class PathwayStage:
    """The steps of one pathway in one stage, in order."""

    stage: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Pathway:
    """A pathway map (CTDL ceterms:Pathway; schema.org EducationalOccupationalProgram)."""

    id: str
    title: str
    summary: str
    cluster: str
    source: Location
    description: str = ""
    sample: bool = False
    occupations: tuple[Occupation, ...] = ()
    partners: tuple[Partner, ...] = ()
    stages: tuple[PathwayStage, ...] = ()
    authors: tuple[str, ...] = ()
    license: str = ""

    def lesson_steps(self) -> tuple[Step, ...]:
        """The steps that are lesson units, in journey order (options of choose groups included)."""
        return tuple(step for step in self.all_steps() if step.kind == StepKind.LESSON)

    def all_steps(self) -> tuple[Step, ...]:
        """Every step in journey order, with the options of "choose" groups right after their group."""
        out: list[Step] = []
        for stage in self.stages:
            for step in stage.steps:
                out.append(step)
                out.extend(step.options)
        return tuple(out)

    @property
    def grades(self) -> tuple[int, ...]:
        return tuple(sorted({g for step in self.all_steps() for g in step.grades}))

    @property
    def grade_label(self) -> str:
        return grade_span_label(self.grades)


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
class Standard:
    """A standard the lesson aligns to, by framework and code (schema.org educationalAlignment)."""

    framework: str
    code: str
    url: str = ""


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


@dataclass(frozen=True)
class Catalog:
    """Everything in a guide: the vocabularies, the pathways and the lessons, each in a stable order."""

    stages: tuple[Stage, ...]
    competencies: tuple[Competency, ...]
    clusters: tuple[Cluster, ...]
    pathways: tuple[Pathway, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    guide_partners: tuple[Partner, ...] = ()  # declared in the guide's partners file, in its order

    @cached_property
    def partners(self) -> tuple[Partner, ...]:
        """Every partner of the guide, once each: the partners file's, then each pathway's own, in order."""
        out = {p.id: p for p in self.guide_partners}
        for pathway in self.pathways:
            for partner in pathway.partners:
                out.setdefault(partner.id, partner)
        return tuple(out.values())

    @cached_property
    def partner_by_id(self) -> dict[str, Partner]:
        return {p.id: p for p in self.partners}

    @cached_property
    def lesson_by_id(self) -> dict[str, Lesson]:
        return {lesson.id: lesson for lesson in self.lessons}

    @cached_property
    def pathway_by_id(self) -> dict[str, Pathway]:
        return {pathway.id: pathway for pathway in self.pathways}

    @cached_property
    def stage_by_id(self) -> dict[str, Stage]:
        return {stage.id: stage for stage in self.stages}

    @cached_property
    def competency_by_id(self) -> dict[str, Competency]:
        return {c.id: c for c in self.competencies}

    @cached_property
    def cluster_by_id(self) -> dict[str, Cluster]:
        return {c.id: c for c in self.clusters}

    @cached_property
    def strand_of(self) -> dict[str, str]:
        """Competency id → the id of its strand (a strand is its own strand)."""
        return {c.id: c.strand or c.id for c in self.competencies}

    @cached_property
    def strands(self) -> tuple[tuple[Competency, tuple[Competency, ...]], ...]:
        """Each strand with its member competencies, in framework order."""
        return tuple((s, tuple(c for c in self.competencies if c.strand == s.id))
                     for s in self.competencies if s.strand is None)
