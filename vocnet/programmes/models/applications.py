"""Applications (신청) of a consortium to a call: the plan's sections, the five-year budget,
KPIs with yearly targets, the documents, the versions frozen at submission and a withdrawal.

Visibility follows the consortium (``ApplicationParty``): every party's staff see the
application they belong to; no other school does (``vocnet.programmes.policies``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.programmes.models.calls import Call, RequiredDocument


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("제출")
    WITHDRAWN = "withdrawn", _("철회")


class Application(models.Model):
    """신청서 — a lead school's application with its consortium. Frozen once submitted: the
    submitted content is kept in an ``ApplicationVersion`` snapshot."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    lead_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="programme_applications",
        verbose_name=_("주관 학교"),
    )
    # The code that replaces names in a blind review (e.g. "A-07").
    blind_code = models.CharField(_("블라인드 코드"), max_length=12)
    status = models.CharField(
        _("상태"), max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    title = models.CharField(_("사업명"), max_length=200)
    vision = models.TextField(_("비전"), blank=True)
    governance_rhythm = models.CharField(_("운영위원회 개최 주기"), max_length=200, blank=True)
    infrastructure_plan = models.TextField(_("인프라 계획"), blank=True)
    path_employment = models.TextField(_("진로: 취업"), blank=True)
    path_growth = models.TextField(_("진로: 성장(후학습)"), blank=True)
    path_settlement = models.TextField(_("진로: 정주"), blank=True)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("협약(안)"),
    )
    submitted_at = models.DateTimeField(_("제출 일시"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("철회 일시"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("철회 사유"), max_length=300, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("작성 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "지정 신청")
        verbose_name_plural = pgettext_lazy("model plural", "지정 신청")
        ordering = ["call", "blind_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "lead_organisation"], name="application_one_per_lead"
            ),
            models.UniqueConstraint(fields=["call", "blind_code"], name="application_blind_code"),
        ]

    def __str__(self) -> str:
        return self.title


class ConsortiumRole(models.TextChoices):
    LEAD = "lead", _("주관")
    MEMBER = "member", _("참여")


class ApplicationParty(models.Model):
    """컨소시엄 구성 기관 — the lead school and every partner."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("역할"), max_length=10, choices=ConsortiumRole.choices)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "컨소시엄 구성 기관")
        verbose_name_plural = pgettext_lazy("model plural", "컨소시엄 구성 기관")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "organisation"], name="application_party_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.organisation_id} ({self.role})"


class PillarPlan(models.Model):
    """요소별 교육 계획 — the education plan for one pillar (agreements.Pillar codes)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="pillar_plans"
    )
    pillar = models.CharField(_("요소"), max_length=30)
    plan = models.TextField(_("교육 계획"))

    class Meta:
        verbose_name = pgettext_lazy("model", "요소별 교육 계획")
        verbose_name_plural = pgettext_lazy("model plural", "요소별 교육 계획")
        constraints = [
            models.UniqueConstraint(fields=["application", "pillar"], name="pillar_plan_unique")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.pillar}"


class GovernanceMember(models.Model):
    """운영위원회 위원 — a member of the consortium's steering committee."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="governance_members"
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    role_title = models.CharField(_("직위·역할"), max_length=100)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "운영위원회 위원")
        verbose_name_plural = pgettext_lazy("model plural", "운영위원회 위원")
        ordering = ["application", "position"]

    def __str__(self) -> str:
        return self.role_title


class FundingSource(models.TextChoices):
    MINISTRY = "ministry", _("교육부 특별교부금")
    EDUCATION_OFFICE = "education_office", _("교육청")
    LOCAL_GOVERNMENT = "local_government", _("지자체")
    COMPANY = "company", _("기업")
    OTHER = "other", _("기타")


class BudgetCategory(models.TextChoices):
    PERSONNEL = "personnel", _("인건비")
    OPERATIONS = "operations", _("운영비")
    EQUIPMENT = "equipment", _("기자재")
    FACILITIES = "facilities", _("시설")


class BudgetLine(models.Model):
    """예산 — one year × source × category amount, in KRW."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    year_index = models.PositiveSmallIntegerField(_("연차"))
    source = models.CharField(_("재원"), max_length=20, choices=FundingSource.choices)
    category = models.CharField(_("비목"), max_length=20, choices=BudgetCategory.choices)
    amount_krw = models.PositiveBigIntegerField(_("금액(원)"))

    class Meta:
        verbose_name = pgettext_lazy("model", "예산")
        verbose_name_plural = pgettext_lazy("model plural", "예산")
        ordering = ["application", "year_index", "source", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year_index", "source", "category"],
                name="budget_line_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year_index}: {self.source}/{self.category} {self.amount_krw}"


class Kpi(models.Model):
    """성과지표 — a KPI with one target per programme year (``targets``, a list)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("지표"), max_length=150)
    unit = models.CharField(_("단위"), max_length=20)
    targets = models.JSONField(_("연차별 목표"), default=list)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "성과지표")
        verbose_name_plural = pgettext_lazy("model plural", "성과지표")
        ordering = ["application", "position"]

    def __str__(self) -> str:
        return self.name


def document_path(instance: ApplicationDocument, filename: str) -> str:
    return f"programmes/{instance.application.call_id}/{instance.application_id}/{filename}"


class ApplicationDocument(models.Model):
    """제출 서류 파일 — one file per required document (re-uploading replaces it while the
    application is a draft)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(RequiredDocument, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("파일"), upload_to=document_path)
    original_name = models.CharField(_("파일 이름"), max_length=200)
    size_bytes = models.PositiveIntegerField(_("크기(바이트)"))
    page_count = models.PositiveSmallIntegerField(_("쪽수"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("올린 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "신청 서류")
        verbose_name_plural = pgettext_lazy("model plural", "신청 서류")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="application_document_unique"
            )
        ]

    def __str__(self) -> str:
        return self.original_name


class ApplicationVersion(models.Model):
    """신청서 판 — the content as submitted, frozen (a JSON snapshot)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("판"))
    snapshot = models.JSONField(_("내용"))
    submitted_at = models.DateTimeField(_("제출 일시"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "신청서 판")
        verbose_name_plural = pgettext_lazy("model plural", "신청서 판")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="application_version")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} v{self.number}"
