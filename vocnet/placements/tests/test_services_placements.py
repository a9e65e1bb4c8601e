"""The direct path — apply, the company's interview and consent, no overbooking — and the
lifecycle of a placement."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from freezegun import freeze_time

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.placements import services
from vocnet.placements.models import (
    ApplicationStatus,
    FieldTrainingOffer,
    Placement,
    PlacementApplication,
    PlacementOrigin,
    PlacementStatus,
    SafetyEducation,
)
from vocnet.placements.tests import factories as pf
from vocnet.registry.models import NcsMiddle
from vocnet.registry.tests import factories as rf
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _students(world: World, count: int) -> list[Any]:
    return [
        rf.StudentFactory(department=world.objects["department_a"], grade=3) for _ in range(count)
    ]


def _place(world: World, offer: Any, student: Any) -> Any:
    """School A's staff apply; company A's staff accept."""
    return pf.place_directly(
        offer, student, world.user("school_staff_a"), world.user("company_staff")
    )


def test_an_application_takes_no_seat_until_the_company_accepts(world: World, offer_a: Any) -> None:
    # given school A's staff apply for student A
    application = services.application_submit(
        actor=world.user("school_staff_a"), offer=offer_a, student=world.student_a,
        note="성실한 학생",
    )  # fmt: skip
    # then no seat is taken, and the school cannot accept for the company
    assert application.status == ApplicationStatus.APPLIED
    assert Placement.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.application_accept(actor=world.user("school_staff_a"), application=application)
    assert Placement.objects.count() == 0
    # when the company records the interview, then accepts
    held = timezone.now() - timedelta(hours=2)
    services.application_record_interview(
        actor=world.user("company_staff"), application=application, interview_at=held,
        place="본사 2층 회의실", outcome="실습 의지가 분명함",
    )  # fmt: skip
    placement = services.application_accept(
        actor=world.user("company_staff"), application=application
    )
    # then the student is placed directly, and the application keeps the interview
    application.refresh_from_db()
    assert (application.status, application.placement_id) == (
        ApplicationStatus.ACCEPTED, placement.pk
    )  # fmt: skip
    assert (application.interview_at, application.interview_place) == (held, "본사 2층 회의실")
    assert placement.origin == PlacementOrigin.DIRECT


def test_a_declined_application_places_nobody_and_needs_a_reason(
    world: World, offer_a: Any
) -> None:
    application = services.application_submit(
        actor=world.user("school_staff_a"), offer=offer_a, student=world.student_a
    )
    # a decline without a reason is refused, bilingual, and nothing changes
    with pytest.raises(ValidationFailed) as raised:
        services.application_decline(
            actor=world.user("company_staff"), application=application, reason="  "
        )
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == ("reason", "required")
    assert "거절 사유" in refusal.message_ko
    assert "reason" in refusal.message_en
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPLIED
    # with a reason it is declined, and it cannot be accepted afterwards
    services.application_decline(
        actor=world.user("company_staff"), application=application, reason="면접 불참"
    )
    with pytest.raises(Conflict) as closed:
        services.application_accept(actor=world.user("company_staff"), application=application)
    assert closed.value.code == "application_closed"
    assert Placement.objects.count() == 0


def test_an_interview_outcome_before_the_interview_is_refused(world: World, offer_a: Any) -> None:
    application = services.application_submit(
        actor=world.user("school_staff_a"), offer=offer_a, student=world.student_a
    )
    with pytest.raises(ValidationFailed) as raised:
        services.application_record_interview(
            actor=world.user("company_staff"), application=application,
            interview_at=timezone.now() + timedelta(days=2), place="", outcome="합격",
        )  # fmt: skip
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("place", "required"),
        ("outcome", "interview_not_held"),
    ]
    application.refresh_from_db()
    assert (application.status, application.interview_at) == (ApplicationStatus.APPLIED, None)


def test_a_second_open_application_to_the_same_offer_is_refused(world: World, offer_a: Any) -> None:
    services.application_submit(
        actor=world.user("school_staff_a"), offer=offer_a, student=world.student_a
    )
    with pytest.raises(Conflict) as raised:
        services.application_submit(
            actor=world.user("student"), offer=offer_a, student=world.student_a
        )
    assert (raised.value.code, raised.value.problems[0].field) == ("already_applied", "student_id")
    assert PlacementApplication.objects.count() == 1


def test_the_company_of_another_offer_cannot_decide(world: World, offer_a: Any) -> None:
    application = services.application_submit(
        actor=world.user("student"), offer=offer_a, student=world.student_a
    )
    with pytest.raises(PermissionDenied):
        services.application_accept(actor=world.user("school_staff_b"), application=application)
    assert Placement.objects.count() == 0


def test_school_staff_place_their_student_directly(world: World, offer_a: Any) -> None:
    # given a published 3-seat offer of company A and student A
    # when school A's staff accept it for the student
    placement = _place(world, offer_a, world.student_a)
    # then the student is matched directly, the seat is taken and the accept audited
    assert (placement.origin, placement.status) == (PlacementOrigin.DIRECT, PlacementStatus.MATCHED)
    offer = FieldTrainingOffer.objects.with_seats_taken().get(pk=offer_a.pk)
    assert offer.seats_taken == 1
    assert AuditEvent.objects.filter(action="placements.placement_accept").count() == 1


def test_a_full_offer_refuses_the_next_accept_with_a_conflict(world: World, offer_a: Any) -> None:
    # given the offer's three seats taken
    for student in _students(world, 3):
        _place(world, offer_a, student)
    # when a fourth student is accepted
    with pytest.raises(Conflict) as raised:
        _place(world, offer_a, world.student_a)
    # then 409 offer_full in both languages, and no fourth placement
    assert (raised.value.status, raised.value.code) == (409, "offer_full")
    assert "3명" in raised.value.message_ko
    assert "3 seats" in raised.value.message_en
    assert Placement.objects.filter(offer=offer_a).count() == 3


def test_a_cancelled_placement_frees_its_seat(world: World, offer_a: Any) -> None:
    taken = [_place(world, offer_a, student) for student in _students(world, 3)]
    services.placement_cancel(actor=world.user("school_staff_a"), placement=taken[0], reason="전학")
    placement = _place(world, offer_a, world.student_a)
    assert placement.status == PlacementStatus.MATCHED
    assert Placement.objects.active().filter(offer=offer_a).count() == 3


def test_a_student_with_an_active_placement_cannot_be_placed_again(
    world: World, offer_a: Any
) -> None:
    other = pf.PublishedOfferFactory(company=world.company_a)
    _place(world, offer_a, world.student_a)
    with pytest.raises(Conflict) as raised:
        _place(world, other, world.student_a)
    assert raised.value.code == "student_already_placed"
    assert Placement.objects.count() == 1


def test_the_database_allows_one_active_placement_per_student(world: World, offer_a: Any) -> None:
    pf.PlacementFactory(offer=offer_a, student=world.student_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        pf.PlacementFactory(offer=offer_a, student=world.student_a)
    # a finished placement does not count
    pf.PlacementFactory(offer=offer_a, student=world.student_b, status=PlacementStatus.COMPLETED)
    pf.PlacementFactory(offer=offer_a, student=world.student_b)
    assert Placement.objects.active().count() == 2


def test_a_student_of_another_field_cannot_take_the_offer(world: World, offer_a: Any) -> None:
    department = rf.DepartmentFactory(
        school=world.school_a, ncs_middle=NcsMiddle.objects.get(code="2001")
    )
    student = rf.StudentFactory(department=department, grade=3)
    with pytest.raises(ValidationFailed) as raised:
        _place(world, offer_a, student)
    assert [(p.field, p.code) for p in raised.value.problems] == [("student_id", "field_mismatch")]
    assert Placement.objects.count() == 0


@pytest.mark.parametrize("grade", [1, 2])
def test_a_first_or_second_year_cannot_be_placed_directly(
    world: World, offer_a: Any, grade: int
) -> None:
    # given a first- or second-year student of the offer's field
    student = rf.StudentFactory(department=world.objects["department_a"], grade=grade)
    # when the school places them directly
    with pytest.raises(ValidationFailed) as raised:
        _place(world, offer_a, student)
    # then the same grade rule as a round refuses it, bilingual, and nothing is written
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == ("student_id", "not_third_year")
    assert f"{grade}학년" in refusal.message_ko
    assert f"year {grade}" in refusal.message_en
    assert Placement.objects.count() == 0
    assert AuditEvent.objects.filter(action="placements.placement_accept").count() == 0


def test_staff_of_another_school_cannot_place_the_student(world: World, offer_a: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.application_submit(
            actor=world.user("school_staff_b"), offer=offer_a, student=world.student_a
        )
    assert Placement.objects.count() == 0


def test_a_draft_offer_cannot_be_accepted(world: World, vetted_a: Any) -> None:
    draft = pf.DraftOfferFactory(company=world.company_a)
    with pytest.raises(Conflict) as raised:
        _place(world, draft, world.student_a)
    assert raised.value.code == "transition_not_allowed"


def test_the_lifecycle_runs_from_contracted_to_completed(world: World, offer_a: Any) -> None:
    # given a contracted placement
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.signed_contract(placement, world.user("school_staff_a"))
    pf.safety_educated(placement)
    company = world.user("company_staff")
    # when it is started before its start date, it is refused; on the date it starts
    with pytest.raises(Conflict) as raised:
        services.placement_start(actor=company, placement=placement)
    assert raised.value.code == "not_started_yet"
    with freeze_time(offer_a.start_date):
        placement = services.placement_start(actor=company, placement=placement)
        assert placement.status == PlacementStatus.IN_PROGRESS
    # then it completes on its end date
    with freeze_time(offer_a.end_date):
        placement = services.placement_complete(actor=company, placement=placement)
    assert placement.status == PlacementStatus.COMPLETED


def test_a_matched_placement_without_a_signed_contract_cannot_start(
    world: World, offer_a: Any
) -> None:
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    with freeze_time(offer_a.start_date), pytest.raises(Conflict) as raised:
        services.placement_start(actor=world.user("company_staff"), placement=placement)
    assert raised.value.code == "transition_not_allowed"


def test_a_placement_cannot_start_without_the_safety_education(world: World, offer_a: Any) -> None:
    # given a contracted placement with no safety education recorded
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.signed_contract(placement, world.user("school_staff_a"))
    # when the company starts it on the start date
    with freeze_time(offer_a.start_date), pytest.raises(ValidationFailed) as raised:
        services.placement_start(actor=world.user("company_staff"), placement=placement)
    # then it is refused citing 제9조의5, in both languages, and stays contracted
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == ("safety_education", "safety_education_missing")
    assert "제9조의5" in refusal.message_ko
    assert "Art. 9-5" in refusal.message_en
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONTRACTED


def test_the_school_records_who_gave_the_safety_education_when_and_what(
    world: World, offer_a: Any
) -> None:
    # given a contracted placement
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    pf.signed_contract(placement, world.user("school_staff_a"))
    data = services.SafetyEducationInput(
        given_on=timezone.localdate(), given_by="취업지원센터 노무사", content="노동인권, 산업안전"
    )
    # when the school records the education
    education = services.safety_education_record(
        actor=world.user("school_staff_a"), placement=placement, data=data
    )
    # then it is written and audited, and the placement can start on its date
    assert (education.given_by, education.content) == ("취업지원센터 노무사", "노동인권, 산업안전")
    assert AuditEvent.objects.filter(action="placements.safety_education_record").count() == 1
    with freeze_time(offer_a.start_date):
        started = services.placement_start(actor=world.user("company_staff"), placement=placement)
    assert started.status == PlacementStatus.IN_PROGRESS


def test_a_safety_education_after_the_start_or_by_the_company_is_refused(
    world: World, offer_a: Any
) -> None:
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    late = services.SafetyEducationInput(
        given_on=offer_a.start_date + timedelta(days=1), given_by="교사", content="안전"
    )
    with (
        freeze_time(offer_a.start_date + timedelta(days=2)),
        pytest.raises(ValidationFailed) as raised,
    ):
        services.safety_education_record(
            actor=world.user("school_staff_a"), placement=placement, data=late
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [("given_on", "not_before_start")]
    blank = services.SafetyEducationInput(given_on=timezone.localdate(), given_by="", content="")
    with pytest.raises(ValidationFailed) as raised:
        services.safety_education_record(
            actor=world.user("school_staff_a"), placement=placement, data=blank
        )
    assert {p.field for p in raised.value.problems} == {"given_by", "content"}
    with pytest.raises(PermissionDenied):
        services.safety_education_record(
            actor=world.user("company_staff"),
            placement=placement,
            data=services.SafetyEducationInput(
                given_on=timezone.localdate(), given_by="기업", content="안전"
            ),
        )
    assert SafetyEducation.objects.count() == 0


def test_early_termination_needs_a_reason(world: World, offer_a: Any) -> None:
    placement = pf.PlacementFactory(
        offer=offer_a, student=world.student_a, status=PlacementStatus.IN_PROGRESS
    )
    with pytest.raises(ValidationFailed):
        services.placement_terminate(
            actor=world.user("school_staff_a"), placement=placement, reason=" "
        )
    placement = services.placement_terminate(
        actor=world.user("school_staff_a"), placement=placement, reason="안전 수칙 위반 반복"
    )
    assert (placement.status, placement.ended_reason) == (
        PlacementStatus.TERMINATED,
        "안전 수칙 위반 반복",
    )


def test_a_company_ending_early_must_give_the_day_it_told_the_school(
    world: World, offer_a: Any
) -> None:
    # given a placement in progress at company A
    placement = pf.PlacementFactory(
        offer=offer_a, student=world.student_a, status=PlacementStatus.IN_PROGRESS
    )
    company = world.user("company_staff")
    # when the company ends it without the date of its notice to the school
    with pytest.raises(ValidationFailed) as raised:
        services.placement_terminate(actor=company, placement=placement, reason="경영 사정")
    # then it is refused citing 제9조의4, and the placement is still in progress
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == ("notice_on", "advance_notice_required")
    assert "제9조의4" in refusal.message_ko
    assert "Art. 9-4" in refusal.message_en
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.IN_PROGRESS
    # a notice dated in the future is refused too
    with pytest.raises(ValidationFailed):
        services.placement_terminate(
            actor=company,
            placement=placement,
            reason="경영 사정",
            notice_on=timezone.localdate() + timedelta(days=1),
        )
    # when it gives the notice's date and text, the ending records both
    told = timezone.localdate() - timedelta(days=3)
    ended = services.placement_terminate(
        actor=company, placement=placement, reason="경영 사정", notice_on=told, notice="전화 통보"
    )
    assert (ended.status, ended.termination_notice_on, ended.termination_notice) == (
        PlacementStatus.TERMINATED,
        told,
        "전화 통보",
    )


def _related_student(world: World) -> Any:
    """A third-year of 기계가공 (1502): another NCS field in the offer's major group (15)."""
    department = rf.DepartmentFactory(
        school=world.school_a, ncs_middle=NcsMiddle.objects.get(code="1502")
    )
    return rf.StudentFactory(department=department, grade=3)


