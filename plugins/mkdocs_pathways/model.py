"""The content model: plain frozen dataclasses with no I/O and no MkDocs types.

Each object knows the file and line it came from, so that any later check can point at it. Field names follow
the educator's vocabulary; the comments give the published term each maps to (CTDL, schema.org/LRMI).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from mkdocs_pathways.vocab import HANDS_ON, OUTSIDE_SCHOOL_HOURS, Cluster, Competency, grade_span_label


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
    contact: str = ""  # who students and families can ask, and how
    description: str = ""
    region: str = ""
    pathway: str = ""

    @property
    def shared(self) -> bool:
        """Declared in the guide's partners file, for every pathway to refer to."""
        return not self.pathway


@dataclass(frozen=True)
class Access:
    """What a step asks of a student: cost, pay, eligibility, time and transportation. Empty when not said."""

    cost: str = ""  # free or fee; empty when the pathway does not say
    fee: float | None = None
    covered_by: str = ""  # the id of the partner that pays the fee
    pay: str = ""  # paid, stipend or unpaid (work-based learning)
    min_age: int | None = None
    min_grade: int | None = None
    min_gpa: float | None = None
    application: bool = False
    prerequisites: str = ""
    when: str = ""  # school-day, after-school, evenings, weekends, summer
    transportation: str = ""  # provided, public-transit, students-arrange
    seats: int | None = None

    def __bool__(self) -> bool:
        return self != Access()

    @property
    def uncovered_fee(self) -> bool:
        """A fee that the student pays, as no partner covers it."""
        return self.cost == "fee" and not self.covered_by

    @property
    def selective(self) -> bool:
        """Whether students must apply and be selected, or clear a GPA cut-off."""
        return self.application or self.min_gpa is not None

    @property
    def outside_school_hours(self) -> bool:
        return self.when in OUTSIDE_SCHOOL_HOURS

    @property
    def has_eligibility(self) -> bool:
        return self.selective or bool(self.prerequisites) or self.min_age is not None or self.min_grade is not None


@dataclass(frozen=True)
class PathwayTranslation:
    """A pathway's title and summary in another language."""

    language: str
    title: str
    summary: str


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
    access: Access = field(default_factory=Access)
    locations: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def at(self, name: str) -> Location:
        """Where a field of this step is written (the step itself if the field is not)."""
        return self.locations.get(name, self.source)

    @property
    def is_dual_enrollment(self) -> bool:
        return self.kind == "course" and self.credit_type == "dual"

    @property
    def is_hands_on(self) -> bool:
        """A job shadow, internship, apprenticeship or other experience of real work."""
        return self.kind == "experience" and self.type in HANDS_ON

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
    translations: tuple[PathwayTranslation, ...] = ()

    def translated(self, language: str) -> PathwayTranslation | None:
        """The title and summary in ``language`` (``es`` also serves ``es-mx``), if the pathway has them."""
        tag = language.lower()
        for item in self.translations:
            if item.language == tag or tag.startswith(item.language + "-"):
                return item
        return None

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
    # The identifier of the framework item it names, when ``framework`` is the id of a framework kept in the
    # guide's standards folder (empty for a free-text entry).
    item: str = ""


@dataclass(frozen=True)
class StandardItem:
    """One item of a standards framework (a CASE CFItem): a standard, or a group of them such as a strand.

    ``id`` is the CASE identifier (for a framework in our own YAML format, the framework id and code);
    ``parent`` is the id of the item it is a child of, empty at the top. ``grades`` come from the item's
    education level; ``statement`` is Markdown as published.
    """

    id: str
    code: str
    statement: str
    source: Location
    parent: str = ""
    depth: int = 1
    grades: tuple[int, ...] = ()
    type: str = ""
    uri: str = ""
    anchor: str = ""

    @property
    def label(self) -> str:
        """What names the item in a list: its code, or its identifier when it has none."""
        return self.code or self.id


@dataclass(frozen=True)
class Framework:
    """A standards framework kept in the guide (a CASE CFDocument with its items), in hierarchy order.

    ``items`` are in the order of the framework's hierarchy: each item is followed by its children, in
    sequence order. ``republish`` is False when the licence does not let the guide publish the statements:
    then only codes are shown.
    """

    id: str
    title: str
    source: Location
    items: tuple[StandardItem, ...] = ()
    creator: str = ""
    description: str = ""
    uri: str = ""
    version: str = ""
    license: str = ""
    license_url: str = ""
    republish: bool = True
    sample: bool = False
    format: str = "case"  # case or yaml
    case_version: str = ""

    @cached_property
    def item_by_id(self) -> dict[str, StandardItem]:
        return {item.id: item for item in self.items}

    @cached_property
    def item_by_code(self) -> dict[str, StandardItem]:
        return {item.code: item for item in self.items if item.code}

    @cached_property
    def children(self) -> dict[str, tuple[StandardItem, ...]]:
        """Item id (empty for the top) → its children, in order."""
        out: dict[str, list[StandardItem]] = {}
        for item in self.items:
            out.setdefault(item.parent, []).append(item)
        return {key: tuple(value) for key, value in out.items()}

    @property
    def depth(self) -> int:
        return max((item.depth for item in self.items), default=0)

    def find(self, code: str) -> StandardItem | None:
        """The item a lesson names by its code or by its CASE identifier."""
        return self.item_by_code.get(code) or self.item_by_id.get(code)


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
    frameworks: tuple[Framework, ...] = ()

    @cached_property
    def framework_by_id(self) -> dict[str, Framework]:
        return {framework.id: framework for framework in self.frameworks}

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
