"""The Excel endpoints: exports, templates and imports over HTTP."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.registry.importing import SPECS
from vocnet.registry.models import Company, Department, School, Student
from vocnet.registry.tests._excel_helpers import (
    SCHOOL_HEADER,
    SIHEUNG,
    STUDENT_HEADER,
    SUWON,
    counts,
    csv_bytes,
    make_department,
    make_school,
    make_student,
    province_officer,
    read_xlsx,
    school_staff,
    valid_business_number,
    xlsx_bytes,
)
from vocnet.spreadsheets.testing import open_xlsx
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STUDENT_ROWS = [
    ["7530900", "20250001", "김민준", "미래자동차과", 1],
    ["7530900", "20250002", "이서연", "미래자동차과", 2],
]


@pytest.fixture
def school_a() -> School:
    school = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    make_department(school, "미래자동차과", "1501")
    return school


@pytest.fixture
def school_b() -> School:
    school = make_school("7531000", "수원정보고등학교", SUWON)
    department = make_department(school, "소프트웨어과", "2001")
    make_student(department, "20259999", "박지호")
    return school


@pytest.fixture
def province() -> Client:
    return _client(province_officer())


def _client(user: Any) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _upload(client: Client, entity: str, name: str, content: bytes, **form: Any) -> Any:
    data = {"file": SimpleUploadedFile(name, content), **form}
    return client.post(f"/api/imports/{entity}", data)


# Exports -----------------------------------------------------------------------------------


def test_school_staff_export_of_students_holds_only_their_school(
    school_a: School, school_b: School
) -> None:
    # Given staff of school A, whose school has one student, and a student of school B
    make_student(Department.objects.get(name_ko="미래자동차과"), "20250001", "김민준")
    client = _client(school_staff(school_a, "staff_a"))
    # When they download the student list, giving the reason personal data needs
    response = client.post("/api/exports/students.xlsx", {"reason": "현장실습 배정"})
    # Then it is an .xlsx named in ASCII and Korean, with their student only
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="vocnet-students-')
    assert "filename*=UTF-8''%ED%95%99%EC%83%9D_%EB%AA%A9%EB%A1%9D_" in disposition
    rows = read_xlsx(response.content)
    assert rows[0][0].startswith("vocnet 학생 목록 (students) · ")
    assert [(r[0], r[2], r[3]) for r in rows[2:]] == [("7530900", "20250001", "김민준")]


def test_schools_export_takes_the_list_filters(
    province: Client, school_a: School, school_b: School
) -> None:
    # Given schools in 시흥 and 수원
    client = province
    # When the 수원 schools are exported
    response = client.get("/api/exports/schools.xlsx", {"region": SUWON})
    rows = read_xlsx(response.content)
    # Then the file holds only that school and names the filter
    assert response.status_code == 200
    assert rows[0][0].endswith("조건(filters): region=41110")
    assert [r[0] for r in rows[2:]] == ["7531000"]


@pytest.mark.parametrize("entity", ["organisations", "companies", "departments"])
def test_other_exports_answer_an_xlsx(province: Client, school_a: School, entity: str) -> None:
    # Given a signed-in province officer
    # When they export the list
    response = province.get(f"/api/exports/{entity}.xlsx")
    # Then the answer is an .xlsx
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)


def test_a_bad_export_filter_is_a_bilingual_422(province: Client, school_a: School) -> None:
    # Given a region code that is not 5 digits
    # When it is used as a filter
    response = province.get("/api/exports/schools.xlsx", {"region": "123"})
    body = response.json()
    # Then the answer is a 422 naming the field
    assert response.status_code == 422
    assert body["code"] == "validation_failed"
    assert [e["field"] for e in body["errors"]] == ["region"]


def test_exports_need_sign_in() -> None:
    # Given no session or token
    # When an export is asked for
    response = Client().post("/api/exports/students.xlsx")
    # Then the answer is 401
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


# Templates ---------------------------------------------------------------------------------


def test_the_students_template_has_only_the_header_and_a_guide(province: Client) -> None:
    # When the students template is downloaded
    response = province.get("/api/imports/templates/students.xlsx")
    # Then its first sheet holds the header row only, and the guide lists every column
    assert response.status_code == 200
    assert "filename*=UTF-8''%ED%95%99%EC%83%9D_" in response["Content-Disposition"]
    workbook = open_xlsx(response.content)
    assert workbook.sheetnames == ["학생 (students)", "안내 (Guide)"]
    data = [list(r) for r in workbook["학생 (students)"].iter_rows(values_only=True)]
    assert data == [[column.header for column in SPECS["students"].columns]]
    guide = [list(r) for r in workbook["안내 (Guide)"].iter_rows(values_only=True)]
    listed = {row[1]: row for row in guide if row and row[1] in {"grade", "birth_date"}}
    assert listed["grade"][:5] == [
        "학년 / grade",
        "grade",
        "필수 / required",
        "1~3 사이의 정수",
        "a whole number from 1 to 3",
    ]
    assert listed["birth_date"][2] == "선택 / optional"


def test_the_schools_template_lists_the_allowed_codes_and_regions(province: Client) -> None:
    # Given the schools template
    # When it is downloaded
    response = province.get("/api/imports/templates/schools.xlsx")
    workbook = open_xlsx(response.content)
    # Then the guide lists the school types and the codes sheet the regions
    assert workbook.sheetnames == ["학교 (schools)", "안내 (Guide)", "코드표 (Codes)"]
    guide = {r[1]: r for r in workbook["안내 (Guide)"].iter_rows(values_only=True) if r[1]}
    assert guide["school_type"][5] == (
        "specialized = 특성화고\nmeister = 마이스터고\ngeneral_vocational = 일반고 직업계열"
    )
    codes = [r for r in workbook["코드표 (Codes)"].iter_rows(values_only=True)]
    assert ["41390", "시흥시 (Siheung-si)", "경기도시흥교육지원청"] in [list(r) for r in codes]


def test_an_unknown_template_is_a_422(province: Client) -> None:
    # Given an entity without a template
    # When its template is asked for
    response = province.get("/api/imports/templates/guardians.xlsx")
    # Then the answer is a 422
    assert (response.status_code, response.json()["code"]) == (422, "validation_failed")


TEMPLATE_ROWS: dict[str, list[list[Any]]] = {
    "schools": [["7540001", "새솔공업고등학교", None, "41390", "특성화고", "공립"]],
    "departments": [["7530900", "드론과", "1501", 20]],
    "companies": [[valid_business_number(3), "(주)경기드론", None, "41390", "30", "중소기업", 12]],
    "students": [["7530900", "20250101", "최유나", "미래자동차과", 1, "2009-05-05", "Y", "N"]],
}


@pytest.mark.parametrize("entity", ["schools", "departments", "companies", "students"])
def test_a_filled_template_imports(province: Client, school_a: School, entity: str) -> None:
    # Given the downloaded template, filled in Excel-fashion below the header
    client = province
    template = client.get(f"/api/imports/templates/{entity}.xlsx").content
    workbook = open_xlsx(template)
    sheet = workbook.worksheets[0]
    for row in TEMPLATE_ROWS[entity]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # When it is uploaded for real
    response = _upload(client, entity, f"{entity}.xlsx", buffer.getvalue(), dry_run="false")
    # Then the row is created
    body = response.json()
    assert response.status_code == 200, body
    assert (body["committed"], body["counts"]["create"], body["errors"]) == (True, 1, [])


# Imports -----------------------------------------------------------------------------------


def test_an_upload_is_a_dry_run_by_default(province: Client, school_a: School) -> None:
    # Given a valid students file
    before = counts()
    # When it is uploaded without dry_run
    response = _upload(
        province,
        "students",
        "students.csv",
        csv_bytes(STUDENT_HEADER, STUDENT_ROWS, "cp949"),
    )
    # Then the report says what would happen and nothing is written
    assert response.status_code == 200
    assert response.json() == {
        "code": "dry_run_ok",
        "message_ko": "검사 결과 오류가 없습니다. 가져오면 새로 등록 2건, 수정 0건, 변경 없음 0건"
        "입니다(아직 저장하지 않음).",
        "message_en": "No errors found: 2 to create, 0 to update, 0 unchanged (nothing saved yet).",
        "entity": "students",
        "dry_run": True,
        "committed": False,
        "counts": {"rows": 2, "create": 2, "update": 0, "unchanged": 0, "errors": 0},
        "errors": [],
        "problems": {"total": 0, "listed": 0, "by_rule": {}},
        "ignored_columns": [],
        "file": {"format": "csv", "encoding": "cp949", "sheet": None},
    }
    assert counts() == before


def test_an_upload_with_dry_run_false_writes(province: Client, school_a: School) -> None:
    # Given a valid students file
    # When it is uploaded with dry_run=false
    response = _upload(
        province,
        "students",
        "students.xlsx",
        xlsx_bytes(STUDENT_HEADER, STUDENT_ROWS),
        dry_run="false",
    )
    body = response.json()
    # Then it is imported
    assert (response.status_code, body["code"], body["committed"]) == (200, "imported", True)
    assert body["counts"] == {"rows": 2, "create": 2, "update": 0, "unchanged": 0, "errors": 0}
    assert Student.objects.filter(school=school_a).count() == 2


def test_bad_rows_answer_422_with_every_error_and_write_nothing(
    province: Client, school_a: School
) -> None:
    # Given a file whose second data row has grade 4
    rows = [STUDENT_ROWS[0], [*STUDENT_ROWS[1][:4], 4]]
    before = counts()
    # When it is uploaded for real
    response = _upload(
        province,
        "students",
        "students.xlsx",
        xlsx_bytes(STUDENT_HEADER, rows),
        dry_run="false",
    )
    # Then the report names row 3's grade in both languages, and nothing is written
    body = response.json()
    assert response.status_code == 422
    assert (body["code"], body["committed"]) == ("import_rows_invalid", False)
    assert body["message_en"] == (
        "1 row(s) have errors, so nothing was saved. Fix them and upload the whole file again."
    )
    assert body["errors"] == [
        {
            "row": 3,
            "field": "grade",
            "code": "out_of_range",
            "message_ko": "3행 학년: 1~3 사이의 정수여야 합니다(입력: 4)",
            "message_en": "Row 3 grade: must be a whole number from 1 to 3 (got 4)",
        }
    ]
    assert counts() == before


def test_school_staff_upload_for_another_school_is_refused_403(
    school_a: School, school_b: School
) -> None:
    # Given staff of school A and a file of school B's students
    # When they upload it
    rows = [["7531000", "20250001", "김민준", "소프트웨어과", 1]]
    before = counts()
    response = _upload(
        _client(school_staff(school_a, "staff_a")),
        "students",
        "students.xlsx",
        xlsx_bytes(STUDENT_HEADER, rows),
        dry_run="false",
    )
    body = response.json()
    # Then it is refused with a 403 report, and nothing is written
    assert response.status_code == 403
    assert body["code"] == "permission_denied"
    assert [(e["row"], e["field"], e["code"]) for e in body["errors"]] == [
        (2, "school_neis_code", "permission_denied")
    ]
    assert counts() == before


def test_a_missing_column_is_a_file_error_naming_it(province: Client, school_a: School) -> None:
    # Given a students file without the grade column
    header = STUDENT_HEADER[:4]
    before = counts()
    # When it is uploaded
    response = _upload(
        province,
        "students",
        "students.xlsx",
        xlsx_bytes(header, [row[:4] for row in STUDENT_ROWS]),
        dry_run="false",
    )
    body = response.json()
    # Then the 422 error body names the column, and nothing is written
    assert response.status_code == 422
    assert body["code"] == "invalid_columns"
    assert body["errors"] == [
        {
            "field": "grade",
            "code": "missing_column",
            "message_ko": "필수 열이 없습니다: 학년 / grade",
            "message_en": "A required column is missing: 학년 / grade",
        }
    ]
    assert counts() == before


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("students.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "unsupported_file_type"),
        ("students.pdf", b"%PDF-1.4", "unsupported_file_type"),
        ("students.xlsx", b"school,student\n", "not_xlsx"),
    ],
)
def test_a_wrong_file_type_is_415(province: Client, name: str, content: bytes, code: str) -> None:
    # Given a file that is not .xlsx or .csv, or not what its name says
    before = counts()
    # When it is uploaded
    response = _upload(province, "students", name, content, dry_run="false")
    # Then it is refused with the project's error body, and nothing is written
    body = response.json()
    assert (response.status_code, body["code"]) == (415, code)
    assert set(body) == {"code", "message_ko", "message_en", "errors"}
    assert counts() == before


def test_a_file_over_the_limit_is_413(province: Client, settings: Any, school_a: School) -> None:
    # Given an import limit of 100 bytes
    settings.VOCNET_IMPORT_MAX_BYTES = 100
    before = counts()
    # When a larger file is uploaded
    response = _upload(
        province,
        "schools",
        "schools.csv",
        csv_bytes(SCHOOL_HEADER, [["7540001", "새솔공업고등학교", "41390", "meister", "public"]]),
        dry_run="false",
    )
    body = response.json()
    # Then the answer is 413 with the limit, and nothing is written
    assert (response.status_code, body["code"]) == (413, "file_too_large")
    assert "최대 100바이트" in body["message_ko"]
    assert counts() == before


def test_imports_need_sign_in() -> None:
    # Given no session or token
    before = counts()
    # When a file is uploaded
    response = _upload(Client(), "schools", "s.csv", csv_bytes(SCHOOL_HEADER, []))
    # Then the answer is 401, and nothing is written
    assert response.status_code == 401
    assert counts() == before
    assert Company.objects.count() == 0


def test_dry_run_false_may_come_in_the_query_string(province: Client, school_a: School) -> None:
    # Given a valid students file
    content = xlsx_bytes(STUDENT_HEADER, STUDENT_ROWS)
    # When it is posted with ?dry_run=false and no form field
    response = province.post(
        "/api/imports/students?dry_run=false", {"file": SimpleUploadedFile("s.xlsx", content)}
    )
    # Then it is imported
    assert (response.status_code, response.json()["committed"]) == (200, True)
    assert Student.objects.count() == 2
