"""The run as a background task, through each real backend and its real worker:
the database backend with ``manage.py db_worker``, and RQ on the local Redis with an rq
worker in burst mode. Redis missing skips the RQ test — unless ``VOCNET_REQUIRE_REDIS=1``
(set by ``.ci/run``), which makes it fail instead."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from vocnet.clearinghouse.models import RoundOutcome, RoundStatus, RunStatus
from vocnet.clearinghouse.services import round_start_run
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import EARLY, Market

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("VOCNET_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def _market_ready(market: Market) -> None:
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    cf.prefer(market.round, market.student_b, market.offer_a)
    market.round.status = RoundStatus.CLOSED
    market.round.save()


def test_the_database_worker_runs_a_started_round(
    market: Market,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a closed round started by the province: the task is enqueued on commit
    _market_ready(market)
    with django_capture_on_commit_callbacks(execute=True):
        run = round_start_run(
            override_reason=EARLY,
            actor=market.user("province_officer"),
            placement_round=market.round,
        )
    task_row = DBTaskResult.objects.get()
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert run.task_id == str(task_row.pk)
    assert task_row.task_path == "vocnet.clearinghouse.tasks.run_round_task"
    # The worker closes "old" connections between tasks; the test's transaction must survive.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    # when the database backend's worker processes the queue once
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # then the run succeeded, the round is matched, and the task row says so
    run.refresh_from_db()
    market.round.refresh_from_db()
    task_row.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert market.round.status == RoundStatus.MATCHED
    assert RoundOutcome.objects.filter(run=run).count() == 2
    assert task_row.status == "SUCCESSFUL"
    assert task_row.return_value == {
        "run_id": run.pk,
        "status": "succeeded",
        "input_hash": run.input_hash,
    }


def _redis() -> Any:
    import redis

    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError as error:
        if os.environ.get("VOCNET_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis is required (VOCNET_REQUIRE_REDIS=1) but unreachable: {error}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    return connection


@pytest.fixture
def rq_settings() -> Iterator[str]:
    """The RQ backend on the local Redis, on a queue of this test's own (the Redis is shared
    by everyone's test runs)."""
    connection = _redis()
    queue = f"vocnet-test-{uuid.uuid4().hex[:12]}"
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}},
        RQ_QUEUES={queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}},
        VOCNET_CLEARINGHOUSE_QUEUE=queue,
    ):
        yield queue
    for key in connection.scan_iter(f"rq:*{queue}*"):
        connection.delete(key)


def test_the_rq_worker_runs_a_started_round_on_redis(
    market: Market, django_capture_on_commit_callbacks: Any, rq_settings: str
) -> None:
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    # given a closed round started by the province with the RQ backend configured
    _market_ready(market)
    with django_capture_on_commit_callbacks(execute=True):
        run = round_start_run(
            override_reason=EARLY,
            actor=market.user("province_officer"),
            placement_round=market.round,
        )
    queue = django_rq.get_queue(rq_settings, job_class=Job)
    assert queue.count == 1
    run.refresh_from_db()
    assert run.task_id == queue.job_ids[0]

    # when an rq worker (in this process, so it shares the test's database) works in burst mode
    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    assert worker.work(burst=True) is True

    # then the job finished, the run succeeded and the round is matched
    run.refresh_from_db()
    market.round.refresh_from_db()
    job = Job.fetch(run.task_id, connection=queue.connection)
    assert job.get_status() == "finished"
    assert job.return_value() == {
        "run_id": run.pk,
        "status": "succeeded",
        "input_hash": run.input_hash,
    }
    assert run.status == RunStatus.SUCCEEDED
    assert RoundOutcome.objects.filter(run=run).count() == 2
    assert market.round.status == RoundStatus.MATCHED
    assert queue.count == 0


def test_an_unreachable_queue_marks_the_run_failed_and_the_round_closed(
    market: Market, django_capture_on_commit_callbacks: Any
) -> None:
    # given the RQ backend pointing at a Redis port nobody listens on
    _market_ready(market)
    with (
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
            RQ_QUEUES={"default": {"URL": "redis://127.0.0.1:1/0", "SOCKET_CONNECT_TIMEOUT": 1}},
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        # when the province starts the run
        run = round_start_run(
            override_reason=EARLY,
            actor=market.user("province_officer"),
            placement_round=market.round,
        )
    # then the run is failed with the reason and the round can be started again
    run.refresh_from_db()
    market.round.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error.startswith("작업 대기열에 넣지 못했습니다 / could not enqueue:")
    assert market.round.status == RoundStatus.CLOSED
