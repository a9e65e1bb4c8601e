"""Import of schools, departments, companies and students from .xlsx and .csv."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vocnet.core.errors import PermissionDenied
from vocnet.core.models import AuditEvent
from vocnet.registry.importing import run_registry_import
from vocnet.registry.models import Company, Department, Organisation, School, Student
from vocnet.registry.tests._excel_helpers import (
    COMPANY_HEADER,
    DEPARTMENT_HEADER,
    SCHOOL_HEADER,
    SIHEUNG,
    STUDENT_HEADER,
    SUWON,
    company_staff,
    counts,
    csv_bytes,
    invalid_business_number,
    make_company,
    make_department,
    make_school,
    make_student,
    make_user,
    province_officer,
    school_staff,
    support_office_officer,
    valid_business_number,
    xlsx_bytes,
)
from vocnet.spreadsheets import FileTooLarge, ImportFileError, UnsupportedFileType

pytestmark = pytest.mark.django_db

# Excel's "CSV UTF-8" (BOM), plain UTF-8, Korean Excel's default CSV (CP949) and EUC-KR.
ENCODINGS = ["utf-8-sig", "utf-8", "cp949", "euc-kr"]


def _file(kind: str, header: list[str], rows: list[list[Any]]) -> tuple[str, bytes]:
    """("xlsx"|encoding) → (file name, content)."""
    if kind == "xlsx":
        return "data.xlsx", xlsx_bytes(header, rows)
    return "data.csv", csv_bytes(header, rows, encoding=kind)


def _import(user: Any, entity: str, name: str, content: bytes, *, commit: bool = False) -> Any:
    return run_registry_import(
        actor=user, entity=entity, file_name=name, content=content, dry_run=not commit
    )


def _errors(report: Any) -> list[tuple[int, str, str]]:
    return [(e.row_number, e.field, e.code) for e in report.errors]


@pytest.fixture
def province() -> Any:
    return province_officer()


@pytest.fixture
def school_a() -> School:
    school = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    make_department(school, "미래자동차과", "1501")
    make_department(school, "스마트전기과", "1901")
    return school


@pytest.fixture
def school_b() -> School:
    school = make_school("7531000", "수원정보고등학교", SUWON)
    make_department(school, "소프트웨어과", "2001")
    return school


SCHOOL_ROWS = [
    ["7530001", "새솔공업고등학교", "41390", "specialized", "public"],
    ["7530002", "한빛마이스터고등학교", "41110", "마이스터고", "사립"],
]


# Schools -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", *ENCODINGS])
def test_schools_import_creates_each_row_with_its_organisation(province: Any, kind: str) -> None:
    # Given a file of two new schools (xlsx, or CSV in UTF-8 with/without BOM or CP949)
    name, content = _file(kind, SCHOOL_HEADER, SCHOOL_ROWS)
    # When a province officer imports it
    report = _import(province, "schools", name, content, commit=True)
    # Then both are created with their organisation, and one audit entry has the counts
    assert (report.committed, report.errors) == (True, [])
    assert report.counts() == {"rows": 2, "create": 2, "update": 0, "unchanged": 0, "errors": 0}
    hanbit = School.objects.select_related("organisation__region").get(neis_code="7530002")
    assert hanbit.organisation.name_ko == "한빛마이스터고등학교"
    assert hanbit.organisation.kind == "school"
    assert hanbit.organisation.region is not None
    assert hanbit.organisation.region.sigungu_code == "41110"
    assert (hanbit.school_type, hanbit.establishment) == ("meister", "private")
    assert hanbit.organisation.data_origin == "entered"
    audit = AuditEvent.objects.get(action="import.schools")
    assert audit.actor == province
    assert (audit.object_type, audit.object_id) == ("registry.school", "import")
    assert audit.after is not None
    assert {k: audit.after[k] for k in ("rows", "create", "update", "unchanged")} == {
        "rows": 2,
        "create": 2,
        "update": 0,
        "unchanged": 0,
    }
    # CP949 is a superset of EUC-KR, so an EUC-KR file reads as CP949.
    expected_encoding = {"xlsx": None, "euc-kr": "cp949"}.get(kind, kind)
    assert report.encoding == expected_encoding


def test_dry_run_reports_the_counts_and_writes_nothing(province: Any) -> None:
    # Given a valid file of two schools
    before = counts()
    # When it is checked (the default is a dry run)
    report = run_registry_import(
        actor=province,
        entity="schools",
        file_name="s.xlsx",
        content=xlsx_bytes(SCHOOL_HEADER, SCHOOL_ROWS),
    )
    # Then it says what would happen and writes nothing, not even an audit entry
    assert (report.dry_run, report.committed, report.code) == (True, False, "dry_run_ok")
    assert report.counts() == {"rows": 2, "create": 2, "update": 0, "unchanged": 0, "errors": 0}
    assert counts() == before


def test_importing_the_same_file_twice_creates_nothing_the_second_time(province: Any) -> None:
    # Given a file already imported once
    content = xlsx_bytes(SCHOOL_HEADER, SCHOOL_ROWS)
    _import(province, "schools", "s.xlsx", content, commit=True)
    before = counts()
    # When it is imported again
    report = _import(province, "schools", "s.xlsx", content, commit=True)
    # Then every row is unchanged and only the audit entry of the second import is new
    assert report.counts() == {"rows": 2, "create": 0, "update": 0, "unchanged": 2, "errors": 0}
    assert counts() == before | {"audit": before["audit"] + 1}


def test_a_changed_row_updates_the_school_in_place(province: Any) -> None:
    # Given a registered school
    school = make_school("7530001", "새솔공업고", SIHEUNG)
    # When a file with a new name and type for its NEIS code is imported
    report = _import(
        province,
        "schools",
        "s.xlsx",
        xlsx_bytes(SCHOOL_HEADER, [["7530001", "새솔공업고등학교", "41390", "meister", "public"]]),
        commit=True,
    )
    # Then the same rows are updated
    assert report.counts() == {"rows": 1, "create": 0, "update": 1, "unchanged": 0, "errors": 0}
    school.refresh_from_db()
    school.organisation.refresh_from_db()
    assert (school.organisation.name_ko, school.school_type) == ("새솔공업고등학교", "meister")
    assert School.objects.count() == 1


def test_an_absent_optional_column_is_kept_and_an_empty_cell_clears(province: Any) -> None:
    # Given a school with an address, a phone number and synthetic data origin
    school = make_school("7530001", "새솔공업고등학교", SIHEUNG, data_origin="synthetic")
    Organisation.objects.filter(pk=school.pk).update(address="시흥시 1", phone="031-123-4567")
    # When a file has an empty address cell, no phone column and an empty data origin
    header = [*SCHOOL_HEADER, "주소 / address", "자료 구분 / data_origin"]
    row = ["7530001", "새솔공업고등학교", "41390", "specialized", "public", "", ""]
    report = _import(province, "schools", "s.xlsx", xlsx_bytes(header, [row]), commit=True)
    # Then the address is cleared, the phone and the data origin are kept
    organisation = Organisation.objects.get(pk=school.pk)
    assert report.update == 1
    assert (organisation.address, organisation.phone) == ("", "031-123-4567")
    assert organisation.data_origin == "synthetic"


def test_one_bad_row_among_good_rows_writes_nothing_and_names_row_field_and_rule(
    province: Any,
) -> None:
    # Given three rows, the third (spreadsheet row 4) with an unknown region code
    rows = [*SCHOOL_ROWS, ["7530003", "없는시고등학교", "41999", "specialized", "public"]]
    before = counts()
    # When the file is imported for real
    report = _import(province, "schools", "s.xlsx", xlsx_bytes(SCHOOL_HEADER, rows), commit=True)
    # Then nothing is written and the bad row is reported in Korean and English
    assert counts() == before
    assert (report.committed, report.code) == (False, "import_rows_invalid")
    assert report.counts() == {"rows": 3, "create": 2, "update": 0, "unchanged": 0, "errors": 1}
    [error] = report.errors
    assert error.as_dict() == {
        "row": 4,
        "field": "region_code",
        "column": "시군구 코드",
        "code": "unknown_region",
        "message_ko": "4행 시군구 코드: 등록되지 않은 시군구 코드입니다: 41999",
        "message_en": "Row 4 region_code: not a known sigungu code: 41999",
    }


def test_every_broken_rule_of_a_row_is_listed(province: Any) -> None:
    # Given a row with a bad NEIS code, an over-long name and an unknown school type
    rows = [["75300", "가" * 101, "41390", "special", "public"]]
    before = counts()
    # When it is checked
    report = _import(province, "schools", "s.csv", csv_bytes(SCHOOL_HEADER, rows))
    # Then each rule is reported with the row number
    assert _errors(report) == [
        (2, "neis_code", "invalid_digits"),
        (2, "name_ko", "max_length"),
        (2, "school_type", "invalid_choice"),
    ]
    assert report.errors[1].message_ko == (
        "2행 학교명: 최대 100자까지 입력할 수 있습니다(입력 101자)"
    )
    assert report.errors[1].message_en == (
        "Row 2 name_ko: at most 100 characters are allowed (got 101)"
    )
    assert report.errors[2].message_en == (
        "Row 2 school_type: not an allowed value: 'special' (allowed: specialized=특성화고, "
        "meister=마이스터고, general_vocational=일반고 직업계열)"
    )
    assert counts() == before


def test_a_key_repeated_in_the_file_names_both_rows(province: Any) -> None:
    # Given the same NEIS code in rows 2 and 3
    rows = [SCHOOL_ROWS[0], [*SCHOOL_ROWS[0][:1], "다른 이름", "41390", "specialized", "public"]]
    before = counts()
    # When the file is imported
    report = _import(province, "schools", "s.xlsx", xlsx_bytes(SCHOOL_HEADER, rows), commit=True)
    # Then row 3 is an error naming row 2, and nothing is written
    [error] = report.errors
    assert (error.row_number, error.field, error.code) == (3, "neis_code", "duplicate_in_file")
    assert error.message_ko == ("3행 학교코드(NEIS): 2행과 학교코드가 같습니다(파일 안 중복)")
    assert error.message_en == "Row 3 neis_code: same NEIS code as row 2 (duplicate in the file)"
    assert counts() == before


def test_a_missing_required_column_is_a_file_error_naming_it(province: Any) -> None:
    # Given a file without the school type column
    header = [h for h in SCHOOL_HEADER if "school_type" not in h]
    rows = [[r[0], r[1], r[2], r[4]] for r in SCHOOL_ROWS]
    before = counts()
    # When it is imported
    with pytest.raises(ImportFileError) as caught:
        _import(province, "schools", "s.xlsx", xlsx_bytes(header, rows), commit=True)
    # Then the error names the column in Korean and English, and nothing is written
    assert caught.value.code == "invalid_columns"
    assert caught.value.status == 422
    [problem] = caught.value.problems
    assert problem.as_dict() == {
        "field": "school_type",
        "code": "missing_column",
        "message_ko": "필수 열이 없습니다: 학교 유형 / school_type",
        "message_en": "A required column is missing: 학교 유형 / school_type",
    }
    assert counts() == before


@pytest.mark.parametrize(
    "header",
    [
        ["학교코드(NEIS)", "학교명", "시군구 코드", "학교 유형", "설립 구분"],
        ["neis_code", "name_ko", "region_code", "school_type", "establishment"],
        ["NEIS_CODE ", " Name_Ko", "region code", "School_Type", "establishment"],
    ],
)
def test_headers_may_be_the_korean_name_or_the_english_key(
    province: Any, header: list[str]
) -> None:
    # Given a file whose header uses only one half of the template's headers
    # When it is checked
    report = _import(province, "schools", "s.xlsx", xlsx_bytes(header, SCHOOL_ROWS))
    # Then every column is recognised
    assert (report.create, report.errors, report.ignored_columns) == (2, [], [])


def test_a_title_line_above_the_header_and_unknown_columns_are_tolerated(province: Any) -> None:
    # Given a title in row 1, the header in row 2 with a note column, a row in row 3
    content = xlsx_bytes(
        ["2025 학교 목록"],
        [[*SCHOOL_HEADER, "비고"], [*SCHOOL_ROWS[0][:2], "41999", *SCHOOL_ROWS[0][3:], "메모"]],
    )
    # When it is checked
    report = _import(province, "schools", "s.xlsx", content)
    # Then the header is found, the note ignored and the row numbered as the sheet numbers it
    assert report.ignored_columns == ["비고"]
    assert _errors(report) == [(3, "region_code", "unknown_region")]


# Companies ---------------------------------------------------------------------------------


def _company_row(seed: int, **changes: Any) -> list[Any]:
    row = {
        "business_number": valid_business_number(seed),
        "name_ko": f"(주)경기모빌리티{seed}",
        "region_code": "41390",
        "ksic_code": "30",
        "size_class": "sme",
        "employees": 120,
    }
    row.update(changes)
    return list(row.values())


@pytest.mark.parametrize("kind", ["xlsx", *ENCODINGS])
def test_companies_import_normalises_the_business_number(province: Any, kind: str) -> None:
    # Given a company whose business number is written with hyphens
    number = valid_business_number(1)
    hyphenated = f"{number[:3]}-{number[3:5]}-{number[5:]}"
    name, content = _file(kind, COMPANY_HEADER, [_company_row(1, business_number=hyphenated)])
    # When it is imported
    report = _import(province, "companies", name, content, commit=True)
    # Then it is stored with the ten digits and its KSIC division
    assert (report.create, report.errors) == (1, [])
    company = Company.objects.select_related("ksic_division", "organisation").get()
    assert (company.business_number, company.ksic_division.code) == (number, "30")
    assert (company.size_class, company.employees) == ("sme", 120)
    assert company.organisation.kind == "company"


def test_a_business_number_with_a_wrong_check_digit_is_refused(province: Any) -> None:
    # Given a second row whose business number fails the check digit
    bad = invalid_business_number(2)
    rows = [_company_row(1), _company_row(2, business_number=bad)]
    before = counts()
    # When the file is imported
    report = _import(province, "companies", "c.xlsx", xlsx_bytes(COMPANY_HEADER, rows), commit=True)
    # Then row 3 is reported in both languages and nothing is written
    [error] = report.errors
    assert (error.row_number, error.field, error.code) == (
        3,
        "business_number",
        "business_number_check_digit",
    )
    assert error.message_ko == (
        f"3행 사업자등록번호: 검증번호(마지막 자리)가 맞지 않습니다(입력: {bad})"
    )
    assert error.message_en == (
        f"Row 3 business_number: the check digit (last digit) does not match (got '{bad}')"
    )
    assert counts() == before


def test_company_codes_and_numbers_are_checked(province: Any) -> None:
    # Given an unknown KSIC division, text in the employees column and a bad size class
    rows = [
        _company_row(1, ksic_code="04"),
        _company_row(2, employees="많음"),
        _company_row(3, employees=-1, size_class="huge"),
    ]
    before = counts()
    # When the file is imported
    report = _import(province, "companies", "c.csv", csv_bytes(COMPANY_HEADER, rows), commit=True)
    # Then each problem is named
    assert _errors(report) == [
        (2, "ksic_code", "unknown_ksic"),
        (3, "employees", "not_integer"),
        (4, "size_class", "invalid_choice"),
        (4, "employees", "out_of_range"),
    ]
    assert report.errors[1].message_ko == "3행 상시 근로자 수: 정수여야 합니다(입력: 많음)"
    assert report.errors[1].message_en == "Row 3 employees: must be a whole number (got '많음')"
    assert counts() == before


def test_a_company_is_updated_by_its_business_number(province: Any) -> None:
    # Given a registered company
    number = valid_business_number(5)
    company = make_company(number, "(주)옛이름")
    # When a file with the same business number and new figures is imported twice
    content = xlsx_bytes(COMPANY_HEADER, [_company_row(5, ksic_code=26, employees=300)])
    first = _import(province, "companies", "c.xlsx", content, commit=True)
    second = _import(province, "companies", "c.xlsx", content, commit=True)
    # Then the company is updated once, then unchanged
    assert (first.update, second.unchanged, second.update, second.create) == (1, 1, 0, 0)
    company.refresh_from_db()
    assert (company.ksic_division.code, company.employees) == ("26", 300)
    assert company.organisation.name_ko == "(주)경기모빌리티5"


def test_company_staff_may_update_their_company_but_not_register_others() -> None:
    # Given a company and its staff member
    company = make_company(valid_business_number(5), "(주)우리회사")
    staff = company_staff(company)
    rows = [_company_row(5, employees=70), _company_row(6)]
    before = counts()
    # When they import a file changing their company and adding another
    report = _import(staff, "companies", "c.xlsx", xlsx_bytes(COMPANY_HEADER, rows), commit=True)
    # Then the new company is refused (row 3) and nothing is written
    assert _errors(report) == [(3, "region_code", "permission_denied")]
    assert report.http_status == 403
    assert counts() == before


# Departments -------------------------------------------------------------------------------


def test_departments_import_to_an_existing_school(province: Any, school_a: School) -> None:
    # Given a new department and a changed one; the NCS code typed as a number loses its 0
    rows = [
        ["7530900", "경영회계과", 201, 24],
        ["7530900", "미래자동차과", "1502", 60],
    ]
    # When the file is imported
    report = _import(
        province, "departments", "d.xlsx", xlsx_bytes(DEPARTMENT_HEADER, rows), commit=True
    )
    # Then one is created (NCS 0201) and one updated; empty counts default to 0
    assert report.counts() == {"rows": 2, "create": 1, "update": 1, "unchanged": 0, "errors": 0}
    created = Department.objects.select_related("ncs_middle").get(name_ko="경영회계과")
    assert (created.ncs_middle.code, created.intake_capacity, created.is_active) == (
        "0201",
        24,
        True,
    )
    updated = Department.objects.select_related("ncs_middle").get(name_ko="미래자동차과")
    assert (updated.ncs_middle.code, updated.intake_capacity) == ("1502", 60)


def test_departments_need_a_known_school_and_ncs_code(province: Any, school_a: School) -> None:
    # Given an unknown school, an unknown NCS code and an intake out of range
    rows = [
        ["7999999", "새학과", "1501", 24],
        ["7530900", "새학과", "9999", 24],
        ["7530900", "큰학과", "1501", 501],
    ]
    before = counts()
    # When the file is imported
    report = _import(
        province, "departments", "d.csv", csv_bytes(DEPARTMENT_HEADER, rows, "cp949"), commit=True
    )
    # Then each is reported and nothing is written
    assert _errors(report) == [
        (2, "school_neis_code", "unknown_school"),
        (3, "ncs_code", "unknown_ncs"),
        (4, "intake_capacity", "out_of_range"),
    ]
    assert report.errors[0].message_ko == (
        "2행 학교코드(NEIS): 등록되지 않은 학교코드입니다: 7999999 (학교를 먼저 등록하세요)"
    )
    assert report.errors[2].message_en == (
        "Row 4 intake_capacity: must be a whole number from 1 to 500 (got 501)"
    )
    assert counts() == before


def test_school_staff_may_import_departments_of_their_school_only(
    school_a: School, school_b: School
) -> None:
    # Given staff of school A
    staff = school_staff(school_a, "staff_a")
    own = xlsx_bytes(DEPARTMENT_HEADER, [["7530900", "드론과", "1501", 20]])
    other = xlsx_bytes(DEPARTMENT_HEADER, [["7531000", "드론과", "1501", 20]])
    # When they import a department of their school, then one of school B
    own_report = _import(staff, "departments", "d.xlsx", own, commit=True)
    before = counts()
    other_report = _import(staff, "departments", "d.xlsx", other, commit=True)
    # Then the first is written, the second refused with nothing written
    assert (own_report.committed, own_report.create) == (True, 1)
    assert _errors(other_report) == [(2, "school_neis_code", "permission_denied")]
    assert counts() == before


# Students ----------------------------------------------------------------------------------

STUDENT_ROWS = [
    ["7530900", "20250001", "김민준", "미래자동차과", 1],
    ["7530900", "20250002", "이서연", "스마트전기과", 2],
    ["7530900", "20250003", "박지호", "미래자동차과", 3],
]


@pytest.mark.parametrize("kind", ["xlsx", *ENCODINGS])
def test_students_import_from_xlsx_and_csv(province: Any, school_a: School, kind: str) -> None:
    # Given a file of three students of school A
    name, content = _file(kind, STUDENT_HEADER, STUDENT_ROWS)
    # When it is imported
    report = _import(province, "students", name, content, commit=True)
    # Then each is registered in its department
    assert report.counts() == {"rows": 3, "create": 3, "update": 0, "unchanged": 0, "errors": 0}
    seoyeon = Student.objects.select_related("department").get(student_number="20250002")
    assert (seoyeon.name, seoyeon.grade, seoyeon.department.name_ko) == (
        "이서연",
        2,
        "스마트전기과",
    )
    assert (seoyeon.school_id, seoyeon.is_enrolled, seoyeon.is_synthetic) == (
        school_a.pk,
        True,
        False,
    )


def test_student_numbers_typed_as_numbers_and_dates_in_any_usual_form(
    province: Any, school_a: School
) -> None:
    # Given student numbers as number cells and birth dates as a date cell and as text
    header = [*STUDENT_HEADER, "생년월일 / birth_date", "합성 데이터 여부 / is_synthetic"]
    rows = [
        [7530900, 20250001, "김민준", "미래자동차과", 1.0, date(2009, 3, 15), "Y"],
        ["7530900", "20250002", "이서연", "스마트전기과", "2", "2009.11.02", "아니오"],
        ["7530900", "20250003", "박지호", "미래자동차과", 3, "20080101", ""],
    ]
    # When the file is imported
    report = _import(province, "students", "s.xlsx", xlsx_bytes(header, rows), commit=True)
    # Then the values are read as the user meant them
    assert report.errors == []
    stored = {
        s.student_number: (s.grade, s.birth_date, s.is_synthetic) for s in Student.objects.all()
    }
    assert stored == {
        "20250001": (1, date(2009, 3, 15), True),
        "20250002": (2, date(2009, 11, 2), False),
        "20250003": (3, date(2008, 1, 1), False),
    }


def test_students_reimport_is_idempotent_and_a_change_is_an_update(
    province: Any, school_a: School
) -> None:
    # Given the three students imported once
    _import(province, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, STUDENT_ROWS), commit=True)
    # When the same file is imported again, then a file where one student moved up a grade
    again = _import(
        province, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, STUDENT_ROWS), commit=True
    )
    changed_rows = [STUDENT_ROWS[0], [*STUDENT_ROWS[1][:4], 3], STUDENT_ROWS[2]]
    changed = _import(
        province, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, changed_rows), commit=True
    )
    # Then the second run changes nothing and the third updates one student
    assert again.counts() == {"rows": 3, "create": 0, "update": 0, "unchanged": 3, "errors": 0}
    assert changed.counts() == {"rows": 3, "create": 0, "update": 1, "unchanged": 2, "errors": 0}
    assert Student.objects.get(student_number="20250002").grade == 3
    assert Student.objects.count() == 3


def test_student_rows_are_checked_against_their_school(province: Any, school_a: School) -> None:
    # Given an unknown department, an over-long name, a grade of 4, text as grade, a bad
    # date and a repeated student number
    header = [*STUDENT_HEADER, "생년월일 / birth_date"]
    rows = [
        ["7530900", "20250001", "김민준", "없는과", 1, ""],
        ["7530900", "20250002", "이" * 51, "미래자동차과", 4, ""],
        ["7530900", "20250003", "박지호", "미래자동차과", "삼", "2009-02-30"],
        ["7530900", "20250001", "최유나", "미래자동차과", 1, ""],
        ["7530900", "12", "정하준", "미래자동차과", 1, ""],
    ]
    before = counts()
    # When the file is imported
    report = _import(province, "students", "s.xlsx", xlsx_bytes(header, rows), commit=True)
    # Then every problem is listed with its row, and nothing is written
    assert _errors(report) == [
        (2, "department_name", "unknown_department"),
        (3, "name", "max_length"),
        (3, "grade", "out_of_range"),
        (4, "grade", "not_integer"),
        (4, "birth_date", "invalid_date"),
        (5, "student_number", "duplicate_in_file"),
        (6, "student_number", "invalid_digits"),
    ]
    assert report.errors[0].message_ko == (
        "2행 학과명: 학교 7530900에 등록되지 않은 학과입니다: 없는과"
    )
    assert report.errors[5].message_en == (
        "Row 5 student_number: same school code and student number as row 2 (duplicate in the file)"
    )
    assert report.errors[6].message_ko == ("6행 학번: 4~10자리 숫자여야 합니다(입력: 12)")
    assert report.counts()["errors"] == 5
    assert counts() == before


def test_school_staff_may_not_import_students_of_another_school(
    school_a: School, school_b: School
) -> None:
    # Given staff of school A and a file with a student of school B among theirs
    staff = school_staff(school_a, "staff_a")
    rows = [STUDENT_ROWS[0], ["7531000", "20250009", "강도윤", "소프트웨어과", 1]]
    before = counts()
    # When they import it
    report = _import(staff, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, rows), commit=True)
    # Then the row of school B is refused, and nothing at all is written
    [error] = report.errors
    assert (error.row_number, error.field, error.code) == (
        3,
        "school_neis_code",
        "permission_denied",
    )
    assert error.message_ko == (
        "3행 학교코드(NEIS): 이 학교의 학생을 등록하거나 수정할 권한이 없습니다"
    )
    assert (report.http_status, report.committed) == (403, False)
    assert counts() == before


def test_a_refused_user_cannot_tell_existing_students_from_new_ones(
    school_a: School, school_b: School
) -> None:
    # Given a student of school B, and staff of school A
    make_student(Department.objects.get(name_ko="소프트웨어과"), "20250009", "강도윤")
    staff = school_staff(school_a, "staff_a")
    rows = [
        ["7531000", "20250009", "강도윤", "소프트웨어과", 1],
        ["7531000", "20250010", "새학생", "소프트웨어과", 1],
    ]
    # When they check a file with that student and an unknown one
    report = _import(staff, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, rows))
    # Then both rows get the same refusal and the counts reveal nothing
    assert _errors(report) == [
        (2, "school_neis_code", "permission_denied"),
        (3, "school_neis_code", "permission_denied"),
    ]
    assert (report.create, report.update, report.unchanged) == (0, 0, 0)


def test_school_staff_import_students_of_their_own_school(school_a: School) -> None:
    # Given staff of school A
    staff = school_staff(school_a, "staff_a")
    # When they import their students
    report = _import(
        staff, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, STUDENT_ROWS), commit=True
    )
    # Then they are written
    assert (report.committed, report.create) == (True, 3)


def test_a_support_office_registers_schools_of_its_regions_only() -> None:
    # Given an officer of the 시흥 support office
    officer = support_office_officer(SIHEUNG)
    before = counts()
    # When they import a school of 시흥 and one of 수원
    report = _import(
        officer, "schools", "s.xlsx", xlsx_bytes(SCHOOL_HEADER, SCHOOL_ROWS), commit=True
    )
    # Then the 수원 school (row 3) is refused and nothing is written
    assert _errors(report) == [(3, "region_code", "permission_denied")]
    assert counts() == before
    # And a file of 시흥 schools alone goes through
    ok = _import(
        officer, "schools", "s.xlsx", xlsx_bytes(SCHOOL_HEADER, SCHOOL_ROWS[:1]), commit=True
    )
    assert (ok.committed, ok.create) == (True, 1)


def test_school_staff_may_update_their_own_school_but_not_another(
    school_a: School, school_b: School
) -> None:
    # Given staff of school A
    staff = school_staff(school_a, "staff_a")
    rows = [
        ["7530900", "시흥미래공업고등학교", "41390", "meister", "public"],
        ["7531000", "수원정보고등학교", "41110", "meister", "public"],
    ]
    before = counts()
    # When they import changes to both schools
    report = _import(staff, "schools", "s.xlsx", xlsx_bytes(SCHOOL_HEADER, rows), commit=True)
    # Then school B is refused by its NEIS code, and nothing is written
    assert _errors(report) == [(3, "neis_code", "permission_denied")]
    assert counts() == before
    assert School.objects.get(pk=school_a.pk).school_type == "specialized"


# Files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("students.xls", b"\xd0\xcf\x11\xe0", "unsupported_file_type"),
        ("students.txt", b"a,b", "unsupported_file_type"),
        ("students.xlsx", b"neis_code,name\n", "not_xlsx"),
        ("students.csv", b"PK\x03\x04rest", "not_csv"),
    ],
)
def test_a_wrong_file_type_is_refused(province: Any, name: str, content: bytes, code: str) -> None:
    # Given a file that is not .xlsx/.csv, or not what its name says
    before = counts()
    # When it is imported
    with pytest.raises(UnsupportedFileType) as caught:
        _import(province, "students", name, content, commit=True)
    # Then it is refused as unsupported (415), and nothing is written
    assert (caught.value.code, caught.value.status) == (code, 415)
    assert counts() == before


def test_a_file_over_the_limit_is_refused(province: Any) -> None:
    # Given a file larger than the limit
    before = counts()
    # When it is imported
    with pytest.raises(FileTooLarge) as caught:
        run_registry_import(
            actor=province,
            entity="schools",
            file_name="s.csv",
            content=csv_bytes(SCHOOL_HEADER, SCHOOL_ROWS),
            dry_run=False,
            max_bytes=10,
        )
    # Then it is refused as too large (413), and nothing is written
    assert (caught.value.code, caught.value.status) == ("file_too_large", 413)
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "code"),
    [
        # 0xFF starts no character in UTF-8 or CP949.
        (b"neis_code,name_ko\n\xff\x41,x\n", "unknown_encoding"),
        (b"", "empty_file"),
        (csv_bytes(SCHOOL_HEADER, []), "no_rows"),
    ],
)
def test_unreadable_or_empty_csv_is_a_file_error(province: Any, content: bytes, code: str) -> None:
    # Given a CSV in an unknown encoding, an empty one, or one with only the header
    before = counts()
    # When it is imported
    with pytest.raises(ImportFileError) as caught:
        _import(province, "schools", "s.csv", content, commit=True)
    # Then a file error says so, and nothing is written
    assert (caught.value.code, caught.value.status) == (code, 422)
    assert counts() == before


def test_a_damaged_xlsx_is_a_file_error(province: Any) -> None:
    # Given a file with the zip signature that is no workbook
    before = counts()
    # When it is imported
    with pytest.raises(ImportFileError) as caught:
        _import(province, "schools", "s.xlsx", b"PK\x03\x04 not really a zip", commit=True)
    # Then it is a file error, and nothing is written
    assert (caught.value.code, caught.value.status) == ("unreadable_xlsx", 422)
    assert counts() == before


def test_an_anonymous_actor_is_refused() -> None:
    # Given no signed-in user
    before = counts()
    # When a file is imported
    with pytest.raises(PermissionDenied):
        _import(
            AnonymousUser(),
            "schools",
            "s.xlsx",
            xlsx_bytes(SCHOOL_HEADER, SCHOOL_ROWS),
            commit=True,
        )
    # Then the permission layer refuses it, and nothing is written
    assert counts() == before


def test_a_user_without_membership_is_refused_row_by_row() -> None:
    # Given a user with no membership
    nobody = make_user("nobody")
    before = counts()
    # When they import a file of schools
    report = _import(
        nobody, "schools", "s.xlsx", xlsx_bytes(SCHOOL_HEADER, SCHOOL_ROWS), commit=True
    )
    # Then every row is refused by the permission layer
    assert _errors(report) == [
        (2, "region_code", "permission_denied"),
        (3, "region_code", "permission_denied"),
    ]
    assert counts() == before


def test_checking_more_rows_costs_no_more_queries(province: Any, school_a: School) -> None:
    # Given files of 3 and of 300 students of one school (some already registered)
    make_student(Department.objects.get(name_ko="미래자동차과"), "20250001", "김민준")

    def rows(count: int) -> list[list[Any]]:
        return [["7530900", f"2025{i:04d}", f"학생{i}", "미래자동차과", 1] for i in range(count)]

    def queries(count: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            _import(province, "students", "s.xlsx", xlsx_bytes(STUDENT_HEADER, rows(count)))
        return len(captured)

    queries(3)  # the first also computes the user's permissions (cached after)
    # When each is checked
    small, large = queries(3), queries(300)
    # Then both cost the same few queries: lookups per chunk of keys, never per row
    assert small == large
    assert small <= 6
