"""The agreement API: the whole lifecycle over HTTP, errors in both languages, lists."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.agreements.models import Agreement, Delivery
from vocnet.agreements.tests import factories as af
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _json(client: Client, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.generic(method, path, json.dumps(body or {}), content_type="application/json")


def test_a_school_drafts_circulates_and_the_parties_sign_over_the_api(
    world: World, orgs: dict[str, Any]
) -> None:
    school = _client(world, "school_staff_a")

    # when the school creates a draft with the company as a party
    created = _json(
        school,
        "POST",
        "/api/agreements",
        {
            "kind_code": "school_company_mou",
            "title": "미래자동차 현장실습 협약",
            "lead_organisation_id": orgs["school_a"].pk,
            "start_date": "2025-03-01",
            "end_date": "2027-02-28",
            "parties": [
                {
                    "organisation_id": orgs["school_a"].pk,
                    "role": "lead",
                    "pillars": ["industry_linkage"],
                    "commitments": [
                        {
                            "kind": "curriculum_modules",
                            "pillar": "industry_linkage",
                            "description": "전기차 정비 과정 공동 개발",
                            "targets": [1, 2],
                        }
                    ],
                },
                {
                    "organisation_id": orgs["company_a"].pk,
                    "role": "member",
                    "pillars": ["cross_track"],
                    "commitments": [
                        {
                            "kind": "field_training_seats",
                            "pillar": "cross_track",
                            "description": "현장실습 자리",
                            "targets": ["8", "10"],
                        }
                    ],
                },
            ],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    agreement_id = body["id"]
    assert body["status"] == "draft"
    assert body["version"] == 1
    assert [p["organisation"]["id"] for p in body["parties"]] == [
        orgs["school_a"].pk,
        orgs["company_a"].pk,
    ]
    seats = body["parties"][1]["commitments"][0]
    assert seats["unit"] == "seats"
    assert [(t["year"], t["quantity"], t["due_date"]) for t in seats["targets"]] == [
        (1, "8.00", "2026-02-28"),
        (2, "10.00", "2027-02-28"),
    ]

    # when it is circulated and both parties sign
    assert _json(school, "POST", f"/api/agreements/{agreement_id}/circulate").status_code == 200
    signed = _json(school, "POST", f"/api/agreements/{agreement_id}/sign")
    assert signed.json()["status"] == "circulated"
    company = _client(world, "company_staff")
    final = _json(company, "POST", f"/api/agreements/{agreement_id}/sign")

    # then the agreement is active with both signatures recorded
    assert final.status_code == 200
    assert final.json()["status"] == "active"
    assert final.json()["in_force_version"] == 1
    assert [s["organisation_id"] for s in final.json()["signatures"]] == [
        orgs["school_a"].pk,
        orgs["company_a"].pk,
    ]
    audit = school.get(f"/api/agreements/{agreement_id}/audit").json()
    assert [item["action"] for item in audit["items"]] == [
        "agreement.activate",
        "agreement.sign",
        "agreement.sign",
        "agreement.circulate",
        "agreement.create",
    ]


def test_a_refused_transition_is_409_naming_state_and_action(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    response = _json(
        _client(world, "school_staff_a"), "POST", f"/api/agreements/{agreement.pk}/sign"
    )

    assert response.status_code == 409
    assert response.json() == {
        "code": "transition_not_allowed",
        "message_ko": "현재 상태가 '작성 중'인 협약은 서명할 수 없습니다.",
        "message_en": "An agreement that is a draft cannot be signed.",
        "errors": [],
    }


def test_bad_input_names_the_field_and_the_rule_and_writes_nothing(
    world: World, orgs: dict[str, Any]
) -> None:
    response = _json(
        _client(world, "province_officer"),
        "POST",
        "/api/agreements",
        {
            "kind_code": "school_company_mou",
            "title": "협약",
            "lead_organisation_id": orgs["school_a"].pk,
            "start_date": "2025-03-01",
            "end_date": "2040-03-01",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "end_date",
            "code": "too_long",
            "message_ko": "협약 기간은 10년을 넘을 수 없습니다.",
            "message_en": "An agreement may run for at most 10 years.",
        }
    ]
    assert not Agreement.objects.exists()


def test_a_party_records_a_delivery_with_evidence_and_the_fulfilment_moves(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    seats = af.commitment_of(agreement, orgs["company_a"])
    company = _client(world, "company_staff")

    response = company.post(
        f"/api/agreements/{agreement.pk}/deliveries",
        {
            "commitment_id": seats.pk,
            "delivered_on": "2025-08-28",
            "quantity": "3",
            "note": "여름 현장실습",
            "evidence": SimpleUploadedFile("확인서.pdf", PDF, "application/pdf"),
        },
    )

    assert response.status_code == 201, response.content
    delivery = response.json()
    assert delivery["quantity"] == "3.00"
    assert delivery["evidence_name"] == "확인서.pdf"
    download = company.get(delivery["evidence_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    fulfilment = company.get(f"/api/agreements/{agreement.pk}/fulfilment?as_of=2025-08-28").json()
    seats_progress = next(c for c in fulfilment["commitments"] if c["commitment_id"] == seats.pk)
    # 10 seats a year, day 181 of 365: pro-rata 4.96, 3 delivered
    assert seats_progress["pro_rata_target"] == "4.96"
    assert seats_progress["delivered"] == "3.00"
    assert seats_progress["ratio"] == "0.6050"
    assert seats_progress["is_behind"] is True


def test_an_evidence_file_of_another_type_is_refused_over_the_api(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    seats = af.commitment_of(agreement, orgs["company_a"])

    response = _client(world, "company_staff").post(
        f"/api/agreements/{agreement.pk}/deliveries",
        {
            "commitment_id": seats.pk,
            "delivered_on": "2025-08-28",
            "quantity": "3",
            "evidence": SimpleUploadedFile("script.pdf", b"#!/bin/sh\nrm -rf /"),
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "evidence"
    assert response.json()["errors"][0]["code"] == "content_mismatch"
    assert not Delivery.objects.exists()


def test_list_filters_by_status_pillar_region_and_party(world: World, orgs: dict[str, Any]) -> None:
    a = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["city"], "supporter")], title="시흥 지역 협약"
    )
    b = af.DraftAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["university"], "member")],
        title="대학 연계 협약",
        kind_code="school_university_linkage",
    )
    province = _client(world, "province_officer")

    def titles(query: str) -> list[str]:
        return [item["title"] for item in province.get(f"/api/agreements?{query}").json()["items"]]

    assert sorted(titles("")) == ["대학 연계 협약", "시흥 지역 협약"]
    assert titles("status=active") == ["시흥 지역 협약"]
    assert titles("pillar=university_linkage") == ["대학 연계 협약"]
    assert titles("kind=school_university_linkage") == ["대학 연계 협약"]
    assert titles(f"organisation={orgs['city'].pk}") == ["시흥 지역 협약"]
    assert titles("party=시험대학") == ["대학 연계 협약"]
    assert sorted(titles("region=41390")) == ["대학 연계 협약", "시흥 지역 협약"]
    assert titles("region=41110") == []
    assert a.pk != b.pk


def test_an_earlier_version_stays_viewable(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.AmendedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    response = _client(world, "company_staff").get(f"/api/agreements/{agreement.pk}/versions/1")

    assert response.status_code == 200
    version = response.json()
    assert version["number"] == 1
    assert version["status"] == "in_force"
    assert version["terms"]["parties"][1]["organisation_id"] == orgs["company_a"].pk


def test_list_query_count_does_not_depend_on_page_size(
    world: World, orgs: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        af.SignedAgreementFactory(
            lead=orgs["school_a"], others=[(orgs["company_a"], "member")], title=f"협약{n:02d}"
        )
    client = _client(world, "province_officer")
    client.get("/api/agreements?limit=1")

    for limit in (2, 12):
        with django_assert_max_num_queries(12):
            response = client.get(f"/api/agreements?limit={limit}")
        assert len(response.json()["items"]) == limit


def test_dashboard_is_the_provinces(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    af.deliver(af.commitment_of(agreement, orgs["company_a"]), date(2025, 6, 1), 10)

    refused = _client(world, "school_staff_a").get("/api/agreements/dashboard")
    shown = _client(world, "province_officer").get("/api/agreements/dashboard?as_of=2026-02-28")

    assert refused.status_code == 403
    assert shown.status_code == 200
    body = shown.json()
    # seats: 10 of 10 (100 %); modules: 0 of 2 (0 %)
    assert body["by_pillar"]["cross_track"]["ratio"] == "1.0000"
    assert body["by_pillar"]["industry_linkage"]["ratio"] == "0.0000"
    assert body["overall"]["ratio"] == "0.5000"
    assert body["rows"][0]["by_pillar"]["university_linkage"] is None
