"""Background tasks of the clearinghouse (django-tasks): the run of a round.

The backend is chosen in settings (``TASKS``): the database backend by default (worker:
``manage.py task_worker``, ``db_worker`` made to reconnect, ADR 0014), an RQ queue on Redis
when ``VOCNET_TASKS_REDIS_URL`` is set (worker: ``manage.py rqworker --job-class
django_tasks_rq.Job default``, with ``manage.py expire_leases`` from cron).
``round_start_run`` enqueues; the demo calls the same task synchronously with
``run_round_task.call(run_id)``.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from vocnet.clearinghouse.services.runs import run_execute


@task()
def run_round_task(run_id: int) -> dict[str, Any]:
    """Run the queued ``RoundRun`` ``run_id``; returns its id, status and input hash."""
    run = run_execute(run_id=run_id)
    if run is None:
        return {"run_id": run_id, "status": "not_queued"}
    return {"run_id": run_id, "status": run.status, "input_hash": run.input_hash}
