"""Offering, reviewing and instructors: the rules, the reviewers, and nothing written on a
refusal."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.courses import services
from vocnet.courses.models import Course, CourseSlot, CourseStatus, Instructor
from vocnet.courses.tests.factories import InstructorFactory, SubmittedCourseFactory, TermFactory
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _input(world: World, **changes: Any) -> services.CourseInput:
    data = services.CourseInput(
        term_id=TermFactory().pk,
        host_id=world.company_a.organisation.pk,
        title="전기차 배터리 정비 실무",
        course_type="joint_offline",
        field_codes=["1501"],
        capacity=20,
        venue="기업 교육장",
        slots=[services.SlotInput(5, time(9), time(12))],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def _counts() -> tuple[int, ...]:
    return (
        Course.objects.count(),
        CourseSlot.objects.count(),
        Instructor.objects.count(),
        AuditEvent.objects.count(),
    )


def _refused(world: World, data: services.CourseInput, field: str, code: str) -> None:
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        services.course_create(actor=world.user("company_staff"), data=data)
    assert (field, code) in {(p.field, p.code) for p in caught.value.problems}
    assert caught.value.message_ko
    assert caught.value.message_en
    assert _counts() == before


def test_a_course_over_two_major_fields_is_cross_track(world: World) -> None:
    # Given a course in 기계 (15) and 전기·전자 (19)
    data = _input(world, field_codes=["1501", "1903"])
    # When the company offers it
    course = services.course_create(actor=world.user("company_staff"), data=data)
    # Then it is a draft, cross-track, with its slot and an audit entry
    assert course.status == CourseStatus.DRAFT
    assert course.is_cross_track is True
    assert course.region_id == world.company_a.organisation.region_id
    assert [s.as_tuple for s in course.slots.all()] == [(5, time(9), time(12))]
    assert AuditEvent.objects.filter(action="course.create").count() == 1


def test_one_major_field_is_not_cross_track(world: World) -> None:
    course = services.course_create(
        actor=world.user("company_staff"), data=_input(world, field_codes=["1501", "1502"])
    )
    assert course.is_cross_track is False


def test_overlapping_slots_are_rejected(world: World) -> None:
    slots = [
        services.SlotInput(1, time(16), time(18)),
        services.SlotInput(1, time(17), time(19)),
    ]
    _refused(world, _input(world, slots=slots), "slots[1]", "overlapping_slots")


def test_adjacent_slots_do_not_overlap(world: World) -> None:
    slots = [
        services.SlotInput(1, time(16), time(18)),
        services.SlotInput(1, time(18), time(19)),
    ]
    course = services.course_create(
        actor=world.user("company_staff"), data=_input(world, slots=slots)
    )
    assert course.slots.count() == 2


def test_slot_ending_before_it_starts_is_rejected(world: World) -> None:
    slots = [services.SlotInput(1, time(18), time(16))]
    _refused(world, _input(world, slots=slots), "slots[0].ends_at", "slot_order")


def test_industry_instructor_without_qualification_is_rejected(world: World) -> None:
    # Given an industry instructor of company A whose qualification was never entered
    instructor = InstructorFactory(organisation=world.company_a.organisation, qualification="")
    data = _input(world, course_type="industry_instructor", instructor_ids=[instructor.pk])
    _refused(world, data, "instructor_ids", "industry_instructor_qualification")


def test_industry_instructor_course_needs_an_industry_instructor(world: World) -> None:
    _refused(
        world,
        _input(world, course_type="industry_instructor"),
        "instructor_ids",
        "industry_instructor_required",
    )


def test_industry_instructor_course_with_a_qualified_instructor_is_offered(world: World) -> None:
    instructor = InstructorFactory(organisation=world.company_a.organisation)
    course = services.course_create(
        actor=world.user("company_staff"),
        data=_input(world, course_type="industry_instructor", instructor_ids=[instructor.pk]),
    )
    assert list(course.instructors.all()) == [instructor]


def test_capacity_of_zero_is_rejected(world: World) -> None:
    _refused(world, _input(world, capacity=0), "capacity", "range")


def test_minimum_enrolment_over_capacity_is_rejected(world: World) -> None:
    _refused(world, _input(world, minimum_enrolment=25), "minimum_enrolment", "range")


def test_company_tailored_class_needs_a_hiring_commitment(world: World) -> None:
    _refused(
        world,
        _input(world, course_type="company_tailored"),
        "hiring_commitment",
        "hiring_commitment_required",
    )


def test_unknown_priority_is_rejected(world: World) -> None:
    _refused(world, _input(world, priorities=["grade", "age"]), "priorities", "unknown_priority")


def test_offline_course_needs_a_venue(world: World) -> None:
    _refused(world, _input(world, venue=""), "venue", "required")


def test_only_the_host_staff_offer_its_course(world: World) -> None:
    before = _counts()
    with pytest.raises(PermissionDenied):
        services.course_create(actor=world.user("school_staff_a"), data=_input(world))
    assert _counts() == before


def test_support_office_approves_a_course_of_its_region(world: World) -> None:
    course = SubmittedCourseFactory(host=world.school_a.organisation)
    services.course_approve(actor=world.user("support_office_officer"), course=course)
    course.refresh_from_db()
    assert course.status == CourseStatus.APPROVED
    assert course.reviewed_by == world.user("support_office_officer")


def test_province_wide_course_is_reviewed_by_the_province_only(world: World) -> None:
    course = SubmittedCourseFactory(host=world.school_a.organisation, is_province_wide=True)
    with pytest.raises(PermissionDenied):
        services.course_approve(actor=world.user("support_office_officer"), course=course)
    services.course_approve(actor=world.user("province_officer"), course=course)
    course.refresh_from_db()
    assert course.status == CourseStatus.APPROVED


def test_return_needs_a_reason_and_writes_nothing_without_one(world: World) -> None:
    course = SubmittedCourseFactory(host=world.school_a.organisation)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        services.course_return(actor=world.user("province_officer"), course=course, reason=" ")
    assert caught.value.problems[0].field == "reason"
    course.refresh_from_db()
    assert course.status == CourseStatus.SUBMITTED
    assert AuditEvent.objects.count() == before


def test_returned_course_carries_the_reason_and_can_be_submitted_again(world: World) -> None:
    course = SubmittedCourseFactory(host=world.school_a.organisation)
    services.course_return(
        actor=world.user("province_officer"), course=course, reason="강사 자격 증빙 필요"
    )
    course.refresh_from_db()
    assert (course.status, course.review_reason) == (CourseStatus.RETURNED, "강사 자격 증빙 필요")
    services.course_submit(actor=world.user("school_staff_a"), course=course)
    assert course.status == CourseStatus.SUBMITTED


def test_industry_instructor_is_registered_only_with_a_qualification(world: World) -> None:
    before = Instructor.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        services.instructor_register(
            actor=world.user("company_staff"),
            name="김현장",
            organisation_id=world.company_a.organisation.pk,
            is_industry=True,
        )
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("qualification", "industry_instructor_qualification")
    ]
    assert Instructor.objects.count() == before
