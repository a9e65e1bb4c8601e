"""Excel (.xlsx) export of any filtered registry list, on ``vocnet.spreadsheets.exporting``.

Each exporter takes a queryset already filtered and narrowed by ``vocnet.registry.selectors``
(so the permission layer decides the rows) and streams it into a write-only workbook. Headers
are Korean first with the English key, matching the import columns, so an exported sheet can
be corrected and imported again (the extra columns are ignored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from vocnet.registry.models import (
    Company,
    DataOrigin,
    Department,
    Organisation,
    School,
    Student,
)
from vocnet.spreadsheets.exporting import CHUNK_SIZE, ExportColumn, export_xlsx


def _yes_no(value: bool) -> str:
    return "Y" if value else "N"


def _region_code(organisation: Organisation) -> str:
    return organisation.region.sigungu_code if organisation.region else ""


def _region_name(organisation: Organisation) -> str:
    return organisation.region.name_ko if organisation.region else ""


def _contact_columns(get: Callable[[Any], Organisation]) -> list[ExportColumn[Any]]:
    return [
        ExportColumn("주소 / address", lambda o: get(o).address, 40),
        ExportColumn("우편번호 / postal_code", lambda o: get(o).postal_code),
        ExportColumn("대표 전화 / phone", lambda o: get(o).phone, 16),
        ExportColumn("대표 이메일 / email", lambda o: get(o).email, 26),
        ExportColumn("홈페이지 / website", lambda o: get(o).website, 30),
    ]


def _origin_column(get: Callable[[Any], Organisation]) -> ExportColumn[Any]:
    return ExportColumn("자료 구분 / data origin", lambda o: get(o).get_data_origin_display(), 22)


def _org(obj: Any) -> Organisation:
    organisation: Organisation = obj.organisation
    return organisation


ORGANISATION_COLUMNS: list[ExportColumn[Organisation]] = [
    ExportColumn("기관 유형 / kind", lambda o: o.get_kind_display(), 18),
    ExportColumn("기관명 / name_ko", lambda o: o.name_ko, 30),
    ExportColumn("영문 기관명 / name_en", lambda o: o.name_en, 30),
    ExportColumn("시군구 코드 / region_code", _region_code),
    ExportColumn("시·군 / region", _region_name),
    ExportColumn(
        "학교코드(NEIS) / neis_code",
        lambda o: school.neis_code if (school := getattr(o, "school", None)) else "",
    ),
    ExportColumn(
        "사업자등록번호 / business_number",
        lambda o: (
            company.business_number_display if (company := getattr(o, "company", None)) else ""
        ),
    ),
    ExportColumn(
        "업종 코드(KSIC 중분류) / ksic_code",
        lambda o: company.ksic_division.code if (company := getattr(o, "company", None)) else "",
    ),
    *_contact_columns(lambda o: o),
    _origin_column(lambda o: o),
]

SCHOOL_COLUMNS: list[ExportColumn[School]] = [
    ExportColumn("학교코드(NEIS) / neis_code", lambda s: s.neis_code),
    ExportColumn("학교명 / name_ko", lambda s: s.organisation.name_ko, 30),
    ExportColumn("영문 학교명 / name_en", lambda s: s.organisation.name_en, 30),
    ExportColumn("시군구 코드 / region_code", lambda s: _region_code(s.organisation)),
    ExportColumn("시·군 / region", lambda s: _region_name(s.organisation)),
    ExportColumn(
        "교육지원청 / support_office",
        lambda s: s.organisation.region.support_office.name_ko if s.organisation.region else "",
        26,
    ),
    ExportColumn("학교 유형 / school_type", lambda s: s.get_school_type_display(), 18),
    ExportColumn("설립 구분 / establishment", lambda s: s.get_establishment_display()),
    ExportColumn(
        "지정 / designations",
        lambda s: "; ".join(f"{d.get_kind_display()} {d.year}" for d in s.designations.all()),
        40,
    ),
    *_contact_columns(_org),
    _origin_column(_org),
]

COMPANY_COLUMNS: list[ExportColumn[Company]] = [
    ExportColumn("사업자등록번호 / business_number", lambda c: c.business_number_display),
    ExportColumn("기업명 / name_ko", lambda c: c.organisation.name_ko, 30),
    ExportColumn("영문 기업명 / name_en", lambda c: c.organisation.name_en, 30),
    ExportColumn("시군구 코드 / region_code", lambda c: _region_code(c.organisation)),
    ExportColumn("시·군 / region", lambda c: _region_name(c.organisation)),
    ExportColumn("업종 코드(KSIC 중분류) / ksic_code", lambda c: c.ksic_division.code),
    ExportColumn(
        "업종명 / ksic_name",
        lambda c: c.ksic_division.name_ko_11th or c.ksic_division.name_ko,
        36,
    ),
    ExportColumn("기업 규모 / size_class", lambda c: c.get_size_class_display(), 16),
    ExportColumn("상시 근로자 수 / employees", lambda c: c.employees),
    *_contact_columns(_org),
    _origin_column(_org),
]

DEPARTMENT_COLUMNS: list[ExportColumn[Department]] = [
    ExportColumn("학교코드(NEIS) / school_neis_code", lambda d: d.school.neis_code),
    ExportColumn("학교명 / school_name", lambda d: d.school.organisation.name_ko, 30),
    ExportColumn("학과명 / name_ko", lambda d: d.name_ko, 24),
    ExportColumn("NCS 중분류 코드 / ncs_code", lambda d: d.ncs_middle.code),
    ExportColumn("NCS 중분류 / ncs_name", lambda d: d.ncs_middle.name_ko, 20),
    ExportColumn("입학 정원 / intake_capacity", lambda d: d.intake_capacity),
    ExportColumn("1학년 재학생 수 / enrolled_grade_1", lambda d: d.enrolled_grade_1),
    ExportColumn("2학년 재학생 수 / enrolled_grade_2", lambda d: d.enrolled_grade_2),
    ExportColumn("3학년 재학생 수 / enrolled_grade_3", lambda d: d.enrolled_grade_3),
    ExportColumn("운영 여부 / is_active", lambda d: _yes_no(d.is_active)),
    _origin_column(lambda d: d.school.organisation),
]


def _student_origin(student: Student) -> str:
    origin = DataOrigin.SYNTHETIC if student.is_synthetic else DataOrigin.ENTERED
    return str(origin.label)


STUDENT_COLUMNS: list[ExportColumn[Student]] = [
    ExportColumn("학교코드(NEIS) / school_neis_code", lambda s: s.school.neis_code),
    ExportColumn("학교명 / school_name", lambda s: s.school.organisation.name_ko, 30),
    ExportColumn("학번 / student_number", lambda s: s.student_number),
    ExportColumn("이름 / name", lambda s: s.name, 14),
    ExportColumn("학과명 / department_name", lambda s: s.department.name_ko, 24),
    ExportColumn("학년 / grade", lambda s: s.grade),
    ExportColumn("생년월일 / birth_date", lambda s: s.birth_date, 14),
    ExportColumn("재학 여부 / is_enrolled", lambda s: _yes_no(s.is_enrolled)),
    ExportColumn("자료 구분 / data origin", _student_origin, 22),
]


def _stream(queryset: QuerySet[Any]) -> Iterable[Any]:
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def export_organisations(queryset: QuerySet[Organisation], *, title: str | None = None) -> bytes:
    """From ``selectors.organisation_list`` (region, school, company joined)."""
    return export_xlsx(
        ORGANISATION_COLUMNS, _stream(queryset), sheet_title="기관 (organisations)", title=title
    )


def export_schools(queryset: QuerySet[School], *, title: str | None = None) -> bytes:
    """From ``selectors.school_list`` (organisation, region, office joined; designations
    prefetched per chunk)."""
    return export_xlsx(SCHOOL_COLUMNS, _stream(queryset), sheet_title="학교 (schools)", title=title)


def export_companies(queryset: QuerySet[Company], *, title: str | None = None) -> bytes:
    """From ``selectors.company_list`` (organisation, region, KSIC joined)."""
    return export_xlsx(
        COMPANY_COLUMNS, _stream(queryset), sheet_title="기업 (companies)", title=title
    )


def export_departments(queryset: QuerySet[Department], *, title: str | None = None) -> bytes:
    """From :func:`departments_of` (school, organisation and NCS joined)."""
    return export_xlsx(
        DEPARTMENT_COLUMNS, _stream(queryset), sheet_title="학과 (departments)", title=title
    )


def export_students(queryset: QuerySet[Student], *, title: str | None = None) -> bytes:
    """From ``selectors.student_list`` (school, organisation, department joined)."""
    return export_xlsx(
        STUDENT_COLUMNS, _stream(queryset), sheet_title="학생 (students)", title=title
    )


def departments_of(schools: QuerySet[School]) -> QuerySet[Department]:
    """The departments of ``schools`` (a queryset from ``selectors.school_list``, which has
    applied the permission layer and the filters), joined for export."""
    return (
        Department.objects.filter(school__in=schools.values("pk"))
        .select_related("school__organisation", "ncs_middle")
        .order_by("school__organisation__name_ko", "school_id", "name_ko")
    )


EXPORTERS: dict[str, Callable[..., bytes]] = {
    "organisations": export_organisations,
    "schools": export_schools,
    "companies": export_companies,
    "departments": export_departments,
    "students": export_students,
}

EXPORT_LABELS: dict[str, tuple[str, str]] = {
    "organisations": ("기관", "organisations"),
    "schools": ("학교", "schools"),
    "companies": ("기업", "companies"),
    "departments": ("학과", "departments"),
    "students": ("학생", "students"),
}


def export_title(entity: str, filters: dict[str, Any], on: date | None = None) -> str:
    """The title line: what, when, and which filters (``region=41390`` …)."""
    label_ko, label_en = EXPORT_LABELS[entity]
    day = (on or timezone.localdate()).isoformat()
    used = ", ".join(f"{key}={value}" for key, value in filters.items() if value not in (None, ""))
    return f"vocnet {label_ko} 목록 ({label_en}) · {day} · 조건(filters): {used or '없음(none)'}"


def export_filenames(entity: str, on: date | None = None) -> tuple[str, str]:
    label_ko, label_en = EXPORT_LABELS[entity]
    day = (on or timezone.localdate()).strftime("%Y%m%d")
    return f"vocnet-{label_en}-{day}.xlsx", f"{label_ko}_목록_{day}.xlsx"
