"""Credits recognised by the home school, the learning record, and the hires of a
company-tailored class: who decides, the rules in both languages, and nothing written on a
refusal."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.courses import selectors_credits, services
from vocnet.courses.models import CreditRecognition, Enrolment, TailoredHire
from vocnet.courses.tests.factories import ApprovedCourseFactory
from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _completed(student: Any, credits: int = 2, **course: Any) -> Enrolment:
    return Enrolment.objects.create(
        course=ApprovedCourseFactory(credits=credits, **course),
        student=student,
        choice_rank=1,
        completed_at=timezone.now(),
        certificate_code="ABCD-EFGH-JKMN",
    )


def _codes(error: ValidationFailed) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in error.problems}


def test_home_school_recognises_credits_in_one_batch(world: World) -> None:
    # Given two completed courses with credits of student A (school A)
    first, second = _completed(world.student_a, 2), _completed(world.student_a, 3)
    staff = world.user("school_staff_a")
    assert set(selectors_credits.credit_queue(staff)) == {first, second}
    # When school A recognises both
    decisions = services.credits_decide(
        actor=staff, enrolment_ids=[first.pk, second.pk], recognise=True
    )
    # Then each course's credits are recognised and the queue is empty
    assert [(d.decision, d.credits) for d in decisions] == [("recognised", 2), ("recognised", 3)]
    assert list(selectors_credits.credit_queue(staff)) == []
    first.refresh_from_db()
    assert first.credits_recognised_at is not None
    # and the student's record shows every completed course and 5 credits
    record = selectors_credits.learning_record(world.user("student"), world.student_a.pk)
    assert {row.pk for row in record.rows} == {first.pk, second.pk}
    assert (record.recognised_credits, record.pending) == (5, 0)


def test_a_decline_needs_a_reason_and_writes_nothing_without_one(world: World) -> None:
    enrolment = _completed(world.student_a)
    with pytest.raises(ValidationFailed) as caught:
        services.credits_decide(
            actor=world.user("school_staff_a"), enrolment_ids=[enrolment.pk], recognise=False
        )
    assert _codes(caught.value) == {("reason", "required")}
    assert "사유" in caught.value.message_ko
    assert "reason" in caught.value.message_en
    assert CreditRecognition.objects.count() == 0
    decision = services.credits_decide(
        actor=world.user("school_staff_a"),
        enrolment_ids=[enrolment.pk],
        recognise=False,
        reason="학교 교육과정과 내용이 겹칩니다.",
    )[0]
    assert (decision.decision, decision.credits) == ("declined", 0)
    record = selectors_credits.learning_record(world.user("guardian"), world.student_a.pk)
    assert (record.recognised_credits, record.pending) == (0, 0)


def test_only_the_home_school_decides(world: World) -> None:
    # Student A took a course hosted by school B: school B does not decide its credits
    enrolment = _completed(world.student_a, host=world.school_b.organisation)
    for persona in ("school_staff_b", "student", "company_staff", "support_office_officer"):
        with pytest.raises(PermissionDenied):
            services.credits_decide(
                actor=world.user(persona), enrolment_ids=[enrolment.pk], recognise=True
            )
        assert list(selectors_credits.credit_queue(world.user(persona))) == []
    assert CreditRecognition.objects.count() == 0


def test_a_batch_with_one_bad_row_writes_nothing(world: World) -> None:
    good = _completed(world.student_a)
    no_credits = _completed(world.student_a, credits=0)
    unfinished = Enrolment.objects.create(
        course=ApprovedCourseFactory(credits=2), student=world.student_a, choice_rank=1
    )
    with pytest.raises(ValidationFailed) as caught:
        services.credits_decide(
            actor=world.user("school_staff_a"),
            enrolment_ids=[good.pk, no_credits.pk, unfinished.pk, good.pk],
            recognise=True,
        )
    assert _codes(caught.value) == {
        ("enrolment_ids", "duplicate"),
        ("enrolment_ids", "no_credits"),
        ("enrolment_ids", "not_completed"),
    }
    assert CreditRecognition.objects.count() == 0
    services.credits_decide(
        actor=world.user("school_staff_a"), enrolment_ids=[good.pk], recognise=True
    )
    with pytest.raises(ValidationFailed) as again:
        services.credits_decide(
            actor=world.user("school_staff_a"), enrolment_ids=[good.pk], recognise=True
        )
    assert _codes(again.value) == {("enrolment_ids", "already_decided")}
    assert CreditRecognition.objects.count() == 1


def test_queue_page_confirms_before_deciding(world: World, client: Any) -> None:
    enrolment = _completed(world.student_a)
    sign_in(client, world.user("school_staff_a"))
    url = reverse("courses:credit_queue")
    chosen = {"enrolment_ids": [enrolment.pk], "decision": "recognise", "reason": ""}
    # The first POST only shows what will be decided
    response = client.post(url, chosen)
    assert response.status_code == 200
    assert response.templates[0].name == "courses/credits/confirm.html"
    assert CreditRecognition.objects.count() == 0
    # The confirmed POST decides
    response = client.post(url, {**chosen, "confirmed": "1"})
    assert response.status_code == 302
    assert CreditRecognition.objects.get().enrolment == enrolment


def test_record_page_lists_completed_courses(world: World, client: Any) -> None:
    enrolment = _completed(world.student_a, 4)
    services.credits_decide(
        actor=world.user("school_staff_a"), enrolment_ids=[enrolment.pk], recognise=True
    )
    sign_in(client, world.user("student"))
    page = client.get(reverse("courses:my_record")).content.decode()
    assert enrolment.course.title in page
    assert "4학점" in page


def _tailored_class(world: World, size: int = 2) -> tuple[Any, list[Any]]:
    course = ApprovedCourseFactory(
        host=world.company_a.organisation,
        course_type="company_tailored",
        hiring_commitment=2,
        slots=[(5, time(9), time(12))],
    )
    students = [world.student_a] + [
        f.StudentFactory(department=world.objects["department_b"]) for _ in range(size - 1)
    ]
    for student in students:
        Enrolment.objects.create(course=course, student=student, choice_rank=1)
    return course, students


def test_company_records_who_it_hired(world: World) -> None:
    course, students = _tailored_class(world)
    hires = services.hires_record(
        actor=world.user("company_staff"),
        course=course,
        student_ids=[students[0].pk],
        hired_on=date(2026, 7, 20),
        note="생산기술직 정규직",
    )
    assert [h.enrolment.student for h in hires] == [students[0]]
    assert list(selectors_credits.hires_of(world.user("school_staff_a"), course)) == hires


def test_hiring_a_student_not_in_the_class_or_above_its_size_is_refused(world: World) -> None:
    course, students = _tailored_class(world, size=2)
    stranger = f.StudentFactory()
    with pytest.raises(ValidationFailed) as caught:
        services.hires_record(
            actor=world.user("company_staff"),
            course=course,
            student_ids=[students[0].pk, students[1].pk, stranger.pk],
            hired_on=date(2026, 7, 20),
        )
    assert _codes(caught.value) == {
        ("student_ids", "not_in_class"),
        ("student_ids", "over_class_size"),
    }
    messages = " ".join(p.message_ko + p.message_en for p in caught.value.problems)
    assert "수강생이 아닌" in messages
    assert "not in this class" in messages
    assert "수강생 수(2명)" in messages
    assert "class size (2 students)" in messages
    assert TailoredHire.objects.count() == 0


def test_only_the_host_records_hires_and_only_for_tailored_classes(world: World) -> None:
    course, students = _tailored_class(world)
    with pytest.raises(PermissionDenied):
        services.hires_record(
            actor=world.user("school_staff_a"),
            course=course,
            student_ids=[students[0].pk],
            hired_on=date(2026, 7, 20),
        )
    plain = ApprovedCourseFactory(host=world.company_a.organisation)
    Enrolment.objects.create(course=plain, student=world.student_a, choice_rank=1)
    with pytest.raises(ValidationFailed) as caught:
        services.hires_record(
            actor=world.user("company_staff"),
            course=plain,
            student_ids=[world.student_a.pk],
            hired_on=date(2026, 7, 20),
        )
    assert ("course_id", "not_tailored") in _codes(caught.value)
    assert TailoredHire.objects.count() == 0


def test_hires_page_records_the_chosen_students(world: World, client: Any) -> None:
    course, students = _tailored_class(world)
    sign_in(client, world.user("company_staff"))
    url = reverse("courses:hires", args=[course.pk])
    response = client.post(url, {"student_ids": [students[0].pk], "hired_on": "2026-07-20"})
    assert response.status_code == 302
    assert TailoredHire.objects.get().enrolment.student == students[0]
    page = client.get(url).content.decode()
    assert students[0].name in page


def test_api_decline_without_reason_is_422_in_both_languages(world: World, client: Any) -> None:
    enrolment = _completed(world.student_a)
    sign_in(client, world.user("school_staff_a"))
    response = client.post(
        "/api/courses/credits/decisions",
        {"enrolment_ids": [enrolment.pk], "recognise": False},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert "사유" in body["message_ko"]
    assert "reason" in body["message_en"]
    assert CreditRecognition.objects.count() == 0
