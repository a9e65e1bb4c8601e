"""Small-cell suppression of the public report: counts under 5 are "<5" and the rates that
rest on them are withheld (pure, no database)."""

from __future__ import annotations

from decimal import Decimal

from vocnet.programmes.disclosure import count_text, public_figure


def test_counts_under_five_are_shown_as_less_than_five() -> None:
    assert [count_text(n) for n in (None, 0, 4, 5, 1234)] == ["—", "<5", "<5", "5", "1,234"]


def test_a_rate_resting_on_a_small_count_is_withheld() -> None:
    figure = public_figure(3, 40, Decimal("7.5"), "%")
    assert (figure.numerator, figure.denominator, figure.value, figure.is_suppressed) == (
        "<5",
        "40",
        "",
        True,
    )


def test_a_rate_on_large_counts_is_shown() -> None:
    figure = public_figure(30, 40, Decimal("75.0"), "%")
    assert (figure.numerator, figure.value, figure.is_suppressed) == ("30", "75.0%", False)


def test_an_unknown_value_is_a_dash_and_not_suppressed() -> None:
    figure = public_figure(None, None, None, "%")
    assert (figure.value, figure.is_suppressed) == ("—", False)
