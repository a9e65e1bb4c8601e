"""Reminders (알림) before an agreement expires and before a yearly target falls due."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    EXPIRY_90 = "expiry_90", _("협약 만료 90일 전")
    EXPIRY_30 = "expiry_30", _("협약 만료 30일 전")
    TARGET_DUE_90 = "target_due_90", _("연차 목표 기한 90일 전")
    TARGET_DUE_30 = "target_due_30", _("연차 목표 기한 30일 전")


# Days before the due date on which each reminder becomes due.
REMINDER_DAYS: dict[str, int] = {
    ReminderKind.EXPIRY_90: 90,
    ReminderKind.EXPIRY_30: 30,
    ReminderKind.TARGET_DUE_90: 90,
    ReminderKind.TARGET_DUE_30: 30,
}


class Reminder(models.Model):
    """One reminder, created once (unique per agreement or target and kind) and mailed to
    the parties' staff; ``sent_at`` stays empty until the mail went out, so a failed send is
    retried by the next run."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("협약"),
    )
    target = models.ForeignKey(
        "agreements.CommitmentTarget",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("연차 목표"),
    )
    kind = models.CharField(_("종류"), max_length=20, choices=ReminderKind.choices)
    due_date = models.DateField(_("기한"))
    recipients = models.JSONField(_("받는 사람"), default=list, blank=True)
    created_at = models.DateTimeField(_("생성 일시"), auto_now_add=True)
    sent_at = models.DateTimeField(_("발송 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("알림")
        verbose_name_plural = _("알림")
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind"],
                condition=models.Q(target__isnull=True),
                name="reminder_once_per_agreement_kind",
            ),
            models.UniqueConstraint(
                fields=["target", "kind"],
                condition=models.Q(target__isnull=False),
                name="reminder_once_per_target_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_date}"
