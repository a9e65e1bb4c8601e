"""The registry API: filters, pagination, bad input and authentication."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vocnet.accounts.models import ApiToken, hash_token
from vocnet.core.models import AuditEvent
from vocnet.registry.models import Company, Department, Organisation, School
from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _post(client: Client, path: str, payload: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(payload), content_type="application/json")


def _counts() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        School.objects.count(),
        Company.objects.count(),
        Department.objects.count(),
        AuditEvent.objects.count(),
    )


def _fields(response: Any) -> dict[str, dict[str, str]]:
    return {error["field"]: error for error in response.json()["errors"]}


COMPANY = {
    "name_ko": "(주)새솔모빌리티",
    "region_code": "41390",
    "business_number": "220-81-62517",
    "ksic_code": "30",
    "size_class": "sme",
    "employees": 80,
}
SCHOOL = {
    "name_ko": "새솔공업고등학교",
    "region_code": "41390",
    "neis_code": "7999001",
    "school_type": "specialized",
    "establishment": "public",
}


def test_company_is_created_with_a_valid_business_number(world: World) -> None:
    # Given the province officer
    client = _client(world, "province_officer")

    # When they register a company whose business number has a correct check digit
    response = _post(client, "/api/companies", COMPANY)

    # Then it is stored without hyphens, and the change is audited
    assert response.status_code == 201
    body = response.json()
    assert body["business_number"] == "2208162517"
    assert body["organisation"]["region"]["sigungu_code"] == "41390"
    assert AuditEvent.objects.filter(action="company.create").count() == 1


def test_invalid_business_number_is_refused_naming_the_field_and_rule(world: World) -> None:
    client = _client(world, "province_officer")
    before = _counts()

    response = _post(client, "/api/companies", COMPANY | {"business_number": "220-81-62518"})

    assert response.status_code == 422
    error = _fields(response)["business_number"]
    assert error["code"] == "business_number_invalid"
    assert "검증번호" in error["message_ko"]
    assert "check digit" in error["message_en"]
    assert _counts() == before


def test_unknown_region_and_ksic_codes_are_refused(world: World) -> None:
    client = _client(world, "province_officer")
    before = _counts()

    response = _post(
        client, "/api/companies", COMPANY | {"region_code": "41999", "ksic_code": "04"}
    )

    assert response.status_code == 422
    errors = _fields(response)
    assert errors["region_code"]["code"] == "unknown_region"
    assert "41999" in errors["region_code"]["message_ko"]
    assert errors["ksic_code"]["code"] == "unknown_ksic"
    assert _counts() == before


def test_unknown_ncs_code_is_refused_for_a_department(world: World) -> None:
    client = _client(world, "school_staff_a")
    before = _counts()

    response = _post(
        client,
        f"/api/schools/{world.school_a.pk}/departments",
        {"name_ko": "드론과", "ncs_code": "9999", "intake_capacity": 24},
    )

    assert response.status_code == 422
    error = _fields(response)["ncs_code"]
    assert error["code"] == "unknown_ncs"
    assert error["message_en"] == "Not an NCS middle-category code: 9999"
    assert _counts() == before


def test_duplicate_school_code_is_refused(world: World) -> None:
    client = _client(world, "province_officer")
    before = _counts()

    response = _post(client, "/api/schools", SCHOOL | {"neis_code": world.school_a.neis_code})

    assert response.status_code in (409, 422)
    error = _fields(response)["neis_code"]
    assert error["code"] == "unique"
    assert error["message_ko"] and error["message_en"]
    assert _counts() == before


def test_over_long_and_mistyped_fields_are_refused_by_name(world: World) -> None:
    client = _client(world, "province_officer")
    before = _counts()

    response = _post(
        client, "/api/companies", COMPANY | {"name_ko": "가" * 101, "employees": "많음"}
    )

    assert response.status_code == 422
    errors = _fields(response)
    assert errors["name_ko"]["code"] == "string_too_long"
    assert errors["name_ko"]["message_ko"] == "최대 100자까지 입력할 수 있습니다."
    assert errors["name_ko"]["message_en"] == "At most 100 characters are allowed."
    assert errors["employees"]["code"] == "int_parsing"
    assert errors["employees"]["message_ko"] == "정수여야 합니다."
    assert _counts() == before


def test_wrong_choice_and_malformed_json_are_refused(world: World) -> None:
    client = _client(world, "province_officer")
    before = _counts()

    wrong_choice = _post(client, "/api/schools", SCHOOL | {"school_type": "college"})
    malformed = client.post("/api/schools", "{not json", content_type="application/json")

    assert wrong_choice.status_code == 422
    assert _fields(wrong_choice)["school_type"]["code"] == "literal_error"
    assert malformed.status_code in (400, 422)
    assert malformed.json()["message_ko"]
    assert _counts() == before


def test_invalid_phone_is_refused_on_update_and_nothing_changes(world: World) -> None:
    client = _client(world, "school_staff_a")
    before = Organisation.objects.values().get(pk=world.school_a.pk)

    response = client.patch(
        f"/api/schools/{world.school_a.pk}",
        json.dumps({"phone": "12345", "address": "경기도 시흥시 정왕대로 1"}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert _fields(response)["phone"]["code"] == "phone_invalid"
    assert Organisation.objects.values().get(pk=world.school_a.pk) == before


def test_list_filters_by_region_kind_designation_ncs_and_ksic(world: World) -> None:
    f.DesignationFactory(school=world.school_a, kind="gg_hightech", year=2025)
    client = _client(world, "company_staff")

    by_region = client.get("/api/schools?region=41390").json()
    by_designation = client.get("/api/schools?designation=gg_hightech").json()
    by_ncs = client.get("/api/organisations?ncs=15").json()
    by_ksic = client.get("/api/companies?ksic=C&region=41110").json()
    by_kind = client.get("/api/organisations?kind=company").json()

    assert [s["id"] for s in by_region["items"]] == [world.school_a.pk]
    assert [s["id"] for s in by_designation["items"]] == [world.school_a.pk]
    assert {o["id"] for o in by_ncs["items"]} == {world.school_a.pk, world.school_b.pk}
    assert [c["id"] for c in by_ksic["items"]] == [world.company_b.pk]
    assert {o["id"] for o in by_kind["items"]} == {world.company_a.pk, world.company_b.pk}


def test_bad_filter_value_is_refused_naming_the_parameter(world: World) -> None:
    response = _client(world, "province_officer").get("/api/schools?region=11110")

    assert response.status_code == 422
    assert _fields(response)["region"]["code"] == "string_pattern_mismatch"


def test_page_size_is_capped(world: World) -> None:
    client = _client(world, "province_officer")

    too_big = client.get("/api/organisations?limit=201")
    at_cap = client.get("/api/organisations?limit=200")

    assert too_big.status_code == 422
    assert _fields(too_big)["limit"]["message_en"] == "Must be at most 200."
    assert at_cap.status_code == 200


def test_list_query_count_does_not_grow_with_page_size(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        f.CompanyFactory(organisation__name_ko=f"(주)대량기업{n:02d}")
        f.DesignationFactory(school=f.SchoolFactory(), kind="gg_agreement")
    client = _client(world, "province_officer")
    client.get("/api/me")  # warm the session

    for path in (
        "/api/organisations?limit=100",
        "/api/schools?limit=100",
        "/api/companies?limit=100",
        "/api/students?limit=100",
    ):
        with django_assert_max_num_queries(8):
            response = client.get(path)
        assert response.status_code == 200


def test_bearer_token_authenticates_without_a_session(world: World) -> None:
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(
        user=world.user("school_staff_a"),
        name="NEIS 연동",
        token_hash=hash_token(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + timedelta(days=30),
    )
    client = Client()

    ok = client.get("/api/students", HTTP_AUTHORIZATION=f"Bearer {raw}")
    wrong = client.get("/api/students", HTTP_AUTHORIZATION="Bearer vn_wrong")

    assert ok.status_code == 200
    assert [s["id"] for s in ok.json()["items"]] == [world.student_a.pk]
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "not_authenticated"


def test_expired_token_is_refused(world: World) -> None:
    raw = ApiToken.new_raw_token()
    ApiToken.objects.create(
        user=world.user("province_officer"),
        name="만료",
        token_hash=hash_token(raw),
        prefix=raw[:8],
        expires_at=timezone.now() - timedelta(seconds=1),
    )

    response = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")

    assert response.status_code == 401


def test_session_writes_need_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.user("province_officer"))
    before = _counts()

    response = _post(client, "/api/companies", COMPANY)

    assert response.status_code == 403
    assert _counts() == before


def test_openapi_and_docs_work_offline() -> None:
    client = Client()

    schema = client.get("/api/openapi.json")
    docs = client.get("/api/docs")

    assert schema.status_code == 200
    assert "/api/schools" in schema.json()["paths"]
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower()
    assert "/static/ninja/" in html


def test_a_name_in_the_student_list_url_is_refused_and_the_search_goes_in_the_body(
    world: World,
) -> None:
    # Given school staff of school A
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    name = world.student_a.name

    # When they put a student's name in the list's URL
    refused = client.get("/api/students", {"q": name})

    # Then it is refused, naming the field and the rule in both languages
    assert refused.status_code == 422
    problem = refused.json()["errors"][0]
    assert problem["field"] == "q"
    assert "POST /api/students/search" in problem["message_ko"]
    assert "POST /api/students/search" in problem["message_en"]

    # And the same search in the body of POST /api/students/search finds the student
    found = client.post(
        "/api/students/search?limit=10", {"q": name}, content_type="application/json"
    )
    assert found.status_code == 200
    assert [item["id"] for item in found.json()["items"]] == [world.student_a.pk]


def test_the_student_export_takes_no_name_in_its_url(world: World) -> None:
    # Given the province officer
    client = Client()
    sign_in(client, world.user("province_officer"))

    # When the export URL carries a name
    response = client.post(
        f"/api/exports/students.xlsx?q={world.student_a.name}", {"reason": "점검"}
    )

    # Then it is refused and nothing is exported
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "q"
