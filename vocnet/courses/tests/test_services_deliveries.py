"""Industry-instructor hours and company-tailored classes count as deliveries of the matching
agreement commitments, with the course as evidence — once, and only where a commitment
binds the company and the school."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

import pytest

from vocnet.agreements.models import Delivery
from vocnet.agreements.tests.factories import CommitmentSpec, SignedAgreementFactory
from vocnet.courses import services
from vocnet.courses.models import CourseDelivery, Enrolment
from vocnet.courses.services.deliveries import (
    course_deliveries_sync,
    session_deliveries_record,
    tailored_class_deliveries_record,
)
from vocnet.courses.tests.factories import ApprovedCourseFactory, InstructorFactory
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _agreement(world: World, school: Any, kind: str, start: date = date(2025, 3, 1)) -> Any:
    company = world.company_a.organisation
    return SignedAgreementFactory(
        lead=school,
        others=[(company, "partner")],
        start=start,
        commitments={
            company.pk: [CommitmentSpec(kind, "industry_linkage", Decimal(40), "산업체 강사 수업")],
            school.pk: [
                CommitmentSpec("curriculum_modules", "industry_linkage", Decimal(2), "교육과정")
            ],
        },
    )


def _industry_course(world: World) -> Any:
    course = ApprovedCourseFactory(
        host=world.school_a.organisation,
        course_type="industry_instructor",
        slots=[(1, time(16), time(18)), (3, time(9), time(12))],
    )
    course.instructors.set([InstructorFactory(organisation=world.company_a.organisation)])
    Enrolment.objects.create(course=course, student=world.student_a, choice_rank=1)
    return course


def test_a_session_with_an_industry_instructor_counts_its_hours_once(world: World) -> None:
    # Given an agreement in force where company A commits instructor hours to school A
    agreement = _agreement(world, world.school_a.organisation, "instructor_hours")
    course = _industry_course(world)
    enrolment = course.enrolments.get()
    # When school A records a Tuesday session (16:00–18:00)
    session = services.attendance_record(
        actor=world.user("school_staff_a"),
        course=course,
        held_on=date(2026, 3, 3),
        present_enrolment_ids=[enrolment.pk],
    )
    # Then two hours are delivered against company A's commitment, the course as evidence
    delivery = Delivery.objects.get()
    assert delivery.agreement == agreement
    assert delivery.commitment.kind == "instructor_hours"
    assert delivery.commitment.party.organisation == world.company_a.organisation
    assert (delivery.delivered_on, delivery.quantity) == (date(2026, 3, 3), Decimal("2.00"))
    assert course.title in delivery.note
    link = CourseDelivery.objects.get()
    assert (link.course, link.session, link.delivery) == (course, session, delivery)
    # When it is recorded again (a retry, a sync), nothing is counted twice
    again = session_deliveries_record(actor=None, session=session)
    assert (again.recorded, again.already) == ([], 1)
    assert course_deliveries_sync(actor=None, course=course).already == 1
    assert Delivery.objects.count() == 1


def test_no_delivery_without_a_commitment_between_the_company_and_the_school(
    world: World,
) -> None:
    # Given company A's instructor-hours commitment binds school B only
    _agreement(world, world.school_b.organisation, "instructor_hours")
    course = _industry_course(world)
    # When school A's course holds a session
    report = course_deliveries_sync(actor=None, course=course)
    services.attendance_record(
        actor=world.user("school_staff_a"),
        course=course,
        held_on=date(2026, 3, 5),
        present_enrolment_ids=[],
    )
    # Then nothing counts
    assert report.recorded == []
    assert Delivery.objects.count() == 0
    assert CourseDelivery.objects.count() == 0


def test_a_commitment_of_another_kind_does_not_match(world: World) -> None:
    _agreement(world, world.school_a.organisation, "field_training_seats")
    course = _industry_course(world)
    services.attendance_record(
        actor=world.user("school_staff_a"),
        course=course,
        held_on=date(2026, 3, 3),
        present_enrolment_ids=[],
    )
    assert Delivery.objects.count() == 0


def test_a_session_before_the_agreement_is_not_counted(world: World) -> None:
    # Given the agreement starts after the session
    _agreement(world, world.school_a.organisation, "instructor_hours", start=date(2026, 6, 1))
    course = _industry_course(world)
    services.attendance_record(
        actor=world.user("school_staff_a"),
        course=course,
        held_on=date(2026, 3, 3),
        present_enrolment_ids=[],
    )
    assert Delivery.objects.count() == 0


def test_a_completed_company_tailored_class_counts_one_module_once(world: World) -> None:
    # Given company A commits curriculum modules to school A (student A's school)
    _agreement(world, world.school_a.organisation, "curriculum_modules")
    course = ApprovedCourseFactory(
        host=world.company_a.organisation,
        course_type="company_tailored",
        hiring_commitment=2,
        slots=[(5, time(9), time(12))],
    )
    enrolment = Enrolment.objects.create(course=course, student=world.student_a, choice_rank=1)
    staff = world.user("company_staff")
    services.attendance_record(
        actor=staff, course=course, held_on=date(2026, 3, 7), present_enrolment_ids=[enrolment.pk]
    )
    # When the company decides completion
    services.completion_decide(actor=staff, course=course)
    # Then one module is delivered, dated on the last session
    delivery = Delivery.objects.get()
    assert delivery.commitment.kind == "curriculum_modules"
    assert (delivery.delivered_on, delivery.quantity) == (date(2026, 3, 7), Decimal("1.00"))
    assert CourseDelivery.objects.get().source == f"course-completion:{course.pk}"
    # and deciding again (or a sync) does not count it twice
    services.completion_decide(actor=staff, course=course)
    assert tailored_class_deliveries_record(actor=None, course=course).already == 1
    assert Delivery.objects.count() == 1
