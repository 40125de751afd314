"""What a pathway step asks of a student (cost, pay, eligibility, time, transportation), kept apart from the
step so the checks of who can take part (PW311-PW315) read one small type."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs_pathways.vocab import OUTSIDE_SCHOOL_HOURS


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
