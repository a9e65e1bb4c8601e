"""Placements (현장실습 배치): a student on an offer, from matching to the end of training.

A placement is created by a clearinghouse round (origin ``round``, written by the
``clearinghouse`` app, which links to this model) or by a direct accept of an offer
(origin ``direct``, when the host company accepts an application:
``services.applications.application_accept``). A student has at most
one active placement at a time; the database enforces it with a partial unique constraint.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlacementOrigin(models.TextChoices):
    ROUND = "round", _("배정 회차")
    DIRECT = "direct", _("직접 수락")


class PlacementStatus(models.TextChoices):
    MATCHED = "matched", _("배정")
    CONTRACTED = "contracted", _("협약 체결")
    IN_PROGRESS = "in_progress", _("실습 중")
    COMPLETED = "completed", _("수료")
    TERMINATED = "terminated", _("중도 종료")
    CANCELLED = "cancelled", _("취소")


# A placement in one of these statuses takes a seat of its offer and blocks the student.
ACTIVE_PLACEMENT_STATUSES = (
    PlacementStatus.MATCHED,
    PlacementStatus.CONTRACTED,
    PlacementStatus.IN_PROGRESS,
)


class PlacementQuerySet(models.QuerySet["Placement"]):
    def active(self) -> PlacementQuerySet:
        """Placements that take a seat: matched, contracted or in progress."""
        return self.filter(status__in=ACTIVE_PLACEMENT_STATUSES)

    def with_list_relations(self) -> PlacementQuerySet:
        return self.select_related(
            "student__school__organisation",
            "student__department",
            "offer__company__organisation",
            "offer__region",
            "offer__ncs_middle",
        )


class Placement(models.Model):
    """현장실습 배치 — one student placed on one offer."""

    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("학생"),
    )
    offer = models.ForeignKey(
        "placements.FieldTrainingOffer",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("제안"),
    )
    origin = models.CharField(_("배정 경로"), max_length=10, choices=PlacementOrigin.choices)
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.MATCHED,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("등록자"),
    )
    created_at = models.DateTimeField(_("배정 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)
    started_at = models.DateTimeField(_("실습 시작 일시"), null=True, blank=True)
    ended_at = models.DateTimeField(_("종료 일시"), null=True, blank=True)
    ended_reason = models.TextField(_("종료·취소 사유"), blank=True)
    termination_notice_on = models.DateField(
        _("기업의 중도 종료 사전 통보일"), null=True, blank=True
    )
    termination_notice = models.TextField(_("중도 종료 통보 내용"), blank=True, max_length=2000)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "현장실습 배치")
        verbose_name_plural = pgettext_lazy("model plural", "현장실습 배치")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["offer", "status"], name="placement_offer_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["student"],
                condition=models.Q(
                    status__in=["matched", "contracted", "in_progress"],
                ),
                name="placement_one_active_per_student",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} → {self.offer}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_PLACEMENT_STATUSES
