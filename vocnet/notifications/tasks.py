"""Background task of notifications: their e-mail (django-tasks; the backend of ``TASKS``)."""

from __future__ import annotations

from django_tasks import task

from vocnet.notifications.services import emails_send


@task()
def send_notification_emails(ids: list[int]) -> int:
    """E-mail the notifications ``ids`` (those not sent yet); returns how many were sent."""
    return emails_send(ids)


@task()
def send_reminders(day: str | None = None) -> dict[str, int]:
    """Send the reminders due on ``day`` (ISO date; today when None) once: see
    :mod:`vocnet.notifications.reminders`. Returns the items walked and notifications written."""
    from datetime import date

    from django.utils import timezone

    from vocnet.notifications.reminders import reminders_send

    result = reminders_send(date.fromisoformat(day) if day else timezone.localdate())
    return {"items": result.items, "notifications": result.notifications}
