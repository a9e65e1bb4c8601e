"""The placement page during training: the student logs a day, a breach is flagged and
reported, the company confirms but never sees reports, the teacher records a visit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vocnet.placements.models import (
    Evaluation,
    HoursEntry,
    IncidentReport,
    MonitoringVisit,
    PlacementStatus,
    SafetyEducation,
)
from vocnet.placements.tests import factories as pf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


@pytest.fixture
def running(world: World, vetted_a: Any) -> Any:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 14)
    offer = pf.PublishedOfferFactory(
        company=world.company_a, start_date=monday, end_date=monday + timedelta(days=60)
    )
    return pf.PlacementFactory(
        offer=offer, student=world.student_a, status=PlacementStatus.IN_PROGRESS
    )


def test_the_student_logs_a_breaching_day_and_the_school_sees_the_report(
    world: World, running: Any
) -> None:
    # given the student on their placement page
    student = _client(world, "student")
    assert student.get(f"/placements/placements/{running.pk}/").context["hours_form"] is not None
    # when they log a day ending at 23:00
    day = running.offer.start_date + timedelta(days=1)
    response = student.post(
        f"/placements/placements/{running.pk}/hours/",
        {"day": day.isoformat(), "start": "15:00", "end": "23:00", "break_minutes": "60"},
    )
    # then the day is kept as a breach, the school sees the report, the company does not
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.is_breach is True
    school_page = _client(world, "school_staff_a").get(f"/placements/placements/{running.pk}/")
    company_page = _client(world, "company_staff").get(f"/placements/placements/{running.pk}/")
    assert [i.kind for i in school_page.context["incidents"]] == ["hours_breach"]
    assert company_page.context["incidents"] == []
    assert IncidentReport.objects.count() == 1
    # and the company confirms the day from its page
    assert company_page.context["confirmable"] == {entry.pk}
    _client(world, "company_staff").post(f"/placements/hours/{entry.pk}/confirm/")
    entry.refresh_from_db()
    assert entry.confirmed_at is not None


def test_the_student_logs_a_leave_day_from_the_page(world: World, running: Any) -> None:
    # given the student's placement page with the leave form
    student = _client(world, "student")
    assert student.get(f"/placements/placements/{running.pk}/").context["leave_form"] is not None
    # when a Saturday is sent, it is refused with the rule and nothing is written
    saturday = running.offer.start_date + timedelta(days=5)
    student.post(
        f"/placements/placements/{running.pk}/leave/",
        {"leave_day": saturday.isoformat(), "kind": "menstrual"},
    )
    assert HoursEntry.objects.count() == 0
    # when the Tuesday is sent, it is kept as leave, shown as such and not a breach
    tuesday = running.offer.start_date + timedelta(days=1)
    student.post(
        f"/placements/placements/{running.pk}/leave/",
        {"leave_day": tuesday.isoformat(), "kind": "menstrual", "note": ""},
    )
    entry = HoursEntry.objects.get()
    assert (entry.leave, entry.is_breach) == ("menstrual", False)
    page = student.get(f"/placements/placements/{running.pk}/").content.decode()
    assert "생리휴가" in page
    assert IncidentReport.objects.count() == 0


def test_the_teacher_records_a_visit_and_answers_a_grievance(world: World, running: Any) -> None:
    teacher = _client(world, "school_staff_a")
    teacher.post(
        f"/placements/placements/{running.pk}/visits/",
        {"visited_on": timezone.localdate().isoformat(), "hours_kept": "on", "tasks_match": "on",
         "safety_ok": "on", "mentor_present": "on", "student_wellbeing": "on",
         "notes": "양호"},
    )  # fmt: skip
    assert MonitoringVisit.objects.count() == 1
    _client(world, "guardian").post(
        f"/placements/placements/{running.pk}/incidents/",
        {"kind": "grievance", "description": "야간 잔업 요구"},
    )
    incident = IncidentReport.objects.get()
    teacher.post(
        f"/placements/incidents/{incident.pk}/respond/", {"response": "시정 요구", "close": "on"}
    )
    incident.refresh_from_db()
    assert (incident.status, incident.response) == ("closed", "시정 요구")
    listing = teacher.get("/placements/incidents/")
    assert listing.status_code == 200
    assert listing.context["page"].paginator.count == 1


def test_evaluations_are_submitted_from_the_page_after_the_end(world: World, running: Any) -> None:
    type(running).objects.filter(pk=running.pk).update(status=PlacementStatus.COMPLETED)
    student = _client(world, "student")
    page = student.get(f"/placements/placements/{running.pk}/")
    assert [role for role, _form in page.context["evaluation_forms"]] == ["student"]
    student.post(
        f"/placements/placements/{running.pk}/evaluations/",
        {"role": "student", "rating": "4", "comment": "배울 점이 많았습니다"},
    )
    assert list(Evaluation.objects.values_list("role", "rating")) == [("student", 4)]


@pytest.mark.parametrize("what", ["hours", "visits", "evaluations"])
def test_reading_a_placements_records_through_the_api_is_in_the_access_log(
    world: World, running: Any, what: str
) -> None:
    # given the student's school staff
    from vocnet.privacy.models import PersonalDataAccess

    client = _client(world, "school_staff_a")

    # when they read the placement's diary, visits or evaluations through the API
    response = client.get(f"/api/placements/placements/{running.pk}/{what}")

    # then the read is logged against the student, as a view by them
    assert response.status_code == 200
    logged = PersonalDataAccess.objects.get()
    assert (logged.subject_kind, logged.subject_id, logged.action) == (
        "registry.student",
        world.student_a.pk,
        "view",
    )
    assert logged.actor == world.user("school_staff_a")


def test_listing_incident_reports_through_the_api_is_in_the_access_log(
    world: World, running: Any
) -> None:
    # given an incident filed by the student
    from vocnet.privacy.models import PersonalDataAccess

    student = _client(world, "student")
    filed = student.post(
        f"/api/placements/placements/{running.pk}/incidents",
        {"kind": "grievance", "description": "휴게 시간이 지켜지지 않습니다."},
        content_type="application/json",
    )
    assert filed.status_code == 201, filed.content

    # when the school lists the reports through the API
    before = PersonalDataAccess.objects.filter(action="view").count()
    response = _client(world, "school_staff_a").get("/api/placements/incidents")

    # then the student behind the report is logged as viewed
    assert response.status_code == 200
    assert len(response.json()["items"]) == 1
    viewed = PersonalDataAccess.objects.filter(action="view").order_by("-pk")
    assert viewed.count() == before + 1
    assert viewed.first().subject_id == world.student_a.pk


def test_the_school_records_the_safety_education_from_the_page(world: World, offer_a: Any) -> None:
    # given a matched placement of student A; the school's page has the form, the company's not
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    school = _client(world, "school_staff_a")
    url = f"/placements/placements/{placement.pk}/"
    assert school.get(url).context["education_form"] is not None
    assert _client(world, "company_staff").get(url).context["education_form"] is None
    # when a date after the start is sent, it is refused naming 제9조의5, nothing written
    late = offer_a.start_date + timedelta(days=1)
    response = school.post(
        f"{url}safety-education/",
        {"given_on": late.isoformat(), "given_by": "지도교사", "content": "노동인권"},
        follow=True,
    )
    assert "제9조의5" in response.content.decode()
    assert SafetyEducation.objects.count() == 0
    # when today is sent, it is recorded and shown
    school.post(
        f"{url}safety-education/",
        {
            "given_on": timezone.localdate().isoformat(),
            "given_by": "지도교사",
            "content": "노동인권",
        },
    )
    assert SafetyEducation.objects.get().given_by == "지도교사"
    assert "노동인권" in school.get(url).content.decode()
