"""Permission-matrix rows of the courses API.

School A offers an approved course (``course_a``) and has one waiting for review
(``course_submitted``); company A has a draft (``course_draft``). All three are held in 시흥
(region A), so the support office officer of region A and the province review them."""

from __future__ import annotations

from datetime import time
from typing import Any

from vocnet.courses.models import (
    AllocationRun,
    Attendance,
    Course,
    CourseApplication,
    CourseChoice,
    CourseSession,
    Enrolment,
    Instructor,
)
from vocnet.testing import World
from vocnet.testing.matrix import SIGNED_IN, Row

REVIEWERS = frozenset({"province_officer", "support_office_officer"})
PROVINCE = frozenset({"province_officer"})
CATALOGUE = {"course_a", "course_company", "course_closed"}
# Who sees student A's application (school A in region A) and student B's (school B, 수원).
SEES_A = frozenset({"student", "guardian", "school_staff_a", "support_office_officer"})
SEES_B = frozenset({"school_staff_b"})
# Enrolments: student A in school A's course; student B in company A's course (its roster).
SEES_ENROLMENT_B = frozenset({"school_staff_b", "company_staff"})
COMPANY = frozenset({"company_staff"})
DRAFT_READERS = COMPANY | REVIEWERS


def _courses(world: World) -> None:
    """Row hook: a term open for applications with school A's and company A's courses, the
    two students' applications and enrolments, and a closed term whose allocation ran."""
    if "course_a" in world.objects:
        return
    from django.utils import timezone

    from vocnet.courses.services.runs import allocation_execute
    from vocnet.courses.tests.factories import (
        ApprovedCourseFactory,
        ClosedTermFactory,
        CourseFactory,
        SubmittedCourseFactory,
        TermFactory,
        confirmed_application,
    )

    term = TermFactory()
    school = world.school_a.organisation
    company = world.company_a.organisation
    objects = world.objects
    objects["term"] = term
    objects["course_a"] = ApprovedCourseFactory(term=term, host=school)
    objects["course_submitted"] = SubmittedCourseFactory(term=term, host=school)
    objects["course_draft"] = CourseFactory(
        term=term, host=company, course_type="company_tailored", hiring_commitment=3
    )
    objects["course_company"] = ApprovedCourseFactory(
        term=term, host=company, slots=[(5, time(9), time(12))]
    )
    objects["application_a"] = CourseApplication.objects.create(
        term=term, student=world.student_a, submitted_at=timezone.now()
    )
    CourseChoice.objects.create(
        application=objects["application_a"], course=objects["course_a"], rank=1
    )
    objects["application_b"] = confirmed_application(
        term, world.student_b, [objects["course_company"]]
    )
    objects["enrolment_a"] = Enrolment.objects.create(
        course=objects["course_a"],
        student=world.student_a,
        choice_rank=1,
        completed_at=timezone.now(),
        certificate_code="TEST-CODE-0001",
    )
    objects["enrolment_b"] = Enrolment.objects.create(
        course=objects["course_company"], student=world.student_b, choice_rank=1
    )
    closed = ClosedTermFactory()
    objects["term_closed"] = closed
    objects["course_closed"] = ApprovedCourseFactory(term=closed, host=school)
    objects["application_closed"] = confirmed_application(
        closed, world.student_a, [objects["course_closed"]]
    )
    run = AllocationRun.objects.create(term=closed, seed=7)
    objects["run_done"] = allocation_execute(run_id=run.pk)


def _new_course(world: World) -> dict[str, Any]:
    return {
        "term_id": world.objects["term"].pk,
        "host_id": world.company_a.organisation.pk,
        "title": "전기차 배터리 정비 실무",
        "course_type": "joint_offline",
        "field_codes": ["1501", "1903"],
        "capacity": 20,
        "venue": "기업 교육장",
        "slots": [{"weekday": 5, "starts_at": "09:00", "ends_at": "12:00"}],
    }


ROWS: list[Row] = [
    Row(
        "GET",
        "/api/courses",
        None,
        SIGNED_IN,
        prepare=_courses,
        visible={persona: CATALOGUE for persona in SIGNED_IN},
    ),
    Row("GET", "/api/courses/{course_id}", "course_a", SIGNED_IN, prepare=_courses),
    Row("GET", "/api/courses/{course_id}", "course_draft", DRAFT_READERS, prepare=_courses),
    Row("POST", "/api/courses", None, COMPANY, payload=_new_course, prepare=_courses),
    Row("POST", "/api/courses/{course_id}/submit", "course_draft", COMPANY, prepare=_courses),
    Row(
        "POST", "/api/courses/{course_id}/approve", "course_submitted", REVIEWERS, prepare=_courses
    ),
    Row(
        "POST",
        "/api/courses/{course_id}/return",
        "course_submitted",
        REVIEWERS,
        payload=lambda world: {"reason": "수업 장소의 안전 점검 결과를 첨부해 주세요."},
        prepare=_courses,
    ),
    Row(
        "POST",
        "/api/courses/instructors",
        None,
        COMPANY,
        payload=lambda world: {
            "name": "김현장",
            "organisation_id": world.company_a.organisation.pk,
            "qualification": "전기기사, 배터리 정비 경력 10년",
            "is_industry": True,
        },
        prepare=_courses,
    ),
]


def _visible(
    a_keys: set[str], b_keys: set[str], sees_a: frozenset[str], sees_b: frozenset[str]
) -> dict[str, set[str]]:
    """Persona → the keys it lists: the province all, the others A's and/or B's rows."""
    return {
        persona: (
            a_keys | b_keys
            if persona == "province_officer"
            else (a_keys if persona in sees_a else set()) | (b_keys if persona in sees_b else set())
        )
        for persona in SIGNED_IN
    }


ROWS += [
    Row(
        "POST",
        "/api/courses/terms/{term_id}/applications",
        "term",
        frozenset({"student"}),
        payload=lambda world: {"course_ids": [world.objects["course_company"].pk]},
        prepare=_courses,
    ),
    Row(
        "GET",
        "/api/courses/applications",
        None,
        SIGNED_IN,
        prepare=_courses,
        visible=_visible(
            {"application_a", "application_closed"}, {"application_b"}, SEES_A, SEES_B
        ),
    ),
    Row(
        "POST",
        "/api/courses/applications/{application_id}/confirm",
        "application_a",
        frozenset({"school_staff_a"}),
        prepare=_courses,
    ),
    Row(
        "POST",
        "/api/courses/terms/{term_id}/runs",
        "term_closed",
        PROVINCE,
        payload=lambda world: {"seed": 11},
        prepare=_courses,
    ),
    Row("GET", "/api/courses/runs/{run_id}", "run_done", PROVINCE, prepare=_courses),
    Row("POST", "/api/courses/runs/{run_id}/confirm", "run_done", PROVINCE, prepare=_courses),
    Row(
        "GET",
        "/api/courses/enrolments",
        None,
        SIGNED_IN,
        prepare=_courses,
        visible=_visible(
            {"enrolment_a"}, {"enrolment_b"}, SEES_A | {"school_staff_a"}, SEES_ENROLMENT_B
        ),
    ),
]

COUNTED = (
    Course,
    Instructor,
    CourseApplication,
    CourseChoice,
    CourseSession,
    Enrolment,
    AllocationRun,
    CourseSession,
    Attendance,
)

# Credits, learning records, hires and the follow-up round (tests/rows_credits.py).
from vocnet.courses.tests.rows_credits import API_COUNTED, API_ROWS  # noqa: E402

ROWS += API_ROWS
COUNTED = (*COUNTED, *API_COUNTED)
