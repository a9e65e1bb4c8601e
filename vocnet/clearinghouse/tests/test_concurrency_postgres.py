"""Two officers starting the same round at the same moment on PostgreSQL get ONE run: the
round row is locked, and the database allows one queued, running or successful run per round
— each proven separately (with the lock, and with the lock taken away)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from vocnet.clearinghouse.models import PlacementRound, RoundRun, RoundStatus
from vocnet.clearinghouse.services import lifecycle as round_services
from vocnet.clearinghouse.tests.conftest import EARLY
from vocnet.core.errors import Conflict
from vocnet.core.models import AuditEvent

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists back afterwards for the
    tests that follow on this worker."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def _start_together(users: list[Any], round_id: int) -> tuple[list[RoundRun], list[BaseException]]:
    barrier = threading.Barrier(len(users))
    runs: list[RoundRun] = []
    errors: list[BaseException] = []

    def start(user: Any) -> None:
        try:
            mine = PlacementRound.objects.get(pk=round_id)
            barrier.wait(timeout=10)
            runs.append(
                round_services.round_start_run(
                    override_reason=EARLY, actor=user, placement_round=mine
                )
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return runs, errors


def _closed_round() -> tuple[PlacementRound, list[Any]]:
    from vocnet.clearinghouse.tests import factories as cf
    from vocnet.testing import build_world

    world = build_world()
    placement_round = cf.ClosedRoundFactory(
        support_office=world.school_a.organisation.region.support_office
    )
    return placement_round, [world.user("province_officer"), world.user("support_office_officer")]


def test_two_simultaneous_starts_give_one_run(
    restored_database: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a closed round of 시흥 that the province and the support office may both run
    placement_round, users = _closed_round()
    # Widen the race: hold the transaction open after the run is inserted.
    record_audit = round_services.record_audit

    def slow_record_audit(**kwargs: Any) -> Any:
        time.sleep(0.5)
        return record_audit(**kwargs)

    monkeypatch.setattr(round_services, "record_audit", slow_record_audit)
    monkeypatch.setattr(round_services, "enqueue_run", lambda run_id: None)

    # when both start it at the same moment, each on its own connection
    runs, errors = _start_together(users, placement_round.pk)

    # then one start made the run, the other was told the round is already running
    assert len(runs) == 1
    assert [type(error) for error in errors] == [Conflict]
    assert errors[0].code == "transition_not_allowed"  # type: ignore[attr-defined]
    assert RoundRun.objects.filter(round=placement_round).count() == 1
    assert AuditEvent.objects.filter(action="round.start_run").count() == 1
    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.RUNNING


def test_without_the_row_lock_the_database_constraint_still_gives_one_run(
    restored_database: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the same race with the row lock taken away: both starts see the round closed
    placement_round, users = _closed_round()
    monkeypatch.setattr(round_services, "lock_round", lambda r: PlacementRound.objects.get(pk=r.pk))
    monkeypatch.setattr(round_services, "enqueue_run", lambda run_id: None)
    record_audit = round_services.record_audit

    def slow_record_audit(**kwargs: Any) -> Any:
        time.sleep(0.5)
        return record_audit(**kwargs)

    monkeypatch.setattr(round_services, "record_audit", slow_record_audit)

    # when both start it at the same moment
    runs, errors = _start_together(users, placement_round.pk)

    # then the partial unique index lets one run in and the other start gets run_exists
    assert len(runs) == 1
    assert [getattr(error, "code", repr(error)) for error in errors] == ["run_exists"]
    assert RoundRun.objects.filter(round=placement_round).count() == 1
