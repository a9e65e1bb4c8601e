"""A run of a round: the adapter from ORM rows to the engine's input, and the task's body.

``run_execute`` is what the background task calls (and the demo, synchronously): it claims the
queued run, reads the round's data into a snapshot (:func:`round_snapshot`), hands it to the
pure pipeline (``snapshot.run_snapshot``: build the instance, solve, verify, statistics) and
stores everything in one transaction: the run's snapshot, hash, seed, engine version, result,
statistics, stability proof and timings, one ``RoundOutcome`` per student, and the round as
``matched``. A failure stores the error, marks the run failed and puts the round back to
``closed`` so it can be started again.

How the engine's input is built from the rows (the rules of ``eligibility`` applied again on
the day of the run):

* **Students**: those who take part in the round and have a list — their own in this round, or
  for a follow-up round the list of the nearest earlier round of the chain they have. Each
  list keeps only offers that may still be ranked (published, vetted host, in scope, a seat
  left) in the student's department's field; what is dropped is counted, not hidden.
* **Placements**: every offer of the round's scope with a seat left, capacity = seats minus
  active placements on the day. Its ranking is the company's for the round (nearest round of
  the chain with a ranking of that offer): only the applicants it ranked, equal ranks tied.
  Without one it is the schools' recommended order: applicants grouped by their rank within
  their school (equal ranks of different schools are ties), then every applicant no school
  recommended, as one last tie. Ties are broken by the engine's lottery (single
  tie-breaking) drawn from the round's seed, or, in a follow-up round, by the parent's
  lottery restricted to the round's students.
"""

from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RoundStatus,
    RunStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.services.eligibility import round_chain, scope_offers, scope_students
from vocnet.clearinghouse.snapshot import (
    RunOutcome,
    build_snapshot,
    result_json,
    run_snapshot,
    snapshot_hash,
    timed,
    verification_json,
)
from vocnet.core.leases import Heartbeat, beat, lease_cutoff, lease_expired_text
from vocnet.core.models import record_audit

logger = logging.getLogger(__name__)


@dataclass
class SnapshotInput:
    """The engine's input for a round and what was left out of it, by rule."""

    snapshot: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)


def _effective_lists(
    chain: list[PlacementRound], eligible: set[int]
) -> tuple[dict[int, list[int]], int]:
    """Each eligible student's list (nearest round of the chain that has one) and the number
    of preference rows of students who no longer take part."""
    lists: dict[int, list[int]] = {}
    decided: set[int] = set()
    ineligible_rows = 0
    for member in chain:
        found: dict[int, list[int]] = defaultdict(list)
        rows = (
            StudentPreference.objects.filter(round=member)
            .order_by("student_id", "rank")
            .values_list("student_id", "offer_id")
        )
        for student_id, offer_id in rows.iterator(chunk_size=5000):
            if student_id in decided:
                continue
            if student_id not in eligible:
                if member is chain[0]:
                    ineligible_rows += 1
                continue
            found[student_id].append(offer_id)
        lists.update(found)
        decided |= set(found)
    return lists, ineligible_rows


def _company_rankings(chain: list[PlacementRound]) -> dict[int, dict[int, int]]:
    """offer → {student: rank} from the nearest round of the chain that ranked the offer."""
    rankings: dict[int, dict[int, int]] = {}
    for member in chain:
        found: dict[int, dict[int, int]] = defaultdict(dict)
        for offer_id, student_id, rank in OfferRanking.objects.filter(round=member).values_list(
            "offer_id", "student_id", "rank"
        ):
            if offer_id not in rankings:
                found[offer_id][student_id] = rank
        rankings.update(found)
    return rankings


