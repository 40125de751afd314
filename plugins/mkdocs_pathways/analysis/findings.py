"""What the continuity analysis finds: each finding, the competency progressions, and the whole analysis.

The types are shared by the checks of :mod:`.continuity` (progressions and gaps), :mod:`.barriers` (who can
take part) and :mod:`.system_findings` (pathways and partners together), and read by the pages and exports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs_pathways.diagnostics import Diagnostic

# Findings about whether every student can take the pathway (issue #17), shown apart on the report.
BARRIER_CODES = ("PW311", "PW312", "PW313", "PW314", "PW315")
# Findings about the system as a whole (shared steps across pathways, partners), also shown apart.
SYSTEM_CODES = ("PW320", "PW321", "PW322", "PW323")


@dataclass(frozen=True)
class Finding:
    """A continuity finding: the diagnostic, the pathway it concerns (if one), and what it is about."""

    diagnostic: Diagnostic
    pathway: str = ""
    lessons: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()

    @property
    def is_system(self) -> bool:
        """A finding about the system as a whole: shared steps across pathways, and partners."""
        return self.diagnostic.code in SYSTEM_CODES


@dataclass(frozen=True)
class ProgressionEntry:
    """One lesson's work on a competency at one point of a pathway."""

    lesson: str
    level: str
    grades: tuple[int, ...]
    stage: str


@dataclass
class Progression:
    """For one pathway: each competency it touches, with its entries in journey order."""

    pathway: str
    competencies: dict[str, list[ProgressionEntry]] = field(default_factory=dict)


@dataclass
class Analysis:
    findings: list[Finding]
    progressions: dict[str, Progression]

    def for_pathway(self, pathway_id: str) -> list[Finding]:
        return [f for f in self.findings if f.pathway == pathway_id]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [f.diagnostic for f in self.findings]

    def barriers(self, pathway_id: str | None = None) -> list[Finding]:
        """The findings about barriers to access (PW311-PW315), of one pathway or of all."""
        return [f for f in self.findings if f.diagnostic.code in BARRIER_CODES
                and (pathway_id is None or f.pathway == pathway_id)]
