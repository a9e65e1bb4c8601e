"""The personal-data access log (개인정보 접속기록) and its monthly reviews.

개인정보의 안전성 확보조치 기준 제8조: whoever processes personal data leaves a record of who
(account), when, from where (IP address), whose record and what was done; the records are kept
for at least two years (five for large or sensitive processing) and reviewed at least once a
month; downloads of personal data are checked for their reason. vocnet keeps every view,
export and change of a student's or guardian's record here, in a table the application only
ever appends to (docs/adr/0008-accounts-and-privacy.md).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The legal floor of the retention period (안전성 확보조치 기준 제8조제1항). The database
# trigger of PostgreSQL lets rows go only once they are older than this; the retention
# setting may keep them longer, never shorter.
LEGAL_MINIMUM_RETENTION_YEARS = 2


class AccessAction(models.TextChoices):
    VIEW = "view", pgettext_lazy("access action", "조회")
    EXPORT = "export", pgettext_lazy("access action", "내려받기")
    CHANGE = "change", pgettext_lazy("access action", "수정")
    CREATE = "create", pgettext_lazy("access action", "등록")
    DELETE = "delete", pgettext_lazy("access action", "삭제")


class SubjectKind(models.TextChoices):
    """Whose record: the model label of the person's row."""

    STUDENT = "registry.student", pgettext_lazy("data subject", "학생")
    GUARDIAN = "registry.guardian", pgettext_lazy("data subject", "보호자")


class AccessChannel(models.TextChoices):
    WEB = "web", _("웹 화면")
    API = "api", _("API")
    ADMIN = "admin", _("관리 화면")
    COMMAND = "command", _("명령줄")


class AppendOnlyError(Exception):
    """The access log is never updated or deleted by the application."""


def _refuse(operation: str) -> NoReturn:
    raise AppendOnlyError(
        f"개인정보 접속기록은 추가만 할 수 있습니다({operation} 거부). / "
        f"The personal-data access log is append-only ({operation} refused)."
    )


class PersonalDataAccessQuerySet(models.QuerySet["PersonalDataAccess"]):
    def update(self, **kwargs: Any) -> int:
        _refuse("update")

    def delete(self) -> tuple[int, dict[str, int]]:
        _refuse("delete")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        _refuse("update")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        _refuse("update")

    def for_subject(self, kind: str, subject_id: int) -> PersonalDataAccessQuerySet:
        return self.filter(subject_kind=kind, subject_id=subject_id)


class PersonalDataAccess(models.Model):
    """개인정보 접속기록 — one person's record viewed, exported or changed by one user.

    One call of ``services.record_personal_data_access`` writes one row per record with the
    same ``event_id``: an export of 300 students is one event of 300 rows. The actor is kept
    as an id and a copy of the username (no foreign-key constraint, nothing cascades), so
    deleting an account or a student never touches the log.
    """

    # Indexed with ``id`` below (newest first, keyset pages), not alone.
    at = models.DateTimeField(_("일시"), default=timezone.now)
    event_id = models.UUIDField(_("처리 묶음"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("처리자"),
    )
    actor_username = models.CharField(_("처리자 계정"), max_length=150)
    client_ip = models.GenericIPAddressField(_("접속지 IP"), null=True, blank=True)
    channel = models.CharField(_("경로"), max_length=10, choices=AccessChannel.choices)
    path = models.CharField(_("화면·API"), max_length=200, blank=True)
    action = models.CharField(_("수행 업무"), max_length=10, choices=AccessAction.choices)
    subject_kind = models.CharField(_("정보주체 구분"), max_length=30, choices=SubjectKind.choices)
    subject_id = models.BigIntegerField(_("정보주체 ID"))
    reason = models.CharField(_("사유"), max_length=500, blank=True)

    objects = PersonalDataAccessQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "개인정보 접속기록")
        verbose_name_plural = pgettext_lazy("model plural", "개인정보 접속기록")
        ordering = ["-at", "-id"]
        indexes = [
            # The search reads newest first and pages by (at, id): an index range scan at any
            # depth, and the month's figures read a range of ``at``.
            models.Index(fields=["at", "id"], name="access_at_id_idx"),
            # Exports (3 % of the rows) are what a reviewer searches for most.
            models.Index(fields=["action", "at"], name="access_action_at_idx"),
            models.Index(fields=["subject_kind", "subject_id", "at"], name="access_subject_idx"),
            models.Index(fields=["actor", "at"], name="access_actor_idx"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} "
            f"{self.subject_kind}#{self.subject_id}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("update")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete")


class AccessLogReview(models.Model):
    """접속기록 점검 — the monthly review of the access log by a province officer
    (안전성 확보조치 기준 제8조제2항: at least once a month)."""

    month = models.DateField(_("점검 대상 월"), unique=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("점검자"),
    )
    reviewer_username = models.CharField(_("점검자 계정"), max_length=150)
    reviewed_at = models.DateTimeField(_("점검 일시"), auto_now_add=True)
    findings = models.TextField(_("점검 결과"), max_length=2000)
    figures = models.JSONField(_("점검 당시 집계"), default=dict)

    class Meta:
        verbose_name = pgettext_lazy("model", "접속기록 점검")
        verbose_name_plural = pgettext_lazy("model plural", "접속기록 점검")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