def _school_ranks(chain: list[PlacementRound]) -> dict[int, int]:
    """student → rank within their school, from the nearest round each school gave one in."""
    ranks: dict[int, int] = {}
    schools_done: set[int] = set()
    for member in chain:
        found: dict[int, int] = {}
        schools: set[int] = set()
        for school_id, student_id, rank in SchoolRecommendation.objects.filter(
            round=member
        ).values_list("school_id", "student_id", "rank"):
            if school_id in schools_done:
                continue
            schools.add(school_id)
            found[student_id] = rank
        ranks.update(found)
        schools_done |= schools
    return ranks


def _groups(ranked: dict[int, int]) -> list[list[str]]:
    by_rank: dict[int, list[str]] = defaultdict(list)
    for student_id, rank in ranked.items():
        by_rank[rank].append(str(student_id))
    return [by_rank[rank] for rank in sorted(by_rank)]


def _inherited_lottery(placement_round: PlacementRound, students: set[str]) -> list[str] | None:
    if placement_round.parent_id is None:
        return None
    parent_run = (
        RoundRun.objects.filter(round_id=placement_round.parent_id, status=RunStatus.SUCCEEDED)
        .only("result")
        .first()
    )
    lottery = (parent_run.result or {}).get("lottery") if parent_run is not None else None
    if not lottery:
        return None
    return [student for student in lottery if student in students]


def round_snapshot(placement_round: PlacementRound, *, on: date) -> SnapshotInput:
    """The engine's input for ``placement_round`` from the database on day ``on`` (see the
    module docstring), in canonical order, with the counts of what was left out."""
    chain = round_chain(placement_round)
    student_fields = dict(
        scope_students(placement_round).values_list("pk", "department__ncs_middle_id")
    )
    offers = {
        pk: (seats_left, field_id)
        for pk, seats_left, field_id in scope_offers(placement_round, on=on).values_list(
            "pk", "seats_left", "ncs_middle_id"
        )
    }
    lists, ineligible_rows = _effective_lists(chain, set(student_fields))
    counts = {
        "preferences": 0,
        "preferences_used": 0,
        "dropped_offer_unavailable": 0,
        "dropped_field_mismatch": 0,
        "dropped_student_not_taking_part": ineligible_rows,
    }
    students: dict[str, list[str]] = {}
    applicants: dict[int, list[int]] = defaultdict(list)
    for student_id, offer_ids in lists.items():
        kept: list[str] = []
        for offer_id in offer_ids:
            counts["preferences"] += 1
            offer = offers.get(offer_id)
            if offer is None:
                counts["dropped_offer_unavailable"] += 1
            elif offer[1] != student_fields[student_id]:
                counts["dropped_field_mismatch"] += 1
            else:
                kept.append(str(offer_id))
                applicants[offer_id].append(student_id)
        counts["preferences_used"] += len(kept)
        students[str(student_id)] = kept
    company = _company_rankings(chain)
    school_rank = _school_ranks(chain)
    placements: dict[str, tuple[int, list[list[str]]]] = {}
    for offer_id, (seats_left, _field) in offers.items():
        applied = applicants.get(offer_id, [])
        own = company.get(offer_id)
        if own is not None:
            groups = _groups({s: own[s] for s in applied if s in own})
        else:
            groups = _groups({s: school_rank[s] for s in applied if s in school_rank})
            unranked = [str(s) for s in applied if s not in school_rank]
            if unranked:
                groups.append(unranked)
        placements[str(offer_id)] = (int(seats_left), groups)
    counts["students"] = len(students)
    counts["offers"] = len(placements)
    counts["offers_ranked_by_company"] = sum(1 for pk in offers if pk in company)
    snapshot = build_snapshot(
        students=students,
        placements=placements,
        seed=placement_round.seed,
        lottery=_inherited_lottery(placement_round, set(students)),
    )
    return SnapshotInput(snapshot, counts)


def _error_text(error: BaseException) -> str:
    ko, en = getattr(error, "message_ko", None), getattr(error, "message_en", None)
    if ko and en:
        return f"{getattr(error, 'code', type(error).__name__)}: {ko} / {en}"
    return f"{type(error).__name__}: {error}"


