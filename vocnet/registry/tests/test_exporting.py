"""Excel export of the filtered registry lists."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vocnet.registry import exporting, selectors
from vocnet.registry.importing import run_registry_import
from vocnet.registry.models import Student
from vocnet.registry.tests._excel_helpers import (
    SIHEUNG,
    SUWON,
    make_company,
    make_department,
    make_school,
    make_student,
    province_officer,
    read_xlsx,
    school_staff,
    valid_business_number,
)
from vocnet.spreadsheets.exporting import content_disposition
from vocnet.spreadsheets.testing import open_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> dict[str, Any]:
    school_a = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    school_b = make_school("7531000", "수원정보고등학교", SUWON, data_origin="synthetic")
    cars = make_department(school_a, "미래자동차과", "1501")
    software = make_department(school_b, "소프트웨어과", "2001")
    make_student(cars, "20250001", "김민준", grade=1)
    synthetic = make_student(cars, "20250002", "이서연", grade=2)
    Student.objects.filter(pk=synthetic.pk).update(is_synthetic=True, birth_date=date(2009, 11, 2))
    make_student(software, "20250001", "박지호", grade=3)
    company = make_company(valid_business_number(1), "(주)경기모빌리티", SIHEUNG)
    return {
        "school_a": school_a,
        "school_b": school_b,
        "company": company,
        "province": province_officer(),
        "staff_a": school_staff(school_a, "staff_a"),
    }


def test_export_xlsx_has_a_bold_frozen_filtered_header() -> None:
    # Given two columns and three rows
    columns = [
        exporting.ExportColumn[dict[str, Any]]("학교명 / name_ko", lambda r: r["name"]),
        exporting.ExportColumn[dict[str, Any]]("학년 / grade", lambda r: r["grade"], width=8),
    ]
    rows = [{"name": "가", "grade": 1}, {"name": "나", "grade": 2}, {"name": "다", "grade": 3}]
    # When they are exported
    content = exporting.export_xlsx(columns, rows, sheet_title="학생")
    # Then the header is bold, frozen and filtered, and the widths fit the Korean header
    sheet = open_xlsx(content).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["학교명 / name_ko", "학년 / grade"],
        ["가", 1],
        ["나", 2],
        ["다", 3],
    ]
    assert sheet.title == "학생"
    assert sheet["A1"].font.bold is True
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B4"
    assert sheet.column_dimensions["A"].width == 18
    assert sheet.column_dimensions["B"].width == 8


def test_a_title_line_goes_above_the_header() -> None:
    # Given a title
    columns = [exporting.ExportColumn[int]("값 / value", lambda r: r)]
    # When a list is exported with it
    content = exporting.export_xlsx(columns, [1, 2], title="vocnet 목록 · 2025-06-01")
    sheet = open_xlsx(content).active
    # Then the title is row 1 and the header, frozen and filtered, row 2
    assert [row[0].value for row in sheet.iter_rows()] == [
        "vocnet 목록 · 2025-06-01",
        "값 / value",
        1,
        2,
    ]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A3", "A2:A4")
    assert sheet["A2"].font.bold is True


def test_school_staff_export_of_students_contains_only_their_school(world: dict[str, Any]) -> None:
    # Given staff of school A and students in schools A and B
    students = selectors.student_list(user=world["staff_a"], filters=selectors.StudentFilters())
    # When they export the students they may see
    rows = read_xlsx(exporting.export_students(students))
    # Then only school A's students are in it, with synthetic ones labelled
    assert rows == [
        [
            "학교코드(NEIS) / school_neis_code",
            "학교명 / school_name",
            "학번 / student_number",
            "이름 / name",
            "학과명 / department_name",
            "학년 / grade",
            "생년월일 / birth_date",
            "재학 여부 / is_enrolled",
            "자료 구분 / data origin",
        ],
        [
            "7530900",
            "시흥미래공업고등학교",
            "20250001",
            "김민준",
            "미래자동차과",
            1,
            None,
            "Y",
            "사용자 입력",
        ],
        [
            "7530900",
            "시흥미래공업고등학교",
            "20250002",
            "이서연",
            "미래자동차과",
            2,
            datetime(2009, 11, 2),
            "Y",
            "합성(데모) 데이터",
        ],
    ]


def test_students_export_follows_the_filters(world: dict[str, Any]) -> None:
    # Given students in grades 1 to 3
    students = selectors.student_list(
        user=world["province"], filters=selectors.StudentFilters(grade=3)
    )
    # When grade 3 is exported
    rows = read_xlsx(exporting.export_students(students))
    # Then only that student is in the file
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [("7531000", "20250001", "박지호")]


def test_schools_export_respects_the_region_filter(world: dict[str, Any]) -> None:
    # Given schools in 시흥 and 수원
    schools = selectors.school_list(
        user=world["province"], filters=selectors.RegistryFilters(region=SIHEUNG)
    )
    # When the 시흥 list is exported
    rows = read_xlsx(exporting.export_schools(schools))
    # Then it holds the 시흥 school only, with labels for the codes
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["학교코드(NEIS) / neis_code"] == "7530900"
    assert row["시군구 코드 / region_code"] == "41390"
    assert row["시·군 / region"] == "시흥시"
    assert row["학교 유형 / school_type"] == "특성화고"
    assert row["자료 구분 / data origin"] == "사용자 입력"


def test_organisations_export_labels_synthetic_rows(world: dict[str, Any]) -> None:
    # Given a synthetic school and an entered one
    organisations = selectors.organisation_list(
        user=world["province"], filters=selectors.RegistryFilters(kind="school")
    )
    # When the schools' organisations are exported
    rows = read_xlsx(exporting.export_organisations(organisations))
    header = rows[0]
    by_name = {
        r[header.index("기관명 / name_ko")]: dict(zip(header, r, strict=True)) for r in rows[1:]
    }
    # Then the synthetic one is labelled as such
    assert sorted(by_name) == ["수원정보고등학교", "시흥미래공업고등학교"]
    assert by_name["수원정보고등학교"]["자료 구분 / data origin"] == "합성(데모) 데이터"
    assert by_name["수원정보고등학교"]["학교코드(NEIS) / neis_code"] == "7531000"
    assert by_name["수원정보고등학교"]["사업자등록번호 / business_number"] is None


def test_companies_export_shows_the_business_number_with_hyphens(world: dict[str, Any]) -> None:
    # Given a company
    companies = selectors.company_list(user=world["province"], filters=selectors.RegistryFilters())
    # When the companies are exported
    rows = read_xlsx(exporting.export_companies(companies))
    row = dict(zip(rows[0], rows[1], strict=True))
    number = valid_business_number(1)
    # Then its business number is shown as 123-45-67890, with code and label
    assert row["사업자등록번호 / business_number"] == f"{number[:3]}-{number[3:5]}-{number[5:]}"
    assert (row["업종 코드(KSIC 중분류) / ksic_code"], row["기업 규모 / size_class"]) == (
        "30",
        "중소기업",
    )


def test_departments_export_follows_the_school_filters(world: dict[str, Any]) -> None:
    # Given departments in 시흥 and 수원
    schools = selectors.school_list(
        user=world["province"], filters=selectors.RegistryFilters(region=SUWON)
    )
    # When the departments of 수원's schools are exported
    rows = read_xlsx(exporting.export_departments(exporting.departments_of(schools)))
    # Then only those are in the file
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [("7531000", "소프트웨어과", "2001")]


@pytest.mark.parametrize(
    "entity", ["organisations", "schools", "companies", "departments", "students"]
)
def test_an_export_costs_the_same_queries_for_more_rows(world: dict[str, Any], entity: str) -> None:
    # Given the query count of an export of the small world
    def export_queries() -> int:
        user = world["province"]
        filters = selectors.RegistryFilters()
        querysets = {
            "organisations": lambda: selectors.organisation_list(user=user, filters=filters),
            "schools": lambda: selectors.school_list(user=user, filters=filters),
            "companies": lambda: selectors.company_list(user=user, filters=filters),
            "departments": lambda: exporting.departments_of(
                selectors.school_list(user=user, filters=filters)
            ),
            "students": lambda: selectors.student_list(
                user=user, filters=selectors.StudentFilters()
            ),
        }
        with CaptureQueriesContext(connection) as queries:
            exporting.EXPORTERS[entity](querysets[entity]())
        return len(queries)

    export_queries()  # the first also computes the user's permissions (cached after)
    small = export_queries()
    # When ten more of everything exist
    for i in range(10):
        school = make_school(f"75320{i:02d}", f"추가고등학교{i}", SIHEUNG)
        department = make_department(school, "추가학과")
        make_student(department, f"2025{i:04d}", f"학생{i}")
        make_company(valid_business_number(100 + i), f"(주)추가{i}")
    # Then the export makes the same number of queries (no query per row)
    assert export_queries() == small


def test_an_exported_student_list_imports_back_unchanged(world: dict[str, Any]) -> None:
    # Given the student list school staff exported
    students = selectors.student_list(user=world["staff_a"], filters=selectors.StudentFilters())
    content = exporting.export_students(students, title="vocnet 학생 목록 · 2025-06-01")
    # When they import it again
    report = run_registry_import(
        actor=world["staff_a"],
        entity="students",
        file_name="students.xlsx",
        content=content,
        dry_run=False,
    )
    # Then every row matches what is stored; extra columns are ignored
    assert report.counts() == {"rows": 2, "create": 0, "update": 0, "unchanged": 2, "errors": 0}
    assert report.ignored_columns == ["학교명 / school_name", "자료 구분 / data origin"]


def test_export_file_names_are_ascii_with_a_korean_alternative() -> None:
    # Given an export of students on 2025-06-01
    # When its file names are made
    ascii_name, korean_name = exporting.export_filenames("students", on=date(2025, 6, 1))
    # Then the ASCII name and the RFC 5987 Korean name are given
    assert (ascii_name, korean_name) == ("vocnet-students-20250601.xlsx", "학생_목록_20250601.xlsx")
    assert content_disposition(ascii_name, korean_name) == (
        'attachment; filename="vocnet-students-20250601.xlsx"; '
        "filename*=UTF-8''%ED%95%99%EC%83%9D_%EB%AA%A9%EB%A1%9D_20250601.xlsx"
    )
