"""Runs: from the database to the engine's input, the stored run, determinism, publication
as placements, the follow-up round, and failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from vocnet.clearinghouse import selectors
from vocnet.clearinghouse.models import (
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RoundStatus,
    RunStatus,
)
from vocnet.clearinghouse.services import (
    FollowUpInput,
    preference_set,
    round_create_follow_up,
    round_publish,
    round_snapshot,
    round_start_run,
    run_execute,
)
from vocnet.clearinghouse.services import runs as run_services
from vocnet.clearinghouse.snapshot import result_json, run_snapshot, snapshot_hash
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import EARLY, Market
from vocnet.core.errors import Conflict, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.matching import ENGINE_VERSION, MatchingInputError
from vocnet.placements.models import OfferStatus, Placement, PlacementOrigin, PlacementStatus

pytestmark = pytest.mark.django_db


def _close(placement_round: PlacementRound) -> None:
    placement_round.status = RoundStatus.CLOSED
    placement_round.save()


def _run(market: Market, placement_round: PlacementRound | None = None) -> RoundRun:
    """Start the round as the province and run the task's body at once."""
    target = placement_round or market.round
    _close(target)
    run = round_start_run(
        override_reason=EARLY, actor=market.user("province_officer"), placement_round=target
    )
    done = run_execute(run_id=run.pk)
    assert done is not None
    return done


def _swapped_market(market: Market) -> None:
    """Student A wants A1 then B1, student B wants A1; company A prefers B."""
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    cf.prefer(market.round, market.student_b, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_b, 1), (market.student_a, 2))


def test_a_run_stores_snapshot_hash_seed_engine_result_statistics_and_proof(
    market: Market,
) -> None:
    # given the swapped market: company A ranks student B first; B1 takes the school order
    _swapped_market(market)
    a, b = str(market.student_a.pk), str(market.student_b.pk)
    a1, b1 = str(market.offer_a.pk), str(market.offer_b.pk)

    # when the province starts the run and the task runs it
    run = _run(market)

    # then the snapshot holds exactly the engine's input, in canonical order
    first, second = sorted([a, b], key=lambda s: (len(s), s))
    assert run.input_snapshot == {
        "format": 1,
        "seed": market.round.seed,
        "lottery": None,
        "students": sorted([[a, [a1, b1]], [b, [a1]]], key=lambda pair: (len(pair[0]), pair[0])),
        "placements": sorted(
            [[a1, {"capacity": 1, "ranking": [b, a]}], [b1, {"capacity": 1, "ranking": [a]}]],
            key=lambda pair: (len(pair[0]), pair[0]),
        ),
    }
    assert (first, second) == tuple(s for s, _ in run.input_snapshot["students"])
    assert run.input_hash == snapshot_hash(run.input_snapshot)
    # and B got A1 (first choice), A got B1 (second choice): stable, proven, counted
    assert run.status == RunStatus.SUCCEEDED
    assert run.seed == market.round.seed
    assert run.engine_version == ENGINE_VERSION
    assert run.result == {
        "assignment": {a: b1, b: a1},
        "seed": market.round.seed,
        "lottery": None,
        "engine_version": ENGINE_VERSION,
    }
    assert run.stability == {
        "checker": "vocnet.matching.verify",
        "is_stable": True,
        "student_count": 2,
        "matched_count": 2,
        "violation": None,
    }
    statistics = run.statistics or {}
    assert statistics["matched_share"] == 1.0
    assert statistics["rank_distribution"] == {"1": 1, "2": 1}
    assert statistics["unfilled_seats"] == {a1: 0, b1: 0}
    assert statistics["input"] == {
        "preferences": 3,
        "preferences_used": 3,
        "dropped_offer_unavailable": 0,
        "dropped_field_mismatch": 0,
        "dropped_student_not_taking_part": 0,
        "students": 2,
        "offers": 2,
        "offers_ranked_by_company": 1,
    }
    assert set(run.timings) == {"snapshot", "build", "solve", "verify", "stats", "store", "total"}
    assert run.started_at is not None
    assert run.finished_at is not None
    # and one outcome per student, the round matched, audited
    assert sorted(
        RoundOutcome.objects.filter(run=run).values_list("student_id", "offer_id", "choice_rank")
    ) == sorted(
        [(market.student_a.pk, market.offer_b.pk, 2), (market.student_b.pk, market.offer_a.pk, 1)]
    )
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.MATCHED
    assert AuditEvent.objects.filter(action="round.matched").count() == 1


