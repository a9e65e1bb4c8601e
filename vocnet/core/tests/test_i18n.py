"""Names, numbers, dates and KRW amounts are written each language's way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from vocnet.core.i18n import krw, krw_compact, localized_name


def _render(source: str, **context: Any) -> str:
    return Template("{% load humanize vocnet %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "korean", "english"),
    [
        (1_234_000, "1,234,000원", "KRW 1,234,000"),
        (0, "0원", "KRW 0"),
        (-5_000, "-5,000원", "KRW -5,000"),
        (Decimal("1234000.4"), "1,234,000원", "KRW 1,234,000"),
        ("980000", "980,000원", "KRW 980,000"),
        (None, "—", "—"),
        ("not a number", "—", "—"),
    ],
)
def test_krw_writes_won_after_the_number_in_korean_and_krw_before_it_in_english(
    value: Any, korean: str, english: str
) -> None:
    with translation.override("ko"):
        assert krw(value) == korean
        assert _render("{{ amount|krw }}", amount=value) == korean
    with translation.override("en"):
        assert krw(value) == english
        assert _render("{{ amount|krw }}", amount=value) == english


@pytest.mark.parametrize(
    ("value", "korean"),
    [
        (9_999, "9,999원"),
        (50_000, "5만원"),
        (34_000_000, "3,400만원"),
        (34_567_890, "3,457만원"),
        (99_999_999, "1억원"),
        (1_200_000_000, "12억원"),
        (1_234_000_000, "12억 3,400만원"),
        (1_234_567_890, "12억 3,457만원"),
        (999_999_999_999, "1조원"),
        (1_234_567_890_123, "1조 2,346억원"),
        (-1_234_000_000, "-12억 3,400만원"),
        (None, "—"),
    ],
)
def test_krw_compact_counts_in_man_eok_and_jo_in_korean(value: Any, korean: str) -> None:
    with translation.override("ko"):
        assert krw_compact(value) == korean
        assert _render("{{ amount|krw_compact }}", amount=value) == korean


@pytest.mark.parametrize(
    ("value", "english"),
    [
        (999_999, "KRW 999,999"),
        (34_000_000, "KRW 34 m"),
        (34_567_890, "KRW 34.6 m"),
        (999_999_999, "KRW 1 bn"),
        (1_234_000_000, "KRW 1.23 bn"),
        (12_345_000_000, "KRW 12.3 bn"),
        (123_456_000_000, "KRW 123 bn"),
        (2_500_000_000_000, "KRW 2.5 tn"),
        (-1_234_000_000, "KRW -1.23 bn"),
        (None, "—"),
    ],
)
def test_krw_compact_counts_in_millions_billions_and_trillions_in_english(
    value: Any, english: str
) -> None:
    with translation.override("en"):
        assert krw_compact(value) == english
        assert _render("{{ amount|krw_compact }}", amount=value) == english


def test_numbers_are_grouped_in_thousands_in_both_languages() -> None:
    for language in ("ko", "en"):
        with translation.override(language):
            assert _render("{{ n|intcomma }}", n=1234567) == "1,234,567"


def test_dates_follow_each_languages_date_format() -> None:
    day = date(2026, 11, 29)
    source = '{{ day|date:"DATE_FORMAT" }}'

    with translation.override("ko"):
        korean = _render(source, day=day)
    with translation.override("en"):
        english = _render(source, day=day)

    assert korean == "2026년 11월 29일"
    assert english == "Nov. 29, 2026"


def test_localized_name_is_english_only_where_the_row_has_an_english_name() -> None:
    region = SimpleNamespace(name_ko="시흥시", name_en="Siheung-si", full_name_ko="경기도 시흥시")
    company = SimpleNamespace(name_ko="(주)시흥정밀", name_en="")
    office = {"short_name_ko": "시흥", "short_name_en": "Siheung"}

    with translation.override("ko"):
        assert localized_name(region) == "시흥시"
        assert _render('{{ office|localized_name:"short_name" }}', office=office) == "시흥"
    with translation.override("en"):
        assert localized_name(region) == "Siheung-si"
        assert localized_name(company) == "(주)시흥정밀"
        assert localized_name(region, "full_name") == "경기도 시흥시"
        assert _render('{{ office|localized_name:"short_name" }}', office=office) == "Siheung"
        assert _render("{{ missing|localized_name }}", missing=None) == ""


@pytest.mark.django_db
def test_reference_rows_have_english_short_and_full_names() -> None:
    from vocnet.registry.models import PilotDistrict, Region

    region = Region.objects.select_related("support_office").get(sigungu_code="41390")
    suwon = PilotDistrict.objects.select_related("support_office").get(
        support_office__short_name_ko="수원", year=2025
    )

    with translation.override("en"):
        assert localized_name(region, "full_name") == "Siheung-si, Gyeonggi-do"
        assert localized_name(region.support_office, "short_name") == "Siheung"
        assert str(suwon) == "Suwon pilot district (2025)"
    with translation.override("ko"):
        assert localized_name(region, "full_name") == "경기도 시흥시"
        assert str(suwon) == "수원 선도지구 (2025)"
