"""Small-cell suppression of the public performance report (pure: no Django).

A count under 5 is shown as "<5"; a rate whose numerator or denominator is under 5 is not
shown, since it would give the small count back (e.g. 3 of 40 = 7.5 %). Zero counts are
suppressed too, as the issue asks ("counts under 5")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

SUPPRESS_BELOW = 5
SMALL = "<5"


def count_text(count: int | None) -> str:
    """A count for publication: "—" when unknown, "<5" under 5, else grouped digits."""
    if count is None:
        return "—"
    if count < SUPPRESS_BELOW:
        return SMALL
    return f"{count:,}"


@dataclass(frozen=True)
class PublicFigure:
    numerator: str
    denominator: str
    value: str
    is_suppressed: bool


def public_figure(
    numerator: int | None, denominator: int | None, value: Decimal | None, unit: str
) -> PublicFigure:
    """The figure of one KPI as the public report shows it (``is_suppressed``: the value is
    withheld because a count behind it is under 5)."""
    small = any(n is not None and n < SUPPRESS_BELOW for n in (numerator, denominator))
    if value is None:
        shown = "—"
    elif small:
        shown = ""
    else:
        shown = f"{value}{unit}"
    return PublicFigure(
        numerator=count_text(numerator),
        denominator=count_text(denominator),
        value=shown,
        is_suppressed=small and value is not None,
    )