def _statistics(outcome: RunOutcome, counts: dict[str, int]) -> dict[str, Any]:
    data = outcome.statistics.as_dict()
    data["rank_distribution"] = {
        str(rank): count for rank, count in outcome.statistics.rank_distribution.items()
    }
    data["input"] = counts
    return data


def _outcome_rows(run: RoundRun, outcome: RunOutcome) -> list[RoundOutcome]:
    rows = []
    assignment = outcome.result.assignment
    for student_id, choices in outcome.instance.students.items():
        offer = assignment[student_id]
        choice_list = list(choices)
        rows.append(
            RoundOutcome(
                run=run,
                round_id=run.round_id,
                student_id=int(student_id),
                offer_id=int(offer) if offer is not None else None,
                choice_rank=choice_list.index(offer) + 1 if offer is not None else None,
                choice_count=len(choice_list),
            )
        )
    return rows


def _fail(run: RoundRun, error: BaseException, timings: dict[str, float]) -> None:
    with transaction.atomic():
        # Only a run still running is ours to fail: if the lease expired meanwhile, the sweep
        # failed it already and the round may be running a new run.
        failed = RoundRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED,
            error=_error_text(error)[:5000],
            timings=timings,
            finished_at=timezone.now(),
        )
        if not failed:
            return
        PlacementRound.objects.filter(pk=run.round_id, status=RoundStatus.RUNNING).update(
            status=RoundStatus.CLOSED
        )
        record_audit(
            actor=None,
            action="round.run_failed",
            obj=run.round,
            after={"run_id": run.pk, "error": _error_text(error)[:500]},
        )


def _running(run_id: int) -> Any:
    return RoundRun.objects.filter(pk=run_id, status=RunStatus.RUNNING)


def _pause_for_tests() -> None:
    """Hold the run mid-way for ``VOCNET_TEST_RUN_PAUSE_SECONDS`` (test settings only): the
    lease tests kill the worker while it is here, or check that it keeps its lease."""
    if settings.VOCNET_ENV != "test":
        return
    pause = float(os.environ.get("VOCNET_TEST_RUN_PAUSE_SECONDS", "0") or 0)
    if pause > 0:
        logger.info("test pause of %s s in the run", pause)
        time.sleep(pause)


def run_execute(*, run_id: int, on: date | None = None) -> RoundRun | None:
    """Run a queued run to the end (the task's body); None if it was not queued any more
    (a task delivered twice runs once: the claim is a conditional UPDATE).

    Stores the run as succeeded (or failed, when the engine refuses the input or the
    stability check finds a violation — such a result is never published) and returns it.
    Any other exception is stored as the run's error and raised again, so the task backend
    records the failure too.

    The run holds a lease (vocnet.core.leases): the claim stamps its heartbeat, each stage
    stamps it again, and a thread stamps it every third of the lease while a stage computes.
    If the lease was lost anyway (the sweep failed the run), nothing is stored.
    """
    started = time.perf_counter()
    claimed = RoundRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    if not claimed:
        logger.info("clearinghouse run %s was not queued any more; nothing to do", run_id)
        return None
    run = RoundRun.objects.without_payload().select_related("round").get(pk=run_id)
    timings: dict[str, float] = {}
    try:
        with Heartbeat(lambda: beat(_running(run_id))):
            with timed(timings, "snapshot"):
                data = round_snapshot(run.round, on=on or timezone.localdate())
                input_hash = snapshot_hash(data.snapshot)
            # The hash is kept at once, so a run that dies later still says what it read.
            _running(run_id).update(input_hash=input_hash, heartbeat_at=timezone.now())
            _pause_for_tests()
            outcome = run_snapshot(data.snapshot, timings)
            beat(_running(run_id))
        with timed(timings, "store"):
            _store(run, data, input_hash, outcome, timings)
    except LeaseLost:
        logger.warning("clearinghouse run %s lost its lease; its result is not stored", run_id)
        run.refresh_from_db()
        return run
    except Exception as error:
        timings["total"] = round(time.perf_counter() - started, 6)
        _fail(run, error, timings)
        raise
    timings["total"] = round(time.perf_counter() - started, 6)
    RoundRun.objects.filter(pk=run.pk).update(timings=timings)
    run.refresh_from_db()
    return run


