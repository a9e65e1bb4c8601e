"""Load the reference code lists shipped in vocnet/registry/data (sources: data/SOURCES.md).

A frozen copy of what ``vocnet.registry.reference.load_reference`` did when this migration was
written, on the historical models: a migration never imports app code, which may change or
go after the migration has run. Both read the same data files and upsert on the official
codes, so the command can later correct rows this migration wrote.
"""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
PILOT_DISTRICT_ANNOUNCED = date(2025, 7, 15)
PILOT_DISTRICT_SOURCE = "경기도교육청 발표 2025-07-15 (gg.newdaily.co.kr)"
OFFICE_NAME_EN = {
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


def read_csv(name):  # type: ignore[no-untyped-def]
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def parse_general_gu(raw):  # type: ignore[no-untyped-def]
    # "장안구(41111);권선구(41113)" → [{"name_ko": "장안구", "code": "41111"}, ...]
    items = []
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        name, _, code = part.partition("(")
        items.append({"name_ko": name, "code": code.rstrip(")")})
    return items


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    def model(name):  # type: ignore[no-untyped-def]
        return apps.get_model("registry", name)

    SupportOffice, Region, PilotDistrict = (
        model("SupportOffice"),
        model("Region"),
        model("PilotDistrict"),
    )
    Organisation, NcsMajor, NcsMiddle = model("Organisation"), model("NcsMajor"), model("NcsMiddle")
    KsicSection, KsicDivision = model("KsicSection"), model("KsicDivision")

    offices = {}
    pilot_office_names = []
    for row in read_csv("gyeonggi_edu_offices.csv"):
        short = row["short_name_ko"]
        office, _ = SupportOffice.objects.update_or_create(
            name_ko=row["office_name_ko"],
            defaults={
                "short_name_ko": short,
                "name_en": f"Gyeonggi {OFFICE_NAME_EN[short]} Office of Education",
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
                "general_gu": parse_general_gu(row["general_gu_codes"]),
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


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in ("Region", "PilotDistrict", "NcsMiddle", "NcsMajor", "KsicDivision", "KsicSection"):
        apps.get_model("registry", name).objects.all().delete()
    SupportOffice = apps.get_model("registry", "SupportOffice")
    Organisation = apps.get_model("registry", "Organisation")
    org_ids = list(SupportOffice.objects.values_list("organisation_id", flat=True))
    SupportOffice.objects.all().delete()
    Organisation.objects.filter(pk__in=org_ids).delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_registry_models")]

    # One transaction (migrations are atomic), as load_reference is @transaction.atomic.
    operations = [migrations.RunPython(load, unload)]
