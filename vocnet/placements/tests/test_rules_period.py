"""The longest period of each training type (pure rule, no database)."""

from __future__ import annotations

from datetime import date

from vocnet.placements.rules.period import add_months, check_period, latest_end, training_types


def test_both_types_are_data_with_their_limit_and_its_verification() -> None:
    types = training_types()
    assert set(types) == {"learning_centred", "hiring_linked"}
    for kind in types.values():
        assert kind.max_months == 3
        assert kind.max_months_verification == "unverified"
        assert kind.max_months_basis


def test_a_period_of_three_calendar_months_ends_the_day_before_the_same_date() -> None:
    assert latest_end(date(2027, 3, 2), 3) == date(2027, 6, 1)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert check_period("learning_centred", date(2027, 3, 2), date(2027, 6, 1), field="end") == []


def test_one_day_more_breaks_the_limit_and_names_the_field() -> None:
    [violation] = check_period(
        "hiring_linked", date(2027, 3, 2), date(2027, 6, 2), field="end_date"
    )
    assert (violation.code, violation.field) == ("period_too_long", "end_date")
    assert "2027-06-01" in violation.message_ko
    assert "2027-06-01" in violation.message_en


def test_a_configured_limit_overrides_the_data_file() -> None:
    violations = check_period(
        "learning_centred",
        date(2027, 3, 2),
        date(2027, 4, 2),
        field="end_date",
        max_months={"learning_centred": 1},
    )
    assert [v.code for v in violations] == ["period_too_long"]


def test_an_unknown_type_is_named() -> None:
    [violation] = check_period("early_employment", date(2027, 3, 2), date(2027, 3, 3), field="x")
    assert (violation.code, violation.field) == ("unknown_training_type", "training_type")
