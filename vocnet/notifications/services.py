"""Writes of notifications: ``notify`` (called by the services of the apps whose events need
someone), marking read, and e-mail preferences. E-mail goes out from a background task
(``tasks.send_notification_emails``), never in the request."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.notifications.models import (
    SAFETY_KINDS,
    Notification,
    NotificationKind,
    NotificationPreference,
)

logger = logging.getLogger(__name__)
STAFF_ROLES = frozenset({"province_officer", "support_office_officer", "school_staff",
                         "company_staff"})  # fmt: skip


@dataclass(frozen=True)
class Message:
    kind: str
    title_ko: str
    title_en: str
    body_ko: str = ""
    body_en: str = ""
    url: str = ""


def notify(*, recipient_ids: Iterable[int], message: Message, key: str) -> list[int]:
    """Write ``message`` once per recipient for the event ``key`` (again: nothing new) and
    queue its e-mail after the transaction commits. Returns the new notifications' ids."""
    ids = sorted(set(recipient_ids))
    if not ids:
        return []
    existing = set(
        Notification.objects.filter(recipient_id__in=ids, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    rows = [
        Notification(
            recipient_id=user_id,
            kind=message.kind,
            title_ko=message.title_ko[:200],
            title_en=message.title_en[:200],
            body_ko=message.body_ko[:2000],
            body_en=message.body_en[:2000],
            url=message.url[:300],
            key=key[:200],
        )
        for user_id in ids
        if user_id not in existing
    ]
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    new_ids = [row.pk for row in created if row.pk is not None]
    if not new_ids:
        # ignore_conflicts leaves pk unset on some databases: find the rows just written.
        new_ids = list(
            Notification.objects.filter(
                recipient_id__in=[r.recipient_id for r in rows], key=key[:200], emailed_at=None
            ).values_list("pk", flat=True)
        )
    if new_ids:
        transaction.on_commit(lambda: _enqueue(new_ids))
    return new_ids


def _enqueue(ids: list[int]) -> None:
    from vocnet.notifications.tasks import send_notification_emails

    try:
        send_notification_emails.enqueue(ids)
    except Exception:
        logger.exception("could not queue the e-mail of notifications %s", ids)


def wants_email(user_id: int, kind: str) -> bool:
    preference = NotificationPreference.objects.filter(user_id=user_id, kind=kind).first()
    return True if preference is None else preference.email


def emails_send(ids: Iterable[int]) -> int:
    """E-mail the notifications ``ids`` not yet sent to recipients who want e-mail for their
    kind and have an address; returns how many were sent."""
    sent = 0
    for notification in Notification.objects.filter(
        pk__in=list(ids), emailed_at=None
    ).select_related("recipient"):
        user = notification.recipient
        address = getattr(user, "email", "")
        if not address or not wants_email(user.pk, notification.kind):
            continue
        # Claim the row before sending, so that two workers given the same ids (a retried task,
        # or notify()'s fallback picking up a row a concurrent call wrote) never send it twice.
        claimed_at = timezone.now()
        if not Notification.objects.filter(pk=notification.pk, emailed_at=None).update(
            emailed_at=claimed_at
        ):
            continue
        with translation.override("ko"):
            body = "\n\n".join(
                part
                for part in (
                    notification.body_ko,
                    notification.body_en,
                    f"{settings.VOCNET_PUBLIC_URL.rstrip('/')}{notification.url}"
                    if notification.url
                    else "",
                )
                if part
            )
            try:
                send_mail(
                    f"[vocnet] {notification.title_ko}",
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [address],
                )
            except Exception:
                # Give the claim back so the next run retries it, then let the task fail.
                Notification.objects.filter(pk=notification.pk, emailed_at=claimed_at).update(
                    emailed_at=None
                )
                raise
        sent += 1
    return sent


def notifications_mark_read(*, actor: UserLike, ids: list[int] | None = None) -> int:
    """Mark the actor's notifications ``ids`` (all when None) read; returns how many."""
    rows = restrict(actor, Notification.objects.filter(read_at=None))
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    return int(rows.update(read_at=timezone.now()))


def preference_set(*, actor: UserLike, kind: str, email: bool) -> NotificationPreference:
    """Turn e-mail for ``kind`` on or off; staff cannot turn safety notices off."""
    actor_info = actor_for(actor)
    if kind not in NotificationKind.values:
        raise ValidationFailed.from_problems(
            [FieldProblem("kind", "invalid_choice", "알림 종류가 아닙니다.", "Not a kind.")]
        )
    if not email and kind in SAFETY_KINDS and actor_info.roles & STAFF_ROLES:
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    "email",
                    "safety_notice_required",
                    "안전 알림(실습 시간 위반, 사고·고충)은 교직원과 기업 담당자가 끌 수 "
                    "없습니다(vocnet 정책: 학생 안전을 지키는 사람이 놓치지 않도록).",
                    "Staff cannot turn off safety notices (hours breaches, incidents): vocnet's "
                    "policy, so that those who keep students safe never miss them.",
                )
            ]
        )
    if actor_info.user_id is None:
        raise ValidationFailed.from_problems(
            [FieldProblem("user", "signed_out", "로그인하세요.", "Sign in first.")]
        )
    preference, _ = NotificationPreference.objects.update_or_create(
        user_id=actor_info.user_id, kind=kind, defaults={"email": email}
    )
    return preference


def preferences_set(*, actor: UserLike, email_kinds: Iterable[str]) -> None:
    """Set e-mail on for ``email_kinds`` and off for every other kind, all or nothing: a kind
    the actor may not turn off refuses the whole form and no preference changes."""
    wanted = set(email_kinds)
    with transaction.atomic():
        for kind in NotificationKind.values:
            preference_set(actor=actor, kind=kind, email=kind in wanted)
