"""The demand API: declarations in and out, bad input named in Korean and English with
nothing written, the gap in the caller's scope, scenarios saved, planned and compared."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from vocnet.core.models import AuditEvent
from vocnet.demand.models import DemandDeclaration, Scenario
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def test_a_company_declares_through_the_api_and_reads_it_back(world: World) -> None:
    # When company A's staff post a declaration for themselves
    response = _post(
        _client(world, "company_staff"),
        "/api/demand/declarations",
        {
            "ncs_code": "1506",
            "occupation": "자동차 부품 생산원",
            "year": declared_year(2),
            "headcount": 8,
            "certificates": ["자동차정비기능사"],
        },
    )

    # Then it is created in their region, with the field's names in both languages
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["organisation"]["id"], body["region"]["sigungu_code"]) == (
        world.company_a.organisation.pk,
        "41390",
    )
    assert (body["ncs_code"], body["ncs_name_ko"], body["ncs_name_en"]) == (
        "1506",
        "자동차",
        "Automobiles",
    )


def test_bad_input_answers_422_naming_each_field_and_writes_nothing(world: World) -> None:
    response = _post(
        _client(world, "province_officer"),
        "/api/demand/declarations",
        {
            "organisation_id": world.company_a.organisation.pk,
            "ncs_code": "9999",
            "occupation": "직무",
            "year": declared_year(1),
            "headcount": 3,
        },
    )

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert body["errors"] == [
        {
            "field": "ncs_code",
            "code": "unknown_ncs",
            "message_ko": "NCS 중분류 코드가 아닙니다: 9999",
            "message_en": "Not an NCS middle-category code: 9999",
        }
    ]
    assert not DemandDeclaration.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_schema_violation_is_named_too(world: World) -> None:
    response = _post(
        _client(world, "company_staff"),
        "/api/demand/declarations",
        {"ncs_code": "15", "occupation": "", "year": 1990, "headcount": 0},
    )

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "ncs_code",
        "occupation",
        "year",
        "headcount",
    }


def test_the_gap_of_a_school_covers_its_region_only(world: World) -> None:
    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code="1501"),
        headcount=30,
    )

    body = _client(world, "school_staff_a").get("/api/demand/gap?group_by=field").json()

    assert body["year"] == declared_year(1)
    assert [(r["field_code"], r["demand"]) for r in body["rows"]] == [("1501", 30.0)]
    assert [t["sigungu_code"] for t in body["tiles"] if t["in_scope"]] == ["41390"]
    assert body["totals"]["gap"] == pytest.approx(44 * 0.97 * 0.495 - 30, abs=0.01)


def test_scenarios_are_saved_planned_compared_and_deleted(world: World) -> None:
    client = _client(world, "province_officer")
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=30,
            year=declared_year(ahead),
        )

    first = _post(client, "/api/demand/scenarios", {"name": "기본안"})
    second = _post(
        client,
        "/api/demand/scenarios",
        {"name": "±0안", "parameters": {"total_change_percent": 0}},
    )
    assert (first.status_code, second.status_code) == (201, 201)
    one, two = first.json(), second.json()
    assert one["status"] == "solved"
    assert one["summary"]["counts"]["grow"] == 1
    assert len(one["result"]["recommendations"]) == 2

    compared = client.get(f"/api/demand/scenarios/compare?ids={one['id']}&ids={two['id']}").json()
    assert compared["same"] == 0
    assert {row["department"] for row in compared["departments"]} == {
        "미래자동차과",
        "소프트웨어과",
    }
    assert [cell["action"] for cell in compared["departments"][0]["cells"]] in (
        ["shrink", "keep"],
        ["grow", "keep"],
    )

    assert client.delete(f"/api/demand/scenarios/{two['id']}").json() == {
        "id": two["id"],
        "code": "deleted",
    }
    assert list(Scenario.objects.values_list("name", flat=True)) == ["기본안"]


def test_comparing_one_scenario_is_refused(world: World) -> None:
    client = _client(world, "province_officer")
    one = _post(client, "/api/demand/scenarios", {"name": "기본안"}).json()

    response = client.get(f"/api/demand/scenarios/compare?ids={one['id']}")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ids"


def test_a_parameter_out_of_range_names_it(world: World) -> None:
    response = _post(
        _client(world, "province_officer"),
        "/api/demand/scenarios",
        {"name": "x", "parameters": {"labour_market_share": 2}},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "parameters.labour_market_share"
    assert not Scenario.objects.exists()


def test_the_gap_and_drilldown_carry_past_destinations(world: World) -> None:
    from vocnet.pathways.tests.factories import graduates

    graduates(world.objects["department_a"], 2025, employed=2, university=3)
    client = _client(world, "province_officer")

    gap = client.get("/api/demand/gap").json()
    drill = client.get("/api/demand/gap/drilldown", {"region": "41390", "ncs": "1501"}).json()

    assert gap["past_years"] == [2025]
    assert [(f["ncs_code"], f["counts"]["total"]) for f in gap["past_by_field"]] == [("1501", 5)]
    assert drill["past_years"] == [2025]
    assert drill["past_totals"]["employed_in_field"] == 2
    (line,) = drill["departments"]
    assert (line["department_name_ko"], line["past"]["university"]) == ("미래자동차과", 3)


def test_a_school_reads_its_recommendations_and_the_province_plans_for_one_office(
    world: World,
) -> None:
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=30,
            year=declared_year(ahead),
        )
    office = world.school_a.organisation.region.support_office

    created = _post(
        _client(world, "province_officer"),
        "/api/demand/scenarios",
        {"name": "시흥안", "support_office_id": office.pk},
    )
    listed = _client(world, "school_staff_a").get("/api/demand/recommendations").json()

    assert created.status_code == 201, created.content
    assert created.json()["support_office"]["id"] == office.pk
    assert [
        (item["department"]["name_ko"], item["action"], item["new_intake"])
        for item in listed["items"]
    ] == [("미래자동차과", "grow", 52)]
    assert listed["items"][0]["explanation_ko"].startswith("시흥미래공업고등학교 미래자동차과:")
    assert _client(world, "school_staff_b").get("/api/demand/recommendations").json()["count"] == 0
