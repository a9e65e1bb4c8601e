"""Permission-matrix rows of the courses API.

School A offers an approved course (``course_a``) and has one waiting for review
(``course_submitted``); company A has a draft (``course_draft``). All three are held in 시흥
(region A), so the support office officer of region A and the province review them."""

from __future__ import annotations

from typing import Any

from vocnet.courses.models import Course, CourseApplication, CourseChoice, Enrolment, Instructor
from vocnet.testing import World
from vocnet.testing.matrix import SIGNED_IN, Row

REVIEWERS = frozenset({"province_officer", "support_office_officer"})
COMPANY = frozenset({"company_staff"})
DRAFT_READERS = COMPANY | REVIEWERS


def _courses(world: World) -> None:
    """Row hook: a term open for applications and school A's and company A's courses."""
    if "course_a" in world.objects:
        return
    from vocnet.courses.tests.factories import (
        ApprovedCourseFactory,
        CourseFactory,
        SubmittedCourseFactory,
        TermFactory,
    )

    term = TermFactory()
    school = world.school_a.organisation
    world.objects["term"] = term
    world.objects["course_a"] = ApprovedCourseFactory(term=term, host=school)
    world.objects["course_submitted"] = SubmittedCourseFactory(term=term, host=school)
    world.objects["course_draft"] = CourseFactory(
        term=term,
        host=world.company_a.organisation,
        course_type="company_tailored",
        hiring_commitment=3,
    )


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
        visible={persona: {"course_a"} for persona in SIGNED_IN},
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

COUNTED = (Course, Instructor, CourseApplication, CourseChoice, Enrolment)
