"""Import of pathway events through ``run_import``: per-row errors naming the column and rule,
all or nothing, permission per school, idempotent, summaries refreshed."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.pathways.importing_events import EVENT_IMPORT, events_template_xlsx
from vocnet.pathways.models import GraduateDestination, PathwayEvent
from vocnet.pathways.tests.factories import DestinationFactory
from vocnet.registry.tests._excel_helpers import xlsx_bytes
from vocnet.spreadsheets import run_import
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
HEADER = [
    "학교코드(NEIS) / school_neis_code",
    "학과명 / department_name",
    "졸업 연도 / graduation_year",
    "졸업생 번호 / graduate_key",
    "사건 / kind",
    "날짜 / occurred_on",
    "기업명 / employer_name",
    "근무지 시군구 코드 / workplace_sigungu_code",
    "고용보험 확인 시점(개월) / check_month",
    "고용보험 가입 / is_insured",
    "확인 출처 / source",
    "진학 경로 / route",
]


def _file(world: World, rows: list[list[object]]) -> bytes:
    return xlsx_bytes(HEADER, rows)


def _good(world: World) -> list[list[object]]:
    code = world.school_a.neis_code
    department = world.objects["department_a"].name_ko
    base = [code, department, 2025, "2025-001"]
    return [
        [*base, "취업(입사)", "2025-03-04", "(주)시흥정밀", "41390", "", "", "", ""],
        [*base, "고용보험 확인", "2025-09-04", "", "", 6, "Y", "고용보험 DB 조회(가져오기)", ""],
        [*base, "진학(입학)", "2026-03-02", "", "", "", "", "", "재직자 특별전형"],
    ]


def test_a_clean_file_adds_the_events_once_and_refreshes_the_summary(world: World) -> None:
    DestinationFactory(
        department=world.objects["department_a"], graduation_year=2025, graduate_key="2025-001"
    )
    content = _file(world, _good(world))
    report = run_import(
        EVENT_IMPORT,
        actor=world.user("school_staff_a"),
        file_name="events.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )
    assert report.committed
    assert not report.errors
    assert PathwayEvent.objects.count() == 3
    graduate = GraduateDestination.objects.get()
    assert (graduate.pathway_status, graduate.retained_6, graduate.study_route) == (
        "employed",
        True,
        "incumbent_special",
    )
    again = run_import(
        EVENT_IMPORT,
        actor=world.user("school_staff_a"),
        file_name="events.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )
    assert again.committed
    assert PathwayEvent.objects.count() == 3


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(world: World) -> None:
    DestinationFactory(
        department=world.objects["department_a"], graduation_year=2025, graduate_key="2025-001"
    )
    rows = _good(world)
    rows[0][5] = "2024-08-01"  # before graduation (and before the 3rd year's 2nd semester)
    rows[1][10] = ""  # a status check without its source
    rows[2][11] = ""  # an enrolment without its route
    report = run_import(
        EVENT_IMPORT,
        actor=world.user("school_staff_a"),
        file_name="events.xlsx",
        content=_file(world, rows),
        dry_run=False,
        today=TODAY,
    )
    found = {(error.row_number, error.field, error.code) for error in report.errors}
    assert found == {
        (2, "occurred_on", "before_graduation"),
        (3, "source", "source_required"),
        (4, "route", "route_required"),
    }
    assert not report.committed
    assert PathwayEvent.objects.count() == 0
    assert GraduateDestination.objects.get().first_job_on is None


def test_another_schools_staff_are_refused_row_by_row(world: World) -> None:
    DestinationFactory(
        department=world.objects["department_a"], graduation_year=2025, graduate_key="2025-001"
    )
    report = run_import(
        EVENT_IMPORT,
        actor=world.user("school_staff_b"),
        file_name="events.xlsx",
        content=_file(world, _good(world)),
        dry_run=False,
        today=TODAY,
    )
    assert {error.code for error in report.errors} == {"permission_denied"}
    assert PathwayEvent.objects.count() == 0


def test_the_template_lists_the_routes() -> None:
    from vocnet.spreadsheets.testing import open_xlsx

    workbook = open_xlsx(events_template_xlsx())
    text = " ".join(
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    )
    assert "조기취업형 계약학과" in text
