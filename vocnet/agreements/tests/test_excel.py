"""Excel out (commitments, deliveries) and in (deliveries, with the registry's row report)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.agreements.importing import DELIVERY_IMPORT
from vocnet.agreements.models import Delivery
from vocnet.agreements.tests import factories as af
from vocnet.core.models import AuditEvent
from vocnet.registry.tests._excel_helpers import csv_bytes, read_xlsx, xlsx_bytes
from vocnet.spreadsheets import run_import
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db

HEADER = ["약속 번호 / commitment_id", "이행일 / delivered_on", "이행량 / quantity", "비고 / note"]
TODAY = date(2025, 9, 1)


@pytest.fixture
def agreement(orgs: dict[str, Any]) -> Any:
    return af.SignedAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["company_a"], "member"), (orgs["city"], "supporter")],
        title="시흥 미래차 협약",
    )


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def test_commitments_export_has_a_column_per_year_and_what_was_delivered(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    funding = af.commitment_of(agreement, orgs["city"])
    af.deliver(funding, date(2025, 4, 1), 60_000_000)

    response = _client(world, "local_government_officer").get(
        f"/api/agreements/exports/commitments.xlsx?agreement={agreement.pk}"
    )

    assert response.status_code == 200
    rows = read_xlsx(response.content)
    header = rows[1]
    assert header[12:15] == [
        "1차년도 목표 / target_y1",
        "2차년도 목표 / target_y2",
        "3차년도 목표 / target_y3",
    ]
    by_party = {row[6]: row for row in rows[2:]}
    city = by_party["시흥시"]
    assert city[0] == funding.pk
    assert city[11] == "원"
    assert city[12:17] == [100_000_000, 100_000_000, 100_000_000, 300_000_000, 60_000_000]
    assert len(rows) == 2 + 3


def test_deliveries_export_holds_only_what_the_user_may_see(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    af.deliver(af.commitment_of(agreement, orgs["company_a"]), date(2025, 4, 1), 3, "봄 실습")
    other = af.SignedAgreementFactory(lead=orgs["school_b"], others=[(orgs["company_b"], "member")])
    af.deliver(af.commitment_of(other, orgs["company_b"]), date(2025, 4, 1), 7)

    rows = read_xlsx(
        _client(world, "company_staff").get("/api/agreements/exports/deliveries.xlsx").content
    )

    assert [(row[2], row[6], row[8]) for row in rows[2:]] == [("시흥 미래차 협약", 3, "봄 실습")]


def test_import_records_every_row_and_again_records_nothing(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])
    content = xlsx_bytes(
        HEADER, [[seats.pk, "2025-04-01", 3, "봄"], [seats.pk, "2025.05.02", "2.5", ""]]
    )
    staff = world.user("company_staff")

    checked = run_import(
        DELIVERY_IMPORT, actor=staff, file_name="d.xlsx", content=content, dry_run=True, today=TODAY
    )
    assert (checked.create, checked.errors, Delivery.objects.count()) == (2, [], 0)

    done = run_import(
        DELIVERY_IMPORT,
        actor=staff,
        file_name="d.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )
    again = run_import(
        DELIVERY_IMPORT,
        actor=staff,
        file_name="d.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )

    assert done.committed
    assert done.create == 2
    assert again.create == 0
    assert again.unchanged == 2
    assert sorted(Delivery.objects.values_list("quantity", flat=True)) == [
        Decimal("2.50"),
        Decimal("3.00"),
    ]
    event = AuditEvent.objects.get(action="delivery.import")
    assert event.object_id == str(agreement.pk)
    assert len(event.after["delivery_ids"]) == 2


def test_bad_rows_are_reported_with_row_column_and_rule_and_nothing_is_written(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])
    school_modules = af.commitment_of(agreement, orgs["school_a"])
    content = csv_bytes(
        HEADER,
        [
            [seats.pk, "2025-04-01", "3", ""],
            [seats.pk, "2025-10-01", "3", ""],
            [seats.pk, "2025-04-02", "-1", ""],
            [school_modules.pk, "2025-04-02", "1", ""],
            [999999, "2025-04-02", "1", ""],
            [seats.pk, "", "abc", ""],
        ],
    )

    report = run_import(
        DELIVERY_IMPORT,
        actor=world.user("company_staff"),
        file_name="d.csv",
        content=content,
        dry_run=False,
        today=TODAY,
    )

    assert not report.committed
    assert [(e.row_number, e.field, e.code) for e in report.errors] == [
        (3, "delivered_on", "future_date"),
        (4, "note", "required"),
        (5, "commitment_id", "permission_denied"),
        (6, "commitment_id", "permission_denied"),
        (7, "delivered_on", "required"),
        (7, "quantity", "not_number"),
    ]
    assert report.errors[0].message_ko == "3행 이행일: 이행일은 오늘 이후일 수 없습니다."
    assert report.errors[0].message_en == (
        "Row 3 delivered_on: The delivery date cannot be in the future."
    )
    assert report.http_status == 403
    assert not Delivery.objects.exists()


def test_a_commitment_number_of_an_earlier_version_still_imports_after_an_amendment(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.AmendedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    draft_seats = af.commitment_of(agreement, orgs["company_a"])  # version 2 (draft)
    content = xlsx_bytes(HEADER, [[draft_seats.pk, "2025-04-01", 3, ""]])

    report = run_import(
        DELIVERY_IMPORT,
        actor=world.user("company_staff"),
        file_name="d.xlsx",
        content=content,
        dry_run=False,
        today=TODAY,
    )

    assert report.committed
    delivery = Delivery.objects.get()
    assert delivery.commitment.party.version_id == agreement.in_force_version_id
    assert delivery.commitment.lineage == draft_seats.lineage


def test_the_import_endpoint_answers_with_the_report(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])
    content = xlsx_bytes(HEADER, [[seats.pk, "2025-04-01", 3, ""]])

    response = _client(world, "company_staff").post(
        "/api/agreements/imports/deliveries",
        {"file": SimpleUploadedFile("d.xlsx", content)},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "dry_run_ok"
    assert body["counts"] == {"rows": 1, "create": 1, "update": 0, "unchanged": 0, "errors": 0}
    assert not Delivery.objects.exists()


def test_the_template_has_the_import_columns(world: World) -> None:
    response = _client(world, "company_staff").get(
        "/api/agreements/imports/templates/deliveries.xlsx"
    )

    assert read_xlsx(response.content)[0] == HEADER
