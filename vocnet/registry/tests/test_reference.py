"""The reference lists loaded by the data migration match the shipped data files."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from vocnet.registry.models import (
    KsicDivision,
    KsicSection,
    NcsMajor,
    NcsMiddle,
    Organisation,
    PilotDistrict,
    Region,
    SupportOffice,
)

pytestmark = pytest.mark.django_db


def test_gyeonggi_has_31_regions_25_offices_and_7_pilot_districts_of_2025() -> None:
    assert Region.objects.count() == 31
    assert SupportOffice.objects.count() == 25
    assert PilotDistrict.objects.filter(year=2025).count() == 7
    assert set(PilotDistrict.objects.values_list("support_office__short_name_ko", flat=True)) == {
        "수원",
        "광명",
        "화성오산",
        "동두천양주",
        "용인",
        "의정부",
        "파주",
    }


def test_every_region_has_its_office_and_official_code() -> None:
    siheung = Region.objects.get(sigungu_code="41390")
    hwaseong = Region.objects.get(sigungu_code="41590")

    assert siheung.name_ko == "시흥시"
    assert siheung.name_en == "Siheung-si"
    assert siheung.support_office.name_ko == "경기도시흥교육지원청"
    assert hwaseong.support_office.short_name_ko == "화성오산"
    assert {g["code"] for g in hwaseong.general_gu} == {"41591", "41593", "41595", "41597"}
    assert not Region.objects.filter(support_office__isnull=True).exists()
    assert SupportOffice.objects.get(short_name_ko="광주하남").regions.count() == 2


def test_code_lists_are_complete() -> None:
    assert NcsMajor.objects.count() == 24
    assert NcsMiddle.objects.count() == 83
    assert KsicSection.objects.count() == 21
    assert KsicDivision.objects.count() == 77
    assert KsicDivision.objects.get(code="60").name_ko_11th == "방송 및 영상·오디오물 제공 서비스업"


def test_each_support_office_is_an_organisation_of_the_ecosystem() -> None:
    offices = Organisation.objects.filter(kind="support_office")

    assert offices.count() == 25
    assert set(offices.values_list("data_origin", flat=True)) == {"official"}


def test_load_reference_is_idempotent() -> None:
    before = (Region.objects.count(), Organisation.objects.count(), NcsMiddle.objects.count())

    call_command("load_reference", stdout=StringIO())
    call_command("load_reference", stdout=StringIO())

    after = (Region.objects.count(), Organisation.objects.count(), NcsMiddle.objects.count())
    assert after == before


def _reference_rows() -> dict[str, list[Any]]:
    models: tuple[Any, ...] = (
        Region, SupportOffice, PilotDistrict, NcsMajor, NcsMiddle, KsicSection, KsicDivision
    )  # fmt: skip
    rows = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    offices = Organisation.objects.filter(kind="support_office").order_by("pk")
    rows["Organisation"] = [dict(row) for row in offices.values()]
    return rows


def test_the_migration_writes_exactly_what_load_reference_writes() -> None:
    # given the rows the data migration wrote (it keeps its own copy of the loader, since a
    # migration never imports app code)
    migrated = _reference_rows()
    assert len(migrated["Region"]) == 31 and len(migrated["KsicDivision"]) > 0
    # when the app's loader runs over them
    call_command("load_reference", stdout=StringIO())
    # then it finds nothing to change: every value, key and link is the same
    assert _reference_rows() == migrated
