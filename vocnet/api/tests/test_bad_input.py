"""No input gives a 500, and no API error is an HTML page (issue 12, item 4).

One test per class of input: an offset beyond any integer the database takes, a NUL or other
control character in a query string or a JSON text, a time of day with a time zone, ``null``
on a field that cannot be empty. Each is a bilingual 4xx naming the field, and writes nothing.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from vocnet.api.api import api
from vocnet.core.models import AuditEvent
from vocnet.placements.models import FieldTrainingOffer
from vocnet.placements.tests.factories import next_monday
from vocnet.registry.models import Organisation
from vocnet.testing import World
from vocnet.testing.matrix import client_for


def _assert_bilingual_error(response: Any, status: int, field: str, code: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["message_ko"]
    assert body["message_en"]
    assert body["code"] == "validation_failed"
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]


def _paginated_paths() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api")
    paths = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and any(p["name"] == "offset" for p in get.get("parameters", [])):
            paths.append(re.sub(r"\{[^}]+\}", "1", path))
    return sorted(paths)


PAGINATED = _paginated_paths()


def test_every_list_endpoint_is_paginated_the_same_way() -> None:
    # The 13 list endpoints of issue 12 are all found (a list that loses its pagination
    # would silently drop out of the offset test below)
    assert len(PAGINATED) >= 13


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGINATED)
def test_offset_beyond_any_integer_is_a_422_naming_offset(world: World, path: str) -> None:
    # Given the province officer, who may call every list
    client = client_for(world, "province_officer")

    # When a list is asked for an offset of 2^63
    response = client.get(path, {"offset": str(2**63)})

    # Then it is a bilingual 422 naming offset, not a database overflow
    _assert_bilingual_error(response, 422, "offset", "less_than_equal")


@pytest.mark.django_db
def test_nul_in_a_query_string_is_a_422_naming_the_parameter(world: World) -> None:
    client = client_for(world, "province_officer")

    response = client.get("/api/schools", {"q": "시흥\x00"})

    _assert_bilingual_error(response, 422, "q", "control_character")


@pytest.mark.django_db
def test_control_character_in_an_export_filter_is_a_422(world: World) -> None:
    client = client_for(world, "province_officer")

    response = client.post(
        "/api/placements/exports/placements.xlsx?status=%1B%5B31m", {"reason": "배치 현황 점검"}
    )

    _assert_bilingual_error(response, 422, "status", "control_character")


@pytest.mark.django_db
def test_nul_in_json_text_is_a_422_naming_the_field_and_writes_nothing(world: World) -> None:
    client = client_for(world, "province_officer")
    school = world.school_a
    events = AuditEvent.objects.count()

    response = client.patch(
        f"/api/schools/{school.pk}",
        {"address": "시흥시\u0000 정왕동"},
        content_type="application/json",
    )

    _assert_bilingual_error(response, 422, "address", "control_character")
    assert AuditEvent.objects.count() == events
    assert (
        Organisation.objects.get(pk=school.organisation.pk).address == school.organisation.address
    )


@pytest.mark.django_db
def test_line_breaks_in_json_text_are_kept(world: World) -> None:
    client = client_for(world, "province_officer")

    response = client.patch(
        f"/api/schools/{world.school_a.pk}",
        {"address": "시흥시\n정왕동\t1"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert (
        Organisation.objects.get(pk=world.school_a.organisation.pk).address == "시흥시\n정왕동\t1"
    )


@pytest.mark.django_db
def test_nul_in_a_page_query_string_is_a_400_not_a_500(world: World) -> None:
    client = client_for(world, "province_officer")

    response = client.get("/schools/", {"q": "\x00"})

    assert response.status_code == 400
    assert "제어 문자" in response.content.decode()
    assert "Control characters" in (response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["phone", "website", "address", "name_ko"])
def test_patch_null_on_a_field_that_cannot_be_empty_is_a_422(world: World, field: str) -> None:
    client = client_for(world, "province_officer")
    before = Organisation.objects.filter(pk=world.school_a.organisation.pk).values().get()

    response = client.patch(
        f"/api/schools/{world.school_a.pk}", {field: None}, content_type="application/json"
    )

    _assert_bilingual_error(response, 422, field, "null_not_allowed")
    assert Organisation.objects.filter(pk=world.school_a.organisation.pk).values().get() == before


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["09:00:00Z", "09:00+09:00"])
def test_schedule_time_with_a_time_zone_is_a_422(world: World, start: str) -> None:
    client = client_for(world, "company_staff")
    monday = next_monday()
    body = {
        "title": "설비 보전 현장실습",
        "region_code": world.company_a.organisation.region.sigungu_code,
        "ncs_code": "1501",
        "seats": 2,
        "start_date": monday.isoformat(),
        "end_date": monday.replace(day=monday.day).isoformat(),
        "allowance_krw": 1_100_000,
        "schedule": [{"weekday": 0, "start": start, "end": "17:00", "break_minutes": 60}],
        "mentor_name": "최멘토",
        "tasks": "설비 점검 보조",
        "safety_measures": "안전교육",
    }

    response = client.post("/api/placements/offers", body, content_type="application/json")

    _assert_bilingual_error(response, 422, "schedule.0.start", "time_with_timezone")
    assert FieldTrainingOffer.objects.count() == 0


@pytest.mark.django_db
def test_unknown_api_path_is_a_json_404(world: World) -> None:
    response = client_for(world, "province_officer").get("/api/no-such-thing")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_unexpected_error_under_api_is_a_json_500(world: World, monkeypatch: Any) -> None:
    # Given an endpoint that fails in a way no handler expected
    from vocnet.registry import selectors

    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "region_list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(world.user("student"))

    # When it is called
    response = client.get("/api/reference/regions")

    # Then the client gets the bilingual JSON error body, not Django's HTML page
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "server_error"
    assert body["message_ko"]
    assert body["message_en"]


def test_no_two_schemas_share_a_name() -> None:
    # Given every schema model an operation of the API reads or returns
    seen: dict[str, set[str]] = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                models: list[Any] = [*operation.models]
                for response in operation.response_models.values():
                    if response is not None:
                        models.append(response)
                for model in models:
                    for sub in _schema_models(model):
                        seen.setdefault(sub.__name__, set()).add(
                            f"{sub.__module__}.{sub.__qualname__}"
                        )

    # Then one name is one class: the published document keeps only one of two namesakes
    shared = {name: sorted(where) for name, where in seen.items() if len(where) > 1}
    assert shared == {}


def _schema_models(model: Any, found: set[Any] | None = None) -> set[Any]:
    """``model`` and every pydantic model its fields refer to, however deeply."""
    from typing import get_args

    from pydantic import BaseModel

    found = set() if found is None else found
    if isinstance(model, type) and issubclass(model, BaseModel):
        if model in found:
            return found
        found.add(model)
        for field in model.model_fields.values():
            _schema_models(field.annotation, found)
    for arg in get_args(model):
        _schema_models(arg, found)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/exports/students.xlsx",
        "/api/placements/exports/placements.xlsx",
        "/api/clearinghouse/rounds/1/results.xlsx",
    ],
)
def test_an_export_that_needs_a_reason_is_never_a_get(world: World, path: str) -> None:
    # Given the province officer, who may export everything
    client = client_for(world, "province_officer")
    from vocnet.privacy.models import PersonalDataAccess

    # When an export that writes the access log is asked for with a GET, reason and all
    response = client.get(path, {"reason": "현장실습 배정 점검"})

    # Then it is a bilingual 405 naming POST, and nothing is logged
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert response["Allow"] == "POST"
    body = response.json()
    assert body["code"] == "method_not_allowed"
    assert body["message_ko"]
    assert body["message_en"]
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
def test_an_export_post_without_the_csrf_token_is_refused(world: World) -> None:
    # Given a signed-in browser session that enforces CSRF like a real browser
    from vocnet.privacy.models import PersonalDataAccess
    from vocnet.testing import sign_in

    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.user("province_officer"))

    # When another site posts the export form
    response = client.post("/api/exports/students.xlsx", {"reason": "현장실습 배정 점검"})

    # Then it is refused and nothing is logged
    assert response.status_code == 403
    assert PersonalDataAccess.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/api/schools?support_office={2**66}", "support_office"),
        (f"/api/placements/offers/{2**64}", "offer_id"),
    ],
)
def test_a_number_too_large_to_store_is_a_422_naming_it(
    world: World, path: str, field: str
) -> None:
    # Given the province officer
    client = client_for(world, "province_officer")

    # When a query or path parameter holds an integer beyond 64 bits
    response = client.get(path)

    # Then it is a bilingual 422 naming the parameter (SQLite's driver refused to send it)
    if response.status_code == 404:
        pytest.skip("the database compared the number and found no row: a 404 is right too")
    if connection.vendor == "postgresql" and response.status_code == 200:
        # Django answers an integer lookup outside the column's range with no rows on
        # PostgreSQL instead of sending it: an empty list, never a 500.
        assert response.json()["items"] == []
        return
    _assert_bilingual_error(response, 422, field, "number_too_large")


def test_every_operation_documents_the_error_responses() -> None:
    # Given the published document
    schema = api.get_openapi_schema(path_prefix="/api")

    # Then every operation documents the bilingual error body for the mapped statuses
    missing = [
        f"{method.upper()} {path} {status}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for status in ("400", "401", "403", "404", "409", "422")
        if status not in {str(code) for code in operation["responses"]}
    ]
    assert missing == []
    assert schema["components"]["schemas"]["ErrorSchema"]["required"] == [
        "code",
        "message_ko",
        "message_en",
        "errors",
    ]
