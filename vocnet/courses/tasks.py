"""Background tasks of courses (django-tasks): the allocation of a term, on the same backend
and queue as the clearinghouse's runs (docs/adr/0014)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from vocnet.courses.services.runs import allocation_execute


@task()
def allocate_term_task(run_id: int) -> dict[str, Any]:
    """Run the queued ``AllocationRun`` ``run_id``; returns its id, status and input hash."""
    run = allocation_execute(run_id=run_id)
    if run is None:
        return {"run_id": run_id, "status": "not_queued"}
    return {"run_id": run_id, "status": run.status, "input_hash": run.input_hash}
