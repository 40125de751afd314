"""The content model: plain frozen dataclasses with no I/O and no MkDocs types.

Each object knows the file and line it came from (:class:`~mkdocs_pathways.model_location.Location`), so that
any later check can point at it. Field names follow the educator's vocabulary; the comments give the published
term each maps to (CTDL, schema.org/LRMI). This module holds the pathways and the catalog; a step's access is in
:mod:`.model_access`, lessons in :mod:`.model_lessons` and standards frameworks in :mod:`.model_standards`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from mkdocs_pathways.model_access import Access
from mkdocs_pathways.model_lessons import Lesson
from mkdocs_pathways.model_location import Location
from mkdocs_pathways.model_standards import Framework
from mkdocs_pathways.vocab import HANDS_ON, Cluster, Competency, grade_span_label


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
