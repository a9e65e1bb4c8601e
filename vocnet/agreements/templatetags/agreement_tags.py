"""Template filters of the agreement pages: quantities and fulfilment percentages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from vocnet.agreements.fulfilment import GRACE_DAYS

register = template.Library()


@register.filter
def quantity(value: Any, unit: str = "") -> str:
    """``{{ target.quantity|quantity }}`` — ``100,000,000`` or ``12.5`` (no trailing zeros);
    ``{{ amount|quantity:"krw" }}`` rounds to whole won."""
    if value is None or value == "":
        return "—"
    number = Decimal(value)
    if unit == "krw":
        number = number.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return str(intcomma(int(number)))
    return str(intcomma(number.normalize()))


@register.filter
def percent(group: Any) -> str:
    """``{{ progress.overall|percent }}`` — ``60.5%``; "집계 전" for a commitment within the
    agreement's first ``GRACE_DAYS`` (see ``fulfilment``); ``—`` when there is no ratio."""
    if getattr(group, "is_early", False):
        return str(_("집계 전"))
    value = getattr(group, "percent", None) if group is not None else None
    return "—" if value is None else f"{value}%"


@register.simple_tag
def grace_days() -> int:
    """``{% grace_days as days %}`` — the days at the start of an agreement without a
    commitment percentage (``fulfilment.GRACE_DAYS``)."""
    return GRACE_DAYS


@register.filter
def meter_value(group: Any) -> str:
    """The value of a ``<meter max="100">``: the percentage capped at 100 (0 without one)."""
    value = getattr(group, "percent", None) if group is not None else None
    return "0" if value is None else str(min(value, Decimal(100)))


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
