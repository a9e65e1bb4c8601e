"""Bulk upload of declarations: the template, the per-row error report, all-or-nothing, and
importing the same file twice."""

from __future__ import annotations

import pytest

from vocnet.core.models import AuditEvent
from vocnet.demand.importing import DECLARATION_IMPORT, template_xlsx
from vocnet.demand.models import DemandDeclaration
from vocnet.demand.tests.factories import declared_year
from vocnet.registry.tests._excel_helpers import xlsx_bytes
from vocnet.spreadsheets import run_import
from vocnet.spreadsheets.testing import open_xlsx
from vocnet.testing import World

pytestmark = pytest.mark.django_db

HEADER = [
    "사업자등록번호 / business_number",
    "NCS 중분류 코드 / ncs_code",
    "직무 / occupation",
    "근무 시·군 코드 / region_code",
    "채용 연도 / year",
    "채용 인원 / headcount",
    "요구 자격증 / certificates",
]


def test_the_template_has_every_column_and_a_guide() -> None:
    workbook = open_xlsx(template_xlsx())

    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]][:4] == [
        "사업자등록번호 / business_number",
        "기관 ID / organisation_id",
        "NCS 중분류 코드 / ncs_code",
        "직무 / occupation",
    ]
    assert workbook.sheetnames[1] == "안내 (Guide)"


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(world: World) -> None:
    # Given a file with one good and three bad rows
    number = world.company_a.business_number
    rows = [
        [
            number,
            "1506",
            "자동차 부품 생산원",
            "",
            declared_year(1),
            10,
            "자동차정비기능사; 전기기능사",
        ],
        [number, "9999", "직무", "", declared_year(1), 5, ""],
        [number, "1506", "정비원", "41999", declared_year(1), 5, ""],
        [number, "1506", "검사원", "", declared_year(9), 5, ""],
    ]

    # When the company imports it for real
    report = run_import(
        DECLARATION_IMPORT,
        actor=world.user("company_staff"),
        file_name="demand.xlsx",
        content=xlsx_bytes(HEADER, rows),
        dry_run=False,
    )

    # Then each bad row is named and nothing is saved
    assert report.http_status == 422
    assert not report.committed
    assert [(e.row_number, e.field, e.code) for e in report.errors] == [
        (3, "ncs_code", "unknown_ncs"),
        (4, "region_code", "unknown_region"),
        (5, "year", "year_out_of_horizon"),
    ]
    assert report.errors[0].message_ko == "3행 NCS 중분류 코드: NCS 중분류 코드가 아닙니다: 9999"
    assert not DemandDeclaration.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_row_for_another_company_is_refused(world: World) -> None:
    rows = [[world.company_b.business_number, "1506", "생산원", "", declared_year(1), 3, ""]]

    report = run_import(
        DECLARATION_IMPORT,
        actor=world.user("company_staff"),
        file_name="demand.xlsx",
        content=xlsx_bytes(HEADER, rows),
        dry_run=False,
    )

    assert report.http_status == 403
    assert [e.code for e in report.errors] == ["permission_denied"]


def test_a_good_file_imports_once_and_again_changes_nothing(world: World) -> None:
    number = world.company_a.business_number
    rows = [
        [number, "1506", "자동차 부품 생산원", "", declared_year(1), 10, "자동차정비기능사"],
        [number, "1506", "자동차 부품 생산원", "", declared_year(2), 11, "자동차정비기능사"],
    ]
    content = xlsx_bytes(HEADER, rows)
    user = world.user("company_staff")

    first = run_import(
        DECLARATION_IMPORT, actor=user, file_name="d.xlsx", content=content, dry_run=False
    )
    second = run_import(
        DECLARATION_IMPORT, actor=user, file_name="d.xlsx", content=content, dry_run=False
    )

    assert (first.create, first.update, first.committed) == (2, 0, True)
    assert (second.create, second.update, second.unchanged) == (0, 0, 2)
    assert sorted(DemandDeclaration.objects.values_list("year", "headcount")) == [
        (declared_year(1), 10),
        (declared_year(2), 11),
    ]
    assert AuditEvent.objects.filter(action="demand.import").count() == 1
