"""Attendance ticked by the host, completion by the course's threshold, a verification code the
public page checks; refusals write nothing."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.courses import selectors, services
from vocnet.courses.models import Attendance, CourseSession, Enrolment
from vocnet.courses.tests.factories import ApprovedCourseFactory
from vocnet.registry.tests import factories as f
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _course_with_two_students(world: World) -> tuple[object, Enrolment, Enrolment]:
    course = ApprovedCourseFactory(
        host=world.company_a.organisation, completion_threshold_percent=75
    )
    first = Enrolment.objects.create(course=course, student=world.student_a)
    second = Enrolment.objects.create(course=course, student=f.StudentFactory())
    return course, first, second


def test_host_ticks_attendance_and_completion_follows_the_threshold(world: World) -> None:
    course, first, second = _course_with_two_students(world)
    staff = world.user("company_staff")
    # Four sessions: student A attends three (75 %), the other student two (50 %)
    for week, present in enumerate(([first.pk, second.pk], [first.pk], [first.pk, second.pk], [])):
        services.attendance_record(
            actor=staff,
            course=course,
            held_on=date(2026, 3, 3 + 7 * week),
            present_enrolment_ids=present,
        )
    completed = services.completion_decide(actor=staff, course=course)
    assert [e.pk for e in completed] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.completed_at is not None
    assert len(first.certificate_code) == 14
    assert second.completed_at is None
    # The public page confirms the code, the name masked
    check = selectors.certificate_check(first.certificate_code.lower())
    assert check is not None
    assert check.course == course.title
    assert check.student.startswith(world.student_a.name[:1])
    assert "*" in check.student
    assert selectors.certificate_check("AAAA-BBBB-CCCC") is None
    # The student sees their own attendance
    _enrolment, marks = selectors.attendance_of(world.user("student"), first.pk)
    assert [m.is_present for m in marks] == [True, True, True, False]


def test_only_the_host_ticks_attendance(world: World) -> None:
    course, first, _second = _course_with_two_students(world)
    for persona in ("school_staff_a", "student", "support_office_officer"):
        with pytest.raises(PermissionDenied):
            services.attendance_record(
                actor=world.user(persona),
                course=course,
                held_on=date(2026, 3, 3),
                present_enrolment_ids=[first.pk],
            )
    assert (CourseSession.objects.count(), Attendance.objects.count()) == (0, 0)


def test_ticking_a_student_of_another_course_is_refused(world: World) -> None:
    course, first, _second = _course_with_two_students(world)
    other = Enrolment.objects.create(course=ApprovedCourseFactory(), student=f.StudentFactory())
    with pytest.raises(ValidationFailed) as caught:
        services.attendance_record(
            actor=world.user("company_staff"),
            course=course,
            held_on=date(2026, 3, 3),
            present_enrolment_ids=[first.pk, other.pk],
        )
    assert caught.value.problems[0].code == "not_enrolled"
    assert (CourseSession.objects.count(), Attendance.objects.count()) == (0, 0)


def test_completion_without_sessions_is_refused(world: World) -> None:
    course, first, _second = _course_with_two_students(world)
    with pytest.raises(ValidationFailed):
        services.completion_decide(actor=world.user("company_staff"), course=course)
    first.refresh_from_db()
    assert first.completed_at is None
