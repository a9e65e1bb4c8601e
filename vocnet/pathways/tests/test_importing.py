"""Import of graduate destinations: the template, the per-row error report, all-or-nothing,
permission per school, and importing the same file twice."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.core.errors import PermissionDenied
from vocnet.core.models import AuditEvent
from vocnet.pathways.importing import DESTINATION_IMPORT, template_xlsx
from vocnet.pathways.models import GraduateDestination
from vocnet.registry.tests._excel_helpers import csv_bytes, xlsx_bytes
from vocnet.spreadsheets import ImportFileError, run_import
from vocnet.spreadsheets.testing import open_xlsx
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
HEADER = [
    "학교코드(NEIS) / school_neis_code",
    "학과명 / department_name",
    "졸업 연도 / graduation_year",
    "졸업생 번호 / graduate_key",
    "진로 / kind",
    "취업 기업 사업자등록번호 / business_number",
    "취업 분야 NCS 중분류 코드 / ncs_code",
]


def _rows(world: World) -> list[list[object]]:
    code, company = world.school_a.neis_code, world.company_a.business_number
    return [
        [code, "미래자동차과", 2025, "2025-001", "취업", company, "1501"],
        [code, "미래자동차과", 2025, "2025-002", "진학", "", ""],
        [code, "미래자동차과", 2025, "2025-003", "military", "", ""],
    ]


def test_the_template_has_every_column_and_a_guide_with_the_destinations() -> None:
    workbook = open_xlsx(template_xlsx())

    assert [c.value for c in workbook.worksheets[0][1]] == [*HEADER, "비고 / note"]
    guide = [row[0] for row in workbook["안내 (Guide)"].iter_rows(values_only=True)]
    assert "employed" in guide
    assert "unknown" in guide


def test_a_good_file_imports_once_and_again_changes_nothing(world: World) -> None:
    # Given school A's file of three graduates
    content = xlsx_bytes(HEADER, _rows(world))
    school = world.user("school_staff_a")

    # When it is imported twice
    first = run_import(
        DESTINATION_IMPORT,
        actor=school,
        file_name="진로.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )
    second = run_import(
        DESTINATION_IMPORT,
        actor=school,
        file_name="진로.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )

    # Then the three are recorded once, with an audit entry per committed import
    assert (first.create, first.update, first.committed) == (3, 0, True)
    assert (second.create, second.update, second.unchanged) == (0, 0, 3)
    assert sorted(
        GraduateDestination.objects.values_list("graduate_key", "kind", "company_id")
    ) == [
        ("2025-001", "employed", world.company_a.pk),
        ("2025-002", "university", None),
        ("2025-003", "military", None),
    ]
    events = AuditEvent.objects.filter(action="import.destinations").order_by("pk")
    assert [(e.after["create"], e.after["unchanged"]) for e in events] == [(3, 0), (0, 3)]
    assert events[0].after["file_name"] == "진로.xlsx"


def test_a_corrected_row_updates_the_record_and_drops_the_employer(world: World) -> None:
    school = world.user("school_staff_a")
    run_import(
        DESTINATION_IMPORT,
        actor=school,
        file_name="a.csv",
        content=csv_bytes(HEADER, _rows(world)),
        dry_run=False,
        today=TODAY,
    )
    code = world.school_a.neis_code

    report = run_import(
        DESTINATION_IMPORT,
        actor=school,
        file_name="b.csv",
        content=csv_bytes(HEADER[:5], [[code, "미래자동차과", 2025, "2025-001", "진학"]]),
        dry_run=False,
        today=TODAY,
    )

    assert (report.update, report.committed) == (1, True)
    assert GraduateDestination.objects.filter(graduate_key="2025-001").values_list(
        "kind", "company_id", "ncs_middle_id"
    ).get() == ("university", None, None)


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(world: World) -> None:
    code, company = world.school_a.neis_code, world.company_a.business_number
    rows = [
        [code, "미래자동차과", 2025, "2025-001", "취업", company, "1501"],
        [code, "없는학과", 2025, "2025-002", "진학", "", ""],
        [code, "미래자동차과", 2027, "2025-003", "진학", "", ""],
        [code, "미래자동차과", 2025, "2025-004", "진학", company, ""],
        [code, "미래자동차과", 2025, "2025-005", "휴학", "", ""],
        [code, "미래자동차과", 2025, "2025-001", "진학", "", ""],
    ]

    report = run_import(
        DESTINATION_IMPORT,
        actor=world.user("school_staff_a"),
        file_name="bad.xlsx",
        content=xlsx_bytes(HEADER, rows),
        dry_run=False,
        today=TODAY,
    )

    assert report.http_status == 422
    assert not report.committed
    assert [(e.row_number, e.field, e.code) for e in report.errors] == [
        (3, "department_name", "unknown_department"),
        (4, "graduation_year", "graduation_year_out_of_range"),
        (5, "business_number", "only_when_employed"),
        (6, "kind", "invalid_choice"),
        (7, "graduate_key", "duplicate_in_file"),
    ]
    assert report.errors[0].message_ko == (
        "3행 학과명: 이 학교에 등록되지 않은 학과입니다: 없는학과"
    )
    assert not GraduateDestination.objects.exists()
    assert not AuditEvent.objects.exists()


def test_rows_of_another_school_are_refused_and_nothing_is_written(world: World) -> None:
    report = run_import(
        DESTINATION_IMPORT,
        actor=world.user("school_staff_b"),
        file_name="a.xlsx",
        content=xlsx_bytes(HEADER, _rows(world)),
        dry_run=False,
        today=TODAY,
    )

    assert report.http_status == 403
    assert {(e.field, e.code) for e in report.errors} == {("school_neis_code", "permission_denied")}
    assert not GraduateDestination.objects.exists()


def test_a_dry_run_writes_nothing_and_an_empty_file_is_refused(world: World) -> None:
    school = world.user("school_staff_a")

    report = run_import(
        DESTINATION_IMPORT,
        actor=school,
        file_name="a.xlsx",
        content=xlsx_bytes(HEADER, _rows(world)),
        today=TODAY,
    )
    with pytest.raises(ImportFileError) as raised:
        run_import(
            DESTINATION_IMPORT, actor=school, file_name="a.xlsx", content=xlsx_bytes(HEADER, [])
        )

    assert (report.create, report.committed, report.dry_run) == (3, False, True)
    assert raised.value.code == "no_rows"
    assert not GraduateDestination.objects.exists()


def test_an_anonymous_caller_is_refused() -> None:
    with pytest.raises(PermissionDenied):
        run_import(DESTINATION_IMPORT, actor=None, file_name="a.xlsx", content=b"PK\x03\x04")
