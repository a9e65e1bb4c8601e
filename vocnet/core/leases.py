"""Leases for long background tasks: a task that runs keeps a heartbeat, and a task whose
heartbeat is older than the lease is taken to have lost its worker (docs/adr/0014).

A task row that can be "running" (a clearinghouse run, an import job) carries a
``heartbeat_at`` column. The task's body:

* stamps it when it claims the row, and again between its stages (:func:`beat`);
* runs its long stages inside :class:`Heartbeat`, a daemon thread that stamps it every third
  of the lease, so a stage that computes for minutes keeps the lease;
* writes its result only if the row is still ``running`` (the sweep may have given up on it).

The sweep (each app's function listed in ``settings.VOCNET_LEASE_SWEEPS``, run by
:func:`sweep_expired_leases`) marks the rows whose lease expired failed, with a reason the
officer can read, and puts what they held back so the work can be started again. It runs
lazily where the state is looked at (the round page, the run endpoint), from the worker
(``manage.py task_worker`` sweeps between tasks) and from ``manage.py expire_leases``.

A worker killed with ``kill -9`` sends nothing; its rows expire one lease after its last
heartbeat. A worker that is alive but slow is never expired, because its thread keeps
beating — the lease detects a gone worker, not a long task.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def lease_seconds() -> int:
    """The lease (``VOCNET_TASK_LEASE_SECONDS``, default 180): how long a running task may go
    without a heartbeat before it is taken for lost."""
    return int(settings.VOCNET_TASK_LEASE_SECONDS)


def lease_cutoff(now: datetime | None = None) -> datetime:
    """The instant before which a heartbeat counts as expired."""
    return (now or timezone.now()) - timedelta(seconds=lease_seconds())


def beat(queryset: Any) -> int:
    """Stamp ``heartbeat_at`` = now on the rows of ``queryset`` (filter it to the task's row
    in its running state); returns how many rows were stamped (0: the lease was lost)."""
    return int(queryset.update(heartbeat_at=timezone.now()))


class Heartbeat:
    """Beat from a daemon thread every third of the lease while the ``with`` body runs.

    ``stamp`` is called from the thread (it should be :func:`beat` on a fresh queryset); the
    thread uses its own database connection, closed when it ends. A failing stamp is logged
    and tried again at the next beat (a dropped connection is reopened)."""

    def __init__(self, stamp: Callable[[], object], *, interval: float | None = None) -> None:
        self.stamp = stamp
        self.interval = interval if interval is not None else max(lease_seconds() / 3, 0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="vocnet-heartbeat", daemon=True)

    def _loop(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    self.stamp()
                except Exception:
                    logger.warning("heartbeat failed; trying again next beat", exc_info=True)
                    connections.close_all()
        finally:
            connections.close_all()

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        # A beat blocked on a row lock must not hold the task up; the thread is a daemon.
        self._thread.join(timeout=self.interval)


@dataclass(frozen=True)
class LeaseExpiry:
    """Why a task whose lease expired was failed, in Korean and in English."""

    code: str
    korean: str
    english: str

    def combined(self) -> str:
        """The stored one-field form: ``code: 한국어 / English``."""
        return f"{self.code}: {self.korean} / {self.english}"


def lease_expiry(last_seen: datetime | None) -> LeaseExpiry:
    """The reason for failing a task whose worker stopped beating at ``last_seen``."""
    seen = timezone.localtime(last_seen).strftime("%Y-%m-%d %H:%M:%S") if last_seen else "—"
    seconds = lease_seconds()
    return LeaseExpiry(
        code="lease_expired",
        korean=(
            f"작업자가 {seen} 이후 응답하지 않아(임대 {seconds}초 만료) 실패로 "
            "처리했습니다. 다시 실행할 수 있습니다."
        ),
        english=(
            f"The worker stopped reporting at {seen} (lease of {seconds} s expired); the task "
            "was marked failed and can be started again."
        ),
    )


def lease_expired_text(last_seen: datetime | None) -> str:
    """The reason stored on a task whose lease expired, in one field (Korean / English)."""
    return lease_expiry(last_seen).combined()


def sweep_expired_leases() -> dict[str, int]:
    """Run every sweep of ``settings.VOCNET_LEASE_SWEEPS``; returns rows expired per sweep.

    A sweep is a function without arguments that marks its app's expired rows failed and
    returns how many it marked."""
    expired: dict[str, int] = {}
    for path in settings.VOCNET_LEASE_SWEEPS:
        sweep: Callable[[], int] = import_string(path)
        expired[path] = sweep()
    return expired
