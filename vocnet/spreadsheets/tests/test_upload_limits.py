"""Hostile uploads (issue 12 item 2): each is refused with a 4xx naming the rule and the limit
before a row is parsed, nothing is written, and the worker's memory grows by less than 100 MB
(tracemalloc peak). A role that may not import is refused before the file is read; a NUL byte
in a CSV is named (issue 12 item 6)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from vocnet.registry.models import Role, Student
from vocnet.registry.tests._excel_helpers import (
    SIHEUNG,
    STUDENT_HEADER,
    counts,
    csv_bytes,
    make_department,
    make_school,
    make_user,
    member,
    province_officer,
)
from vocnet.spreadsheets import reading
from vocnet.spreadsheets.limits import Deadline, UploadLimits
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db
MEMORY_LIMIT = 100 * 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="자료" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _xlsx(sheet_parts: Iterator[bytes]) -> bytes:
    """An .xlsx whose sheet XML is streamed into the zip as given (never held whole)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for part in sheet_parts:
                sheet.write(part)
    return buffer.getvalue()


def far_cell_xlsx() -> bytes:
    """1.6 KB: one cell at XFD1048576, so the sheet declares 16,384 × 1,048,576 cells."""
    workbook = Workbook()
    workbook.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb_xlsx() -> bytes:
    """A header row, then 64 MiB of blanks that deflate to about 64 KB."""

    def parts() -> Iterator[bytes]:
        yield (SHEET_START + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>').encode()
        blank = b" " * (1024 * 1024)
        for _ in range(64):
            yield blank
        yield b"</t></is></c></row></sheetData></worksheet>"

    return _xlsx(parts())


def two_million_rows_xlsx() -> bytes:
    """2,000,000 numbered rows written straight into the zip as XML (no dimension)."""

    def parts() -> Iterator[bytes]:
        yield (SHEET_START + "<sheetData>").encode()
        for start in range(1, 2_000_001, 10_000):
            yield "".join(
                f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                for n in range(start, start + 10_000)
            ).encode()
        yield b"</sheetData></worksheet>"

    return _xlsx(parts())


def million_bad_rows_csv() -> bytes:
    header = ",".join(STUDENT_HEADER) + "\r\n"
    return (header + "x,x,x,x,x\r\n" * 1_000_000).encode("utf-8")


HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "far_cell": ("far.xlsx", far_cell_xlsx, "too_many_rows"),
    "zip_bomb": ("bomb.xlsx", zip_bomb_xlsx, "zip_limit"),
    "two_million_rows": ("rows.xlsx", two_million_rows_xlsx, "too_many_rows"),
    "million_bad_rows": ("rows.csv", million_bad_rows_csv, "too_many_rows"),
}


@pytest.fixture(scope="module")
def hostile_files() -> dict[str, tuple[str, bytes, str]]:
    return {key: (name, build(), code) for key, (name, build, code) in HOSTILE.items()}


