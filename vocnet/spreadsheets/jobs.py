"""Imports too large for a request (issue 12): a file with more data rows than
``VOCNET_IMPORT_BACKGROUND_ROWS`` is stored under MEDIA_ROOT and checked (and, on request,
imported) by a django-tasks task; the page polls the job for its progress and its report.

``accept_upload`` is the one entrance of every import endpoint (API and web): the role gate
before the file is read, the size and type checks, the limits (rows, columns, zip, …) and
then either the import in the request or a queued job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import DomainError, not_found
from vocnet.core.leases import Heartbeat, beat, lease_cutoff, lease_expiry
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike, user_row
from vocnet.spreadsheets.base import ImportReport
from vocnet.spreadsheets.driver import ImportSpec, registered_spec, require_import_role, run_import
from vocnet.spreadsheets.limits import Deadline, UploadLimits
from vocnet.spreadsheets.models import ImportJob, JobStatus
from vocnet.spreadsheets.opening import check_upload
from vocnet.spreadsheets.reading import count_rows

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Accepted:
    """What became of an upload: the report of an import run in the request, or a job."""

    report: ImportReport | None = None
    job: ImportJob | None = None


def accept_upload(
    spec: ImportSpec,
    *,
    user: UserLike,
    file_name: str,
    size: int,
    read: Any,
    dry_run: bool,
) -> Accepted:
    """Refuse a role that may not use ``spec`` (PermissionDenied, before ``read()`` is
    called), a file too large or of the wrong type (413/415), or over the limits (413);
    then import it at once or, past ``VOCNET_IMPORT_BACKGROUND_ROWS`` data rows, queue a job.
    Raises what ``run_import`` raises."""
    require_import_role(spec, user)
    max_bytes = settings.VOCNET_IMPORT_MAX_BYTES
    check_upload(file_name, size, max_bytes)
    content: bytes = read()
    limits = UploadLimits.from_settings()
    rows = count_rows(file_name, content, limits, Deadline(limits.max_seconds))
    if rows > limits.background_rows:
        job = queue_import(
            spec, user=user, file_name=file_name, content=content, dry_run=dry_run, rows=rows
        )
        return Accepted(job=job)
    report = run_import(
        spec,
        actor=user,
        file_name=file_name,
        content=content,
        dry_run=dry_run,
        max_bytes=max_bytes,
        limits=limits,
    )
    return Accepted(report=report)


@transaction.atomic
def queue_import(
    spec: ImportSpec, *, user: UserLike, file_name: str, content: bytes, dry_run: bool, rows: int
) -> ImportJob:
    """Store the file and a queued job; the task is enqueued once the transaction commits,
    so the worker always finds both."""
    job = ImportJob(
        spec_path=spec.module,
        entity=spec.entity,
        created_by=user_row(user),
        file_name=file_name[:255],
        dry_run=dry_run,
        rows_total=rows,
    )
    job.file.save("upload" + _suffix(file_name), ContentFile(content), save=False)
    job.save()
    transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


def _suffix(file_name: str) -> str:
    return ".csv" if file_name.lower().endswith(".csv") else ".xlsx"


def enqueue_job(job_id: int) -> None:
    """Hand the job to the task backend; a failure to enqueue fails the job."""
    from vocnet.spreadsheets.tasks import run_import_job_task

    try:
        run_import_job_task.enqueue(job_id)
    except Exception as error:
        logger.exception("could not enqueue import job %s", job_id)
        _finish(
            job_id,
            JobStatus.FAILED,
            error_code="enqueue_failed",
            error_message_ko=f"작업 대기열에 넣지 못했습니다: {error}",
            error_message_en=f"The job could not be queued: {error}",
        )


def _finish(job_id: int, status: str, **fields: Any) -> int:
    """End the job unless it already ended (a job whose lease the sweep gave up on stays
    failed: a worker that lost its lease writes nothing); returns the rows updated."""
    now = timezone.now()
    return int(
        ImportJob.objects.filter(
            pk=job_id, status__in=(JobStatus.QUEUED, JobStatus.RUNNING)
        ).update(status=status, finished_at=now, heartbeat_at=now, **fields)
    )


def jobs_expire_stale(*, job_id: int | None = None) -> int:
    """Fail every running job (or job ``job_id``) whose heartbeat is older than the lease
    (docs/adr/0014): its worker is gone. The reason says so and that the file can be
    uploaded again; the stored file is deleted. Returns how many jobs were failed."""
    stale = ImportJob.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=lease_cutoff())
    if job_id is not None:
        stale = stale.filter(pk=job_id)
    expired = 0
    for job in list(stale):
        expiry = lease_expiry(job.heartbeat_at)
        if _finish(
            job.pk,
            JobStatus.FAILED,
            error_code=expiry.code,
            error_message_ko=expiry.korean,
            error_message_en=expiry.english,
        ):
            expired += 1
            if job.file:
                job.file.delete(save=False)
                ImportJob.objects.filter(pk=job.pk).update(file="")
    return expired


def run_import_job(*, job_id: int) -> ImportJob | None:
    """Run the queued job ``job_id`` (the task's body): a dry run first, so the page shows
    the rows checked as they go, then — unless it was a check only or a row is bad — the
    all-or-nothing import. Ends ``succeeded`` with the report (which may list bad rows, and
    then nothing was written) or ``failed`` with the error; the stored file is deleted
    either way. Returns None when the job was not queued (already taken)."""
    now = timezone.now()
    claimed = ImportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(stage: str, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            stage=stage, rows_done=done, rows_total=total, heartbeat_at=timezone.now()
        )

    def stamp() -> int:
        return beat(ImportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING))

    try:
        spec = registered_spec(job.spec_path, job.entity)
        with job.file.open("rb") as handle:
            content = handle.read()
        options: dict[str, Any] = {
            "actor": job.created_by,
            "file_name": job.file_name,
            "content": content,
            "progress": progress,
        }
        # The commit writes in one transaction without progress: the thread keeps the lease.
        with Heartbeat(stamp):
            report = run_import(spec, dry_run=True, **options)
            if not job.dry_run and not report.errors:
                progress("write", 0, report.rows)
                report = run_import(spec, dry_run=False, **options)
    except DomainError as error:
        _finish(
            job_id,
            JobStatus.FAILED,
            error_code=error.code[:50],
            error_message_ko=error.message_ko,
            error_message_en=error.message_en,
        )
    except Exception:
        logger.exception("import job %s failed", job_id)
        _finish(
            job_id,
            JobStatus.FAILED,
            error_code="import_failed",
            error_message_ko="가져오는 중 오류가 나서 아무것도 저장하지 않았습니다. 다시 올리세요.",
            error_message_en="The import failed and saved nothing. Upload the file again.",
        )
    else:
        _finish(job_id, JobStatus.SUCCEEDED, report=report.as_dict(), rows_done=report.rows)
    finally:
        if job.file:
            job.file.delete(save=False)
            ImportJob.objects.filter(pk=job_id).update(file="")
    return ImportJob.objects.get(pk=job_id)


def job_get(*, user: UserLike, job_id: int) -> ImportJob:
    """The job ``job_id`` if ``user`` queued it (a job's report names rows of the user's own
    file; nobody else sees it); NotFound otherwise."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        raise not_found("가져오기 작업", "Import job")
    jobs = ImportJob.objects.filter(pk=job_id, created_by_id=actor.user_id)
    if jobs.filter(status=JobStatus.RUNNING, heartbeat_at__lt=lease_cutoff()).exists():
        jobs_expire_stale(job_id=job_id)
    job = jobs.first()
    if job is None:
        raise not_found("가져오기 작업", "Import job")
    return job


def job_as_dict(job: ImportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "entity": job.entity,
        "file_name": job.file_name,
        "dry_run": job.dry_run,
        "status": job.status,
        "stage": job.stage,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "percent": job.percent,
        "report": job.report,
        "error": (
            {
                "code": job.error_code,
                "message_ko": job.error_message_ko,
                "message_en": job.error_message_en,
            }
            if job.status == JobStatus.FAILED
            else None
        ),
        "created_at": job.created_at,
        "started_at": job.started_at,
        "heartbeat_at": job.heartbeat_at,
        "finished_at": job.finished_at,
    }


__all__ = [
    "Accepted",
    "accept_upload",
    "enqueue_job",
    "job_as_dict",
    "job_get",
    "queue_import",
    "run_import_job",
]
