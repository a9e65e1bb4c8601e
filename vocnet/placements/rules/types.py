"""The vocabulary of the labour rules: the rules themselves, what is checked, what breaks them.

Pure Python (standard library only): nothing here imports Django, so the rules are tested
without a database and read the same wherever they are called from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass(frozen=True)
class Rule:
    """One legal rule: a stable code, the article it comes from, and what it says."""

    code: str
    article_ko: str
    article_en: str
    summary_ko: str
    summary_en: str


@dataclass(frozen=True)
class Violation:
    """One rule broken by one field (``field`` is the input path, e.g. ``schedule[2].end``)."""

    rule: Rule
    field: str
    message_ko: str
    message_en: str

    @property
    def code(self) -> str:
        return self.rule.code


class LabourRuleError(Exception):
    """Raised by ``ensure_*`` functions: the terms break at least one rule."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__("; ".join(v.message_en for v in violations))
        self.violations = violations


@dataclass(frozen=True)
class DaySchedule:
    """The training time of one weekday (Monday = 0 … Sunday = 6)."""

    weekday: int
    start: time
    end: time
    break_minutes: int = 0


@dataclass(frozen=True)
class OfferTerms:
    """What the rules need of an offer: its weekly schedule, period, agreement and hazards."""

    schedule: tuple[DaySchedule, ...]
    start_date: date
    end_date: date
    has_extension_agreement: bool = False
    hazard_categories: tuple[str, ...] = field(default_factory=tuple)
    training_type: str = "learning_centred"
    max_months: tuple[tuple[str, int], ...] = ()
    """Overrides of the longest period by type code (configuration), as pairs."""
