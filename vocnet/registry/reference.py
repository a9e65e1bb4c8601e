"""Loading the reference code lists shipped in ``vocnet/registry/data`` (see SOURCES.md).

``load_reference`` is idempotent: it upserts on each list's official code, so running it
again after a data file is corrected updates the rows in place.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from django.apps import apps as global_apps
from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
PILOT_DISTRICT_ANNOUNCED = date(2025, 7, 15)
PILOT_DISTRICT_SOURCE = "경기도교육청 발표 2025-07-15 (gg.newdaily.co.kr)"

# Romanised office names (Revised Romanisation, as the office names' parts are spelled on the
# regions' official English names).
_OFFICE_NAME_EN = {
    "가평": "Gapyeong",
    "고양": "Goyang",
    "광명": "Gwangmyeong",
    "광주하남": "Gwangju-Hanam",
    "구리남양주": "Guri-Namyangju",
    "군포의왕": "Gunpo-Uiwang",
    "김포": "Gimpo",
    "동두천양주": "Dongducheon-Yangju",
    "부천": "Bucheon",
    "성남": "Seongnam",
    "수원": "Suwon",
    "시흥": "Siheung",
    "안산": "Ansan",
    "안성": "Anseong",
    "안양과천": "Anyang-Gwacheon",
    "양평": "Yangpyeong",
    "여주": "Yeoju",
    "연천": "Yeoncheon",
    "용인": "Yongin",
    "의정부": "Uijeongbu",
    "이천": "Icheon",
    "파주": "Paju",
    "평택": "Pyeongtaek",
    "포천": "Pocheon",
    "화성오산": "Hwaseong-Osan",
}


def read_csv(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@cache
def ncs_middle_english() -> dict[str, str]:
    """NCS middle code → vocnet's (unofficial) English name (``data/ncs_middle_en.csv``)."""
    return {row["ncs_middle_code"]: row["name_en"] for row in read_csv("ncs_middle_en.csv")}


@cache
def ksic_division_english() -> dict[str, str]:
    """KSIC division code → vocnet's (unofficial) English name, after the ISIC Rev. 4
    division titles (``data/ksic_divisions_en.csv``)."""
    return {row["division"]: row["name_en"] for row in read_csv("ksic_divisions_en.csv")}


@dataclass(frozen=True)
class ReferenceCounts:
    regions: int
    support_offices: int
    pilot_districts: int
    ncs_major: int
    ncs_middle: int
    ksic_sections: int
    ksic_divisions: int


def _parse_general_gu(raw: str) -> list[dict[str, str]]:
    # "장안구(41111);권선구(41113)" → [{"name_ko": "장안구", "code": "41111"}, ...]
    items = []
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        name, _, code = part.partition("(")
        items.append({"name_ko": name, "code": code.rstrip(")")})
    return items


class _ModelGetter(Protocol):
    def get_model(self, app_label: str, model_name: str) -> Any: ...


@transaction.atomic
def load_reference(apps: _ModelGetter = global_apps) -> ReferenceCounts:
    """Upsert every reference list; returns the row count of each.

    The data migration 0002_load_reference_lists holds a frozen copy of this function (a
    migration never imports app code): a change to what is loaded belongs in both.

    ``apps`` is the app registry to take models from: the real one from the command, the
    historical one from the data migration that loads these lists on ``migrate``.
    """

    def model(name: str) -> Any:
        return apps.get_model("registry", name)

    # Model classes keep their class names (N806), as Django's data migrations write them.
    SupportOffice, Region, PilotDistrict = (  # noqa: N806
        model("SupportOffice"),
        model("Region"),
        model("PilotDistrict"),
    )
    Organisation, NcsMajor, NcsMiddle = (  # noqa: N806
        model("Organisation"),
        model("NcsMajor"),
        model("NcsMiddle"),
    )
    KsicSection, KsicDivision = model("KsicSection"), model("KsicDivision")  # noqa: N806

    offices: dict[str, Any] = {}
    pilot_office_names: list[str] = []
    for row in read_csv("gyeonggi_edu_offices.csv"):
        short = row["short_name_ko"]
        office, _ = SupportOffice.objects.update_or_create(
            name_ko=row["office_name_ko"],
            defaults={
                "short_name_ko": short,
                "name_en": f"Gyeonggi {_OFFICE_NAME_EN[short]} Office of Education",
                "schoolinfo_org_code": row["schoolinfo_org_code_unverified"],
            },
        )
        offices[office.name_ko] = office
        if row["leading_district_2025"] == "Y":
            pilot_office_names.append(office.name_ko)

    for row in read_csv("gyeonggi_regions.csv"):
        Region.objects.update_or_create(
            sigungu_code=row["sigungu_code"],
            defaults={
                "bjd_code": row["bjd_code_10"],
                "name_ko": row["name_ko"],
                "full_name_ko": row["full_name_ko"],
                "name_en": row["name_en"],
                "kind": row["type"],
                "latitude": Decimal(row["lat_approx"]),
                "longitude": Decimal(row["lon_approx"]),
                "general_gu": _parse_general_gu(row["general_gu_codes"]),
                "support_office": offices[row["edu_office_ko"]],
            },
        )

    for name in pilot_office_names:
        PilotDistrict.objects.update_or_create(
            support_office=offices[name],
            year=2025,
            defaults={
                "announced_on": PILOT_DISTRICT_ANNOUNCED,
                "source_note": PILOT_DISTRICT_SOURCE,
            },
        )

    # Each support office is also an organisation of the ecosystem (a party to agreements).
    for office in offices.values():
        first_region = office.regions.order_by("sigungu_code").first()
        if office.organisation_id is None:
            office.organisation = Organisation.objects.create(
                kind="support_office",
                name_ko=office.name_ko,
                name_en=office.name_en,
                region=first_region,
                data_origin="official",
                source_note="경기도교육청 교육지원청 목록 (data/SOURCES.md)",
            )
            office.save(update_fields=["organisation"])

    majors = {}
    for row in read_csv("ncs_major.csv"):
        majors[row["ncs_major_code"]], _ = NcsMajor.objects.update_or_create(
            code=row["ncs_major_code"],
            defaults={"name_ko": row["name_ko"], "name_en": row["name_en_unofficial"]},
        )
    for row in read_csv("ncs_middle.csv"):
        NcsMiddle.objects.update_or_create(
            code=row["ncs_middle_code"],
            defaults={
                "major": majors[row["ncs_major_code"]],
                "name_ko": row["name_ko"],
                "older_name_ko": row["older_name_ko"],
            },
        )

    sections = {}
    for row in read_csv("ksic_sections.csv"):
        sections[row["section"]], _ = KsicSection.objects.update_or_create(
            code=row["section"], defaults={"name_ko": row["name_ko"], "name_en": row["name_en"]}
        )
    for row in read_csv("ksic_divisions.csv"):
        KsicDivision.objects.update_or_create(
            code=row["division"],
            defaults={
                "section": sections[row["section"]],
                "name_ko": row["name_ko_10th"],
                "name_ko_11th": row["name_ko_11th_if_changed"],
                "focus_tag": row["focus_tag"],
            },
        )

    return ReferenceCounts(
        regions=Region.objects.count(),
        support_offices=SupportOffice.objects.count(),
        pilot_districts=PilotDistrict.objects.count(),
        ncs_major=NcsMajor.objects.count(),
        ncs_middle=NcsMiddle.objects.count(),
        ksic_sections=KsicSection.objects.count(),
        ksic_divisions=KsicDivision.objects.count(),
    )
