"""Time in work and 재직자 특별전형 eligibility from a graduate's events, for the universities'
pages (issue 18 §4). Pure Python: no Django import.

The day the years are reached follows the eligibility engine (``eligibility.py``, issue 18
§3), so a university and the graduate's school never see two different days: the years of
``INCUMBENT_SPECIAL`` in calendar months from the current job's start, less the days of earlier
spells, and only while the graduate works (applicants must be employed when applying). The
rule's source is not verified against the statute text (미확인; see the rule's own note).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from vocnet.pathways import indicators, rules
from vocnet.pathways.data.eligibility_rules import INCUMBENT_SPECIAL
from vocnet.pathways.eligibility import add_months

REQUIRED_YEARS = INCUMBENT_SPECIAL.years_in_work
RULE = rules.ROUTES["incumbent_special"]


@dataclass(frozen=True)
class Tenure:
    """Days in work up to ``on``, whether working then, and the day 3 years are (or, still
    working, will be) reached — None when not working and short of them."""

    on: date
    days: int
    is_working: bool
    eligible_on: date | None

    @property
    def is_eligible(self) -> bool:
        return self.eligible_on is not None and self.eligible_on <= self.on

    @property
    def years(self) -> float:
        return round(self.days / 365, 1)


def tenure(events: Iterable[indicators.Event], on: date) -> Tenure:
    """Tenure of one graduate on ``on`` from their events: a hire or a job change starts a
    spell in work (ending the one before), leaving work or enlistment other than as
    산업기능요원 ends it; events after ``on`` are ignored."""
    days = 0
    started: date | None = None
    for event in sorted(events, key=lambda e: (e.on, e.kind)):
        if event.on > on:
            break
        opens = event.kind in (indicators.HIRED, indicators.JOB_CHANGE)
        closes = event.kind == indicators.LEFT_WORK or (
            event.kind == indicators.ENLISTED
            and event.service_type != indicators.INDUSTRIAL_TECHNICAL
        )
        if opens:
            # A new job ends the spell at the old one and starts another (as the eligibility
            # engine's spells do): the years are counted from the current job's start.
            if started is not None:
                days += (event.on - started).days
            started = event.on
        elif closes and started is not None:
            days += (event.on - started).days
            started = None
    if started is None:
        return Tenure(on=on, days=days, is_working=False, eligible_on=None)
    eligible_on = add_months(started, 12 * REQUIRED_YEARS) - timedelta(days=days)
    days += (on - started).days
    return Tenure(on=on, days=days, is_working=True, eligible_on=eligible_on)


# The stages of an enrolled cohort (vocnet's own: no official definition).
ENROLLED_STAGE, CONTINUING, COMPLETED_STAGE = "enrolled", "continuing", "completed"
FIRST_YEAR_DAYS = 365


def cohort_stage(
    events: Iterable[indicators.Event], enrolled_on: date | None, on: date
) -> tuple[str, date | None, date | None]:
    """Where an enrolled graduate stands on ``on``: ``completed`` when a completion event
    follows the enrolment, ``enrolled`` in the first year after it, ``continuing`` after that.
    The enrolment is the latest enrolment event of the pathway up to ``on`` (the school's
    record), else the day the university recorded. Returns (stage, enrolment, completion)."""
    ordered = sorted((e for e in events if e.on <= on), key=lambda e: (e.on, e.kind))
    enrolments = [e.on for e in ordered if e.kind == indicators.ENROLLED]
    start = enrolments[-1] if enrolments else enrolled_on
    completed = next(
        (
            e.on
            for e in ordered
            if e.kind == indicators.COMPLETED and (start is None or e.on >= start)
        ),
        None,
    )
    if completed is not None:
        return COMPLETED_STAGE, start, completed
    if start is not None and (on - start).days >= FIRST_YEAR_DAYS:
        return CONTINUING, start, None
    return ENROLLED_STAGE, start, None