@pytest.fixture
def no_reader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any attempt to build cells: the .xlsx reader or the kept CSV rows."""
    calls: list[str] = []

    class Refused:
        @staticmethod
        def from_filelike(*args: Any, **kwargs: Any) -> None:
            calls.append("calamine")
            raise AssertionError("the .xlsx reader was reached")

    monkeypatch.setattr(reading, "CalamineWorkbook", Refused)
    return calls


def _post(client: Client, url: str, name: str, content: bytes) -> tuple[Any, int]:
    upload = SimpleUploadedFile(name, content)
    # Warm up (URL resolver, API schemas) so the peak is the upload's alone.
    client.post(url, {"file": SimpleUploadedFile("warm.txt", b"x")})
    tracemalloc.start()
    try:
        response = client.post(url, {"file": upload, "action": "check"})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    figures = f"{response.status_code}, peak {peak / 2**20:.1f} MiB"
    print(f"{url} {name} ({len(content):,} bytes): {figures}")
    return response, peak


@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_hostile_file_posted_to_the_api_is_refused_before_any_row_is_read(
    key: str, hostile_files: dict[str, tuple[str, bytes, str]], no_reader: list[str]
) -> None:
    # Given the province officer and one hostile file
    name, content, code = hostile_files[key]
    client = Client()
    sign_in(client, province_officer())
    before = counts()
    # When it is posted to the API's import
    response, peak = _post(client, "/api/imports/students", name, content)
    # Then a 413 names the file, the rule and the limit; no reader ran; nothing was written
    assert response.status_code == 413, response.content[:300]
    body = response.json()
    assert body["code"] == code
    assert body["errors"][0]["field"] == "file"
    assert "최대" in body["message_ko"]
    assert "at most" in body["message_en"]
    assert no_reader == []
    assert counts() == before
    # And the worker's memory grew by less than 100 MB
    assert peak < MEMORY_LIMIT, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("key", list(HOSTILE))
def test_a_hostile_file_posted_to_the_web_import_page_is_refused_the_same_way(
    key: str, hostile_files: dict[str, tuple[str, bytes, str]], no_reader: list[str]
) -> None:
    name, content, _ = hostile_files[key]
    school = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    make_department(school, "미래자동차과", "1501")
    staff = make_user("staff")
    member(staff, school.organisation, Role.SCHOOL_STAFF)
    client = Client()
    sign_in(client, staff)
    response, peak = _post(client, reverse("pathways:destination_import"), name, content)
    assert response.status_code == 422
    assert "최대" in response.content.decode()
    assert no_reader == []
    assert peak < MEMORY_LIMIT, f"peak {peak / 2**20:.0f} MiB"


def test_a_student_is_refused_before_the_file_is_read(no_reader: list[str]) -> None:
    # Given a student signed in (a student's token was enough to crash a worker)
    school = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    student = make_user("student")
    member(student, school.organisation, Role.STUDENT)
    client = Client()
    sign_in(client, student)
    # When they post the far-cell file to every import endpoint
    for url in (
        "/api/imports/students",
        "/api/agreements/imports/deliveries",
        "/api/demand/imports/declarations",
        "/api/pathways/imports/destinations",
    ):
        response = client.post(url, {"file": SimpleUploadedFile("far.xlsx", far_cell_xlsx())})
        # Then 403 in Korean and English, and the file was never opened
        assert response.status_code == 403, url
        assert response.json()["code"] == "import_role_denied"
        assert "역할" in response.json()["message_ko"]
    assert no_reader == []
    assert Student.objects.count() == 0


def test_a_nul_byte_in_a_csv_is_named_with_its_line() -> None:
    client = Client()
    sign_in(client, province_officer())
    content = csv_bytes(STUDENT_HEADER, [["7530900", "2025\x000001", "김", "과", 1]])
    response = client.post("/api/imports/students", {"file": SimpleUploadedFile("s.csv", content)})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "nul_byte"
    assert "2행" in body["message_ko"]
    assert "line 2" in body["message_en"]


def test_korean_excel_csv_encodings_still_read() -> None:
    # CP949 as Korean Excel's "CSV" writes it, and UTF-8 with the BOM of "CSV UTF-8"
    for encoding, expected in (("cp949", "cp949"), ("utf-8-sig", "utf-8-sig")):
        content = csv_bytes(STUDENT_HEADER, [["7530900", "20250001", "김민준", "과", 1]], encoding)
        rows, found = reading.read_csv_rows(content, UploadLimits.from_settings(), Deadline(60))
        assert (found, rows[1][1][2]) == (expected, "김민준")


def test_a_report_lists_the_first_problems_and_counts_every_one_per_rule(
    settings: Any,
) -> None:
    # Given a limit of 3 listed problems and 5 bad rows (each an unknown school)
    settings.VOCNET_IMPORT_MAX_PROBLEMS = 3
    client = Client()
    sign_in(client, province_officer())
    rows = [["7530900", f"2025000{n}", "김", "과", 1] for n in range(5)]
    response = client.post(
        "/api/imports/students",
        {"file": SimpleUploadedFile("s.csv", csv_bytes(STUDENT_HEADER, rows))},
    )
    body = response.json()
    assert response.status_code == 422
    assert len(body["errors"]) == 3
    assert body["problems"] == {"total": 5, "listed": 3, "by_rule": {"unknown_school": 5}}
    assert body["counts"]["errors"] == 5
