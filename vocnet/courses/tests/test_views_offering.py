"""The offering pages: a host offers a course (weekly slots or dated sessions), registers an
instructor, edits a returned course and submits it again; bad input comes back on its
fields with nothing written; the lists keep a fixed number of queries."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vocnet.core.models import AuditEvent
from vocnet.courses.models import Course, CourseSlot, CourseStatus, Instructor
from vocnet.courses.selectors_offering import course_menu
from vocnet.courses.services.offering_edit import PlannedSession, weekly_slots_of
from vocnet.courses.tests.factories import (
    ApprovedCourseFactory,
    CourseFactory,
    InstructorFactory,
    SubmittedCourseFactory,
    TermFactory,
)
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    client: Any = Client()
    sign_in(client, user)
    return client


def _rows(prefix: str, rows: list[dict[str, str]], total: int) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def _post(world: World, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "term_id": str(TermFactory().pk),
        "host_id": str(world.company_a.organisation.pk),
        "title": "전기차 배터리 정비 실무",
        "description": "배터리 팩 점검과 안전 수칙",
        "course_type": "joint_offline",
        "field_codes": ["1501", "1903"],
        "venue": "기업 교육장",
        "schedule_kind": "weekly",
        "capacity": "20",
        "minimum_enrolment": "5",
        "eligible_grades": ["2", "3"],
        "credits": "2",
        "completion_threshold_percent": "75",
        "hiring_commitment": "0",
    }
    data.update(_rows("slots", [{"weekday": "5", "starts_at": "09:00", "ends_at": "12:00"}], 3))
    data.update(_rows("sessions", [], 4))
    data.update(changes)
    return data


def _counts() -> tuple[int, ...]:
    return (
        Course.objects.count(),
        CourseSlot.objects.count(),
        Instructor.objects.count(),
        AuditEvent.objects.filter(action__startswith="course").count(),
    )


def test_a_company_offers_a_cross_track_course_as_a_draft(world: World) -> None:
    # Given company A's staff on the offering form
    client = _client(world.user("company_staff"))
    assert client.get(reverse("courses:offering_new")).status_code == 200
    # When they send a course in 기계 and 전기·전자 on Saturday mornings
    response = client.post(reverse("courses:offering_new"), _post(world))
    # Then it is their draft, cross-track, with its slot, eligibility and threshold
    course = Course.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:course", args=[course.pk])
    assert course.status == CourseStatus.DRAFT
    assert course.host_id == world.company_a.organisation.pk
    assert course.is_cross_track is True
    assert course.eligible_grades == [2, 3]
    assert (course.capacity, course.minimum_enrolment, course.credits) == (20, 5, 2)
    assert course.completion_threshold_percent == 75
    assert [s.as_tuple for s in course.slots.all()] == [(5, time(9), time(12))]
    page = client.get(response["Location"]).content.decode()
    assert "계열 통합" in page
    assert "승인 요청" in page


def test_bad_input_comes_back_on_its_fields_and_nothing_is_written(world: World) -> None:
    client = _client(world.user("company_staff"))
    before = _counts()
    # When the capacity is 0 and the two slots overlap
    slots = _rows(
        "slots",
        [
            {"weekday": "1", "starts_at": "16:00", "ends_at": "18:00"},
            {"weekday": "1", "starts_at": "17:00", "ends_at": "19:00"},
        ],
        3,
    )
    response = client.post(reverse("courses:offering_new"), _post(world, capacity="0", **slots))
    # Then the form comes back with each rule on its field, and nothing was written
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["capacity"] == ["정원은 1명 이상 500명 이하입니다."]
    row = response.context["slot_formset"].forms[1]
    assert "한 과목의 수업 시간이 서로 겹칩니다" in row.non_field_errors()[0]
    assert _counts() == before


def test_an_industry_course_with_an_unqualified_instructor_is_refused(world: World) -> None:
    # Given an industry instructor whose qualification was never entered (e.g. imported)
    instructor = InstructorFactory(organisation=world.company_a.organisation, qualification="")
    client = _client(world.user("company_staff"))
    before = _counts()
    response = client.post(
        reverse("courses:offering_new"),
        _post(world, course_type="industry_instructor", instructor_ids=[str(instructor.pk)]),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["instructor_ids"]
    assert any("자격·경력이 등록되지 않았습니다" in error for error in errors)
    assert _counts() == before


def test_an_industry_instructor_needs_a_qualification_to_be_registered(world: World) -> None:
    client = _client(world.user("company_staff"))
    url = reverse("courses:instructor_new")
    data = {
        "name": "김현장",
        "organisation_id": str(world.company_a.organisation.pk),
        "is_industry": "on",
        "qualification": "",
    }
    before = _counts()
    # When the qualification is left empty
    response = client.post(url, data)
    # Then the field says the rule, in the page's language, and no instructor is written
    assert response.status_code == 200
    assert response.context["form"].errors["qualification"] == [
        "산업체 강사는 자격·경력을 입력해야 합니다."
    ]
    assert _counts() == before
    client.cookies["django_language"] = "en"
    english = client.post(url, data)
    client.cookies["django_language"] = "ko"
    assert english.context["form"].errors["qualification"] == [
        "An industry instructor needs a qualification."
    ]
    # When it is given, the instructor is registered and the form goes back where it was
    data["qualification"] = "전기기능장, 현장 경력 12년"
    back = reverse("courses:offering_new")
    response = client.post(f"{url}?next={back}", {**data, "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    assert Instructor.objects.get().qualification == "전기기능장, 현장 경력 12년"


def test_a_course_on_dated_sessions_keeps_its_dates_and_their_weekly_slots(
    world: World,
) -> None:
    client = _client(world.user("company_staff"))
    sessions = _rows(
        "sessions",
        [
            {"held_on": "2026-03-07", "starts_at": "09:00", "ends_at": "12:00"},
            {"held_on": "2026-03-14", "starts_at": "10:00", "ends_at": "13:00"},
            {"held_on": "2026-03-19", "starts_at": "16:00", "ends_at": "18:00"},
        ],
        4,
    )
    response = client.post(
        reverse("courses:offering_new"), _post(world, schedule_kind="dated", **sessions)
    )
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.planned_sessions == [
        {"date": "2026-03-07", "starts_at": "09:00", "ends_at": "12:00"},
        {"date": "2026-03-14", "starts_at": "10:00", "ends_at": "13:00"},
        {"date": "2026-03-19", "starts_at": "16:00", "ends_at": "18:00"},
    ]
    # Saturdays 09–12 and 10–13 occupy Saturday 09–13; Thursday 16–18
    assert [s.as_tuple for s in course.slots.all()] == [
        (3, time(16), time(18)),
        (5, time(9), time(13)),
    ]


def test_a_dated_session_outside_the_term_is_refused_on_its_row(world: World) -> None:
    client = _client(world.user("company_staff"))
    before = _counts()
    sessions = _rows(
        "sessions", [{"held_on": "2026-09-05", "starts_at": "09:00", "ends_at": "12:00"}], 4
    )
    response = client.post(
        reverse("courses:offering_new"), _post(world, schedule_kind="dated", **sessions)
    )
    assert response.status_code == 200
    row = response.context["session_formset"].forms[0]
    assert row.errors["held_on"] == ["수업일은 학기 기간(2026-03-02 ~ 2026-07-17) 안이어야 합니다."]
    assert _counts() == before


def test_weekly_slots_of_dated_sessions_merge_overlaps_and_keep_touching_apart() -> None:
    sessions = [
        PlannedSession(date(2026, 3, 7), time(9), time(12)),
        PlannedSession(date(2026, 3, 14), time(11), time(13)),
        PlannedSession(date(2026, 3, 21), time(13), time(15)),
    ]
    assert [(s.weekday, s.starts_at, s.ends_at) for s in weekly_slots_of(sessions)] == [
        (5, time(9), time(13)),
        (5, time(13), time(15)),
    ]


def test_the_host_fixes_a_returned_course_and_submits_it_again(world: World) -> None:
    # Given company A's course returned with a reason
    course = CourseFactory(
        host=world.company_a.organisation,
        status=CourseStatus.RETURNED,
        review_reason="수업 장소의 안전 점검 결과를 첨부해 주세요.",
    )
    client = _client(world.user("company_staff"))
    # Then the host reads the reason on the course and on the form
    detail = client.get(reverse("courses:course", args=[course.pk])).content.decode()
    assert "안전 점검 결과" in detail
    edit = reverse("courses:offering_edit", args=[course.pk])
    assert "안전 점검 결과" in client.get(edit).content.decode()
    # When they fix the venue (the term and host stay) and submit
    response = client.post(edit, _post(world, venue="기업 교육장 (안전 점검 완료)", term_id="0"))
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.venue == "기업 교육장 (안전 점검 완료)"
    assert course.status == CourseStatus.RETURNED
    response = client.post(reverse("courses:offering_submit", args=[course.pk]))
    course.refresh_from_db()
    assert response.status_code == 302
    assert course.status == CourseStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="course.update").count() == 1


def test_a_course_in_review_cannot_be_edited(world: World) -> None:
    course = SubmittedCourseFactory(host=world.company_a.organisation, venue="원래 장소")
    client = _client(world.user("company_staff"))
    before = _counts()
    response = client.post(
        reverse("courses:offering_edit", args=[course.pk]), _post(world, venue="바꾼 장소")
    )
    assert response.status_code == 200
    assert "상태의 과목은 고칠 수 없습니다" in str(response.context["form"].non_field_errors())
    course.refresh_from_db()
    assert course.venue == "원래 장소"
    assert _counts() == before


def test_another_host_cannot_edit_or_submit(world: World) -> None:
    course = CourseFactory(host=world.company_a.organisation)
    client = _client(world.user("school_staff_a"))
    assert client.get(reverse("courses:offering_edit", args=[course.pk])).status_code == 404
    assert client.post(reverse("courses:offering_submit", args=[course.pk])).status_code == 404
    course.refresh_from_db()
    assert course.status == CourseStatus.DRAFT


def _offerings(world: World, count: int) -> None:
    for _ in range(count):
        ApprovedCourseFactory(host=world.company_a.organisation, slots=[(1, time(16), time(18))])


@pytest.mark.parametrize("count", [2, 12])
def test_the_host_list_keeps_its_queries_fixed(
    world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    _offerings(world, count)
    client = _client(world.user("company_staff"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("courses:offerings"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [2, 12])
def test_the_review_queue_keeps_its_queries_fixed(
    world: World, count: int, django_assert_max_num_queries: Any
) -> None:
    for _ in range(count):
        SubmittedCourseFactory(host=world.school_a.organisation)
    client = _client(world.user("support_office_officer"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("courses:review_queue"))
    assert len(response.context["page"].object_list) == count


def test_each_role_finds_its_course_pages(world: World) -> None:
    TermFactory()
    labels = {
        persona: [label for label, _ in course_menu(world.user(persona))]
        for persona in (
            "company_staff",
            "university_staff",
            "school_staff_a",
            "support_office_officer",
            "student",
            "guardian",
            "local_government_officer",
        )
    }
    assert labels == {
        "company_staff": ["내 개설 과목", "과목 개설"],
        "university_staff": ["내 개설 과목", "과목 개설"],
        "school_staff_a": ["내 개설 과목", "과목 개설", "수강 신청"],
        "support_office_officer": ["내 개설 과목", "과목 개설", "개설 승인"],
        "student": ["수강 신청"],
        "guardian": ["수강 신청"],
        "local_government_officer": [],
    }
    province = [label for label, _ in course_menu(world.user("province_officer"))]
    assert "개설 승인" in province
    assert any(label.startswith("수강 배정") for label in province)


def test_the_province_opens_a_term_in_the_admin_and_others_cannot(world: World) -> None:
    url = reverse("admin:courses_term_add")
    province = world.user("province_officer")
    province.is_staff = True
    province.save(update_fields=["is_staff"])
    assert _client(province).get(url).status_code == 200
    assert _client(world.user("company_staff")).get(url).status_code in (302, 403)
