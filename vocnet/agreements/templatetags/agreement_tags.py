"""Template filters of the agreement pages: quantities and fulfilment percentages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

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
    """``{{ progress.overall|percent }}`` — ``60.5%``, or ``—`` when there is no ratio yet."""
    value = getattr(group, "percent", None) if group is not None else None
    return "—" if value is None else f"{value}%"


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
