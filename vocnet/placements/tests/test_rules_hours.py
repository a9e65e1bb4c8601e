"""The hours rules of field training, at their boundaries (no database)."""

from __future__ import annotations

from datetime import date, time

import pytest

from vocnet.placements.rules import (
    DaySchedule,
    LabourRuleError,
    OfferTerms,
    check_day_log,
    check_offer,
    ensure_offer_lawful,
)

MONDAY = 0
START, END = date(2026, 3, 3), date(2026, 4, 30)


def _terms(*days: DaySchedule, agreed: bool = False) -> OfferTerms:
    return OfferTerms(
        schedule=tuple(days), start_date=START, end_date=END, has_extension_agreement=agreed
    )


def _day(weekday: int, start: str, end: str, break_minutes: int = 60) -> DaySchedule:
    return DaySchedule(weekday, time.fromisoformat(start), time.fromisoformat(end), break_minutes)


def _week(start: str, end: str, days: int = 5, break_minutes: int = 60) -> list[DaySchedule]:
    return [_day(weekday, start, end, break_minutes) for weekday in range(days)]


def _codes(terms: OfferTerms) -> list[tuple[str, str]]:
    return [(v.code, v.field) for v in check_offer(terms)]


def test_seven_hours_a_day_is_lawful() -> None:
    # given 09:00–17:00 with an hour's break, five days (7 h a day, 35 h a week)
    terms = _terms(*_week("09:00", "17:00"))
    # then no rule is broken
    assert check_offer(terms) == []


def test_seven_hours_and_one_minute_without_agreement_is_refused() -> None:
    # given one day of 7 h 1 min without an agreement of the parties
    terms = _terms(_day(MONDAY, "09:00", "17:01"))
    # when checked
    violations = check_offer(terms)
    # then the extension-agreement rule names the day's end and the article
    assert [(v.code, v.field) for v in violations] == [
        ("extension_without_agreement", "schedule[0].end")
    ]
    assert "직업교육훈련 촉진법 제9조의2 ①" in violations[0].message_ko
    assert "7시간 1분" in violations[0].message_ko
    assert "Art. 9-2(1)" in violations[0].message_en


def test_eight_hours_with_a_recorded_agreement_is_lawful() -> None:
    # given 08:00–17:00 with an hour's break (8 h) and a recorded agreement
    terms = _terms(_day(MONDAY, "08:00", "17:00"), agreed=True)
    # then it is lawful
    assert check_offer(terms) == []


def test_eight_hours_and_one_minute_is_refused_even_with_agreement() -> None:
    # given 8 h 1 min with an agreement
    terms = _terms(_day(MONDAY, "08:00", "17:01"), agreed=True)
    # then the daily extension cap is broken
    assert _codes(terms) == [("daily_extension", "schedule[0].end")]


def test_eight_and_a_half_hours_without_agreement_names_the_daily_cap() -> None:
    terms = _terms(_day(MONDAY, "08:00", "17:30"))
    assert _codes(terms) == [("daily_hours", "schedule[0].end")]


def test_thirty_five_hours_a_week_is_lawful_and_one_more_minute_is_not() -> None:
    # given 7 h on five days, then one more minute on Saturday
    lawful = _terms(*_week("09:00", "17:00"))
    over = _terms(*_week("09:00", "17:00"), _day(5, "09:00", "09:01", 0))
    # then only the second breaks the weekly rule, for want of an agreement
    assert check_offer(lawful) == []
    assert _codes(over) == [("extension_without_agreement", "schedule")]


def test_forty_hours_a_week_with_agreement_is_lawful_and_more_is_not() -> None:
    # given 8 h on five days (40 h) with an agreement, then 8 h on Saturday too (48 h)
    forty = _terms(*_week("08:00", "17:00"), agreed=True)
    forty_eight = _terms(*_week("08:00", "17:00", days=6), agreed=True)
    # then 40 h is lawful and 48 h breaks the weekly extension cap
    assert check_offer(forty) == []
    assert _codes(forty_eight) == [("weekly_extension", "schedule")]


def test_weekly_hours_over_forty_without_agreement_names_the_weekly_cap() -> None:
    terms = _terms(*_week("09:00", "17:00", days=6))
    assert ("weekly_hours", "schedule") in _codes(terms)


def test_ending_at_ten_at_night_is_lawful_and_a_minute_later_is_not() -> None:
    # given afternoon training ending at 22:00, and one ending at 22:01
    at_ten = _terms(_day(MONDAY, "15:00", "22:00"))
    past_ten = _terms(_day(MONDAY, "15:01", "22:01"))
    # then only the second is night training, named on its end
    assert check_offer(at_ten) == []
    violations = check_offer(past_ten)
    assert [(v.code, v.field) for v in violations] == [("night_training", "schedule[0].end")]
    assert "직업교육훈련 촉진법 제9조의2 ②" in violations[0].message_ko


def test_starting_before_six_in_the_morning_is_refused() -> None:
    # given a start at 05:59, and one at 06:00
    early = _terms(_day(MONDAY, "05:59", "13:59"))
    at_six = _terms(_day(MONDAY, "06:00", "14:00"))
    # then only 05:59 is night training, named on its start
    assert _codes(early) == [("night_training", "schedule[0].start")]
    assert check_offer(at_six) == []


def test_training_across_midnight_is_refused() -> None:
    terms = _terms(_day(MONDAY, "20:00", "02:00", 0))
    assert _codes(terms) == [("time_order", "schedule[0].end")]


def test_more_than_four_hours_without_a_break_is_refused() -> None:
    # given 4 h 30 min without a break, and 4 h with 30 minutes' break
    without = _terms(_day(MONDAY, "09:00", "13:30", 0))
    with_break = _terms(_day(MONDAY, "09:00", "13:30", 30))
    # then the first breaks 근로기준법 제54조 on its break field
    violations = check_offer(without)
    assert [(v.code, v.field) for v in violations] == [("breaks", "schedule[0].break_minutes")]
    assert "근로기준법 제54조" in violations[0].message_ko
    assert check_offer(with_break) == []


def test_the_field_names_the_position_of_the_day_in_the_schedule() -> None:
    # given a lawful Monday and Tuesday and an unlawful Wednesday (third row)
    terms = _terms(_day(0, "09:00", "17:00"), _day(1, "09:00", "17:00"), _day(2, "09:00", "22:30"))
    fields = [v.field for v in check_offer(terms)]
    assert "schedule[2].end" in fields


def test_ensure_raises_with_every_violation() -> None:
    terms = _terms(_day(MONDAY, "05:00", "23:00", 0))
    with pytest.raises(LabourRuleError) as raised:
        ensure_offer_lawful(terms)
    codes = [v.code for v in raised.value.violations]
    assert codes == ["night_training", "night_training", "daily_hours", "breaks"]


def test_a_diary_day_over_the_weekly_cap_is_detected() -> None:
    # given 28 h already logged in the week and a Friday of 8 h without agreement
    violations = check_day_log(
        date(2026, 3, 6), time(9), time(18), 60, has_extension_agreement=False,
        week_minutes_before=28 * 60,
    )  # fmt: skip
    # then both the day and the week are over the limit without an agreement
    assert [(v.code, v.field) for v in violations] == [
        ("extension_without_agreement", "end"),
        ("extension_without_agreement", "week"),
    ]


def test_a_lawful_diary_day_has_no_violation() -> None:
    violations = check_day_log(
        date(2026, 3, 4), time(9), time(17), 60, has_extension_agreement=False
    )
    assert violations == []
