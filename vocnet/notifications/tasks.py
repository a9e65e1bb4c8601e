"""Background task of notifications: their e-mail (django-tasks; the backend of ``TASKS``)."""

from __future__ import annotations

from django_tasks import task

from vocnet.notifications.services import emails_send


@task()
def send_notification_emails(ids: list[int]) -> int:
    """E-mail the notifications ``ids`` (those not sent yet); returns how many were sent."""
    return emails_send(ids)