def test_a_related_field_needs_the_schools_recorded_justification(
    world: World, offer_a: Any
) -> None:
    # given a 기계가공 student and a 기계설계 offer (both NCS major group 15)
    student = _related_student(world)
    # when the school applies without a reason, it is refused naming the field and the rule
    with pytest.raises(ValidationFailed) as raised:
        services.application_submit(
            actor=world.user("school_staff_a"), offer=offer_a, student=student
        )
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == (
        "field_justification", "related_field_needs_justification"
    )  # fmt: skip
    assert "제8조" in refusal.message_ko
    assert "vocnet policy" in refusal.message_en
    assert PlacementApplication.objects.count() == 0
    # when it records why the field fits, the application stands and the company can accept
    application = services.application_submit(
        actor=world.user("school_staff_a"), offer=offer_a, student=student,
        field_justification="설계 도면 해독 실습이 가공 전공 교육과정과 연계됨",
    )  # fmt: skip
    placement = services.application_accept(
        actor=world.user("company_staff"), application=application
    )
    assert placement.student_id == student.pk


def test_only_the_school_records_a_related_field_justification(world: World, offer_a: Any) -> None:
    # given student A (the student persona) moved to a related department
    world.student_a.department = rf.DepartmentFactory(
        school=world.school_a, ncs_middle=NcsMiddle.objects.get(code="1502")
    )
    world.student_a.save(update_fields=["department"])
    with pytest.raises(ValidationFailed) as raised:
        services.application_submit(
            actor=world.user("student"), offer=offer_a, student=world.student_a,
            field_justification="관련 있음",
        )  # fmt: skip
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("field_justification", "school_only")
    ]
    assert PlacementApplication.objects.count() == 0
