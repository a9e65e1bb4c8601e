"""Factories of the courses tests: a term in its window, courses in each review state, slots
and instructors."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import factory

from vocnet.courses.models import Course, CourseSlot, CourseStatus, CourseType, Instructor, Term
from vocnet.courses.rules import SEOUL
from vocnet.registry.models import NcsMiddle
from vocnet.registry.tests import factories as f


class TermFactory(factory.django.DjangoModelFactory):
    """A term whose application window is open now (2025 – 2099)."""

    class Meta:
        model = Term

    name = factory.Sequence(lambda n: f"2026학년도 1학기 ({n})")
    year = 2026
    semester = 1
    starts_on = date(2026, 3, 2)
    ends_on = date(2026, 7, 17)
    applications_open_at = datetime(2025, 1, 1, 9, 0, tzinfo=SEOUL)
    applications_close_at = datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL)
    max_choices = 5


class CourseFactory(factory.django.DjangoModelFactory):
    """A draft course of a school in 시흥, Tuesday 16:00–18:00."""

    class Meta:
        model = Course
        skip_postgeneration_save = True

    term = factory.SubFactory(TermFactory)
    host = factory.LazyFunction(lambda: f.SchoolFactory().organisation)
    title = factory.Sequence(lambda n: f"스마트팩토리 기초 {n}")
    course_type = CourseType.JOINT_OFFLINE
    venue = "시흥미래공업고등학교 실습동"
    region = factory.LazyAttribute(lambda o: o.host.region or f.region())
    capacity = 20
    minimum_enrolment = 1

    @factory.post_generation
    def slots(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        for weekday, start, end in extracted or [(1, time(16), time(18))]:
            CourseSlot.objects.create(course=self, weekday=weekday, starts_at=start, ends_at=end)

    @factory.post_generation
    def field_codes(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        fields = list(NcsMiddle.objects.filter(code__in=extracted or ["1501"]))
        self.fields.set(fields)


class SubmittedCourseFactory(CourseFactory):
    status = CourseStatus.SUBMITTED


class ApprovedCourseFactory(CourseFactory):
    status = CourseStatus.APPROVED


class InstructorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instructor

    name = factory.Sequence(lambda n: f"강사{n}")
    organisation = factory.LazyFunction(lambda: f.CompanyFactory().organisation)
    qualification = "전기기능장, 현장 경력 12년"
    is_industry = True


class ClosedTermFactory(TermFactory):
    """A term whose application window has closed (2025-01-01 – 2025-02-01)."""

    applications_open_at = datetime(2025, 1, 1, 9, 0, tzinfo=SEOUL)
    applications_close_at = datetime(2025, 2, 1, 18, 0, tzinfo=SEOUL)


def confirmed_application(term: Term, student: Any, courses: list[Course]) -> Any:
    """A confirmed application of ``student`` ranking ``courses`` (written directly: the
    window of ``term`` may be closed)."""
    from django.utils import timezone

    from vocnet.courses.models import CourseApplication, CourseChoice

    application = CourseApplication.objects.create(
        term=term,
        student=student,
        status="confirmed",
        submitted_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    CourseChoice.objects.bulk_create(
        CourseChoice(application=application, course=course, rank=rank)
        for rank, course in enumerate(courses, start=1)
    )
    return application
