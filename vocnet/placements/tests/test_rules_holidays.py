"""Holidays: the data file, Sundays, the calendar of an offer (no database)."""

from __future__ import annotations

import io
from datetime import date, time

import holidays as holidays_package
import pytest

from vocnet.placements.rules import DaySchedule, OfferTerms, check_day_log, check_offer
from vocnet.placements.rules.holidays import (
    covered_years,
    holidays_between,
    is_holiday,
    public_holidays,
    training_dates,
)

# Where the data file knowingly differs from holidays 0.108 (see data/SOURCES.md).
ONLY_IN_DATA = {date(2025, 5, 1)}  # 근로자의 날, treated as a holiday for trainees
ONLY_IN_PACKAGE = {date(2027, 5, 3)}  # a substitute for 노동절 that presumes its designation


def test_the_data_file_covers_2025_to_2027() -> None:
    assert covered_years() == frozenset({2025, 2026, 2027})


def test_the_data_file_matches_the_holidays_package_but_for_the_listed_differences() -> None:
    # given the Korean holidays of the package (a development dependency only)
    package = {
        day
        for day in holidays_package.KR(years=[2025, 2026, 2027])
        if day.weekday() != 6  # Sundays are holidays by rule, not listed in the file
    }
    listed = {day for day in public_holidays() if day.weekday() != 6}
    # then both agree except for the documented days
    assert listed - package == ONLY_IN_DATA
    assert package - listed == ONLY_IN_PACKAGE


def test_every_row_says_how_sure_it_is() -> None:
    kinds = {h.verification for h in public_holidays().values()}
    assert kinds == {"rule", "designated", "announced", "conservative"}
    assert public_holidays()[date(2026, 7, 17)].verification == "announced"


def test_substitute_holidays_are_listed() -> None:
    # 추석 2025 falls on a Sunday (10-05), so 10-08 is a substitute holiday
    assert public_holidays()[date(2025, 10, 8)].kind == "substitute"
    assert public_holidays()[date(2026, 3, 2)].kind == "substitute"


def test_sundays_and_public_holidays_are_holidays_and_saturdays_are_not() -> None:
    assert is_holiday(date(2026, 3, 1))  # 삼일절 (a Sunday as well)
    assert is_holiday(date(2026, 3, 2))  # 대체공휴일
    assert is_holiday(date(2026, 3, 8))  # an ordinary Sunday
    assert not is_holiday(date(2026, 3, 7))  # an ordinary Saturday
    assert not is_holiday(date(2026, 3, 3))


def test_the_training_calendar_skips_public_holidays() -> None:
    # given Monday to Friday from 2026-02-27 to 2026-03-06
    days = training_dates(date(2026, 2, 27), date(2026, 3, 6), {0, 1, 2, 3, 4})
    # then 03-02 (대체공휴일) is skipped
    assert days == [
        date(2026, 2, 27),
        date(2026, 3, 3),
        date(2026, 3, 4),
        date(2026, 3, 5),
        date(2026, 3, 6),
    ]
    assert [h.day for h in holidays_between(date(2026, 2, 27), date(2026, 3, 6))] == [
        date(2026, 3, 1),
        date(2026, 3, 2),
    ]


def test_a_sunday_in_the_weekly_schedule_is_refused() -> None:
    terms = OfferTerms(
        schedule=(DaySchedule(6, time(9), time(15), 60),),
        start_date=date(2026, 3, 2),
        end_date=date(2026, 4, 30),
    )
    violations = check_offer(terms)
    assert [(v.code, v.field) for v in violations] == [("holiday_training", "schedule[0].weekday")]
    assert "직업교육훈련 촉진법 제9조의2 ②" in violations[0].message_ko


def test_a_period_beyond_the_holiday_data_is_refused() -> None:
    terms = OfferTerms(
        schedule=(DaySchedule(0, time(9), time(17), 60),),
        start_date=date(2027, 12, 1),
        end_date=date(2028, 1, 31),
    )
    violations = check_offer(terms)
    assert [(v.code, v.field) for v in violations] == [("holiday_calendar_missing", "end_date")]
    assert "2028" in violations[0].message_ko


def test_training_logged_on_a_public_holiday_is_detected() -> None:
    # given a diary day on 어린이날 2026
    violations = check_day_log(
        date(2026, 5, 5), time(9), time(17), 60, has_extension_agreement=False
    )
    # then the holiday rule names the day and the holiday
    assert [(v.code, v.field) for v in violations] == [("holiday_training", "day")]
    assert "어린이날" in violations[0].message_ko


# The calendar running out (issue 15 §1) -----------------------------------------------------


def test_no_warning_more_than_six_months_before_the_data_runs_out() -> None:
    from vocnet.placements.rules.holidays import calendar_ends, coverage_warning

    assert calendar_ends() == date(2027, 12, 31)
    assert coverage_warning(date(2027, 6, 30)) is None


def test_a_warning_six_months_before_the_data_runs_out() -> None:
    from vocnet.placements.rules.holidays import coverage_warning

    warning = coverage_warning(date(2027, 7, 1))
    assert warning is not None
    assert warning.ends_on == date(2027, 12, 31)
    assert "2028년 공휴일" in warning.message_ko
    assert "public holidays of 2028" in warning.message_en


@pytest.mark.django_db
def test_the_command_fails_while_the_warning_stands() -> None:
    from django.core.management import CommandError, call_command
    from freezegun import freeze_time

    with freeze_time("2027-08-01"), pytest.raises(CommandError, match="2027-12-31"):
        call_command("check_holiday_calendar", stderr=io.StringIO())
    out = io.StringIO()
    with freeze_time("2027-01-15"):
        call_command("check_holiday_calendar", stdout=out)
    assert "2027-12-31" in out.getvalue()
