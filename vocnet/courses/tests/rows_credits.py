"""Matrix rows of credits, learning records, hires and the follow-up round (API and pages).

On top of the courses hook (permission_rows._courses): a course of company A with 2 credits
that student A (school A) and student B (school B) completed — each waits in their own
school's credit queue —, a company-tailored class of company A with student B, and a closed
term whose first round was confirmed (so a follow-up round may start)."""

from __future__ import annotations

from datetime import time

from vocnet.courses.models import CourseDelivery, CreditRecognition, Enrolment, TailoredHire
from vocnet.courses.tests.permission_rows import COMPANY, PROVINCE, SEES_A, _courses
from vocnet.testing import World
from vocnet.testing.matrix import SIGNED_IN, Row
from vocnet.testing.pages import PageRow

SCHOOL_STAFF = frozenset({"school_staff_a", "school_staff_b"})
# Who reads student A's learning record (as their student record): the student, the
# guardian, school A's staff, the support office of school A's region and the province.
READS_RECORD_A = SEES_A | PROVINCE


def _credits(world: World) -> None:
    _courses(world)
    if "enrolment_credit_a" in world.objects:
        return
    from django.utils import timezone

    from vocnet.courses.services import allocation_confirm, allocation_execute, allocation_start
    from vocnet.courses.tests.factories import (
        ApprovedCourseFactory,
        ClosedTermFactory,
        confirmed_application,
    )

    objects = world.objects
    company = world.company_a.organisation
    course = ApprovedCourseFactory(
        term=objects["term"], host=company, credits=2, slots=[(4, time(16), time(18))]
    )
    objects["course_credit"] = course
    for key, student in (("enrolment_credit_a", world.student_a), ("b", world.student_b)):
        objects[key if key != "b" else "enrolment_credit_b"] = Enrolment.objects.create(
            course=course,
            student=student,
            choice_rank=1,
            completed_at=timezone.now(),
            certificate_code=f"CRED-{student.pk:04d}-0001"[:14],
        )
    objects["student_a"] = world.student_a
    tailored = ApprovedCourseFactory(
        term=objects["term"],
        host=company,
        course_type="company_tailored",
        hiring_commitment=1,
        slots=[(6, time(9), time(12))],
    )
    objects["course_tailored"] = tailored
    objects["enrolment_tailored_b"] = Enrolment.objects.create(
        course=tailored, student=world.student_b, choice_rank=1
    )
    term = ClosedTermFactory()
    objects["term_followup"] = term
    confirmed_application(term, world.student_a, [ApprovedCourseFactory(term=term)])
    officer = world.user("province_officer")
    run = allocation_start(actor=officer, term=term, seed=3, enqueue=False)
    done = allocation_execute(run_id=run.pk)
    assert done is not None
    allocation_confirm(actor=officer, run=done)


def _queue_visible() -> dict[str, set[str]]:
    return {
        persona: {
            "school_staff_a": {"enrolment_credit_a"},
            "school_staff_b": {"enrolment_credit_b"},
        }.get(persona, set())
        for persona in SIGNED_IN
    }


API_ROWS: list[Row] = [
    Row(
        "GET",
        "/api/courses/credits/queue",
        None,
        SIGNED_IN,
        prepare=_credits,
        visible=_queue_visible(),
    ),
    Row(
        "POST",
        "/api/courses/credits/decisions",
        None,
        frozenset({"school_staff_a"}),
        payload=lambda world: {
            "enrolment_ids": [world.objects["enrolment_credit_a"].pk],
            "recognise": True,
        },
        prepare=_credits,
    ),
    Row(
        "GET",
        "/api/courses/students/{student_id}/record",
        "student_a",
        READS_RECORD_A,
        prepare=_credits,
    ),
    Row(
        "POST",
        "/api/courses/{course_id}/hires",
        "course_tailored",
        COMPANY,
        payload=lambda world: {"student_ids": [world.student_b.pk], "hired_on": "2026-07-20"},
        prepare=_credits,
    ),
    Row(
        "POST",
        "/api/courses/terms/{term_id}/follow-up-runs",
        "term_followup",
        PROVINCE,
        payload=lambda world: {"seed": 5},
        prepare=_credits,
    ),
]

API_COUNTED = (CreditRecognition, TailoredHire, CourseDelivery)

PAGE_ROWS: list[PageRow] = [
    PageRow(
        "courses:credit_queue",
        SCHOOL_STAFF,
        post=SCHOOL_STAFF,
        prepare=_credits,
        visible=_queue_visible(),
    ),
    PageRow("courses:my_record", frozenset({"student"}), prepare=_credits),
    PageRow("courses:record", READS_RECORD_A, {"student_id": "student_a"}, prepare=_credits),
    PageRow(
        "courses:hires",
        COMPANY,
        {"course_id": "course_tailored"},
        post=COMPANY,
        prepare=_credits,
    ),
]

PAGE_ROWS += [
    PageRow(
        "courses:allocation_follow_up",
        frozenset(),
        {"term_id": "term_followup"},
        get=False,
        post=PROVINCE,
        prepare=_credits,
    ),
]
