"""Host vetting (참여기업·선도기업 심사): application, on-site inspection, decision, exclusion.

A company applies; teacher, labour attorney (노무사) and safety agency inspect it with a
checklist; the decision gives a validity period. A recorded serious accident (중대재해)
excludes the company at once (2021.12.23 추가 개선방안; see docs/adr/0009-placements.md).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class HostKind(models.TextChoices):
    LEADING = "leading", _("선도기업")
    PARTICIPATING = "participating", _("참여기업")


class VettingStatus(models.TextChoices):
    APPLIED = "applied", _("신청")
    INSPECTED = "inspected", _("현장 점검 완료")
    APPROVED = "approved", _("승인")
    REJECTED = "rejected", _("불승인")
    EXCLUDED = "excluded", _("배제(중대재해)")
    WITHDRAWN = "withdrawn", pgettext_lazy("vetting status", "철회")


# The checklist of the on-site inspection, in the order it is shown and printed.
CHECKLIST_FIELDS = (
    "job_field_fit",
    "training_conditions",
    "safety_and_health",
    "person_in_charge",
    "insurance",
)


class HostVettingQuerySet(models.QuerySet["HostVetting"]):
    def valid_on(self, day: datetime.date) -> HostVettingQuerySet:
        """Approved decisions whose validity period covers ``day``."""
        return self.filter(status=VettingStatus.APPROVED, valid_from__lte=day, valid_until__gte=day)


class HostVetting(models.Model):
    """참여기업 심사 — one application of a company to host field training, and its decision."""

    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.PROTECT,
        related_name="host_vettings",
        verbose_name=_("기업"),
    )
    host_kind = models.CharField(_("기업 구분"), max_length=20, choices=HostKind.choices)
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=VettingStatus.choices,
        default=VettingStatus.APPLIED,
        db_index=True,
    )
    person_in_charge_name = models.CharField(_("현장실습 담당자"), max_length=50)
    person_in_charge_phone = models.CharField(_("담당자 연락처"), max_length=15, blank=True)
    application_note = models.TextField(_("신청 내용"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("신청자"),
    )
    applied_at = models.DateTimeField(_("신청 일시"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("결정자"),
    )
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True)
    decision_note = models.TextField(_("결정 사유"), blank=True)
    valid_from = models.DateField(_("유효 시작일"), null=True, blank=True)
    valid_until = models.DateField(_("유효 종료일"), null=True, blank=True)
    excluded_at = models.DateTimeField(_("배제 일시"), null=True, blank=True)
    excluding_accident = models.ForeignKey(
        "placements.SeriousAccident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="excluded_vettings",
        verbose_name=_("배제 사유 중대재해"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    objects = HostVettingQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "참여기업 심사")
        verbose_name_plural = pgettext_lazy("model plural", "참여기업 심사")
        ordering = ["-applied_at", "-id"]
        indexes = [
            models.Index(fields=["company", "status", "valid_until"], name="vetting_company_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="vetting_valid_until_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.get_host_kind_display()} · {self.get_status_display()}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.status == VettingStatus.APPROVED
            and self.valid_from is not None
            and self.valid_until is not None
            and self.valid_from <= day <= self.valid_until
        )


class HostInspection(models.Model):
    """현장 점검 — the on-site inspection of a vetting by teacher, 노무사 and safety agency.

    Each checklist item is met (True) or not; the notes say what was seen.
    """

    vetting = models.ForeignKey(
        HostVetting, on_delete=models.CASCADE, related_name="inspections", verbose_name=_("심사")
    )
    inspected_on = models.DateField(_("점검일"))
    teacher_name = models.CharField(_("점검 교사"), max_length=50)
    labour_attorney_name = models.CharField(_("노무사"), max_length=50)
    safety_agency_name = models.CharField(_("안전 전문기관"), max_length=100)
    job_field_fit = models.BooleanField(_("직무·전공 적합성"), default=False)
    training_conditions = models.BooleanField(_("실습 여건"), default=False)
    safety_and_health = models.BooleanField(_("안전·보건 관리"), default=False)
    person_in_charge = models.BooleanField(_("담당자 지정"), default=False)
    insurance = models.BooleanField(_("산재보험 가입"), default=False)
    notes = models.TextField(_("점검 의견"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "현장 점검")
        verbose_name_plural = pgettext_lazy("model plural", "현장 점검")
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.vetting.company} · {self.inspected_on}"

    @property
    def all_items_met(self) -> bool:
        return all(getattr(self, name) for name in CHECKLIST_FIELDS)

    @property
    def unmet_items(self) -> list[str]:
        return [name for name in CHECKLIST_FIELDS if not getattr(self, name)]


class SeriousAccident(models.Model):
    """중대재해 기록 — a serious industrial accident at a company; excludes it as a host."""

    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.PROTECT,
        related_name="serious_accidents",
        verbose_name=_("기업"),
    )
    occurred_on = models.DateField(_("발생일"))
    description = models.TextField(_("내용"))
    source_note = models.CharField(_("출처"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "중대재해 기록")
        verbose_name_plural = pgettext_lazy("model plural", "중대재해 기록")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.company} · {self.occurred_on}"
