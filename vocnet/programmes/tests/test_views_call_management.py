"""A province officer opens, edits and publishes a call in the browser, and edits a rubric
item in place; bad input comes back on the field in both languages and writes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from vocnet.core.models import AuditEvent
from vocnet.programmes.models import Call, CallStatus, RubricItem, RubricOrigin
from vocnet.programmes.tests.factories import draft_call
from vocnet.registry.models import Organisation
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    client: Any = Client()
    sign_in(client, user)
    return client


def _form(issuer: Organisation, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": "gg_regional_winwin",
        "issuing_organisation": issuer.pk,
        "year": 2026,
        "round_number": 1,
        "title": "2026 경기협약형 특성화고 공모",
        "opens_at": "2026-03-02T09:00",
        "closes_at": "2026-04-30T18:00",
        "quota": 3,
        "plan_page_limit": 30,
        "previous_designation_rule": "any",
        "stage1_shortlist": 3,
        "is_blind": "on",
        "aggregation": "trimmed_mean",
        "tie_rule": "rubric_order",
        "objection_days": 7,
    }
    values.update(overrides)
    return values


def test_the_officer_opens_a_call_to_the_minute_in_seoul_with_the_default_rubric(
    world: World, orgs: dict[str, Organisation]
) -> None:
    # given the province officer
    client = _client(world.user("province_officer"))
    # when they fill in the new-call form
    response = client.post("/programmes/calls/new/", _form(orgs["education_office"]))
    # then the draft call exists with its window in Asia/Seoul, 3-year default duration,
    # the blind stage 1 shortlisting 3 and the Ministry's rubric areas
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programmes/calls/{call.pk}/"
    assert call.closes_at.isoformat() == "2026-04-30T09:00:00+00:00"
    assert call.duration_years == 3
    assert call.is_blind is True
    assert call.stages.get(number=1).shortlist_size == 3
    areas = list(dict.fromkeys(call.rubric_items.values_list("area_name_ko", flat=True)))
    assert areas == ["교육플랜", "거버넌스", "인프라", "기본사항", "가점"]
    page = client.get(response["Location"]).content.decode()
    assert "2026-04-30 18:00" in page
    assert "공고하기" in page


def test_a_window_that_closes_before_it_opens_is_refused_on_the_field(
    world: World, orgs: dict[str, Organisation]
) -> None:
    # given the province officer
    client = _client(world.user("province_officer"))
    audits = AuditEvent.objects.count()
    # when the window closes before it opens and the quota is 0
    response = client.post(
        "/programmes/calls/new/",
        _form(orgs["education_office"], closes_at="2026-03-01T09:00", quota=0),
    )
    # then the form names both rules and nothing is written
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["closes_at"] == ["접수 마감은 접수 시작보다 뒤여야 합니다."]
    assert errors["quota"] == ["선정 규모는 1 이상이어야 합니다."]
    assert Call.objects.count() == 0
    assert RubricItem.objects.count() == 0
    assert AuditEvent.objects.count() == audits


def test_another_organisations_officer_cannot_open_a_call_for_the_province(
    world: World, orgs: dict[str, Organisation], ministry: Any
) -> None:
    _ministry, officer = ministry
    response = _client(officer).post("/programmes/calls/new/", _form(orgs["education_office"]))
    assert response.status_code == 200
    assert "issuing_organisation" in response.context["form"].errors
    assert Call.objects.count() == 0


def test_the_officer_edits_the_draft_then_publishes_it_and_it_is_frozen(
    world: World, orgs: dict[str, Organisation]
) -> None:
    officer = world.user("province_officer")
    call = draft_call(officer, orgs["education_office"], kind_code="gg_regional_winwin")
    client = _client(officer)
    # when they change the quota and the stage-1 shortlist
    response = client.post(
        f"/programmes/calls/{call.pk}/edit/",
        _form(orgs["education_office"], year=2025, round_number=2, quota=4, stage1_shortlist=5),
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.quota == 4
    assert call.stages.get(number=1).shortlist_size == 5
    # and publish it
    client.post(f"/programmes/calls/{call.pk}/publish/")
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    # then the edit page sends them back to the call with the reason
    response = client.get(f"/programmes/calls/{call.pk}/edit/")
    assert response.status_code == 302


def test_a_rubric_item_is_edited_in_place_with_htmx_and_marked_as_the_officers(
    world: World, orgs: dict[str, Organisation]
) -> None:
    officer = world.user("province_officer")
    call = draft_call(officer, orgs["education_office"])
    item = call.rubric_items.get(code="education_plan.vision")
    client = _client(officer)
    # when the officer edits the item through htmx
    response = client.post(
        f"/programmes/rubric/{item.pk}/",
        {"name_ko": "비전·목표", "max_points": "12"},
        HTTP_HX_REQUEST="true",
    )
    # then the row comes back read-only with the new values and the item is the officer's
    item.refresh_from_db()
    assert response.status_code == 200
    assert 'id="rubric-' in response.content.decode()
    assert (item.name_ko, item.max_points, item.origin) == (
        "비전·목표",
        Decimal("12.00"),
        RubricOrigin.OFFICER,
    )
    # and points above 100 are refused on the field, nothing written
    response = client.post(
        f"/programmes/rubric/{item.pk}/",
        {"name_ko": "비전·목표", "max_points": "101"},
        HTTP_HX_REQUEST="true",
    )
    assert response.context["form"].errors["max_points"] == [
        "배점은 0보다 크고 100 이하여야 합니다."
    ]
    item.refresh_from_db()
    assert item.max_points == Decimal("12.00")


def test_the_api_refuses_a_late_window_with_both_languages_and_writes_nothing(
    world: World, orgs: dict[str, Organisation]
) -> None:
    client = _client(world.user("province_officer"))
    response = client.post(
        "/api/programmes/calls",
        {
            "kind_code": "gg_regional_winwin",
            "year": 2026,
            "title": "공모",
            "issuing_organisation_id": orgs["education_office"].pk,
            "opens_at": "2026-03-02T09:00:00+09:00",
            "closes_at": "2026-03-02T09:00:00+09:00",
            "quota": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert errors == {("closes_at", "window_order")}
    assert Call.objects.count() == 0


def test_the_officer_sees_the_calls_applications_and_others_do_not(
    world: World, orgs: dict[str, Organisation], django_assert_max_num_queries: Any
) -> None:
    from vocnet.programmes.tests.factories import published_call, ready_application

    officer = world.user("province_officer")
    call = published_call(officer, orgs["education_office"])
    for persona, school in (("school_staff_a", "school_a"), ("school_staff_b", "school_b")):
        ready_application(world.user(persona), call, orgs[school], [])
    client = _client(officer)
    with django_assert_max_num_queries(30):
        page = client.get(f"/programmes/calls/{call.pk}/").content.decode()
    assert "A-01" in page
    assert "A-02" in page
    assert orgs["school_b"].name_ko in page
    # school A's staff see their own application only
    page = _client(world.user("school_staff_a")).get(f"/programmes/calls/{call.pk}/")
    assert orgs["school_b"].name_ko not in page.content.decode()
