"""Background tasks of the spreadsheet layer (django-tasks; the backend is chosen in settings
``TASKS``, as for the clearinghouse runs): the import job of a large file."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from vocnet.spreadsheets.jobs import run_import_job


@task()
def run_import_job_task(job_id: int) -> dict[str, Any]:
    """Run the queued ``ImportJob`` ``job_id``; returns its id and status."""
    job = run_import_job(job_id=job_id)
    if job is None:
        return {"job_id": job_id, "status": "not_queued"}
    return {"job_id": job_id, "status": job.status}
