"""Small template filters shared by vocnet's pages."""

from __future__ import annotations

from typing import Any

from django import template

from vocnet.core import fieldlabels, i18n, pagination

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


@register.filter
def localized_name(obj: Any, field: str = "name") -> str:
    """``{{ region|localized_name }}`` — ``name_en`` when the page is in English and the row
    has one, else ``name_ko``; ``{{ office|localized_name:"short_name" }}`` for another pair."""
    return i18n.localized_name(obj, field)


@register.filter
def krw(value: Any) -> str:
    """``{{ wage|krw }}`` — ``1,234,000원`` in Korean, ``KRW 1,234,000`` in English."""
    return i18n.krw(value)


@register.filter
def krw_compact(value: Any) -> str:
    """``{{ budget|krw_compact }}`` — ``12억 3,400만원`` in Korean, ``KRW 1.23 bn`` in English."""
    return i18n.krw_compact(value)


@register.filter
def josa(value: Any, pair: str) -> str:
    """``{{ name|josa:"이/가" }}`` — "시흥시가", "기업이": the word with the particle its last
    sound takes (``vocnet.core.korean``); in English the word alone, since the English text
    around it carries no particle."""
    return i18n.josa(value, pair)


@register.filter
def duration(minutes: Any) -> str:
    """``{{ day.training_minutes|duration }}`` — ``7시간 30분`` / ``7 h 30 min``."""
    return i18n.duration(minutes)


@register.filter
def field_label(name: str) -> str:
    """``{{ rule.code|field_label }}`` — "하루 실습 시간" for ``daily_hours``: what people read
    instead of a field's or a rule's code name (``vocnet.core.fieldlabels``)."""
    return fieldlabels.field_label(str(name))


@register.filter
def share_percent(value: Any) -> str:
    """``{{ supply.labour_market_share|share_percent }}`` — ``49.5%`` for 0.495."""
    return i18n.share_percent(value)


@register.filter
def with_unit(value: Any, unit: str) -> str:
    """``{{ figure.value|with_unit:"people" }}`` — ``1,234명`` / ``1,234 people``: a figure
    with its unit (``vocnet.core.i18n.FIGURE_UNITS``, ``won``, ``percent``)."""
    return i18n.with_unit(value, unit)


@register.simple_tag
def page_window(page: Any) -> list[int | str]:
    """The page numbers to link around ``page`` (``vocnet.core.pagination``)."""
    return pagination.page_window(page)


@register.simple_tag
def page_size_links(page: Any, query: str = "") -> list[tuple[int, str, bool]]:
    """Links to show the same list 20, 50 or 100 rows at a time, filters kept."""
    if page.paginator.count <= pagination.PAGE_SIZES[0]:
        return []
    return pagination.size_links(page, query or "")