class LeaseLost(Exception):
    """The run is not ``running`` any more when its result is ready (its lease expired)."""


def runs_expire_stale(*, round_id: int | None = None) -> int:
    """Mark failed every running run (of round ``round_id``, or of all rounds) whose heartbeat
    is older than the lease, with the reason as its error, and put its round back to
    ``closed`` so the officer can start it again; returns how many runs were failed.

    Each run is re-read under a row lock (``skip_locked``: a run the worker is storing right
    now is left alone) and failed only if it is still running and still stale. One audit
    entry ``round.run_failed`` (reason ``lease_expired``) per run."""
    stale = RoundRun.objects.filter(status=RunStatus.RUNNING, heartbeat_at__lt=lease_cutoff())
    if round_id is not None:
        stale = stale.filter(round_id=round_id)
    expired = 0
    for run_id in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            run = (
                RoundRun.objects.without_payload()
                .select_for_update(skip_locked=True)
                .filter(pk=run_id, status=RunStatus.RUNNING, heartbeat_at__lt=lease_cutoff())
                .first()
            )
            if run is None:
                continue
            error = lease_expired_text(run.heartbeat_at)
            run.status = RunStatus.FAILED
            run.error = error
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            PlacementRound.objects.filter(pk=run.round_id, status=RoundStatus.RUNNING).update(
                status=RoundStatus.CLOSED
            )
            record_audit(
                actor=None,
                action="round.run_failed",
                obj=run.round,
                after={"run_id": run.pk, "reason": "lease_expired", "error": error[:500]},
            )
            logger.warning("clearinghouse run %s lost its worker: %s", run.pk, error)
            expired += 1
    return expired


@transaction.atomic
def _store(
    run: RoundRun,
    data: SnapshotInput,
    input_hash: str,
    outcome: RunOutcome,
    timings: dict[str, float],
) -> None:
    if not list(_running(run.pk).select_for_update().values_list("pk", flat=True)):
        raise LeaseLost(run.pk)
    stable = outcome.report.is_stable
    run.input_snapshot = data.snapshot
    run.input_hash = input_hash
    run.engine_version = outcome.engine_version
    run.result = result_json(outcome.result)
    run.statistics = _statistics(outcome, data.counts)
    run.stability = verification_json(outcome.report)
    run.timings = timings
    run.finished_at = timezone.now()
    run.status = RunStatus.SUCCEEDED if stable else RunStatus.FAILED
    if not stable:
        violation = outcome.report.violation
        assert violation is not None
        run.error = f"stability_check_failed: {violation.message_ko} / {violation.message_en}"
    run.save()
    if not stable:
        PlacementRound.objects.filter(pk=run.round_id, status=RoundStatus.RUNNING).update(
            status=RoundStatus.CLOSED
        )
        record_audit(actor=None, action="round.run_failed", obj=run.round, after={"run_id": run.pk})
        return
    RoundOutcome.objects.bulk_create(_outcome_rows(run, outcome), batch_size=5000)
    PlacementRound.objects.filter(pk=run.round_id, status=RoundStatus.RUNNING).update(
        status=RoundStatus.MATCHED, matched_at=timezone.now()
    )
    record_audit(
        actor=None,
        action="round.matched",
        obj=run.round,
        after={
            "run_id": run.pk,
            "input_hash": input_hash,
            "seed": run.seed,
            "engine_version": run.engine_version,
            "matched": outcome.statistics.matched_count,
            "students": outcome.statistics.student_count,
        },
    )