def test_the_same_input_gives_the_same_hash_and_the_same_result(market: Market) -> None:
    # given two rounds with the same seed and the same data, where a tie decides:
    # company A ties students A and B at its single seat
    second_round = cf.RoundFactory(seed=market.round.seed)
    for placement_round in (market.round, second_round):
        cf.prefer(placement_round, market.student_a, market.offer_a)
        cf.prefer(placement_round, market.student_b, market.offer_a)
        cf.rank(placement_round, market.offer_a, (market.student_a, 1), (market.student_b, 1))

    # when both are run
    first = _run(market)
    second = _run(market, second_round)

    # then hash and result are the same, the lottery was drawn from the seed, and replaying
    # the stored snapshot gives the stored result again
    assert first.input_hash == second.input_hash
    assert first.result == second.result
    assert first.result is not None
    assert first.result["lottery"] is not None
    replay = run_snapshot(first.input_snapshot or {})
    assert result_json(replay.result) == first.result


def test_two_starts_give_one_run(market: Market) -> None:
    # given a closed round started once
    _close(market.round)
    round_start_run(
        override_reason=EARLY, actor=market.user("province_officer"), placement_round=market.round
    )
    # when it is started again, then the second start is refused and there is one run
    with pytest.raises(Conflict) as raised:
        round_start_run(
            override_reason=EARLY,
            actor=market.user("province_officer"),
            placement_round=market.round,
        )
    assert raised.value.code == "transition_not_allowed"
    assert RoundRun.objects.filter(round=market.round).count() == 1


def test_the_database_allows_one_live_run_per_round_even_without_the_lock(
    market: Market,
) -> None:
    # given a round whose status still says closed but which has a queued run
    # (as two transactions that both skipped the lock would see it)
    _close(market.round)
    RoundRun.objects.create(round=market.round, seed=market.round.seed)
    # when a start inserts a second run, then the constraint refuses it as a conflict
    with pytest.raises(Conflict) as raised:
        round_start_run(
            override_reason=EARLY,
            actor=market.user("province_officer"),
            placement_round=market.round,
        )
    assert raised.value.code == "run_exists"
    assert RoundRun.objects.filter(round=market.round).count() == 1
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.CLOSED


def test_a_task_delivered_twice_runs_once(market: Market) -> None:
    # given a finished run
    _swapped_market(market)
    run = _run(market)
    # when the task body is called again for it, then nothing happens
    assert run_execute(run_id=run.pk) is None
    assert RoundOutcome.objects.filter(run=run).count() == 2


