"""The real task worker (``manage.py task_worker``, a subprocess on the test database)
survives what used to leave a round stuck (issue 12 item 3, docs/adr/0014):

* killed with ``kill -9`` mid-run: while it lived it kept its lease (no expiry however long
  the stage); once dead, the run is failed after the lease with its reason on the round page,
  and the officer's rerun on a fresh worker reads the same input (same hash) and gives the
  same result;
* its database connections terminated (``pg_terminate_backend``), idle and mid-run: it
  reconnects and goes on instead of exiting; the run it could not finish fails by its lease
  and the rerun succeeds on the same process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vocnet.clearinghouse.models import PlacementRound, RoundRun, RoundStatus, RunStatus
from vocnet.clearinghouse.services import round_snapshot, round_start_run, runs_expire_stale
from vocnet.clearinghouse.snapshot import result_json, run_snapshot, snapshot_hash
from vocnet.clearinghouse.tests.conftest import EARLY
from vocnet.testing import sign_in

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a real worker process"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LEASE_SECONDS = 2
APPLICATION_NAME = "vocnet-survival-test-worker"


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists back afterwards."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}?application_name={APPLICATION_NAME}"
    )


def _start_worker(log: Path, *args: str, pause: float = 0, **env: str) -> subprocess.Popen[bytes]:
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "VOCNET_ENV": "test",
        "DATABASE_URL": _database_url(),
        "VOCNET_TASK_LEASE_SECONDS": str(LEASE_SECONDS),
        "VOCNET_TEST_RUN_PAUSE_SECONDS": str(pause),
    }
    command = [sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--no-reload"]
    return subprocess.Popen(
        [*command, "--interval", "0.2", *args],
        cwd=django_settings.BASE_DIR,
        env=environment | env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def _wait_for(what: str, check: Callable[[], bool], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()[-4000:]}")


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.kill()
    worker.wait(timeout=30)


def _closed_round() -> tuple[PlacementRound, Any]:
    from vocnet.clearinghouse.tests import factories as cf
    from vocnet.testing import build_world

    world = build_world()
    cf.third_year(world.student_a)
    cf.third_year(world.student_b)
    offer_a = cf.OfferFactory(company=world.company_a, title="시흥 스마트공장 실습", seats=1)
    offer_b = cf.OfferFactory(company=world.company_b, title="수원 설계 실습", seats=1)
    placement_round = cf.RoundFactory(name="2026 도 1차")
    cf.prefer(placement_round, world.student_a, offer_a, offer_b)
    cf.prefer(placement_round, world.student_b, offer_a)
    cf.rank(placement_round, offer_a, (world.student_b, 1), (world.student_a, 2))
    placement_round.status = RoundStatus.CLOSED
    placement_round.save()
    return placement_round, world.user("province_officer")


def _status(run_id: int) -> str:
    return str(RoundRun.objects.values_list("status", flat=True).get(pk=run_id))


def test_a_run_whose_worker_is_killed_fails_after_its_lease_and_reruns_the_same(
    restored_database: None, settings: Any, tmp_path: Path
) -> None:
    # given a closed round, the result the engine gives for it, and a real worker that holds
    # the run in the middle (the test pause) for far longer than the lease
    settings.VOCNET_TASK_LEASE_SECONDS = LEASE_SECONDS
    placement_round, officer = _closed_round()
    snapshot = round_snapshot(placement_round, on=timezone.localdate()).snapshot
    expected_hash, expected_result = (
        snapshot_hash(snapshot),
        result_json(run_snapshot(snapshot, {}).result),
    )
    log = tmp_path / "worker.log"
    worker = _start_worker(log, pause=120)
    try:
        run = round_start_run(override_reason=EARLY, actor=officer, placement_round=placement_round)
        _wait_for("the worker to claim the run", lambda: _status(run.pk) == "running", log)
        _wait_for(
            "the run's input hash",
            lambda: bool(RoundRun.objects.get(pk=run.pk).input_hash),
            log,
        )

        # when the lease passes twice while the worker lives, nothing expires (it beats)
        time.sleep(2 * LEASE_SECONDS + 0.5)
        assert runs_expire_stale() == 0
        assert _status(run.pk) == RunStatus.RUNNING

        # when the worker is killed with SIGKILL mid-run
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        _stop(worker)

    # then, once the lease has passed, the round page shows the run failed and why
    client = Client()
    sign_in(client, officer)
    url = reverse("clearinghouse:round", args=[placement_round.pk])
    _wait_for(
        "the lease to expire",
        lambda: "lease_expired" in client.get(url).content.decode(),
        log,
        timeout=10 * LEASE_SECONDS,
    )
    killed = RoundRun.objects.get(pk=run.pk)
    assert killed.status == RunStatus.FAILED
    assert killed.error.startswith("lease_expired: ")
    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.CLOSED

    # when the officer runs it again and a fresh worker takes it
    response = client.post(
        reverse("clearinghouse:round_action", args=[placement_round.pk, "run"]),
        {"confirm": "1", "reason": EARLY},
    )
    assert response.status_code == 302
    rerun_worker = _start_worker(log, "--batch")
    try:
        assert rerun_worker.wait(timeout=120) == 0, log.read_text()[-4000:]
    finally:
        _stop(rerun_worker)

    # then the rerun read the same input and gave the same result
    rerun = RoundRun.objects.get(round=placement_round, status=RunStatus.SUCCEEDED)
    assert rerun.pk != killed.pk
    assert rerun.input_hash == killed.input_hash == expected_hash
    assert rerun.result == expected_result
    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.MATCHED


def _worker_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND pid <> "
            "pg_backend_pid()",
            [APPLICATION_NAME],
        )
        return [pid for (pid,) in cursor.fetchall()]


def _terminate_worker_backends() -> None:
    with connection.cursor() as cursor:
        for pid in _worker_backends():
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_the_worker_reconnects_after_its_connection_is_terminated(
    restored_database: None, settings: Any, tmp_path: Path
) -> None:
    # given a running worker that keeps its database connection between polls (production's
    # CONN_MAX_AGE) and holds each run mid-way for a few seconds, and a closed round
    settings.VOCNET_TASK_LEASE_SECONDS = LEASE_SECONDS
    placement_round, officer = _closed_round()
    log = tmp_path / "worker.log"
    worker = _start_worker(log, pause=3, DATABASE_CONN_MAX_AGE="600")
    try:
        _wait_for("the worker to connect", lambda: bool(_worker_backends()), log)

        # when the database terminates the worker's connections while it waits for work
        _terminate_worker_backends()
        time.sleep(1)

        # then it is still alive and takes the next run on a fresh connection
        assert worker.poll() is None, log.read_text()[-4000:]
        run = round_start_run(override_reason=EARLY, actor=officer, placement_round=placement_round)
        _wait_for("the worker to claim the run", lambda: _status(run.pk) == "running", log)

        # when the connections are terminated again in the middle of that run
        _terminate_worker_backends()

        # then the worker reconnects instead of exiting, its own lease sweep fails the run
        # it could not finish, and it runs the officer's rerun to the end
        _wait_for(
            "the worker to reconnect", lambda: "database connection lost" in log.read_text(), log
        )
        _wait_for("the lease to expire", lambda: _status(run.pk) == "failed", log)
        assert RoundRun.objects.get(pk=run.pk).error.startswith("lease_expired: ")
        assert worker.poll() is None, log.read_text()[-4000:]
        placement_round.refresh_from_db()
        rerun = round_start_run(
            override_reason=EARLY, actor=officer, placement_round=placement_round
        )
        _wait_for("the rerun to succeed", lambda: _status(rerun.pk) == "succeeded", log)
        assert worker.poll() is None
    finally:
        _stop(worker)
    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.MATCHED
