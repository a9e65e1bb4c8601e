"""Load the agreement kinds as first shipped in vocnet/agreements/data (sources: data/SOURCES.md).

The rows are written out here rather than read from the data file, so this migration stays
what it was when it ran even as the file changes (later migrations and
``manage.py load_agreement_kinds`` apply corrections).
"""

from django.db import migrations

KINDS = [
    {
        "code": "moe_agreement_consortium",
        "sort_order": 1,
        "name_ko": "협약형 특성화고 컨소시엄(교육부)",
        "name_en": "Ministry of Education agreement-based specialized high school consortium",
        "description": "거점학교와 참여학교가 지자체·산업계·교육청과 협약을 맺고 5대 요소(지역 협력, 산업 연계 교육, 현장 중심 교육, 학급 운영 유연화, "
        "대학 연계)를 함께 이행합니다.",
        "default_pillars": [
            "regional_cooperation",
            "industry_linkage",
            "field_based",
            "class_flexibility",
            "university_linkage",
        ],
        "source_note": "교육부 협약형 특성화고 1기(2024)·2기(2025) 지정 보도: newspim 2024-05-21, 2025-06-04 "
        "(registry/data/moe_agreement_schools.csv)",
    },
    {
        "code": "gg_regional_winwin",
        "sort_order": 2,
        "name_ko": "지역연계 상생형(경기협약형) 특성화고 협약",
        "name_en": "Gyeonggi regionally-linked win-win (Gyeonggi agreement-type) model school "
        "agreement",
        "description": "경기도교육청이 지정한 지역연계 상생형 모델학교가 시·군, 지역 기업과 맺는 협약입니다.",
        "default_pillars": ["regional_cooperation", "industry_linkage", "field_based"],
        "source_note": "경기도교육청 기자간담회 2025-07-15 (gg.newdaily.co.kr; "
        "registry/data/gyeonggi_model_schools_2025.csv)",
    },
    {
        "code": "gg_hightech",
        "sort_order": 3,
        "name_ko": "하이테크 특성화고(경기) 협약",
        "name_en": "Gyeonggi high-tech model school agreement",
        "description": "첨단 산업 분야의 하이테크 모델학교가 기업·대학과 맺는 협약입니다.",
        "default_pillars": ["industry_linkage", "field_based", "class_flexibility"],
        "source_note": "경기도교육청 기자간담회 2025-07-15 (gg.newdaily.co.kr; "
        "registry/data/gyeonggi_model_schools_2025.csv)",
    },
    {
        "code": "school_company_mou",
        "sort_order": 4,
        "name_ko": "학교–기업 업무협약(MOU)",
        "name_en": "School–company memorandum of understanding",
        "description": "학교와 기업이 현장실습, 채용, 교육과정 공동 개발 등을 약속하는 업무협약입니다.",
        "default_pillars": ["industry_linkage", "field_based"],
        "source_note": "일반적인 학교–기업 업무협약 형식 (vocnet 정의)",
    },
    {
        "code": "school_university_linkage",
        "sort_order": 5,
        "name_ko": "학교–대학 연계 협약",
        "name_en": "School–university linkage agreement",
        "description": "직업계고와 대학이 선취업 후학습, 계약학과, 입학 정원 연계를 약속하는 협약입니다.",
        "default_pillars": ["university_linkage"],
        "source_note": "일반적인 고교–대학 연계 협약 형식 (vocnet 정의)",
    },
]


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    model = apps.get_model("agreements", "AgreementKind")
    for row in KINDS:
        values = dict(row)
        code = values.pop("code")
        model.objects.update_or_create(code=code, defaults=values)


def unload(apps, schema_editor):  # type: ignore[no-untyped-def]
    codes = [row["code"] for row in KINDS]
    apps.get_model("agreements", "AgreementKind").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_agreement_models")]

    operations = [migrations.RunPython(load, unload)]