def test_a_failing_run_is_stored_as_failed_and_the_round_can_be_started_again(
    market: Market, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an engine that refuses the input
    def refuse(snapshot: Any, timings: Any = None) -> Any:
        raise MatchingInputError(
            code="invalid_capacity", message_ko="정원이 잘못됨", message_en="bad capacity"
        )

    monkeypatch.setattr(run_services, "run_snapshot", refuse)
    _close(market.round)
    run = round_start_run(
        override_reason=EARLY, actor=market.user("province_officer"), placement_round=market.round
    )

    # when the task runs it, the error is raised to the task backend and stored
    with pytest.raises(MatchingInputError):
        run_execute(run_id=run.pk)
    run.refresh_from_db()
    market.round.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error == "invalid_capacity: 정원이 잘못됨 / bad capacity"
    assert market.round.status == RoundStatus.CLOSED
    assert RoundOutcome.objects.count() == 0

    # and a new start is allowed
    monkeypatch.undo()
    again = round_start_run(
        override_reason=EARLY, actor=market.user("province_officer"), placement_round=market.round
    )
    assert again.pk != run.pk


def test_the_snapshot_drops_and_counts_preferences_no_longer_possible(market: Market) -> None:
    # given student A ranked A1 and B1, and B1 was withdrawn afterwards
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    market.offer_b.status = OfferStatus.WITHDRAWN
    market.offer_b.save()
    # when the snapshot is taken
    data = round_snapshot(market.round, on=market.round.created_at.date())
    # then A's list keeps A1 only, B1 is not a placement, and the drop is counted
    assert data.snapshot["students"] == [[str(market.student_a.pk), [str(market.offer_a.pk)]]]
    assert [pid for pid, _ in data.snapshot["placements"]] == [str(market.offer_a.pk)]
    assert data.counts["dropped_offer_unavailable"] == 1


def test_the_school_order_ties_equal_ranks_of_different_schools_and_puts_the_rest_last(
    market: Market,
) -> None:
    # given three applicants to A1: A and B, each first in their school, and C, not recommended
    c = cf.ThirdYearStudentFactory(department=market.world.objects["department_a"])
    for student in (market.student_a, market.student_b, c):
        cf.prefer(market.round, student, market.offer_a)
    cf.recommend(market.round, market.student_a)
    cf.recommend(market.round, market.student_b)
    # when the snapshot is taken
    data = round_snapshot(market.round, on=market.round.created_at.date())
    # then A1's ranking is the tie (A, B) and then C
    rankings = dict((pid, value["ranking"]) for pid, value in data.snapshot["placements"])
    tie = sorted([str(market.student_a.pk), str(market.student_b.pk)], key=lambda s: (len(s), s))
    assert rankings[str(market.offer_a.pk)] == [tie, str(c.pk)]


def test_publishing_creates_one_matched_placement_per_matched_student(market: Market) -> None:
    # given a matched round
    _swapped_market(market)
    run = _run(market)
    # when the province publishes it
    round_publish(actor=market.user("province_officer"), placement_round=market.round)
    # then each matched student has a round placement, linked from their outcome
    placements = Placement.objects.filter(origin=PlacementOrigin.ROUND)
    assert sorted(placements.values_list("student_id", "offer_id", "status")) == sorted(
        [
            (market.student_a.pk, market.offer_b.pk, PlacementStatus.MATCHED),
            (market.student_b.pk, market.offer_a.pk, PlacementStatus.MATCHED),
        ]
    )
    linked = RoundOutcome.objects.filter(run=run, placement__isnull=False)
    assert {(o.student_id, o.placement.offer_id) for o in linked} == {
        (market.student_a.pk, market.offer_b.pk),
        (market.student_b.pk, market.offer_a.pk),
    }
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.PUBLISHED
    assert market.round.published_at is not None


def test_publishing_tells_the_students_guardians_schools_and_companies(market: Market) -> None:
    from vocnet.notifications.models import Notification, NotificationKind

    # given a matched round
    _swapped_market(market)
    _run(market)
    # when the province publishes it
    round_publish(actor=market.user("province_officer"), placement_round=market.round)
    # then the students' school staff and the matched companies' staff are told, each once
    told = Notification.objects.filter(kind=NotificationKind.ROUND_RESULT)
    usernames = set(told.values_list("recipient__username", flat=True))
    assert "school_staff_a" in usernames
    assert "company_staff" in usernames
    assert told.count() == len(set(told.values_list("recipient_id", "key")))
    assert "province_officer" not in usernames


def test_publishing_is_refused_when_seats_were_taken_in_between(market: Market) -> None:
    # given a matched round giving A1's single seat to student B
    _swapped_market(market)
    _run(market)
    # and a direct accept filled A1 since the run
    someone = cf.ThirdYearStudentFactory(department=market.world.objects["department_a"])
    Placement.objects.create(student=someone, offer=market.offer_a, origin=PlacementOrigin.DIRECT)
    # when the province publishes, then it is refused naming the offer, and nothing is written
    with pytest.raises(Conflict) as raised:
        round_publish(actor=market.user("province_officer"), placement_round=market.round)
    assert raised.value.code == "seats_taken_meanwhile"
    assert [(p.field, p.code) for p in raised.value.problems] == [
        (f"offers[{market.offer_a.pk}]", "seats_taken_meanwhile")
    ]
    assert Placement.objects.count() == 1
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.MATCHED


def test_a_follow_up_round_places_the_unmatched_on_the_seats_left(market: Market) -> None:
    # given round 1 where company A takes only student B at A1, and student A wanted only A1
    cf.prefer(market.round, market.student_a, market.offer_a)
    cf.prefer(market.round, market.student_b, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_b, 1))
    _run(market)
    round_publish(actor=market.user("province_officer"), placement_round=market.round)
    # when the province makes a follow-up round and student A ranks B1 there
    follow_up = round_create_follow_up(
        actor=market.user("province_officer"),
        placement_round=market.round,
        data=FollowUpInput(
            "2026 도 2차(추가 모집)",
            market.round.preference_deadline,
            market.round.ranking_deadline,
        ),
    )
    follow_up.status = RoundStatus.OPEN
    follow_up.save()
    preference_set(
        actor=market.user("student"),
        placement_round=follow_up,
        student=market.student_a,
        offer_ids=[market.offer_b.pk],
    )
    run = _run(market, follow_up)
    # then only student A takes part, on B1 (A1 is full), and gets it
    assert run.input_snapshot is not None
    assert [s for s, _ in run.input_snapshot["students"]] == [str(market.student_a.pk)]
    assert [p for p, _ in run.input_snapshot["placements"]] == [str(market.offer_b.pk)]
    assert run.result is not None
    assert run.result["assignment"] == {str(market.student_a.pk): str(market.offer_b.pk)}
    assert follow_up.parent_id == market.round.pk
    assert follow_up.seed == market.round.seed


