"""학과 개편 신청: a school proposes with evidence attached, its support office forwards, the
province decides, and an approved change reaches the registry from its start year; every rule
refuses with the field named in Korean and English and writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.demand.models import ProposalStatus, RestructuringProposal
from vocnet.demand.services.proposals import (
    ProposalInput,
    apply_due_proposals,
    proposal_create,
    proposal_decide,
    proposal_forward,
    proposal_return,
    proposal_withdraw,
)
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import Department, NcsMiddle
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 6)  # school year 2026; proposals start in 2027 at the earliest


def _input(world: World, **changes: object) -> ProposalInput:
    values: dict[str, object] = {
        "school_id": world.school_a.pk,
        "kind": "grow",
        "department_id": world.student_a.department_id,
        "proposed_intake": 56,
        "start_year": 2027,
        "reason": "시흥 자동차 정비 인력 수요가 늘어 증원을 신청합니다.",
    }
    values.update(changes)
    return ProposalInput(**values)  # type: ignore[arg-type]


def _problems(error: pytest.ExceptionInfo[ValidationFailed]) -> dict[str, str]:
    return {p.field: p.code for p in error.value.problems}


def test_a_school_files_a_proposal_with_its_evidence(world: World) -> None:
    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code="1501"),
        headcount=60,
        year=declared_year(1),
    )

    proposal = proposal_create(actor=world.user("school_staff_a"), data=_input(world), today=TODAY)

    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.current_intake == 48
    assert proposal.evidence["field"] == "1501"
    assert proposal.evidence["region"] == world.school_a.organisation.region.name_ko
    assert proposal.evidence["demand_per_year"] == 20.0  # 60 declared over three years
    assert AuditEvent.objects.filter(action="proposal.create").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"proposed_intake": 60}, "proposed_intake", "beyond_yearly_limit"),  # 48 + 10 max
        ({"kind": "shrink", "proposed_intake": 30}, "proposed_intake", "beyond_yearly_limit"),
        ({"kind": "convert", "target_field": "1001", "proposed_intake": 5}, "target_field",
         "unrelated_field"),
        ({"kind": "convert", "target_field": "1901", "proposed_intake": 20}, "proposed_intake",
         "beyond_yearly_limit"),
        ({"kind": "convert", "target_field": "1901", "proposed_intake": 5}, "new_name_ko",
         "required"),
        ({"kind": "new", "department_id": None, "target_field": "1901", "proposed_intake": 24},
         "new_name_ko", "required"),
        ({"start_year": 2026}, "start_year", "out_of_range"),
        ({"reason": "짧음"}, "reason", "length"),
        ({"kind": "grow", "department_id": None}, "department_id", "required"),
    ],
)  # fmt: skip
def test_each_rule_refuses_naming_the_field_and_writes_nothing(
    world: World, changes: dict[str, object], field: str, code: str
) -> None:
    NcsMiddle.objects.get_or_create(code="1001", defaults={"name_ko": "영업", "ncs_major_id": "10"})
    NcsMiddle.objects.get_or_create(code="1901", defaults={"name_ko": "전기", "ncs_major_id": "19"})

    with pytest.raises(ValidationFailed) as raised:
        proposal_create(
            actor=world.user("school_staff_a"), data=_input(world, **changes), today=TODAY
        )

    assert _problems(raised).get(field) == code
    problem = next(p for p in raised.value.problems if p.field == field)
    assert problem.message_ko
    assert problem.message_en
    assert RestructuringProposal.objects.count() == 0
    assert not AuditEvent.objects.filter(action="proposal.create").exists()


def test_one_active_proposal_a_school_a_year(world: World) -> None:
    proposal_create(actor=world.user("school_staff_a"), data=_input(world), today=TODAY)

    with pytest.raises(ValidationFailed) as raised:
        proposal_create(
            actor=world.user("school_staff_a"),
            data=_input(world, kind="shrink", proposed_intake=44),
            today=TODAY,
        )

    assert _problems(raised) == {"start_year": "one_change_a_year"}
    assert RestructuringProposal.objects.count() == 1


def test_only_the_schools_own_staff_may_file(world: World) -> None:
    for persona in ("school_staff_b", "support_office_officer", "student", "company_staff"):
        with pytest.raises(PermissionDenied):
            proposal_create(actor=world.user(persona), data=_input(world), today=TODAY)
    assert RestructuringProposal.objects.count() == 0


def test_forward_then_approve_applies_the_change_from_its_start_year(world: World) -> None:
    proposal = proposal_create(actor=world.user("school_staff_a"), data=_input(world), today=TODAY)

    with pytest.raises(Conflict):  # not forwarded yet
        proposal_decide(actor=world.user("province_officer"), proposal=proposal, approve=True,
                        reason="이유")  # fmt: skip
    with pytest.raises(PermissionDenied):  # the province decides, the office does not
        proposal_decide(actor=world.user("support_office_officer"), proposal=proposal,
                        approve=True, reason="이유")  # fmt: skip
    forwarded = proposal_forward(
        actor=world.user("support_office_officer"), proposal=proposal, note="수요 근거 확인"
    )
    approved = proposal_decide(
        actor=world.user("province_officer"),
        proposal=forwarded,
        approve=True,
        reason="지역 수요와 맞습니다.",
        today=TODAY,
    )

    assert approved.status == ProposalStatus.APPROVED
    assert approved.applied_at is None  # 2027 has not begun on TODAY
    assert Department.objects.get(pk=world.student_a.department_id).intake_capacity == 48
    assert apply_due_proposals(today=date(2027, 3, 1)) == 1
    assert Department.objects.get(pk=world.student_a.department_id).intake_capacity == 56
    assert apply_due_proposals(today=date(2027, 3, 2)) == 0  # once only
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-4:] == ["proposal.create", "proposal.forward", "proposal.approve",
                            "proposal.apply"]  # fmt: skip


def test_a_partial_conversion_opens_a_department_for_the_converted_places(world: World) -> None:
    NcsMiddle.objects.get_or_create(code="1901", defaults={"name_ko": "전기", "ncs_major_id": "19"})
    proposal = proposal_create(
        actor=world.user("school_staff_a"),
        data=_input(
            world, kind="convert", target_field="1901", proposed_intake=8, new_name_ko="전기과"
        ),
        today=TODAY,
    )
    proposal_forward(actor=world.user("support_office_officer"), proposal=proposal)
    proposal_decide(actor=world.user("province_officer"), proposal=proposal, approve=True,
                    reason="승인", today=TODAY)  # fmt: skip

    apply_due_proposals(today=date(2027, 3, 1))

    assert Department.objects.get(pk=world.student_a.department_id).intake_capacity == 40
    opened = Department.objects.get(school=world.school_a, name_ko="전기과")
    assert (opened.ncs_middle.code, opened.intake_capacity) == ("1901", 8)


def test_the_office_returns_with_a_reason_and_others_may_not_review(world: World) -> None:
    proposal = proposal_create(actor=world.user("school_staff_a"), data=_input(world), today=TODAY)

    with pytest.raises(ValidationFailed):
        proposal_return(actor=world.user("support_office_officer"), proposal=proposal, reason=" ")
    for persona in ("school_staff_a", "school_staff_b"):
        with pytest.raises(PermissionDenied):
            proposal_forward(actor=world.user(persona), proposal=proposal)
    returned = proposal_return(
        actor=world.user("support_office_officer"), proposal=proposal, reason="근거 보완 필요"
    )

    assert returned.status == ProposalStatus.RETURNED
    assert returned.office_note == "근거 보완 필요"
    with pytest.raises(Conflict):
        proposal_forward(actor=world.user("support_office_officer"), proposal=returned)


def test_the_school_withdraws_before_the_decision(world: World) -> None:
    proposal = proposal_create(actor=world.user("school_staff_a"), data=_input(world), today=TODAY)

    withdrawn = proposal_withdraw(actor=world.user("school_staff_a"), proposal=proposal)

    assert withdrawn.status == ProposalStatus.WITHDRAWN
    # A withdrawn proposal no longer holds the school's year.
    proposal_create(
        actor=world.user("school_staff_a"),
        data=_input(world, kind="shrink", proposed_intake=44),
        today=TODAY,
    )


def test_each_step_tells_whoever_acts_next(world: World) -> None:
    from vocnet.notifications.models import Notification

    proposal = proposal_create(actor=world.user("school_staff_a"), data=_input(world), today=TODAY)
    proposal_forward(actor=world.user("support_office_officer"), proposal=proposal)
    proposal_decide(actor=world.user("province_officer"), proposal=proposal, approve=False,
                    reason="근거 부족", today=TODAY)  # fmt: skip

    told = list(Notification.objects.order_by("pk").values_list("recipient__username", "kind"))
    assert told == [
        ("support_office_officer", "proposal"),
        ("province_officer", "proposal"),
        ("school_staff_a", "proposal"),
    ]
