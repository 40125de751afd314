"""The file formats, declared once.

The same declarations drive the validator (:mod:`mkdocs_pathways.load.shape`), the JSON Schemas that editors use
for autocomplete (:mod:`mkdocs_pathways.interop.json_schema`), and the format reference. Change a field here and
all three follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mkdocs_pathways import vocab


@dataclass(frozen=True)
class FieldType:
    """Base of the value types a field can take."""

    def noun(self) -> str:
        return "a value"


@dataclass(frozen=True)
class Text(FieldType):
    max_length: int = 300
    markdown: bool = False

    def noun(self) -> str:
        return "text"


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int = 0
    maximum: int = 10_000

    def noun(self) -> str:
        return "a whole number"


@dataclass(frozen=True)
class Number(FieldType):
    minimum: float = 0
    maximum: float = 10_000

    def noun(self) -> str:
        return "a number"


@dataclass(frozen=True)
class Boolean(FieldType):
    def noun(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Slug(FieldType):
    """An id: lowercase letters and digits joined by hyphens. ``ref`` names what it must refer to, if anything."""

    ref: str = ""

    def noun(self) -> str:
        return "an id"


@dataclass(frozen=True)
class Choice(FieldType):
    values: tuple[str, ...] = ()

    def noun(self) -> str:
        return "one of the allowed values"


@dataclass(frozen=True)
class Grades(FieldType):
    def noun(self) -> str:
        return "grades"


@dataclass(frozen=True)
class OccupationCode(FieldType):
    def noun(self) -> str:
        return "an O*NET-SOC code"


@dataclass(frozen=True)
class Url(FieldType):
    def noun(self) -> str:
        return "a web address"


@dataclass(frozen=True)
class License(FieldType):
    def noun(self) -> str:
        return "an SPDX licence id"


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType = field(default_factory=Text)
    item_name: str = "item"
    min_items: int = 0
    max_items: int = 500

    def noun(self) -> str:
        return "a list"


@dataclass(frozen=True)
class Field:
    """A named field of an object, with its documentation."""

    name: str
    type: FieldType
    description: str
    required: bool = False
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Obj(FieldType):
    """A set of fields. ``name`` is what the object is called in messages ("session", "partner")."""

    name: str = "object"
    fields: tuple[Field, ...] = ()

    def noun(self) -> str:
        return "a set of fields"

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True)
class StepUnion(FieldType):
    """A pathway step: an object whose kind is given by which one of the ``kinds`` keys it has."""

    kinds: tuple[tuple[str, Obj], ...] = ()

    def noun(self) -> str:
        return "a step"


@dataclass(frozen=True)
class StageMap(FieldType):
    """A mapping from stage ids to lists of steps."""

    steps: ListOf = field(default_factory=ListOf)

    def noun(self) -> str:
        return "a set of stages"


# ---------------------------------------------------------------------------------------------- shared pieces

ID_FIELD = Field("id", Slug(), "The id: lowercase letters, digits and hyphens. It must equal the file name.",
                 required=True, examples=("health-science",))
SAMPLE = Field("sample", Boolean(), "True for content published as a sample, labelled so on every page.",
               examples=(True,))
AUTHORS = Field("authors", ListOf(Text(max_length=120), "author", min_items=1),
                "Who wrote it: people or organizations, as they wish to be credited.",
                examples=(["Riverbend USD CTE team"],))
LICENSE = Field("license", License(), "The licence, as an SPDX identifier.", examples=("CC-BY-4.0",))
WAGE = Obj(name="wage", fields=(
    Field("amount", Number(0, 10_000_000), "The wage, in dollars (or the local currency).", required=True,
          examples=(38.5,)),
    Field("period", Choice(("hour", "year")), "Per hour or per year.", required=True, examples=("hour",)),
    Field("area", Text(max_length=120), "Where the figure applies.", required=True,
          examples=("Cedar Fork County",)),
    Field("source", Text(max_length=200), "Where the figure comes from.", required=True,
          examples=("BLS Occupational Employment and Wage Statistics",)),
    Field("year", Integer(1990, 2100), "The year of the figure.", required=True, examples=(2025,)),
    Field("url", Url(), "A link to the source."),
))
SOURCE = Obj(name="source", fields=(
    Field("title", Text(max_length=200), "The title of the original work.", required=True),
    Field("author", Text(max_length=200), "Who made the original.", required=True),
    Field("url", Url(), "Where the original is published."),
    Field("license", License(), "The original's licence, as an SPDX id.", required=True, examples=("CC-BY-4.0",)),
    Field("changes", Text(max_length=600), "What was changed in this adaptation.", required=True,
          examples=("Shortened to two sessions; new local examples.",)),
))
GRADES_DESC = "Grades: one grade (7), a range (6-8, 11-PS) or a list ([7, 8]). K is kindergarten, PS is postsecondary."

STEP_COMMON = (
    Field("id", Slug(), "The step's id within the pathway. Defaults to the lesson id or a slug of the title.",
          examples=("hospital-tour",)),
    Field("grades", Grades(), GRADES_DESC + " A lesson step defaults to the lesson's grades.", examples=("9-10",)),
    Field("summary", Text(max_length=400), "One or two sentences about the step.",
          examples=("Students tour the emergency department and the lab.",)),
    Field("partners", ListOf(Slug(ref="partner"), "partner"),
          "Ids of the partners who take part: from the pathway's partners list or the guide's partners file.",
          examples=(["riverbend-cc"],)),
)

WBL_TYPES = ("career-fair", "guest-speaker", "worksite-tour", "job-shadow", "mentoring", "internship",
             "pre-apprenticeship", "apprenticeship", "school-based-enterprise", "service-learning")
CREDENTIAL_TYPES = ("industry-certification", "certificate", "diploma-endorsement", "degree", "license",
                    "pre-apprenticeship-certificate", "apprenticeship-certificate")
CREDIT_TYPES = ("high-school", "dual", "articulated", "college")
PARTNER_TYPES = ("school", "college", "employer", "community", "workforce", "funder")
PARTNER_DETAILS = (
    Field("url", Url(), "The partner's website.", examples=("https://example.org",)),
    Field("description", Text(max_length=600), "A short description of the organization.",
          examples=("A 300-bed regional hospital and the county's largest employer.",)),
    Field("region", Text(max_length=160), "The area the partner serves.", examples=("Riverbend County",)),
    Field("contact", Text(max_length=200), "Who students and families can ask, and how: a name, office, "
          "phone or email.", examples=("Ms. Rivera, career center, (555) 010-2000",)),
)
PARTNER_TYPE_DESC = "What kind of partner it is: school, college, employer, community, workforce or funder."


# What a step asks of a student (issue #17). Optional on courses, experiences, credentials and organizations,
# wherever they stand, options of a "choose" group included; ``pay`` is for work-based learning only.
COST = Obj(name="cost", fields=(
    Field("type", Choice(vocab.COST_TYPES), "free, or fee when the student (or a partner for them) pays.",
          required=True, examples=("fee",)),
    Field("amount", Number(0, 100_000), "The fee, in dollars (or the local currency).", examples=(117,)),
    Field("covered_by", Slug(ref="partner"), "The id of the partner that pays the fee for every student who "
          "needs it, if one does.", examples=("riverbend-workforce",)),
))
ELIGIBILITY = Obj(name="eligibility", fields=(
    Field("min_age", Integer(5, 30), "The youngest age at which a student may take part.", examples=(16,)),
    Field("min_grade", Integer(1, 12), "The lowest grade a student must be in.", examples=(11,)),
    Field("min_gpa", Number(0, 5), "The lowest grade point average accepted.", examples=(2.5,)),
    Field("application", Boolean(), "True if students apply and are selected (an application, interview or "
          "lottery).", examples=(True,)),
    Field("prerequisites", Text(max_length=300), "What students must have done first, in words.",
          examples=("Principles of Health Science",)),
))
ACCESS_FIELDS = (
    Field("cost", COST, "What the step costs the student: free, or a fee with its amount and the partner that "
          "covers it, if one does.", examples=({"type": "fee", "amount": 117, "covered_by": "riverbend-workforce"},)),
    Field("eligibility", ELIGIBILITY, "Who may take the step: age, grade, GPA, an application, prerequisites.",
          examples=({"min_age": 16, "application": True},)),
    Field("when", Choice(vocab.WHEN_VALUES), "When the step happens: school-day, after-school, evenings, weekends "
          "or summer.", examples=("after-school",)),
    Field("transportation", Choice(vocab.TRANSPORTATION_VALUES), "How students get there: provided, "
          "public-transit or students-arrange.", examples=("provided",)),
    Field("seats", Integer(1, 100_000), "How many students can take part, when places are limited.",
          examples=(12,)),
)
PAY = Field("pay", Choice(vocab.PAY_TYPES), "For work-based learning: paid (a wage), stipend, or unpaid.",
            examples=("paid",))


def _title(kind: str, description: str, example: str) -> Field:
    return Field(kind, Text(max_length=160), description, required=True, examples=(example,))


def _kind(kind: str, head: Field, *extra: Field) -> tuple[str, Obj]:
    return kind, Obj(name=f"{kind} step", fields=(head, *STEP_COMMON, *extra))


BASIC_STEP_KINDS: tuple[tuple[str, Obj], ...] = (
    _kind("lesson", Field("lesson", Slug(ref="lesson"), "A lesson unit, by its id (its file name under lessons/).",
                          required=True, examples=("strengths-inventory",))),
    _kind("course", _title("course", "A course, by its title.", "Principles of Health Science"),
          Field("code", Text(max_length=40), "The course code in the catalog.", examples=("HLTH 110",)),
          Field("credit", Obj(name="credit", fields=(
              Field("type", Choice(CREDIT_TYPES), "high-school, dual (dual enrollment), articulated or college.",
                    required=True, examples=("dual",)),
              Field("hours", Number(0, 60), "College credit hours earned.", examples=(3,)),
          )), "The credit the course earns. Dual enrollment is a course with credit type dual.",
              examples=({"type": "dual", "hours": 3},)), *ACCESS_FIELDS),
    _kind("experience", _title("experience", "A work-based learning experience, by its title.", "Hospital tour"),
          Field("type", Choice(WBL_TYPES), "The kind of work-based learning.", required=True,
                examples=("worksite-tour",)),
          Field("hours", Number(0, 10_000), "Typical hours a student spends in it.", examples=(40,)),
          PAY, *ACCESS_FIELDS),
    _kind("credential", _title("credential", "A credential students can earn.", "Certified Nursing Assistant"),
          Field("type", Choice(CREDENTIAL_TYPES), "The kind of credential.", required=True,
                examples=("industry-certification",)),
          Field("issuer", Text(max_length=160), "Who awards it.", examples=("State Board of Nursing",)),
          *ACCESS_FIELDS),
    _kind("organization", _title("organization", "A student organization.", "HOSA-Future Health Professionals"),
          *ACCESS_FIELDS),
    _kind("milestone", _title("milestone", "A milestone in the journey, such as a plan or portfolio.",
                              "Four-year high school plan")),
    _kind("destination", _title("destination", "Where the pathway leads: a career, a program or next step.",
                                "Registered Nurse"),
          Field("occupation", OccupationCode(), "The O*NET-SOC code of the occupation.", examples=("29-1141.00",))),
)

CHOOSE_STEP = ("choose", Obj(name="choose step", fields=(
    Field("choose", Integer(1, 50), "How many of the options a student picks.", required=True, examples=(1,)),
    Field("title", Text(max_length=160), "What the choice is about.", required=True,
          examples=("Choose one clinical experience",)),
    Field("id", Slug(), "The group's id within the pathway. Defaults to a slug of the title."),
    Field("grades", Grades(), GRADES_DESC + " Defaults to the grades of the options.", examples=("11-12",)),
    Field("summary", Text(max_length=400), "One or two sentences about the choice."),
    Field("options", ListOf(StepUnion(BASIC_STEP_KINDS), "option", min_items=1, max_items=50),
          "The steps to choose from.", required=True),
)))

STEP = StepUnion((*BASIC_STEP_KINDS, CHOOSE_STEP))
STEP_KINDS = tuple(kind for kind, _ in STEP.kinds)

PATHWAY = Obj(name="pathway", fields=(
    ID_FIELD,
    Field("title", Text(max_length=160), "The pathway's title.", required=True,
          examples=("Caring Careers: Health Science",)),
    Field("summary", Text(max_length=500), "One or two sentences for the pathway card.", required=True),
    Field("description", Text(max_length=20_000, markdown=True), "A longer overview, in Markdown."),
    SAMPLE,
    Field("cluster", Slug(ref="cluster"), "The career cluster (2024 framework), as an id.", required=True,
          examples=("healthcare-human-services",)),
    Field("occupations", ListOf(Obj(name="occupation", fields=(
        Field("code", OccupationCode(), "The O*NET-SOC code, quoted.", required=True, examples=("29-1141.00",)),
        Field("title", Text(max_length=160), "The occupation's title.", required=True,
              examples=("Registered Nurses",)),
        Field("wage", WAGE, "A local wage figure, always with its source and year.",
              examples=({"amount": 38.5, "period": "hour", "area": "Cedar Fork County", "source": "BLS OEWS",
                         "year": 2025},)),
    )), "occupation"), "Target occupations, with O*NET-SOC codes."),
    Field("partners", ListOf(Obj(name="partner", fields=(
        Field("id", Slug(), "The partner's id, used by steps. A partner of the guide's partners file "
              "needs only its id here, and a role.", required=True, examples=("riverbend-cc",)),
        Field("name", Text(max_length=160), "The partner's name (needed unless the partners file declares it).",
              examples=("Riverbend Community College",)),
        Field("type", Choice(PARTNER_TYPES), PARTNER_TYPE_DESC + " Needed unless the partners file declares it.",
              examples=("college",)),
        Field("role", Text(max_length=400), "What the partner does in this pathway."),
        *PARTNER_DETAILS,
    )), "partner"), "Employers, colleges, schools, community organizations, workforce boards and funders taking "
        "part: declared here, or named by id from the guide's partners file."),
    Field("translations", ListOf(Obj(name="pathway translation", fields=(
        Field("language", Slug(), "The language, as a code such as es.", required=True, examples=("es",)),
        Field("title", Text(max_length=160), "The translated title.", required=True),
        Field("summary", Text(max_length=500), "The translated summary.", required=True),
    )), "translation"), "The pathway's title and summary in other languages, used by the student and family "
        "plan of a guide in that language."),
    AUTHORS,
    LICENSE,
    Field("stages", StageMap(ListOf(STEP, "step", min_items=1)),
          "The steps, stage by stage, in order. Keys are stage ids.", required=True),
))

LESSON = Obj(name="lesson", fields=(
    ID_FIELD,
    Field("title", Text(max_length=160), "The lesson's title.", required=True,
          examples=("What I'm Good At: A Strengths Inventory",)),
    Field("summary", Text(max_length=500), "One or two sentences for the catalog.", required=True),
    SAMPLE,
    Field("grades", Grades(), GRADES_DESC, required=True, examples=("6-8",)),
    Field("stage", Slug(ref="stage"), "The stage of the journey the lesson belongs to.", required=True,
          examples=("exploration",)),
    Field("sessions", ListOf(Obj(name="session", fields=(
        Field("title", Text(max_length=160), "The session's title.", required=True,
              examples=("Sorting our strengths",)),
        Field("minutes", Integer(1, 600), "How long the session takes, in minutes.", required=True,
              examples=(45,)),
    )), "session", min_items=1, max_items=40), "The class sessions, in order.", required=True),
    Field("objectives", ListOf(Text(max_length=400), "objective", min_items=1),
          "What students will be able to do.", required=True,
          examples=(["Name three personal strengths and give evidence for each."],)),
    Field("competencies", ListOf(Obj(name="competency", fields=(
        Field("competency", Slug(ref="competency"), "A competency id from the framework.", required=True,
              examples=("strengths",)),
        Field("level", Choice(vocab.LEVELS), "introduce, develop or apply.", required=True,
              examples=("introduce",)),
    )), "competency", min_items=1), "The competencies the lesson builds, each with a level.", required=True),
    Field("standards", ListOf(Obj(name="standard", fields=(
        Field("framework", Text(max_length=160), "The framework's name and edition.", required=True,
              examples=("ASCA Mindsets & Behaviors (2021)",)),
        Field("code", Text(max_length=80), "The standard's code.", required=True, examples=("M 4",)),
        Field("url", Url(), "A link to the standard (for example its CASE URI)."),
    )), "standard"), "Standards the lesson aligns to, by code."),
    Field("materials", ListOf(Text(max_length=300), "material", min_items=1), "What the teacher needs.",
          required=True, examples=(["Chart paper and markers"],)),
    Field("vocabulary", ListOf(Obj(name="vocabulary term", fields=(
        Field("term", Text(max_length=80), "The word or phrase.", required=True, examples=("strength",)),
        Field("meaning", Text(max_length=400), "A student-friendly meaning.", required=True),
    )), "term"), "Key words students learn."),
    Field("assessment", Text(max_length=1000), "How students show what they learned.", required=True),
    Field("builds_on", ListOf(Slug(ref="lesson"), "lesson"), "Ids of earlier lessons this one builds on.",
          examples=(["strengths-inventory"],)),
    Field("source", SOURCE, "For an adapted lesson: the original work, its author, licence, and what changed."),
    Field("clusters", ListOf(Slug(ref="cluster"), "cluster"),
          "Career clusters the lesson is specific to; leave empty if it suits any.",
          examples=(["healthcare-human-services"],)),
    AUTHORS,
    LICENSE,
))

TRANSLATION = Obj(name="translation", fields=(
    Field("title", Text(max_length=160), "The translated title.", required=True),
    Field("summary", Text(max_length=500), "The translated summary.", required=True),
    Field("objectives", ListOf(Text(max_length=400), "objective"), "The translated objectives, in order."),
    Field("materials", ListOf(Text(max_length=300), "material"), "The translated materials, in order."),
    Field("vocabulary", ListOf(Obj(name="vocabulary term", fields=(
        Field("term", Text(max_length=80), "The word or phrase.", required=True),
        Field("meaning", Text(max_length=400), "A student-friendly meaning.", required=True),
    )), "term"), "The translated vocabulary."),
    Field("assessment", Text(max_length=1000), "The translated assessment."),
    Field("sessions", ListOf(Obj(name="session", fields=(
        Field("title", Text(max_length=160), "The translated session title.", required=True),
    )), "session"), "The translated session titles, in the same order as the original."),
    Field("translators", ListOf(Text(max_length=120), "translator"), "Who translated it."),
    Field("license", License(), "The translation's licence, if it differs from the original's."),
))

# A standards framework in the guide's own format, for frameworks that have no CASE package: standards/<id>.yml.
# A CASE package (JSON) is read as published instead; see mkdocs_pathways.load.standards_case.
FRAMEWORK = Obj(name="framework", fields=(
    Field("title", Text(max_length=200), "The framework's title and edition.", required=True,
          examples=("Riverbend Career Readiness Standards (2026)",)),
    Field("creator", Text(max_length=200), "Who publishes the framework.", examples=("Riverbend USD",)),
    Field("url", Url(), "Where the framework is published.", examples=("https://example.org/standards",)),
    Field("description", Text(max_length=5000, markdown=True), "What the framework covers, in Markdown."),
    Field("version", Text(max_length=40), "The framework's version or year.", examples=("2026",)),
    Field("license", License(), "The licence of the framework's statements, as an SPDX id. Without an open "
          "licence, only the codes are published.", examples=("CC-BY-4.0",)),
    SAMPLE,
    Field("items", ListOf(Obj(name="standard", fields=(
        Field("code", Text(max_length=80), "The standard's code, unique in the framework.", required=True,
              examples=("CR.1.2",)),
        Field("statement", Text(max_length=2000, markdown=True), "The standard, in a short statement (Markdown).",
              required=True, examples=("Describe two ways a job can match a person's interests.",)),
        Field("grades", Grades(), GRADES_DESC + " The grade band the standard is written for.",
              examples=("9-12",)),
        Field("parent", Text(max_length=80), "The code of the item this one sits under, such as its strand.",
              examples=("CR.1",)),
        Field("type", Text(max_length=80), "What kind of item it is, such as Strand or Standard.",
              examples=("Standard",)),
        Field("url", Url(), "A link to the standard."),
    )), "standard", min_items=1, max_items=5000), "The framework's items, in order; an item with a parent "
          "sits under it.", required=True),
))


PARTNERS = Obj(name="partners file", fields=(
    SAMPLE,
    Field("partners", ListOf(Obj(name="partner", fields=(
        Field("id", Slug(), "The partner's id, used by pathways and steps.", required=True,
              examples=("riverbend-cc",)),
        Field("name", Text(max_length=160), "The partner's name.", required=True,
              examples=("Riverbend Community College",)),
        Field("type", Choice(PARTNER_TYPES), PARTNER_TYPE_DESC, required=True, examples=("college",)),
        *PARTNER_DETAILS,
    )), "partner", min_items=1, max_items=2000), "The guide's partners, each declared once.", required=True),
))