def test_a_follow_up_round_keeps_the_parent_list_of_a_student_who_enters_none(
    market: Market,
) -> None:
    # given round 1 where student A ranked A1 then B1, company B refused A (ranked nobody)
    # and company A took B: A is unmatched, B1 still free
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    cf.prefer(market.round, market.student_b, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_b, 1))
    cf.rank(market.round, market.offer_b, (market.student_b, 1))
    _run(market)
    round_publish(actor=market.user("province_officer"), placement_round=market.round)
    # when the follow-up runs without new lists or rankings
    follow_up = round_create_follow_up(
        actor=market.user("province_officer"),
        placement_round=market.round,
        data=FollowUpInput(
            "추가 모집", market.round.preference_deadline, market.round.ranking_deadline
        ),
    )
    run = _run(market, follow_up)
    # then A applies with the parent list (A1 full and dropped), B1 keeps company B's ranking
    assert run.input_snapshot is not None
    assert run.input_snapshot["students"] == [[str(market.student_a.pk), [str(market.offer_b.pk)]]]
    assert run.result is not None
    assert run.result["assignment"] == {str(market.student_a.pk): None}


def _published_with_unmatched_a(market: Market) -> PlacementRound:
    """Round 1 published with student A unmatched (wanted only A1, company A took B), and its
    follow-up round closed after its deadlines, with nothing entered in it yet."""
    cf.prefer(market.round, market.student_a, market.offer_a)
    cf.prefer(market.round, market.student_b, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_b, 1))
    _run(market)
    round_publish(actor=market.user("province_officer"), placement_round=market.round)
    follow_up = round_create_follow_up(
        actor=market.user("province_officer"),
        placement_round=market.round,
        data=FollowUpInput(
            "추가 모집", market.round.preference_deadline, market.round.ranking_deadline
        ),
    )
    past = timezone.now() - timedelta(minutes=1)
    PlacementRound.objects.filter(pk=follow_up.pk).update(
        status=RoundStatus.CLOSED, preference_deadline=past, ranking_deadline=past
    )
    follow_up.refresh_from_db()
    return follow_up


def test_a_follow_up_round_with_nothing_new_warns_instead_of_running(market: Market) -> None:
    # given a follow-up round with no new entries and no seat freed since its parent ran
    follow_up = _published_with_unmatched_a(market)
    runs_before = RoundRun.objects.count()
    # when the province starts it without a reason
    with pytest.raises(ValidationFailed) as raised:
        round_start_run(
            actor=market.user("province_officer"), placement_round=follow_up, enqueue=False
        )
    # then it is refused with the rule, and no run is written
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("override_reason", "follow_up_nothing_new")
    ]
    assert RoundRun.objects.count() == runs_before
    follow_up.refresh_from_db()
    assert follow_up.status == RoundStatus.CLOSED
    assert selectors.run_prechecks(follow_up).nothing_new is True


def test_a_follow_up_round_with_a_new_list_runs(market: Market) -> None:
    # given the same follow-up round where student A entered a new list
    follow_up = _published_with_unmatched_a(market)
    cf.prefer(follow_up, market.student_a, market.offer_b)
    # when the province starts it, then it runs
    run = round_start_run(
        actor=market.user("province_officer"), placement_round=follow_up, enqueue=False
    )
    assert run.round_id == follow_up.pk
    assert selectors.run_prechecks(follow_up).nothing_new is False
