"""Eligibility on the pages and the API: the school's list filtered to "eligible now" and
"reaching soon" in a fixed number of queries, the graduate's pathway page, the graduate's own
page (nobody else's), the unverified mark beside every rule."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vocnet.pathways.models import GraduateDestination, PathwayEvent
from vocnet.pathways.selectors.eligibility import eligibility_list, own_eligibility
from vocnet.pathways.tests.factories import DestinationFactory
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _hired(department: Any, on: date, **fields: Any) -> GraduateDestination:
    graduate = DestinationFactory(department=department, graduation_year=on.year, kind="employed")
    values: dict[str, Any] = {
        "employer_name": "(주)시흥정밀",
        "weekly_hours": 40,
        "firm_size": "sme",
    }
    values.update(fields)
    PathwayEvent.objects.create(graduate=graduate, kind="hired", occurred_on=on, **values)
    return graduate


def test_the_school_list_shows_eligible_now_and_reaching_soon(world: World) -> None:
    today = timezone.localdate()
    department = world.objects["department_a"]
    # given one graduate past 3 months, one 10 days short of them, one under 15 hours
    eligible = _hired(department, today - timedelta(days=120))
    soon = _hired(department, today - timedelta(days=80))
    _hired(department, today - timedelta(days=120), weekly_hours=12)
    user = world.user("school_staff_a")
    # when the employment teacher filters
    now = eligibility_list(user=user, school_id=None, status="eligible", today=today)
    coming = eligibility_list(user=user, school_id=None, status="soon", today=today)
    # then each list holds the right graduate with the matching verdict
    assert [line.graduate for line in now.lines] == [eligible]
    assert {item.code for item in now.lines[0].matching} == {"incentive_3"}
    assert [line.graduate for line in coming.lines] == [soon]
    assert coming.lines[0].matching[0].code == "incentive_3"


def test_the_list_page_costs_the_same_queries_for_three_graduates_or_thirty(
    world: World, django_assert_max_num_queries: Any
) -> None:
    today = timezone.localdate()
    department = world.objects["department_a"]
    client = _client(world, "school_staff_a")
    for _ in range(3):
        _hired(department, today - timedelta(days=120))
    with django_assert_max_num_queries(14) as few:
        page = client.get("/pathways/eligibility/?status=eligible")
    assert page.status_code == 200
    for _ in range(27):
        _hired(department, today - timedelta(days=120))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/pathways/eligibility/?status=eligible")
    assert page.content.decode().count("/pathways/") >= 30
    assert "출처 원문 미확인" in page.content.decode()


def test_another_school_sees_none_of_them(world: World) -> None:
    today = timezone.localdate()
    _hired(world.objects["department_a"], today - timedelta(days=120))
    found = eligibility_list(
        user=world.user("school_staff_b"),
        school_id=world.school_a.pk,
        status="all",
        today=today,
    )
    assert found.school == world.school_b or found.school is None
    assert found.lines == []


def test_the_pathway_page_shows_the_verdicts_with_the_unverified_mark(world: World) -> None:
    graduate = _hired(world.objects["department_a"], date(2025, 3, 4))
    page = _client(world, "school_staff_a").get(f"/pathways/{graduate.pk}/").content.decode()
    assert "받을 수 있는 지원" in page
    assert "고졸 취업연계 장려금 (1차, 3개월)" in page
    assert "재직자 특별전형 지원 자격" in page
    assert "2028-03-04" in page  # the day 3 years in work are reached
    assert "출처 원문 미확인" in page


def test_a_graduate_sees_their_own_eligibility_and_no_one_elses(world: World) -> None:
    # given the student login's record linked to a graduate row with a hire, and another one
    mine = _hired(world.objects["department_a"], date(2025, 3, 4))
    mine.student = world.student_a
    mine.save(update_fields=["student"])
    other = _hired(world.objects["department_a"], date(2025, 3, 4))
    # when the graduate opens their page and the API
    client = _client(world, "student")
    home = client.get("/").content.decode()
    assert "내가 받을 수 있는 지원" in home
    assert "/pathways/eligibility/mine/" in home
    page = client.get("/pathways/eligibility/mine/").content.decode()
    api = json.loads(client.get("/api/pathways/eligibility/mine").content)
    # then only their own row is there
    assert "고졸 취업연계 장려금 (2차, 12개월)" in page
    assert [row["destination_id"] for row in api] == [mine.pk]
    assert api[0]["verdicts"][0]["verified"] is False
    assert other.graduate_key not in page
    # and someone without a graduate record is told so
    assert own_eligibility(user=world.user("company_staff"), today=date(2026, 1, 1)) == []
    empty = _client(world, "company_staff").get("/pathways/eligibility/mine/").content.decode()
    assert "연결된 졸업생 기록이 없습니다" in empty


def test_the_api_lists_the_schools_eligible_graduates(world: World) -> None:
    today = timezone.localdate()
    graduate = _hired(world.objects["department_a"], today - timedelta(days=120))
    client = _client(world, "school_staff_a")
    body = json.loads(client.get("/api/pathways/eligibility?status=eligible").content)
    assert [g["destination_id"] for g in body["graduates"]] == [graduate.pk]
    one = json.loads(client.get(f"/api/pathways/destinations/{graduate.pk}/eligibility").content)
    assert [v["rule"] for v in one["verdicts"]] == [
        "incentive_3",
        "incentive_12",
        "incumbent_special",
        "early_employment_contract",
    ]
    assert client.get("/api/pathways/eligibility?status=maybe").status_code == 422
