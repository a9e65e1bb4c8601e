"""A run holds a lease (vocnet.core.leases, docs/adr/0014): a run whose worker is gone is
failed once the lease expires, the officer sees why on the round page and can run again, and
a worker that lost its lease stores nothing. (The real worker killed with ``kill -9`` is in
``test_worker_survival_postgres``.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vocnet.clearinghouse.models import RoundOutcome, RoundRun, RoundStatus, RunStatus
from vocnet.clearinghouse.services import (
    round_start_run,
    run_execute,
    runs_expire_stale,
)
from vocnet.clearinghouse.services import runs as run_services
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import EARLY, Market
from vocnet.core.leases import Heartbeat, beat, sweep_expired_leases
from vocnet.core.models import AuditEvent
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db


def _closed(market: Market) -> None:
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    cf.prefer(market.round, market.student_b, market.offer_a)
    market.round.status = RoundStatus.CLOSED
    market.round.save()


def _claimed_by_a_worker_that_died(market: Market, *, silent_for: timedelta) -> RoundRun:
    """A started run that a worker claimed and then stopped reporting ``silent_for`` ago."""
    run = round_start_run(
        override_reason=EARLY,
        actor=market.user("province_officer"),
        placement_round=market.round,
        enqueue=False,
    )
    last_seen = timezone.now() - silent_for
    RoundRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=last_seen, heartbeat_at=last_seen
    )
    return run


def test_a_run_whose_worker_is_gone_fails_after_the_lease_and_can_run_again(
    market: Market, settings: Any
) -> None:
    # given a run whose worker stopped reporting longer ago than the lease
    settings.VOCNET_TASK_LEASE_SECONDS = 60
    _closed(market)
    run = _claimed_by_a_worker_that_died(market, silent_for=timedelta(seconds=61))
    client = Client()
    sign_in(client, market.user("province_officer"))

    # when the officer opens the round page
    page = client.get(reverse("clearinghouse:round", args=[market.round.pk])).content.decode()

    # then the run is failed with the reason, the round is closed again, and it says why
    run.refresh_from_db()
    market.round.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("lease_expired: ")
    assert "임대 60초 만료" in run.error
    assert "lease of 60 s expired" in run.error
    assert market.round.status == RoundStatus.CLOSED
    assert "lease_expired" in page
    event = AuditEvent.objects.get(action="round.run_failed")
    assert event.after["run_id"] == run.pk
    assert event.after["reason"] == "lease_expired"

    # and the officer can start it again, and the new run matches
    response = client.post(
        reverse("clearinghouse:round_action", args=[market.round.pk, "run"]),
        {"confirm": "1", "reason": EARLY},
    )
    assert response.status_code == 302
    rerun = RoundRun.objects.get(round=market.round, status=RunStatus.QUEUED)
    rerun = run_execute(run_id=rerun.pk)
    assert rerun is not None
    assert rerun.status == RunStatus.SUCCEEDED
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.MATCHED


def test_a_run_within_its_lease_is_left_running(market: Market, settings: Any) -> None:
    # given a run whose worker reported just inside the lease
    settings.VOCNET_TASK_LEASE_SECONDS = 60
    _closed(market)
    run = _claimed_by_a_worker_that_died(market, silent_for=timedelta(seconds=50))

    # when the leases are swept (as the worker and expire_leases do)
    expired = sweep_expired_leases()

    # then nothing expired and the run still runs
    assert expired == dict.fromkeys(settings.VOCNET_LEASE_SWEEPS, 0)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING
    assert AuditEvent.objects.filter(action="round.run_failed").count() == 0


def test_the_api_answers_with_the_true_state_of_a_round_whose_worker_is_gone(
    market: Market, settings: Any
) -> None:
    # given a run whose worker is gone
    settings.VOCNET_TASK_LEASE_SECONDS = 60
    _closed(market)
    _claimed_by_a_worker_that_died(market, silent_for=timedelta(minutes=5))
    client = Client()
    sign_in(client, market.user("province_officer"))

    # when the officer starts the round again through the API
    response = client.post(f"/api/clearinghouse/rounds/{market.round.pk}/run?override_reason=early")

    # then it is accepted (201), not refused with 409 for ever
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "queued"


def test_a_worker_that_lost_its_lease_stores_nothing(
    market: Market, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a run whose lease expires while the engine computes (a worker cut off for longer
    # than the lease, the sweep failing it meanwhile)
    settings.VOCNET_TASK_LEASE_SECONDS = 60
    _closed(market)
    run = round_start_run(
        override_reason=EARLY,
        actor=market.user("province_officer"),
        placement_round=market.round,
        enqueue=False,
    )
    solve = run_services.run_snapshot

    def solve_while_the_lease_expires(snapshot: Any, timings: Any) -> Any:
        RoundRun.objects.filter(pk=run.pk).update(
            heartbeat_at=timezone.now() - timedelta(minutes=5)
        )
        assert runs_expire_stale(round_id=market.round.pk) == 1
        return solve(snapshot, timings)

    monkeypatch.setattr(run_services, "run_snapshot", solve_while_the_lease_expires)
    monkeypatch.setattr(run_services, "beat", lambda queryset: 0)

    # when the worker finishes
    returned = run_execute(run_id=run.pk)

    # then its result is not stored: the run stays failed by the lease, the round closed
    assert returned is not None
    assert returned.status == RunStatus.FAILED
    assert returned.error.startswith("lease_expired: ")
    assert len(returned.input_hash) == 64  # what it read is known, its result is not kept
    assert RoundOutcome.objects.count() == 0
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.CLOSED


def test_the_run_stamps_its_heartbeat_as_it_goes(market: Market) -> None:
    # given a started run
    _closed(market)
    run = round_start_run(
        override_reason=EARLY,
        actor=market.user("province_officer"),
        placement_round=market.round,
        enqueue=False,
    )
    before = timezone.now()

    # when the worker runs it
    run_execute(run_id=run.pk)

    # then its heartbeat was stamped during the run
    run.refresh_from_db()
    assert run.heartbeat_at is not None
    assert run.heartbeat_at >= before


def test_the_heartbeat_thread_stamps_while_the_body_runs() -> None:
    # given a stamp that counts its calls
    calls: list[int] = []

    # when a body runs for a few beats
    with Heartbeat(lambda: calls.append(1), interval=0.01) as heartbeat:
        for _ in range(200):
            if len(calls) >= 3:
                break
            heartbeat._stop.wait(0.01)

    # then the thread stamped at least three times and stopped with the body
    assert len(calls) >= 3
    assert not heartbeat._thread.is_alive()


def test_beat_stamps_only_the_rows_it_is_given(market: Market) -> None:
    _closed(market)
    run = round_start_run(
        override_reason=EARLY,
        actor=market.user("province_officer"),
        placement_round=market.round,
        enqueue=False,
    )
    assert beat(RoundRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING)) == 0
    assert beat(RoundRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED)) == 1
