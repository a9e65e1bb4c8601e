"""Large imports run as a background job (issue 12): the request stores the file and queues
the job; the task checks, imports and reports; the page polls the job with htmx."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vocnet.core.leases import sweep_expired_leases
from vocnet.registry.models import Role, Student
from vocnet.registry.tests._excel_helpers import (
    SIHEUNG,
    STUDENT_HEADER,
    csv_bytes,
    make_department,
    make_school,
    make_user,
    member,
    province_officer,
)
from vocnet.spreadsheets.jobs import run_import_job
from vocnet.spreadsheets.models import ImportJob, JobStatus
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db
ROWS = [["7530900", f"2025000{n}", f"학생{n}", "미래자동차과", 1] for n in range(1, 4)]


@pytest.fixture(autouse=True)
def _small_threshold(settings: Any, tmp_path: Path) -> None:
    settings.VOCNET_IMPORT_BACKGROUND_ROWS = 2
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def school() -> Any:
    school = make_school("7530900", "시흥미래공업고등학교", SIHEUNG)
    make_department(school, "미래자동차과", "1501")
    return school


def _queue(client: Client, content: bytes, captured: Any) -> dict[str, Any]:
    with captured(execute=False) as callbacks:
        response = client.post(
            "/api/imports/students",
            {"file": SimpleUploadedFile("s.csv", content), "dry_run": "false"},
        )
    assert response.status_code == 202, response.content
    assert len(callbacks) == 1  # the task is enqueued once the job is committed
    body: dict[str, Any] = response.json()
    return body


def test_a_file_over_the_threshold_is_queued_then_imported_by_the_task(
    school: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Given the province officer and a file of more rows than the threshold
    client = Client()
    sign_in(client, province_officer())
    # When it is posted for import
    body = _queue(client, csv_bytes(STUDENT_HEADER, ROWS), django_capture_on_commit_callbacks)
    # Then a queued job answers, its file waits under MEDIA_ROOT, nothing is imported yet
    job = ImportJob.objects.get(pk=body["id"])
    assert (body["status"], body["rows_total"], body["dry_run"]) == ("queued", 4, False)
    assert Path(job.file.path).exists()
    assert Student.objects.count() == 0
    # When the task runs
    done = run_import_job(job_id=job.pk)
    # Then the job succeeded with the committed report, the rows exist, the file is gone
    assert done is not None
    assert (done.status, done.rows_done, done.percent) == (JobStatus.SUCCEEDED, 3, 100)
    assert done.report is not None and done.report["committed"] is True
    assert done.report["counts"]["create"] == 3
    assert Student.objects.count() == 3
    assert not Path(job.file.path).exists()
    assert done.started_at is not None and done.heartbeat_at is not None
    # And its status answers the owner, and no one else
    status = client.get(body["status_url"])
    assert (status.status_code, status.json()["status"]) == (200, "succeeded")
    other = Client()
    sign_in(other, make_user("someone"))
    assert other.get(body["status_url"]).status_code == 404
    # And a second run of the same job does nothing
    assert run_import_job(job_id=job.pk) is None


def test_a_job_whose_file_is_gone_ends_failed_naming_why(
    school: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    sign_in(client, province_officer())
    body = _queue(client, csv_bytes(STUDENT_HEADER, ROWS), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(pk=body["id"])
    Path(job.file.path).unlink()
    done = run_import_job(job_id=job.pk)
    assert done is not None
    assert (done.status, done.error_code) == (JobStatus.FAILED, "import_failed")
    assert done.error_message_ko and done.error_message_en
    assert Student.objects.count() == 0


def test_the_web_page_sends_a_large_file_to_a_job_page_that_polls_it(
    school: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Given school staff on the graduate-destination import page
    staff = make_user("staff")
    member(staff, school.organisation, Role.SCHOOL_STAFF)
    client = Client()
    sign_in(client, staff)
    header = ["학교코드(NEIS)", "학과명", "졸업 연도", "졸업생 번호", "진로"]
    rows = [["7530900", "미래자동차과", 2024, f"2024-{n}", "진학"] for n in range(3)]
    # When a file over the threshold is checked
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("pathways:destination_import"),
            {"file": SimpleUploadedFile("d.csv", csv_bytes(header, rows)), "action": "check"},
        )
    # Then the page moves to the job, which polls itself with htmx (no inline script)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("spreadsheets:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "<script>" not in page
    # And once the task has run, the polled partial shows the report and stops polling
    run_import_job(job_id=job.pk)
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial
    assert "<html" not in partial


def test_a_job_whose_worker_died_is_failed_after_the_lease_and_says_why(
    school: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Given a job a worker claimed and then stopped beating for (kill -9: no heartbeat since)
    settings.VOCNET_TASK_LEASE_SECONDS = 60
    client = Client()
    sign_in(client, province_officer())
    body = _queue(client, csv_bytes(STUDENT_HEADER, ROWS), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get(pk=body["id"])
    stored = Path(job.file.path)
    gone_since = timezone.now() - timedelta(seconds=61)
    ImportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=gone_since, heartbeat_at=gone_since
    )

    # When the owner's page polls it
    status = client.get(body["status_url"]).json()

    # Then the job is failed with the lease's reason in both languages, its file deleted
    assert status["status"] == "failed"
    job.refresh_from_db()
    assert job.error_code == "lease_expired"
    assert "다시" in job.error_message_ko and "lease of 60 s expired" in job.error_message_en
    assert not stored.exists()
    assert Student.objects.count() == 0
    # And the worker, if it was only slow and comes back, cannot overwrite that end
    assert run_import_job(job_id=job.pk) is None


def test_the_lease_sweep_leaves_a_job_with_a_fresh_heartbeat_alone(
    school: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.VOCNET_TASK_LEASE_SECONDS = 60
    client = Client()
    sign_in(client, province_officer())
    body = _queue(client, csv_bytes(STUDENT_HEADER, ROWS), django_capture_on_commit_callbacks)
    now = timezone.now()
    ImportJob.objects.filter(pk=body["id"]).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now - timedelta(seconds=59)
    )

    assert sweep_expired_leases()["vocnet.spreadsheets.jobs.jobs_expire_stale"] == 0

    assert ImportJob.objects.get(pk=body["id"]).status == JobStatus.RUNNING
