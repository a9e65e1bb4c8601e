"""Writes of the privacy app: the personal-data access log, its monthly review, its retention.

Other apps call :func:`record_personal_data_access` from every page and endpoint that shows,
exports or changes a student's or guardian's record, and :func:`record_personal_data_access_by`
from services (which have an actor, not a request). Exports first call
:func:`require_export_reason`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike, user_row
from vocnet.privacy.models import (
    LEGAL_MINIMUM_RETENTION_YEARS,
    AccessAction,
    AccessLogReview,
    PersonalDataAccess,
    SubjectKind,
)
from vocnet.privacy.origin import AccessOrigin, current_origin, origin_of

REASON_MAX_LENGTH = 500
REASON_MIN_LENGTH = 2
FINDINGS_MAX_LENGTH = 2000

# A subject is a registry Student or Guardian object, or a (model label, primary key) pair
# such as ("registry.student", 12) — the pairs let a bulk export log 50,000 rows without
# loading 50,000 objects (see :func:`subjects_of`).
Subject = models.Model | tuple[str, int]


def subjects_of(queryset: models.QuerySet[Any]) -> Iterable[tuple[str, int]]:
    """(label, pk) pairs of a queryset of students or guardians, read with one query of ids."""
    label = queryset.model._meta.label_lower
    return ((label, pk) for pk in queryset.order_by().values_list("pk", flat=True))


def _subject_keys(subjects: Iterable[Subject]) -> list[tuple[str, int]]:
    keys: dict[tuple[str, int], None] = {}
    allowed = set(SubjectKind.values)
    for subject in subjects:
        if isinstance(subject, models.Model):
            key = (subject._meta.label_lower, int(subject.pk))
        else:
            label, pk = subject
            key = (str(label).lower(), int(pk))
        if key[0] not in allowed:
            raise TypeError(f"Not a personal-data subject of the access log: {key[0]}")
        keys[key] = None
    return list(keys)


def _reason_problem(code: str, message_ko: str, message_en: str) -> ValidationFailed:
    return ValidationFailed.from_problems([FieldProblem("reason", code, message_ko, message_en)])


def require_export_reason(reason: str | None) -> str:
    """The reason for an export of personal data, stripped; raises ValidationFailed naming the
    field ``reason`` when it is empty, too short or over 500 characters
    (안전성 확보조치 기준 제8조제2항: downloads of personal data are checked for their reason)."""
    text = (reason or "").strip()
    if not text:
        raise _reason_problem(
            "required",
            "개인정보를 내려받으려면 사유(reason)를 입력해야 합니다.",
            "Exporting personal data needs a reason (reason).",
        )
    if len(text) < REASON_MIN_LENGTH:
        raise _reason_problem(
            "too_short",
            f"사유(reason)는 {REASON_MIN_LENGTH}자 이상이어야 합니다.",
            f"The reason must be at least {REASON_MIN_LENGTH} characters.",
        )
    if len(text) > REASON_MAX_LENGTH:
        raise _reason_problem(
            "too_long",
            f"사유(reason)는 {REASON_MAX_LENGTH}자까지 입력할 수 있습니다.",
            f"The reason may be at most {REASON_MAX_LENGTH} characters.",
        )
    return text


def _write(
    *, actor: UserLike, origin: AccessOrigin, subjects: Iterable[Subject], action: str, reason: str
) -> int:
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action: {action!r}")
    if action == AccessAction.EXPORT:
        reason = require_export_reason(reason)
    elif len(reason) > REASON_MAX_LENGTH:
        reason = reason[:REASON_MAX_LENGTH]
    keys = _subject_keys(subjects)
    if not keys:
        return 0
    signed_in = bool(getattr(actor, "is_authenticated", False))
    event, at = uuid.uuid4(), timezone.now()
    rows = [
        PersonalDataAccess(
            at=at,
            event_id=event,
            actor=user_row(actor),
            actor_username=actor.get_username() if signed_in else "",
            client_ip=origin.client_ip,
            channel=origin.channel,
            path=origin.path,
            action=action,
            subject_kind=label,
            subject_id=pk,
            reason=reason,
        )
        for label, pk in keys
    ]
    PersonalDataAccess.objects.bulk_create(rows)
    return len(rows)


def record_personal_data_access(
    *, request: HttpRequest, subjects: Iterable[Subject], action: str, reason: str = ""
) -> int:
    """Append one access-log row per subject (a registry Student or Guardian, or a
    ``("registry.student", pk)`` pair) for ``request.user``, from the request's client
    address (``vocnet.core.middleware.client_ip``) and path (without the query string).

    ``action`` is an :class:`AccessAction` value. An export needs a reason: without one it
    raises ValidationFailed (field ``reason``) and writes nothing. One bulk insert per call;
    returns the number of rows written (0 for no subjects)."""
    return _write(
        actor=request.user,
        origin=origin_of(request),
        subjects=subjects,
        action=action,
        reason=reason,
    )


def record_personal_data_access_by(
    *, actor: UserLike, subjects: Iterable[Subject], action: str, reason: str = ""
) -> int:
    """The same for services, which act for ``actor`` without the request: the origin is the
    request being served (kept by ``AccessOriginMiddleware``), or the command line."""
    return _write(
        actor=actor, origin=current_origin(), subjects=subjects, action=action, reason=reason
    )


# Monthly review ---------------------------------------------------------------------------


def month_start(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def access_log_review_record(
    *, actor: UserLike, month: date, findings: str, figures: dict[str, Any]
) -> AccessLogReview:
    """Record that the province reviewed the access log of ``month`` (안전성 확보조치 기준
    제8조제2항: at least monthly). Province officers only (PermissionDenied otherwise);
    ValidationFailed when the findings are empty or too long or the month has not begun;
    Conflict when the month was reviewed already."""
    if not actor_for(actor).is_province:
        raise permission_denied()
    text = findings.strip()
    problems = []
    if not text or len(text) > FINDINGS_MAX_LENGTH:
        problems.append(
            FieldProblem(
                "findings",
                "invalid",
                f"점검 결과(findings)를 1~{FINDINGS_MAX_LENGTH}자로 적으세요.",
                f"Write the findings (findings) in 1 to {FINDINGS_MAX_LENGTH} characters.",
            )
        )
    first = month_start(month)
    if first > timezone.localdate():
        problems.append(
            FieldProblem(
                "month",
                "future",
                "아직 시작하지 않은 달은 점검할 수 없습니다.",
                "A month that has not begun cannot be reviewed.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    if AccessLogReview.objects.filter(month=first).exists():
        raise Conflict(
            code="already_reviewed",
            message_ko=f"{first:%Y-%m} 접속기록은 이미 점검했습니다.",
            message_en=f"The access log of {first:%Y-%m} has been reviewed already.",
        )
    review = AccessLogReview.objects.create(
        month=first,
        reviewed_by=user_row(actor),
        reviewer_username=actor.get_username(),
        findings=text,
        figures=figures,
    )
    record_audit(
        actor=actor,
        action="access_log.review",
        obj=review,
        after={"month": first.isoformat(), "figures": figures},
    )
    return review


# Retention --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    access_rows: int
    login_rows: int


def retention_years() -> int:
    """The configured retention period in years; never below the legal two years."""
    years = int(getattr(settings, "VOCNET_ACCESS_LOG_RETENTION_YEARS", 2))
    return max(years, LEGAL_MINIMUM_RETENTION_YEARS)


def retention_cutoff(now: datetime | None = None, years: int | None = None) -> datetime:
    """The moment ``years`` (default: the configured period) calendar years before ``now``;
    29 February falls back to 28 February."""
    now = now or timezone.now()
    years = max(years or retention_years(), LEGAL_MINIMUM_RETENTION_YEARS)
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


@transaction.atomic
def access_log_purge(*, dry_run: bool = False, now: datetime | None = None) -> PurgeResult:
    """Delete access-log rows and sign-in records (django-axes' access log) older than the
    retention period and a day — the only deletion of the log there is. On PostgreSQL the
    table's trigger refuses to delete any row younger than two years whatever the caller
    does. The purge itself enters the audit trail."""
    from axes.models import AccessLog

    # A day's margin: the database's clock, which the trigger reads, may run a little behind
    # this process's.
    cutoff = retention_cutoff(now) - timedelta(days=1)
    expired = PersonalDataAccess.objects.filter(at__lt=cutoff)
    logins = AccessLog.objects.filter(attempt_time__lt=cutoff)
    if dry_run:
        return PurgeResult(cutoff, expired.count(), logins.count())
    # The queryset's delete() is refused for everyone; the raw delete of expired rows is the
    # retention rule itself.
    access_rows = expired._raw_delete(expired.db)
    login_rows = logins.delete()[0]
    marker = PersonalDataAccess()
    marker.pk = "retention"
    record_audit(
        actor=None,
        action="access_log.purge",
        obj=marker,
        after={"before": cutoff.isoformat(), "access_rows": access_rows, "login_rows": login_rows},
    )
    return PurgeResult(cutoff, access_rows, login_rows)
