"""The lifecycle of an agreement: drafting, circulation, signatures, amendment, completion
and termination — every transition allowed and refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from vocnet.agreements import selectors, services
from vocnet.agreements.models import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    Signature,
    VersionStatus,
)
from vocnet.agreements.services import (
    AgreementInput,
    CommitmentInput,
    DeliveryInput,
    DraftChanges,
    PartyInput,
)
from vocnet.agreements.tests import factories as af
from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.testing import World

pytestmark = pytest.mark.django_db

START, END = date(2025, 3, 1), date(2028, 2, 29)


def _draft_input(lead_id: int, **overrides: Any) -> AgreementInput:
    values: dict[str, Any] = {
        "kind_code": "school_company_mou",
        "title": "시흥미래공업고–기업 현장실습 협약",
        "lead_organisation_id": lead_id,
        "start_date": START,
        "end_date": END,
    }
    values.update(overrides)
    return AgreementInput(**values)


def _parties(orgs: dict[str, Any]) -> list[PartyInput]:
    return [
        PartyInput(
            orgs["school_a"].pk,
            "lead",
            ["industry_linkage", "cross_track"],
            [CommitmentInput("curriculum_modules", "industry_linkage", "공동 교육과정", [1, 1, 1])],
        ),
        PartyInput(
            orgs["company_a"].pk,
            "member",
            ["cross_track"],
            [
                CommitmentInput(
                    "field_training_seats",
                    "cross_track",
                    "현장실습 자리",
                    [Decimal(10), Decimal(12), Decimal(12)],
                )
            ],
        ),
    ]


def _counts() -> tuple[int, ...]:
    return (
        Agreement.objects.count(),
        AgreementVersion.objects.count(),
        Commitment.objects.count(),
        Signature.objects.count(),
        AuditEvent.objects.count(),
    )


# Drafting ---------------------------------------------------------------------------------


def test_lead_school_staff_start_a_draft_with_the_kinds_default_pillars(
    world: World, orgs: dict[str, Any]
) -> None:
    # given the staff of school A
    staff = world.user("school_staff_a")

    # when they start an agreement led by their school
    agreement = services.agreement_create_draft(actor=staff, data=_draft_input(orgs["school_a"].pk))

    # then it is a draft with version 1, the school its only party, and the start is audited
    version = agreement.current_version
    assert agreement.status == AgreementStatus.DRAFT
    assert version is not None
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    party = version.parties.get()
    assert party.organisation == orgs["school_a"]
    assert party.role == "lead"
    assert party.pillars == ["industry_linkage", "class_flexibility"]
    event = AuditEvent.objects.get(action="agreement.create")
    assert event.actor == staff
    assert event.object_id == str(agreement.pk)
    assert event.after["title"] == "시흥미래공업고–기업 현장실습 협약"


def test_nobody_drafts_for_a_lead_they_do_not_work_for(world: World, orgs: dict[str, Any]) -> None:
    before = _counts()

    with pytest.raises(PermissionDenied):
        services.agreement_create_draft(
            actor=world.user("school_staff_b"), data=_draft_input(orgs["school_a"].pk)
        )

    assert _counts() == before


def test_a_bad_draft_names_every_broken_rule_and_writes_nothing(
    world: World, orgs: dict[str, Any]
) -> None:
    before = _counts()

    with pytest.raises(ValidationFailed) as caught:
        services.agreement_create_draft(
            actor=world.user("province_officer"),
            data=_draft_input(
                orgs["school_a"].pk,
                kind_code="nonsense",
                title=" ",
                end_date=date(2024, 1, 1),
            ),
        )

    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("kind_code", "unknown_kind"),
        ("title", "required"),
        ("end_date", "end_before_start"),
    ]
    assert caught.value.problems[2].message_ko == "종료일은 시작일보다 뒤여야 합니다."
    assert caught.value.problems[2].message_en == "The end date must be after the start date."
    assert _counts() == before


def test_parties_and_commitments_with_yearly_targets_are_set_on_the_draft(
    world: World, orgs: dict[str, Any]
) -> None:
    # given a draft
    staff = world.user("school_staff_a")
    agreement = services.agreement_create_draft(actor=staff, data=_draft_input(orgs["school_a"].pk))

    # when the parties and their commitments are set
    services.agreement_update_draft(
        actor=staff, agreement=agreement, changes=DraftChanges(parties=_parties(orgs))
    )

    # then each commitment has one target per agreement year, due on the year's last day
    seats = Commitment.objects.get(kind="field_training_seats")
    assert seats.unit == "seats"
    assert [(t.year_index, t.quantity, t.due_date) for t in seats.targets.all()] == [
        (1, Decimal("10.00"), date(2026, 2, 28)),
        (2, Decimal("12.00"), date(2027, 2, 28)),
        (3, Decimal("12.00"), date(2028, 2, 29)),
    ]
    event = AuditEvent.objects.get(action="agreement.update_draft")
    assert len(event.before["parties"]) == 1
    assert len(event.after["parties"]) == 2


def test_bad_commitments_are_all_reported_and_the_draft_is_unchanged(
    world: World, orgs: dict[str, Any]
) -> None:
    staff = world.user("school_staff_a")
    agreement = services.agreement_create_draft(actor=staff, data=_draft_input(orgs["school_a"].pk))
    before = _counts()
    parties = _parties(orgs)
    parties[1].commitments = [
        CommitmentInput("funding", "regional_cooperation", "지원금", [Decimal("10.5"), 1]),
    ]

    with pytest.raises(ValidationFailed) as caught:
        services.agreement_update_draft(
            actor=staff, agreement=agreement, changes=DraftChanges(parties=parties)
        )

    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("parties[1].commitments[0].pillar", "pillar_not_carried"),
        ("parties[1].commitments[0].targets", "wrong_year_count"),
        ("parties[1].commitments[0].targets[0]", "krw_whole"),
    ]
    assert _counts() == before
    assert agreement.current_version.parties.count() == 1


# Circulation and signatures ---------------------------------------------------------------


def test_a_draft_with_one_party_cannot_be_circulated(world: World, orgs: dict[str, Any]) -> None:
    staff = world.user("school_staff_a")
    agreement = services.agreement_create_draft(actor=staff, data=_draft_input(orgs["school_a"].pk))

    with pytest.raises(ValidationFailed) as caught:
        services.agreement_circulate(actor=staff, agreement=agreement)

    assert [p.code for p in caught.value.problems] == ["too_few_parties", "no_commitments"]
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_circulating_freezes_the_terms_and_refuses_further_edits(
    world: World, orgs: dict[str, Any]
) -> None:
    # given a complete draft
    agreement = af.DraftAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    staff = world.user("school_staff_a")

    # when it is circulated
    services.agreement_circulate(actor=staff, agreement=agreement)

    # then the version is circulated with a snapshot, and an edit is a refused transition
    version = AgreementVersion.objects.get(agreement=agreement)
    assert agreement.status == AgreementStatus.CIRCULATED
    assert version.status == VersionStatus.CIRCULATED
    assert [p["organisation_id"] for p in version.terms["parties"]] == [
        orgs["school_a"].pk,
        orgs["company_a"].pk,
    ]
    with pytest.raises(Conflict) as caught:
        services.agreement_update_draft(
            actor=staff, agreement=agreement, changes=DraftChanges(title="바뀐 제목")
        )
    assert caught.value.code == "transition_not_allowed"
    assert caught.value.message_ko == "현재 상태가 '서명 진행 중'인 협약은 수정할 수 없습니다."
    assert caught.value.message_en == (
        "An agreement that is circulated for signature cannot be edited."
    )


def test_each_signature_records_signer_organisation_and_time_and_the_last_activates(
    world: World, orgs: dict[str, Any]
) -> None:
    # given an agreement circulated to school A, company A and the city
    agreement = af.CirculatedAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["company_a"], "member"), (orgs["city"], "supporter")],
    )

    # when the school and the company sign
    first = services.agreement_sign(actor=world.user("school_staff_a"), agreement=agreement)
    services.agreement_sign(actor=world.user("company_staff"), agreement=agreement)

    # then two signatures are kept and the agreement still waits for the city
    assert first.signer == world.user("school_staff_a")
    assert first.organisation == orgs["school_a"]
    assert first.organisation_name == "시흥미래공업고등학교"
    assert first.signed_at is not None
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CIRCULATED

    # when the city signs last
    services.agreement_sign(actor=world.user("local_government_officer"), agreement=agreement)

    # then the version is in force and the agreement active, activated exactly once
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.in_force_version == agreement.current_version
    assert agreement.current_version.status == VersionStatus.IN_FORCE
    assert Signature.objects.filter(version=agreement.current_version).count() == 3
    assert AuditEvent.objects.filter(action="agreement.sign").count() == 3
    activation = AuditEvent.objects.get(action="agreement.activate")
    assert activation.before == {"status": "circulated", "in_force_version": None}
    assert activation.after == {"status": "active", "in_force_version": 1}


def test_someone_who_is_not_a_party_cannot_sign(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.CirculatedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    for persona in ("school_staff_b", "province_officer", "support_office_officer", "student"):
        with pytest.raises(PermissionDenied):
            services.agreement_sign(actor=world.user(persona), agreement=agreement)

    assert not Signature.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_party_cannot_sign_twice(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.CirculatedAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["company_a"], "member")],
        signed_by=[orgs["school_a"]],
    )

    with pytest.raises(Conflict) as caught:
        services.agreement_sign(actor=world.user("school_staff_a"), agreement=agreement)

    assert caught.value.code == "already_signed"
    assert Signature.objects.count() == 1


# Amendment ---------------------------------------------------------------------------------


def test_an_amendment_needs_every_signature_again_and_keeps_the_earlier_version(
    world: World, orgs: dict[str, Any]
) -> None:
    # given an active agreement of school A and company A with a delivery recorded
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    seats = af.commitment_of(agreement, orgs["company_a"])
    af.deliver(seats, date(2025, 6, 1), 5)
    staff = world.user("school_staff_a")

    # when the school opens an amendment, raises the company's seats and circulates it
    services.agreement_amend(actor=staff, agreement=agreement, change_note="현장실습 자리 확대")
    version_2 = agreement.current_version
    detail = selectors.agreement_detail(user=staff, agreement_id=agreement.pk)
    parties = [
        PartyInput(
            p.organisation_id,
            p.role,
            p.pillars,
            [
                CommitmentInput(
                    c.kind,
                    c.pillar,
                    c.description,
                    [
                        t.quantity + (5 if c.kind == "field_training_seats" else 0)
                        for t in c.targets.all()
                    ],
                    key=str(c.lineage),
                )
                for c in p.commitments.all()
            ],
        )
        for p in detail.parties
    ]
    services.agreement_update_draft(
        actor=staff, agreement=agreement, changes=DraftChanges(parties=parties)
    )
    services.agreement_circulate(actor=staff, agreement=agreement)

    # then version 1 stays in force while version 2 waits for both parties
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AMENDED
    assert agreement.in_force_version.number == 1
    services.agreement_sign(actor=staff, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AMENDED

    # when the company signs too
    services.agreement_sign(actor=world.user("company_staff"), agreement=agreement)

    # then version 2 is in force, version 1 superseded but viewable as signed, and the
    # delivery made under version 1 still counts against the same commitment
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.in_force_version == version_2
    version_1 = selectors.version_get(user=staff, agreement_id=agreement.pk, number=1)
    assert version_1.status == VersionStatus.SUPERSEDED
    assert version_1.terms["parties"][1]["commitments"][0]["targets"][0]["quantity"] == "10.00"
    progress = selectors.progress_for([agreement], date(2026, 2, 28))[agreement.pk][0]
    company = progress.by_party[str(orgs["company_a"].pk)]
    assert company.ratio == Decimal("0.3333")


def test_an_amendment_that_changes_nothing_cannot_be_circulated(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.AmendedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    with pytest.raises(ValidationFailed) as caught:
        services.agreement_circulate(actor=world.user("school_staff_a"), agreement=agreement)

    assert [p.code for p in caught.value.problems] == ["unchanged_terms"]


def test_withdrawing_an_amendment_leaves_the_version_in_force(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.AmendedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    services.agreement_withdraw_amendment(actor=world.user("province_officer"), agreement=agreement)

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    assert agreement.current_version == agreement.in_force_version
    assert AgreementVersion.objects.get(agreement=agreement, number=2).status == "withdrawn"


def test_an_agreement_can_be_amended_again_after_an_amendment_was_withdrawn(
    world: World, orgs: dict[str, Any]
) -> None:
    # given an active agreement whose amendment (version 2) was withdrawn
    agreement = af.AmendedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    officer = world.user("province_officer")
    services.agreement_withdraw_amendment(actor=officer, agreement=agreement)
    agreement.refresh_from_db()

    # when it is amended again
    services.agreement_amend(actor=officer, agreement=agreement, change_note="두 번째 변경")

    # then the new amendment is version 3; version 2 keeps its number and its withdrawal
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AMENDED
    assert agreement.current_version is not None
    assert agreement.current_version.number == 3
    assert agreement.current_version.status == VersionStatus.DRAFT
    assert list(
        AgreementVersion.objects.filter(agreement=agreement)
        .order_by("number")
        .values_list("number", "status")
    ) == [(1, "in_force"), (2, "withdrawn"), (3, "draft")]


# Completion and termination ------------------------------------------------------------------


def test_an_active_agreement_completes_only_after_its_end_date(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    staff = world.user("school_staff_a")

    with pytest.raises(Conflict) as caught:
        services.agreement_complete(actor=staff, agreement=agreement, today=date(2028, 2, 28))
    assert caught.value.code == "agreement_not_ended"

    services.agreement_complete(actor=staff, agreement=agreement, today=date(2028, 2, 29))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.COMPLETED
    assert agreement.closed_at is not None


def test_termination_needs_a_reason_and_withdraws_a_circulated_version(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.CirculatedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    staff = world.user("school_staff_a")

    with pytest.raises(ValidationFailed) as caught:
        services.agreement_terminate(actor=staff, agreement=agreement, reason="")
    assert caught.value.problems[0].field == "reason"

    services.agreement_terminate(actor=staff, agreement=agreement, reason="참여 기업 사정으로 중단")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.TERMINATED
    assert agreement.termination_reason == "참여 기업 사정으로 중단"
    assert agreement.current_version.status == VersionStatus.WITHDRAWN
    event = AuditEvent.objects.get(action="agreement.terminate")
    assert event.before["status"] == "circulated"
    assert event.after["reason"] == "참여 기업 사정으로 중단"


def test_only_the_province_and_the_lead_change_the_lifecycle(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )

    with pytest.raises(PermissionDenied):
        services.agreement_terminate(
            actor=world.user("company_staff"), agreement=agreement, reason="기업 측 해지 요청"
        )

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE


# The whole table: each state × each action ----------------------------------------------------

STATES = ("draft", "circulated", "active", "amended", "completed", "terminated")
ACTIONS = (
    "edit",
    "circulate",
    "sign",
    "amend",
    "withdraw_amendment",
    "complete",
    "terminate",
    "record_delivery",
)
ALLOWED = {
    "draft": {"edit", "circulate", "terminate"},
    "circulated": {"sign", "terminate"},
    "active": {"amend", "complete", "terminate", "record_delivery"},
    "amended": {"edit", "circulate", "withdraw_amendment", "terminate", "record_delivery"},
    "completed": set(),
    "terminated": set(),
}


def _act(action: str, world: World, agreement: Agreement, orgs: dict[str, Any]) -> Any:
    staff = world.user("school_staff_a")
    calls: dict[str, Callable[[], Any]] = {
        "edit": lambda: services.agreement_update_draft(
            actor=staff, agreement=agreement, changes=DraftChanges(title="고친 협약명")
        ),
        "circulate": lambda: services.agreement_circulate(actor=staff, agreement=agreement),
        "sign": lambda: services.agreement_sign(actor=staff, agreement=agreement),
        "amend": lambda: services.agreement_amend(actor=staff, agreement=agreement),
        "withdraw_amendment": lambda: services.agreement_withdraw_amendment(
            actor=staff, agreement=agreement
        ),
        "complete": lambda: services.agreement_complete(
            actor=staff, agreement=agreement, today=date(2028, 3, 1)
        ),
        "terminate": lambda: services.agreement_terminate(
            actor=staff, agreement=agreement, reason="사업 중단으로 해지"
        ),
        "record_delivery": lambda: services.delivery_record(
            actor=staff,
            agreement=agreement,
            data=DeliveryInput(
                af.commitment_of_in_force(agreement, orgs["school_a"]).pk,
                date(2025, 6, 1),
                Decimal(1),
            ),
            today=date(2025, 9, 1),
        ),
    }
    return calls[action]()


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
def test_every_transition_from_every_state_is_allowed_or_refused(
    world: World, orgs: dict[str, Any], state: str, action: str
) -> None:
    # given an agreement of school A and company A in ``state``
    agreement = af.build_agreement(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")], status=state
    )
    if state == "amended" and action == "circulate":
        services.agreement_update_draft(
            actor=world.user("school_staff_a"),
            agreement=agreement,
            changes=DraftChanges(title="변경된 협약명"),
        )

    # when the lead school's staff try the action
    if action in ALLOWED[state]:
        _act(action, world, agreement, orgs)
        # then it succeeds
        agreement.refresh_from_db()
    else:
        status_before = agreement.status
        audits_before = AuditEvent.objects.count()
        # then it is a refused transition naming the state and the action, and nothing changes
        with pytest.raises(Conflict) as caught:
            _act(action, world, agreement, orgs)
        assert caught.value.code == "transition_not_allowed"
        assert caught.value.message_ko.startswith("현재 상태가 '")
        assert caught.value.message_en.startswith("An agreement that is ")
        agreement.refresh_from_db()
        assert agreement.status == status_before
        assert AuditEvent.objects.count() == audits_before
