"""Shared models: the audit trail every service writes to."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.core.users import UserLike, user_row


class AuditEvent(models.Model):
    """감사 기록 — who changed what, when, with the values before and after.

    Written only by services (``record_audit``), never updated or deleted by the application.
    """

    at = models.DateTimeField(_("일시"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작업자"),
    )
    action = models.CharField(_("작업"), max_length=50)
    object_type = models.CharField(_("대상 유형"), max_length=100)
    object_id = models.CharField(_("대상 ID"), max_length=64)
    before = models.JSONField(_("변경 전"), null=True, blank=True)
    after = models.JSONField(_("변경 후"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "감사 기록")
        verbose_name_plural = pgettext_lazy("model plural", "감사 기록")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """JSON-safe values of an object's concrete fields (foreign keys as ids)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields and field.attname not in fields:
            continue
        value = getattr(obj, field.attname)
        data[field.attname] = (
            value if isinstance(value, (int, float, bool, type(None))) else str(value)
        )
    return data


def record_audit(
    *,
    actor: UserLike | None,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    from vocnet.core.pagecache import forget_data_version

    event = AuditEvent.objects.create(
        actor=user_row(actor),
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=before,
        after=after,
    )
    # Pages read in the rest of this request see the new data version.
    forget_data_version()
    return event
