"""Small template filters shared by vocnet's pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``{{ totals|get_item:"students" }}`` — a mapping's value by a variable key."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def metric_value(item: Any, name: str) -> Any:
    """``{{ region|metric_value:overview.metric }}`` — a named figure of a figures row."""
    return item.metric(name)
