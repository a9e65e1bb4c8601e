"""The import endpoints' one body (``import_response``) and the background job's status
(``GET /api/imports/jobs/{job_id}``). Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Status
from ninja.files import UploadedFile

from vocnet.spreadsheets.driver import ImportSpec
from vocnet.spreadsheets.jobs import accept_upload, job_as_dict, job_get
from vocnet.spreadsheets.models import ImportJob
from vocnet.spreadsheets.schemas import ImportJobOut

router = Router(tags=["excel"])

# What an import endpoint answers: the report, or 202 with the queued job.
IMPORT_STATUSES = (200, 202, 403, 422)


def job_out(job: ImportJob) -> dict[str, Any]:
    return {**job_as_dict(job), "status_url": reverse("api:import_job", args=[job.pk])}


def import_response(
    spec: ImportSpec, request: HttpRequest, file: UploadedFile, *, dry_run: bool
) -> Status[Any]:
    """200 with the report when no row is bad (and, unless ``dry_run``, all is written);
    422/403 with the report of the bad rows, nothing written; 202 with the job when the file
    is imported in the background. A role that may not import gets 403 before the file is
    read; a file over the limits 413."""
    accepted = accept_upload(
        spec,
        user=request.user,
        file_name=file.name or "",
        size=file.size or 0,
        read=file.read,
        dry_run=dry_run,
    )
    if accepted.job is not None:
        return Status(202, job_out(accepted.job))
    assert accepted.report is not None
    return Status(accepted.report.http_status, accepted.report.as_dict())


@router.get("/imports/jobs/{job_id}", response=ImportJobOut, url_name="import_job")
def import_job(request: HttpRequest, job_id: int) -> Any:
    """The progress and, once finished, the report of the caller's own background import
    (404 for anyone else's)."""
    return job_out(job_get(user=request.user, job_id=job_id))
