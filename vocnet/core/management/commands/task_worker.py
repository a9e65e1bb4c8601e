"""The database task worker (django-tasks-db's ``db_worker``) made to survive, see
docs/adr/0014:

* a dropped database connection (``pg_terminate_backend``, a database restart, a network
  cut) no longer ends the process: the broken connections are closed and the loop goes on
  after a pause that doubles up to 30 s and is reset by the next task that runs;
* every half lease it sweeps the expired leases (``vocnet.core.leases``), so a run whose
  worker was killed is marked failed even when nobody looks at its page.

The options are ``db_worker``'s. A task that was running when its connection dropped is left
to its lease: its own row expires and can be started again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from vocnet.core.leases import lease_seconds, sweep_expired_leases

logger = logging.getLogger("vocnet.core.task_worker")

CONNECTION_ERRORS = (OperationalError, InterfaceError)
MAX_PAUSE_SECONDS = 30.0


def sweep_once() -> None:
    """Run the lease sweeps; a failure is logged, never fatal (the next sweep tries again)."""
    try:
        expired = sweep_expired_leases()
    except Exception:
        logger.warning("lease sweep failed; trying again later", exc_info=True)
        connections.close_all()
        return
    if any(expired.values()):
        logger.warning("expired leases: %s", expired)


class ReconnectingWorker(db_worker.Worker):
    """``db_worker``'s loop, started again after a lost database connection."""

    def __init__(self, *, first_pause: float = 1.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.first_pause = first_pause
        self.pause = first_pause
        self.reconnects = 0
        self._stop_sweeping = threading.Event()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        super().run_task(db_task_result)
        self.pause = self.first_pause

    def _sweep_loop(self) -> None:
        try:
            while not self._stop_sweeping.wait(max(lease_seconds() / 2, 0.5)):
                sweep_once()
        finally:
            connections.close_all()

    def run(self) -> None:
        sweep_once()
        sweeper = None
        if not self.batch:
            sweeper = threading.Thread(target=self._sweep_loop, name="lease-sweep", daemon=True)
            sweeper.start()
        try:
            while True:
                try:
                    super().run()
                    return
                except CONNECTION_ERRORS as error:
                    if not self.running:
                        raise
                    self.reconnects += 1
                    logger.warning(
                        "database connection lost (%s); reconnecting in %.1f s", error, self.pause
                    )
                    # Closing drops the broken connection; the next query opens a new one.
                    connections.close_all()
                    time.sleep(self.pause)
                    self.pause = min(self.pause * 2, MAX_PAUSE_SECONDS)
        finally:
            self._stop_sweeping.set()


class Command(db_worker.Command):
    help = (
        "Run the database task worker; it reconnects after a dropped database connection "
        "and fails the tasks whose lease expired (docs/adr/0014)."
    )

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        reload: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        logger.setLevel(logging.INFO if verbosity else logging.CRITICAL)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ReconnectingWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
