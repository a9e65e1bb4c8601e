"""The life of a round: who makes and moves it, what each state allows, and deadlines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vocnet.clearinghouse.models import PlacementRound, RoundRun, RoundStatus
from vocnet.clearinghouse.services import (
    FollowUpInput,
    RoundInput,
    round_close_preferences,
    round_create,
    round_create_follow_up,
    round_open,
    round_publish,
    round_start_run,
    round_update,
)
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import Market
from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _input(office_id: int | None = None, days: int = 7) -> RoundInput:
    now = timezone.now()
    return RoundInput(
        name="2026 1차",
        support_office_id=office_id,
        preference_deadline=now + timedelta(days=days),
        ranking_deadline=now + timedelta(days=days + 7),
    )


def test_the_province_creates_a_province_round_in_draft_with_a_seed(market: Market) -> None:
    # when the province creates a round for the whole province
    created = round_create(actor=market.user("province_officer"), data=_input())
    # then it is a draft with a 48-bit seed, audited
    assert (created.status, created.support_office_id) == (RoundStatus.DRAFT, None)
    assert 0 <= created.seed < 2**48
    assert AuditEvent.objects.get().action == "round.create"


def test_a_support_office_creates_only_its_own_offices_rounds(market: Market) -> None:
    office_a = market.world.school_a.organisation.region.support_office
    office_b = market.world.school_b.organisation.region.support_office
    officer = market.user("support_office_officer")
    # when the 시흥 officer creates a round of its office, then it is made
    assert round_create(actor=officer, data=_input(office_a.pk)).support_office_id == office_a.pk
    # and a province round or 수원's round is refused, writing nothing more
    for office in (None, office_b.pk):
        with pytest.raises(PermissionDenied):
            round_create(actor=officer, data=_input(office))
    assert PlacementRound.objects.filter(name="2026 1차").count() == 1


def test_deadlines_in_the_past_or_out_of_order_are_refused_by_field(market: Market) -> None:
    # given a preference deadline yesterday and a ranking deadline before it
    now = timezone.now()
    data = RoundInput(
        name="잘못된 차수",
        preference_deadline=now - timedelta(days=1),
        ranking_deadline=now - timedelta(days=2),
    )
    # when the province creates it, then both deadlines are named and nothing is written
    with pytest.raises(ValidationFailed) as raised:
        round_create(actor=market.user("province_officer"), data=data)
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("preference_deadline", "deadline_in_past"),
        ("ranking_deadline", "ranking_before_preferences"),
    ]
    assert not PlacementRound.objects.filter(name="잘못된 차수").exists()


def test_a_round_goes_from_draft_to_open_to_closed(market: Market) -> None:
    # given a draft round
    draft = cf.DraftRoundFactory()
    province = market.user("province_officer")
    # when it is opened and closed
    round_open(actor=province, placement_round=draft)
    closed = round_close_preferences(
        actor=province, placement_round=draft, reason="교육청 일정 변경"
    )
    # then it is closed, stamped, with one audit entry per step
    assert closed.status == RoundStatus.CLOSED
    assert closed.opened_at is not None
    assert closed.closed_at is not None
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "round.open",
        "round.close_preferences",
    ]


def test_a_refused_transition_names_the_state(market: Market) -> None:
    # when the open round is opened again
    with pytest.raises(Conflict) as raised:
        round_open(actor=market.user("province_officer"), placement_round=market.round)
    # then the message names the state, and a publish before matching is refused alike
    assert raised.value.message_en == "A round in state 'open' cannot be opened."
    assert raised.value.message_ko == "'지망 접수 중' 상태의 차수는 접수 시작할 수 없습니다."
    with pytest.raises(Conflict):
        round_publish(actor=market.user("province_officer"), placement_round=market.round)
    assert AuditEvent.objects.count() == 0


def test_a_draft_whose_deadline_passed_cannot_be_opened(market: Market) -> None:
    draft = cf.DraftRoundFactory(preference_deadline=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationFailed) as raised:
        round_open(actor=market.user("province_officer"), placement_round=draft)
    assert [p.field for p in raised.value.problems] == ["preference_deadline"]
    draft.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT


def test_the_support_office_may_not_move_a_province_round(market: Market) -> None:
    with pytest.raises(PermissionDenied):
        round_close_preferences(
            actor=market.user("support_office_officer"), placement_round=market.round
        )
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.OPEN


def test_an_open_round_keeps_its_number_of_choices(market: Market) -> None:
    # when the province changes the deadline and the choices of the open round
    with pytest.raises(ValidationFailed) as raised:
        round_update(
            actor=market.user("province_officer"),
            placement_round=market.round,
            changes={"max_choices": 3},
        )
    # then the number of choices is refused by name; the deadline alone is accepted
    assert [(p.field, p.code) for p in raised.value.problems] == [("max_choices", "not_changeable")]
    later = market.round.preference_deadline + timedelta(days=1)
    updated = round_update(
        actor=market.user("province_officer"),
        placement_round=market.round,
        changes={"preference_deadline": later},
    )
    assert updated.preference_deadline == later


def test_a_follow_up_needs_a_published_parent(market: Market) -> None:
    with pytest.raises(Conflict):
        round_create_follow_up(
            actor=market.user("province_officer"),
            placement_round=market.round,
            data=FollowUpInput(
                "추가", market.round.preference_deadline, market.round.ranking_deadline
            ),
        )
    assert PlacementRound.objects.count() == 1


def test_closing_before_the_published_deadline_without_a_reason_is_refused(
    market: Market,
) -> None:
    # given the open round whose preference deadline is a week away
    # when the province closes it without a reason
    with pytest.raises(ValidationFailed) as raised:
        round_close_preferences(
            actor=market.user("province_officer"), placement_round=market.round, reason="  "
        )
    # then the problem names the field and the rule, and nothing is written
    problem = raised.value.problems[0]
    assert (problem.field, problem.code) == ("reason", "reason_required")
    assert "사유" in problem.message_ko
    assert "reason" in problem.message_en
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.OPEN
    assert AuditEvent.objects.count() == 0


def test_an_early_close_keeps_its_reason_in_the_audit_entry(market: Market) -> None:
    # when the province closes the open round early with a reason
    round_close_preferences(
        actor=market.user("province_officer"),
        placement_round=market.round,
        reason="학사 일정 변경",
    )
    # then the audit entry holds the reason
    event = AuditEvent.objects.get(action="round.close_preferences")
    assert event.after == {"status": "closed", "early_close_reason": "학사 일정 변경"}


def test_closing_after_the_deadline_needs_no_reason(market: Market) -> None:
    # given the open round whose preference deadline has passed
    PlacementRound.objects.filter(pk=market.round.pk).update(
        preference_deadline=timezone.now() - timedelta(minutes=1)
    )
    # when it is closed without a reason, then it closes and no reason is recorded
    closed = round_close_preferences(
        actor=market.user("province_officer"), placement_round=market.round
    )
    assert closed.status == RoundStatus.CLOSED
    assert AuditEvent.objects.get(action="round.close_preferences").after == {"status": "closed"}


def test_a_run_before_the_ranking_deadline_is_refused_without_an_override(
    market: Market,
) -> None:
    # given a closed round whose ranking deadline is two weeks away
    PlacementRound.objects.filter(pk=market.round.pk).update(status=RoundStatus.CLOSED)
    # when the province starts the run without a reason
    with pytest.raises(ValidationFailed) as raised:
        round_start_run(
            actor=market.user("province_officer"), placement_round=market.round, enqueue=False
        )
    # then it is refused on override_reason and no run exists
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("override_reason", "reason_required")
    ]
    assert RoundRun.objects.count() == 0
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.CLOSED


def test_an_overridden_early_run_records_its_reason(market: Market) -> None:
    PlacementRound.objects.filter(pk=market.round.pk).update(status=RoundStatus.CLOSED)
    run = round_start_run(
        actor=market.user("province_officer"),
        placement_round=market.round,
        enqueue=False,
        override_reason="모든 기업이 순위를 냈음",
    )
    event = AuditEvent.objects.get(action="round.start_run")
    assert event.after == {
        "status": "running",
        "run_id": run.pk,
        "early_run_reason": "모든 기업이 순위를 냈음",
    }


def test_a_run_after_the_ranking_deadline_needs_no_reason(market: Market) -> None:
    past = timezone.now() - timedelta(minutes=1)
    PlacementRound.objects.filter(pk=market.round.pk).update(
        status=RoundStatus.CLOSED, preference_deadline=past, ranking_deadline=past
    )
    run = round_start_run(
        actor=market.user("province_officer"), placement_round=market.round, enqueue=False
    )
    assert run.round_id == market.round.pk
