"""The labour rules of field training (현장실습), as pure functions over dataclasses.

No Django import anywhere in this package (a test checks it). Each rule is a :class:`Rule`
constant naming its article; each check returns a list of :class:`Violation` (empty when the
terms are lawful), and ``ensure_*`` raises :class:`LabourRuleError` with all of them. The
services turn offers and diary entries into these dataclasses and the violations into
``ValidationFailed`` errors naming the field (``schedule[2].end``), the rule and the article.

The rules (see ``docs/adr/0009-placements.md`` and ``../shared/data/fieldtraining_rules.md``):

* 직업교육훈련 촉진법 제9조의2 ① — at most 7 h a day and 35 h a week; by a recorded agreement of
  the parties up to 1 h a day and 5 h a week more (``hours``);
* 제9조의2 ② — no training from 22:00 to 06:00 and none on holidays (``hours``, ``holidays``);
* 근로기준법 제54조 via 직업교육훈련 촉진법 제24조 — breaks (``hours``);
* 근로기준법 제65조·제72조 via 제24조 — no harmful or dangerous work for under-18s (``hazards``);
* the longest period of each training type — the Ministry's practice, unverified (``period``).
"""

from __future__ import annotations

from datetime import date, time

from vocnet.placements.rules import hazards, holidays, hours, period
from vocnet.placements.rules.types import (
    DaySchedule,
    LabourRuleError,
    OfferTerms,
    Rule,
    Violation,
)

WEEKDAYS_KO = ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

RULES: tuple[Rule, ...] = (
    hours.DAILY_HOURS,
    hours.WEEKLY_HOURS,
    hours.EXTENSION_AGREEMENT,
    hours.DAILY_EXTENSION,
    hours.WEEKLY_EXTENSION,
    hours.NIGHT,
    hours.TIME_ORDER,
    hours.AGREED_SCHEDULE,
    holidays.HOLIDAY,
    holidays.HOLIDAY_COVERAGE,
    hours.BREAKS,
    hazards.HAZARDOUS_WORK,
    hazards.UNKNOWN_HAZARD,
    period.PERIOD_LIMIT,
    period.UNKNOWN_TYPE,
)

__all__ = [
    "RULES",
    "DaySchedule",
    "LabourRuleError",
    "OfferTerms",
    "Rule",
    "Violation",
    "check_day_log",
    "check_offer",
    "ensure_offer_lawful",
    "weekly_minutes",
]


def weekly_minutes(schedule: tuple[DaySchedule, ...] | list[DaySchedule]) -> int:
    """Minutes of training in a week of the schedule (span less breaks, summed)."""
    return sum(hours.training_minutes(d.start, d.end, d.break_minutes) for d in schedule)


def _day_names(weekday: int) -> tuple[str, str]:
    if 0 <= weekday <= 6:
        return WEEKDAYS_KO[weekday], WEEKDAYS_EN[weekday]
    return f"{weekday}요일", f"weekday {weekday}"


def check_offer(terms: OfferTerms) -> list[Violation]:
    """Every violation of the labour rules by an offer's terms, in schedule order, then the
    week, the calendar and the hazards. An empty list means the offer is lawful."""
    violations: list[Violation] = []
    agreed = terms.has_extension_agreement
    for index, day in enumerate(terms.schedule):
        prefix = f"schedule[{index}]"
        day_ko, day_en = _day_names(day.weekday)
        violations += holidays.check_sunday(day.weekday, field=f"{prefix}.weekday")
        order = hours.check_time_order(
            day.start, day.end, field=f"{prefix}.end", day_ko=day_ko, day_en=day_en
        )
        violations += hours.check_night(
            day.start, day.end, prefix=prefix, day_ko=day_ko, day_en=day_en
        )
        if order:
            violations += order
            continue
        minutes = hours.training_minutes(day.start, day.end, day.break_minutes)
        violations += hours.check_daily_hours(
            minutes, has_extension_agreement=agreed, field=f"{prefix}.end", day_ko=day_ko,
            day_en=day_en,
        )  # fmt: skip
        violations += hours.check_breaks(
            day.start, day.end, day.break_minutes, field=f"{prefix}.break_minutes",
            day_ko=day_ko, day_en=day_en,
        )  # fmt: skip
    violations += hours.check_weekly_hours(
        weekly_minutes(terms.schedule), has_extension_agreement=agreed, field="schedule"
    )
    if terms.start_date <= terms.end_date:
        violations += holidays.check_calendar(terms.start_date, terms.end_date, field="end_date")
        violations += period.check_period(
            terms.training_type, terms.start_date, terms.end_date, field="end_date",
            max_months=dict(terms.max_months),
        )  # fmt: skip
    violations += hazards.check_hazards(terms.hazard_categories, field="hazard_categories")
    return violations


def ensure_offer_lawful(terms: OfferTerms) -> None:
    """Raise :class:`LabourRuleError` with every violation of :func:`check_offer`, if any."""
    violations = check_offer(terms)
    if violations:
        raise LabourRuleError(violations)


def check_day_log(
    day: date,
    start: time,
    end: time,
    break_minutes: int,
    *,
    has_extension_agreement: bool,
    week_minutes_before: int = 0,
    agreed_schedule: dict[int, int] | None = None,
) -> list[Violation]:
    """The violations of one day of training as it actually happened (the hours diary):
    a holiday, night time, more than the daily cap, and — counting the minutes already
    logged that week (``week_minutes_before``) — more than the weekly cap; with
    ``agreed_schedule`` (weekday → minutes of the signed contract), a day or time beyond it."""
    day_ko, day_en = f"{day:%Y-%m-%d}", f"{day:%Y-%m-%d}"
    violations = holidays.check_training_day(day, field="day")
    order = hours.check_time_order(start, end, field="end", day_ko=day_ko, day_en=day_en)
    violations += hours.check_night(start, end, prefix="time", day_ko=day_ko, day_en=day_en)
    if order:
        return violations + order
    minutes = hours.training_minutes(start, end, break_minutes)
    violations += hours.check_daily_hours(
        minutes, has_extension_agreement=has_extension_agreement, field="end", day_ko=day_ko,
        day_en=day_en,
    )  # fmt: skip
    violations += hours.check_breaks(
        start, end, break_minutes, field="break_minutes", day_ko=day_ko, day_en=day_en
    )
    violations += hours.check_weekly_hours(
        week_minutes_before + minutes, has_extension_agreement=has_extension_agreement,
        field="week",
    )  # fmt: skip
    if agreed_schedule is not None:
        violations += hours.check_agreed_schedule(
            day.weekday(), minutes, agreed_schedule, field="day", day_ko=day_ko, day_en=day_en
        )
    return violations
