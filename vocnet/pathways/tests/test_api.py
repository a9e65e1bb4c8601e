"""The graduate-destination API: record and read back, bad input named in Korean and English
with nothing written, corrections, the summary in the caller's scope, the Excel import."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.core.models import AuditEvent
from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.tests.factories import graduates
from vocnet.registry.tests._excel_helpers import xlsx_bytes
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _send(client: Client, method: str, path: str, body: dict[str, Any]) -> Any:
    return client.generic(method, path, json.dumps(body), content_type="application/json")


def test_a_school_records_a_graduate_and_reads_it_back(world: World) -> None:
    # When school A's staff post an employed graduate of 미래자동차과
    response = _send(
        _client(world, "school_staff_a"),
        "POST",
        "/api/pathways/destinations",
        {
            "department_id": world.objects["department_a"].pk,
            "graduation_year": 2025,
            "graduate_key": "2025-031",
            "kind": "employed",
            "business_number": world.company_a.business_number_display,
            "ncs_code": "1501",
        },
    )

    # Then it is created and answered with the department, the employer and the field
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["department"]["name_ko"] == "미래자동차과"
    assert body["department"]["school_name_ko"] == "시흥미래공업고등학교"
    assert (body["kind"], body["ncs_code"], body["is_in_field"]) == ("employed", "1501", True)
    assert body["company"]["id"] == world.company_a.pk


def test_bad_input_answers_422_naming_each_field_and_writes_nothing(world: World) -> None:
    response = _send(
        _client(world, "school_staff_a"),
        "POST",
        "/api/pathways/destinations",
        {
            "department_id": world.objects["department_a"].pk,
            "graduation_year": 2025,
            "graduate_key": "2025-031",
            "kind": "military",
            "ncs_code": "1501",
        },
    )

    assert response.status_code == 422
    body = response.json()
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("ncs_code", "only_when_employed")]
    assert body["errors"][0]["message_ko"] == "취업 분야는 진로가 '취업'일 때만 적습니다."
    assert not GraduateDestination.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_correction_is_answered_with_the_record(world: World) -> None:
    (destination,) = graduates(world.objects["department_a"], 2025, employed=1)

    response = _send(
        _client(world, "school_staff_a"),
        "PATCH",
        f"/api/pathways/destinations/{destination.pk}",
        {"kind": "other", "note": "구직 중"},
    )

    assert response.status_code == 200, response.content
    assert (response.json()["kind"], response.json()["ncs_code"]) == ("other", None)


def test_the_summary_counts_the_callers_graduates_only(world: World) -> None:
    graduates(world.objects["department_a"], 2025, employed=2, university=3)
    graduates(world.objects["department_b"], 2025, university=7)

    school = _client(world, "school_staff_a").get("/api/pathways/summary").json()
    province = _client(world, "province_officer").get(
        "/api/pathways/summary", {"group_by": "total", "years": [2024, 2025]}
    )

    assert school["years"] == [2025]
    assert [(line["name_ko"], line["counts"]["total"]) for line in school["lines"]] == [
        ("미래자동차과", 5)
    ]
    assert school["totals"]["employed_in_field"] == 2
    assert province.json()["years"] == [2024, 2025]
    assert province.json()["totals"]["total"] == 12
    assert province.json()["lines"] == []


def test_a_file_is_checked_then_imported(world: World) -> None:
    header = ["학교코드(NEIS)", "학과명", "졸업 연도", "졸업생 번호", "진로"]
    content = xlsx_bytes(header, [[world.school_a.neis_code, "미래자동차과", 2025, "1", "입대"]])
    client = _client(world, "school_staff_a")

    checked = client.post(
        "/api/pathways/imports/destinations", {"file": SimpleUploadedFile("a.xlsx", content)}
    )
    imported = client.post(
        "/api/pathways/imports/destinations",
        {"file": SimpleUploadedFile("a.xlsx", content), "dry_run": "false"},
    )

    assert (checked.status_code, checked.json()["code"]) == (200, "dry_run_ok")
    assert (imported.status_code, imported.json()["counts"]["create"]) == (200, 1)
    assert GraduateDestination.objects.get().kind == "military"


def test_a_file_of_another_type_is_refused_with_415(world: World) -> None:
    response = _client(world, "school_staff_a").post(
        "/api/pathways/imports/destinations",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")},
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_file_type"
