"""Holidays: no field training on a public holiday or a Sunday.

직업교육훈련 촉진법 제9조의2 ② (근로기준법 제70조 ② for minors) bars training on holidays, with
no exception for trainees. Sundays are public holidays (관공서의 공휴일에 관한 규정 제2조 제1호);
the other days of 2025–2027 are in ``data/public_holidays.csv`` (sources in ``data/SOURCES.md``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from vocnet.core.korean import particle
from vocnet.placements.rules.types import Rule, Violation

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "public_holidays.csv"
SUNDAY = 6

HOLIDAY = Rule(
    "holiday_training",
    "직업교육훈련 촉진법 제9조의2 ②",
    "Vocational Education and Training Promotion Act, Art. 9-2(2)",
    "휴일(일요일·공휴일) 실습 금지(근로기준법 제70조 ②)",
    "No training on holidays: Sundays and public holidays (Labor Standards Act, Art. 70(2))",
)
"""직업교육훈련 촉진법 제9조의2 ②: no training on a holiday — a Sunday (관공서의 공휴일에 관한 규정
제2조 제1호) or a public holiday of the data file."""

HOLIDAY_COVERAGE = Rule(
    "holiday_calendar_missing",
    "직업교육훈련 촉진법 제9조의2 ②",
    "Vocational Education and Training Promotion Act, Art. 9-2(2)",
    "공휴일 자료가 있는 연도(2025~2027)의 실습만 확인 가능",
    "Only training in years with holiday data (2025–2027) can be checked",
)
"""A period outside the years of the data file cannot be checked for holidays, so it is refused
rather than passed unchecked."""


@dataclass(frozen=True)
class PublicHoliday:
    day: date
    name_ko: str
    name_en: str
    kind: str
    verification: str
    basis: str


@cache
def public_holidays() -> dict[date, PublicHoliday]:
    """Every listed public holiday by date (Sundays are not listed: see :func:`is_holiday`)."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        date.fromisoformat(row["date"]): PublicHoliday(
            date.fromisoformat(row["date"]),
            row["name_ko"],
            row["name_en"],
            row["kind"],
            row["verification"],
            row["basis"],
        )
        for row in rows
    }


@cache
def covered_years() -> frozenset[int]:
    return frozenset(day.year for day in public_holidays())


WARNING_MONTHS = 6
"""How long before the calendar data runs out :func:`coverage_warning` starts warning."""


@dataclass(frozen=True)
class CoverageWarning:
    """The public-holiday data ends on ``ends_on``; offers ending later cannot be saved."""

    ends_on: date
    message_ko: str
    message_en: str


def calendar_ends() -> date:
    """The last day the holiday data covers (31 December of its last year)."""
    return date(max(covered_years()), 12, 31)


def coverage_warning(today: date, *, months: int = WARNING_MONTHS) -> CoverageWarning | None:
    """A warning when the data runs out within ``months`` of ``today`` (or already has):
    the next year's public holidays must be added from an official announcement (the
    regulation, a designation, or KASI's 월력요항) before offers can run into it."""
    ends = calendar_ends()
    month_index = today.month - 1 + months
    horizon = date(today.year + month_index // 12, month_index % 12 + 1, 1)
    if horizon <= ends:
        return None
    return CoverageWarning(
        ends,
        f"공휴일 자료가 {ends:%Y-%m-%d}에 끝납니다. 그 뒤에 끝나는 현장실습 제안은 저장할 수 "
        f"없으므로, {ends.year + 1}년 공휴일을 공식 발표(관공서의 공휴일에 관한 규정, "
        "한국천문연구원 월력요항)에 따라 data/public_holidays.csv에 추가하세요.",
        f"The public-holiday data ends on {ends:%Y-%m-%d}. Offers ending later cannot be saved: "
        f"add the public holidays of {ends.year + 1} to data/public_holidays.csv from an "
        "official announcement (the Regulation on Public Holidays, KASI's calendar notice).",
    )


def is_holiday(day: date) -> bool:
    """Whether no training may take place on ``day``: a Sunday or a listed public holiday."""
    return day.weekday() == SUNDAY or day in public_holidays()


def holidays_between(start: date, end: date) -> list[PublicHoliday]:
    """The listed public holidays from ``start`` to ``end`` inclusive, in date order."""
    return [h for day, h in sorted(public_holidays().items()) if start <= day <= end]


def scheduled_dates(start: date, end: date, weekdays: set[int]) -> list[date]:
    """Every date from ``start`` to ``end`` whose weekday is in ``weekdays``."""
    days = []
    day = start
    while day <= end:
        if day.weekday() in weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


def training_dates(start: date, end: date, weekdays: set[int]) -> list[date]:
    """The dates training takes place on: the scheduled weekdays of the period, less every
    holiday (the offer's calendar skips public holidays by itself; see :func:`check_calendar`)."""
    return [day for day in scheduled_dates(start, end, weekdays) if not is_holiday(day)]


def check_sunday(weekday: int, *, field: str) -> list[Violation]:
    """:data:`HOLIDAY`: a weekly schedule may not include Sunday."""
    if weekday != SUNDAY:
        return []
    return [
        Violation(
            HOLIDAY,
            field,
            "일요일은 휴일이므로 실습 요일로 정할 수 없습니다(관공서의 공휴일에 관한 규정 제2조 "
            f"제1호) — {HOLIDAY.article_ko}.",
            "Sunday is a holiday and cannot be a training day (Regulation on Public Holidays of "
            f"Government Offices, Art. 2(1)) — {HOLIDAY.article_en}.",
        )
    ]


def check_calendar(start: date, end: date, *, field: str) -> list[Violation]:
    """:data:`HOLIDAY_COVERAGE`: every year of the period must be in the data file."""
    missing = sorted(set(range(start.year, end.year + 1)) - covered_years())
    if not missing:
        return []
    years = ", ".join(str(year) for year in missing)
    first, last = min(covered_years()), max(covered_years())
    return [
        Violation(
            HOLIDAY_COVERAGE,
            field,
            f"{years}년의 공휴일 자료가 없어 휴일 실습 여부를 확인할 수 없습니다. "
            f"{first}~{last}년의 실습만 등록할 수 있습니다 — {HOLIDAY.article_ko}.",
            f"There is no public-holiday data for {years}, so holiday training cannot be "
            f"ruled out; only training in {first}–{last} can be entered — {HOLIDAY.article_en}.",
        )
    ]


def check_training_day(day: date, *, field: str) -> list[Violation]:
    """:data:`HOLIDAY`: training recorded on a Sunday or a public holiday."""
    if not is_holiday(day):
        return []
    holiday = public_holidays().get(day)
    name_ko = holiday.name_ko if holiday else "일요일"
    name_en = holiday.name_en if holiday else "Sunday"
    return [
        Violation(
            HOLIDAY,
            field,
            f"{day:%Y-%m-%d}({name_ko}){particle(name_ko, '은/는')} 휴일이므로 "
            "실습할 수 없습니다 — "
            f"{HOLIDAY.article_ko}.",
            f"{day:%Y-%m-%d} ({name_en}) is a holiday; no training may take place on it — "
            f"{HOLIDAY.article_en}.",
        )
    ]
