"""Reads of notifications: a person's own, newest first, and the unread count."""

from __future__ import annotations

from django.db.models import QuerySet

from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.notifications.models import (
    SAFETY_KINDS,
    Notification,
    NotificationKind,
    NotificationPreference,
)


def notification_list(*, user: UserLike, unread_only: bool = False) -> QuerySet[Notification]:
    rows = restrict(user, Notification.objects.all())
    if unread_only:
        rows = rows.filter(read_at=None)
    return rows.order_by("-created_at", "-pk")


def unread_count(*, user: UserLike) -> int:
    return int(restrict(user, Notification.objects.filter(read_at=None)).count())


def preference_rows(*, user: UserLike) -> list[tuple[str, str, bool, bool]]:
    """(kind, label, e-mail on, is a safety notice) for every kind."""
    chosen = dict(restrict(user, NotificationPreference.objects.all()).values_list("kind", "email"))
    return [
        (kind, str(label), chosen.get(kind, True), kind in SAFETY_KINDS)
        for kind, label in NotificationKind.choices
    ]
