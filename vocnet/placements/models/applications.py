"""Applications (현장실습 지원): before a direct placement the host company consents.

A student (or their school for them) applies to a published offer; the company may record an
interview (date and time, place, outcome) and accepts or declines. Only an accepted
application takes a seat (``services.applications.application_accept``, under the offer's
row lock, as before). Rounds of the clearinghouse need no application: the company's consent
there is its ranking.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("지원")
    INTERVIEW = "interview", _("면접 기록됨")
    ACCEPTED = "accepted", _("기업 수락")
    DECLINED = "declined", _("기업 거절")
    WITHDRAWN = "withdrawn", _("지원 철회")


# An application in one of these statuses waits for the company's decision.
OPEN_APPLICATION_STATUSES = (ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEW)


class PlacementApplication(models.Model):
    """현장실습 지원 — a student's application to one offer, decided by the company."""

    offer = models.ForeignKey(
        "placements.FieldTrainingOffer",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("제안"),
    )
    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.PROTECT,
        related_name="placement_applications",
        verbose_name=_("학생"),
    )
    status = models.CharField(
        _("상태"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
        db_index=True,
    )
    note = models.TextField(_("지원 메모"), blank=True, max_length=1000)
    field_justification = models.TextField(
        _("관련 분야 배치 사유(학교 기록)"), blank=True, max_length=1000
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("지원 등록자"),
    )
    applied_at = models.DateTimeField(_("지원 일시"), auto_now_add=True)
    interview_at = models.DateTimeField(_("면접 일시"), null=True, blank=True)
    interview_place = models.CharField(_("면접 장소"), max_length=200, blank=True)
    interview_outcome = models.TextField(_("면접 결과"), blank=True, max_length=1000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("결정한 사람"),
    )
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True)
    decision_reason = models.TextField(_("결정 사유"), blank=True, max_length=1000)
    placement = models.OneToOneField(
        "placements.Placement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("배치"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "현장실습 지원")
        verbose_name_plural = pgettext_lazy("model plural", "현장실습 지원")
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "student"],
                condition=models.Q(status__in=["applied", "interview"]),
                name="application_one_open_per_offer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.offer}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_APPLICATION_STATUSES
