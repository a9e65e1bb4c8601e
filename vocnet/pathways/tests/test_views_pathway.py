"""The pathway pages and endpoints: a graduate's events with the form (errors on the field,
nothing written), the survey link answered without signing in, the indicator page with its
definitions, chart and suppression, the Excel export, and the API's 422."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from vocnet.pathways.models import FollowUpSurvey, PathwayEvent
from vocnet.pathways.tests.factories import DestinationFactory, graduates
from vocnet.spreadsheets.testing import open_xlsx
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def test_the_school_records_an_event_and_a_bad_one_is_named_on_its_field(world: World) -> None:
    graduate = DestinationFactory(department=world.objects["department_a"])
    client = _client(world, "school_staff_a")
    bad = client.post(
        f"/pathways/{graduate.pk}/",
        {"kind": "enrolled", "occurred_on": "2025-03-02", "is_insured": "unknown"},
    )
    assert bad.status_code == 200
    assert "경로" in bad.content.decode()
    assert PathwayEvent.objects.count() == 0
    good = client.post(
        f"/pathways/{graduate.pk}/",
        {
            "kind": "enrolled",
            "occurred_on": "2025-03-02",
            "route": "open_cyber",
            "is_insured": "unknown",
        },
    )
    assert good.status_code == 302
    assert PathwayEvent.objects.get().route == "open_cyber"
    page = client.get(f"/pathways/{graduate.pk}/").content.decode()
    assert "방송통신대·사이버대" in page
    assert "출처 원문 미확인" in page


def test_a_survey_link_is_made_copied_and_answered_by_an_anonymous_graduate(world: World) -> None:
    graduate = DestinationFactory(department=world.objects["department_a"])
    client = _client(world, "school_staff_a")
    client.post(f"/pathways/{graduate.pk}/surveys/", {"month": "6"})
    survey = FollowUpSurvey.objects.get()
    page = client.get(f"/pathways/{graduate.pk}/").content.decode()
    assert f"/pathways/survey/{survey.token}/" in page
    anonymous = Client()
    form = anonymous.get(f"/pathways/survey/{survey.token}/")
    assert form.status_code == 200
    assert graduate.graduate_key not in form.content.decode()
    # (studying needs its route and the day, issue 18 §1: the answer becomes an enrolment)
    missing = anonymous.post(f"/pathways/survey/{survey.token}/", {"answer": "studying"})
    assert "진학 경로" in missing.content.decode()
    assert PathwayEvent.objects.count() == 0
    done = anonymous.post(
        f"/pathways/survey/{survey.token}/",
        {"answer": "studying", "route": "regular", "changed_on": "2025-03-02"},
    )
    assert "저장했습니다" in done.content.decode()
    survey.refresh_from_db()
    assert survey.answer == "studying"
    assert survey.answered_on is not None
    assert anonymous.get("/pathways/survey/not-a-token/").status_code == 404


def test_the_indicator_page_cites_the_definition_and_suppresses_outside_the_school(
    world: World, django_assert_max_num_queries: Any
) -> None:
    graduates(world.objects["department_a"], 2025, employed=3, university=6)
    province = _client(world, "province_officer")
    province.get("/pathways/indicators/")
    with django_assert_max_num_queries(12):
        html = province.get("/pathways/indicators/?dimension=region").content.decode()
    assert "직업계고 졸업자 취업통계" in html
    assert "vocnet 정의" in html
    assert '<td class="num">&lt;5</td>' in html
    school = _client(world, "school_staff_a").get("/pathways/indicators/").content.decode()
    assert '<td class="num">&lt;5</td>' not in school
    assert "indicator-chart" in school


def test_the_export_keeps_the_suppression(world: World) -> None:
    graduates(world.objects["department_a"], 2025, employed=3, university=6)
    response = _client(world, "province_officer").get("/pathways/indicators/export.xlsx")
    assert response.status_code == 200
    sheet = open_xlsx(response.content).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "<5" in values
    assert 9 in values


def test_the_api_answers_422_naming_the_field_and_writes_nothing(world: World) -> None:
    graduate = DestinationFactory(department=world.objects["department_a"])
    client = _client(world, "school_staff_a")
    response = client.post(
        f"/api/pathways/destinations/{graduate.pk}/events",
        json.dumps(
            {
                "kind": "insurance_check",
                "occurred_on": "2025-09-01",
                "check_month": 6,
                "is_insured": True,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert "source" in json.dumps(body)
    assert PathwayEvent.objects.count() == 0
    indicators = client.get("/api/pathways/indicators?dimension=year").json()
    assert indicators["suppressed"] is False
    assert indicators["definitions"][0]["code"] == "employment_rate"
