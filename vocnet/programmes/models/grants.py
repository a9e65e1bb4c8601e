"""Designation (지정) and grants (사업비): the school's designation that a decision creates,
the yearly funding plan, disbursements (교부), spending records (집행) with evidence and the
year-end settlement (정산).

The designation itself is the registry's ``SchoolDesignation`` (the badge every school page
shows: kind, year, base or member role); ``Designation`` adds what the programme knows about
it — the programme, the decision it came from, the cohort, the duration and the consortium
agreement (docs/adr/0024-designation-grants-accountability.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.programmes.models.applications import BudgetCategory, FundingSource
from vocnet.programmes.models.calls import ProgrammeKind
from vocnet.programmes.models.review import Decision


class Designation(models.Model):
    """지정 — one school's designation for a programme, created by a ``selected`` or ``pilot``
    decision (or entered from public sources for earlier cohorts)."""

    school_designation = models.OneToOneField(
        "registry.SchoolDesignation",
        on_delete=models.PROTECT,
        related_name="programme",
        verbose_name=_("학교 지정"),
    )
    programme = models.ForeignKey(
        ProgrammeKind,
        on_delete=models.PROTECT,
        related_name="designations",
        verbose_name=_("사업 유형"),
    )
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designation",
        verbose_name=_("심사 결정"),
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("컨소시엄 협약"),
    )
    cohort = models.PositiveSmallIntegerField(_("기수"))
    duration_years = models.PositiveSmallIntegerField(_("운영 기간(년)"))
    designated_at = models.DateTimeField(_("지정 일시"))
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "사업 지정")
        verbose_name_plural = pgettext_lazy("model plural", "사업 지정")
        ordering = ["-designated_at", "id"]

    def __str__(self) -> str:
        return f"{self.programme} {self.cohort}"


class Grant(models.Model):
    """사업비 — one designation's funding for one fiscal year (``programme_year`` 연차)."""

    designation = models.ForeignKey(Designation, on_delete=models.PROTECT, related_name="grants")
    fiscal_year = models.PositiveSmallIntegerField(_("회계연도"))
    programme_year = models.PositiveSmallIntegerField(_("연차"))
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "사업비")
        verbose_name_plural = pgettext_lazy("model plural", "사업비")
        ordering = ["designation", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "fiscal_year"], name="grant_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.designation_id} {self.fiscal_year}"


class GrantPlanLine(models.Model):
    """사업비 계획 — the year's planned amount for one source and category (KRW)."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="plan_lines")
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    category = models.CharField(_("비목"), max_length=20, choices=BudgetCategory.choices)
    amount_krw = models.PositiveBigIntegerField(_("계획액(원)"))

    class Meta:
        verbose_name = pgettext_lazy("model", "사업비 계획")
        verbose_name_plural = pgettext_lazy("model plural", "사업비 계획")
        ordering = ["grant", "source", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "source", "category"], name="grant_plan_line_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.grant_id} {self.source}/{self.category}: {self.amount_krw}"


class Disbursement(models.Model):
    """교부 — money paid to the school from one source on a date; a carry-over from the
    previous year's settlement is one too (``is_carry_over``)."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="disbursements")
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    disbursed_on = models.DateField(_("교부일"))
    amount_krw = models.PositiveBigIntegerField(_("교부액(원)"))
    is_carry_over = models.BooleanField(_("전년도 이월"), default=False)
    note = models.CharField(_("비고"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "교부")
        verbose_name_plural = pgettext_lazy("model plural", "교부")
        ordering = ["grant", "disbursed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_krw__gt=0), name="disbursement_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.grant_id} {self.source} {self.disbursed_on}: {self.amount_krw}"


def spending_evidence_path(instance: Spending, filename: str) -> str:
    return f"programmes/grants/{instance.grant_id}/{filename}"


class Spending(models.Model):
    """집행 — one spending record of the school, charged to a source and a category, with its
    evidence file (영수증·계약서 …)."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="spendings")
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    category = models.CharField(_("비목"), max_length=20, choices=BudgetCategory.choices)
    spent_on = models.DateField(_("집행일"))
    amount_krw = models.PositiveBigIntegerField(_("집행액(원)"))
    description = models.CharField(_("집행 내용"), max_length=200)
    evidence = models.FileField(_("증빙 파일"), upload_to=spending_evidence_path, blank=True)
    evidence_name = models.CharField(_("증빙 파일 이름"), max_length=200, blank=True)
    evidence_bytes = models.PositiveIntegerField(_("증빙 크기(바이트)"), default=0)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "집행")
        verbose_name_plural = pgettext_lazy("model plural", "집행")
        ordering = ["grant", "spent_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_krw__gt=0), name="spending_positive")
        ]

    def __str__(self) -> str:
        return f"{self.grant_id} {self.category} {self.spent_on}: {self.amount_krw}"


class Settlement(models.Model):
    """정산 — the year-end settlement of one source of a grant: the unspent balance
    (disbursed − spent) is returned (반납) or carried over (이월) to the next fiscal year."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="settlements")
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    disbursed_krw = models.PositiveBigIntegerField(_("교부액(원)"))
    spent_krw = models.PositiveBigIntegerField(_("집행액(원)"))
    returned_krw = models.PositiveBigIntegerField(_("반납액(원)"))
    carried_over_krw = models.PositiveBigIntegerField(_("이월액(원)"))
    settled_on = models.DateField(_("정산일"))
    note = models.CharField(_("비고"), max_length=300, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "정산")
        verbose_name_plural = pgettext_lazy("model plural", "정산")
        ordering = ["grant", "source"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "source"], name="settlement_once_per_source")
        ]

    def __str__(self) -> str:
        return f"{self.grant_id} {self.source}: {self.returned_krw}/{self.carried_over_krw}"
