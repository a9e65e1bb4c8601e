"""Loads the programme kinds (data/programme_kinds.csv; sources in data/SOURCES.md).

The rows are written out here rather than read from the app, so the migration never imports
app code and stays the same if the data file changes later (a later change is a new migration).
"""

from typing import Any

from django.db import migrations

KINDS = [
    {
        "code": "moe_agreement_school",
        "name_ko": "협약형 특성화고(교육부)",
        "name_en": "Agreement-based specialized high school (Ministry of Education)",
        "issuer_kind": "ministry",
        "default_duration_years": 5,
        "agreement_kind_code": "moe_agreement_consortium",
        "source_note": "edaily 2024 (MOE plan); dailydk; seoul.co.kr 2nd call 2025 — operating "
        "period 3–5 years, schools plan for 5",
    },
    {
        "code": "gg_regional_winwin",
        "name_ko": "지역연계 상생형(경기협약형) 특성화고",
        "name_en": "Gyeonggi regional win-win (agreement) school",
        "issuer_kind": "education_office",
        "default_duration_years": 3,
        "agreement_kind_code": "gg_regional_winwin",
        "source_note": "kpinews; kyeongin 1741958; naeil 550342 — non-selected MOE nominees run "
        "a 1-year pilot; 2025-07-22 launch: 3-year visions",
    },
    {
        "code": "gg_hightech",
        "name_ko": "하이테크 특성화고(경기)",
        "name_en": "Gyeonggi high-tech specialized high school",
        "issuer_kind": "education_office",
        "default_duration_years": 3,
        "agreement_kind_code": "gg_hightech",
        "source_note": "2025-07-22 joint launch (mediabaro 411150; kgnews 856143) — duration "
        "from the 3-year vision talks",
    },
    {
        "code": "pilot_district",
        "name_ko": "미래형 직업교육 선도지구",
        "name_en": "Future vocational-education pilot district",
        "issuer_kind": "education_office",
        "default_duration_years": 3,
        "agreement_kind_code": "",
        "source_note": "2025-07-22 joint launch: 7 선도지구 offices; duration unverified "
        "(vocnet default, editable per call)",
    },
]


def load(apps: Any, schema_editor: Any) -> None:
    model = apps.get_model("programmes", "ProgrammeKind")
    for row in KINDS:
        values = dict(row)
        code = values.pop("code")
        model.objects.update_or_create(code=code, defaults=values)


def unload(apps: Any, schema_editor: Any) -> None:
    codes = [row["code"] for row in KINDS]
    apps.get_model("programmes", "ProgrammeKind").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_programme_calls_and_applications")]

    operations = [migrations.RunPython(load, unload)]
