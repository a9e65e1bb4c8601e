"""The background import job (issue 12): a file with more rows than
``VOCNET_IMPORT_BACKGROUND_ROWS`` is imported by a task, not in the request. The job keeps the
upload under MEDIA_ROOT while it waits, its progress (rows done of the total) and the report.

Kept deliberately plain — status, started_at, heartbeat_at — so a lease/heartbeat mechanism
for long tasks can adopt it later (see docs/adr/0013-spreadsheets-and-upload-limits.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    RUNNING = "running", _("실행 중")
    SUCCEEDED = "succeeded", _("완료")
    FAILED = "failed", _("실패")


TERMINAL_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED)


class ImportJob(models.Model):
    """가져오기 작업 — one uploaded file checked or imported by a background task."""

    spec_path = models.CharField(max_length=200)
    entity = models.CharField(max_length=50)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    dry_run = models.BooleanField(default=True)
    status = models.CharField(
        _("상태"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    stage = models.CharField(max_length=20, blank=True)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    error_code = models.CharField(max_length=50, blank=True)
    error_message_ko = models.TextField(blank=True)
    error_message_en = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.entity} {self.file_name} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        return min(99, 100 * self.rows_done // self.rows_total) if self.rows_total else 0
