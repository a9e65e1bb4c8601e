"""Workforce demand declared by industry and local government, and restructuring scenarios.

Supply is not stored: it is computed from the registry's departments (intake, enrolment by
grade) by ``vocnet.demand.supply`` whenever it is shown.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.registry.models import DataOrigin, OrganisationKind

# Organisations that declare demand: employers and the bodies that speak for them.
DECLARANT_KINDS = (
    OrganisationKind.COMPANY,
    OrganisationKind.INDUSTRY_BODY,
    OrganisationKind.CITY_COUNTY,
    OrganisationKind.PROVINCE,
    OrganisationKind.PUBLIC_AGENCY,
)
MAX_CERTIFICATES = 10
MAX_HEADCOUNT = 100_000


def validate_certificates(value: Any) -> None:
    """A list of at most ten certificate names (자격증), each 1–50 characters."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(
            "자격증은 이름의 목록이어야 합니다. / Certificates must be a list of names.",
            code="certificates_not_list",
        )
    if len(value) > MAX_CERTIFICATES:
        raise ValidationError(
            f"자격증은 {MAX_CERTIFICATES}개까지 적을 수 있습니다. / "
            f"At most {MAX_CERTIFICATES} certificates.",
            code="too_many_certificates",
        )
    for item in value:
        if not 1 <= len(item.strip()) <= 50:
            raise ValidationError(
                "자격증 이름은 1~50자여야 합니다. / A certificate name has 1 to 50 characters.",
                code="certificate_length",
            )


class DemandDeclarationQuerySet(models.QuerySet["DemandDeclaration"]):
    def with_relations(self) -> DemandDeclarationQuerySet:
        return self.select_related("organisation", "ncs_middle__major", "region__support_office")


class DemandDeclaration(models.Model):
    """인력 수요 신고 — people of one NCS field and occupation an organisation wants to hire
    from vocational high schools in one region and year."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="demand_declarations",
        verbose_name=_("신고 기관"),
    )
    ncs_middle = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        related_name="demand_declarations",
        verbose_name=_("NCS 중분류"),
    )
    occupation = models.CharField(_("직무"), max_length=100)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="demand_declarations",
        verbose_name=_("근무 시·군"),
    )
    year = models.PositiveSmallIntegerField(
        _("채용 연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    headcount = models.PositiveIntegerField(
        _("채용 인원"), validators=[MinValueValidator(1), MaxValueValidator(MAX_HEADCOUNT)]
    )
    certificates = models.JSONField(
        _("요구 자격증"), default=list, blank=True, validators=[validate_certificates]
    )
    note = models.CharField(_("비고"), max_length=300, blank=True)
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("등록자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    objects = DemandDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "인력 수요 신고")
        verbose_name_plural = pgettext_lazy("model plural", "인력 수요 신고")
        ordering = ["year", "organisation__name_ko", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ncs_middle", "occupation", "region", "year"],
                name="demand_declaration_once_per_year",
            )
        ]
        indexes = [
            models.Index(fields=["region", "ncs_middle", "year"], name="demand_region_field_year"),
            # Covers the gap page's demand tally (a year's declarations of the regions in
            # scope, summed per region and field): read off the index alone, no row visited.
            models.Index(
                fields=["year", "region", "ncs_middle", "headcount", "data_origin"],
                name="demand_year_region_tally",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.ncs_middle.code} {self.occupation} · {self.year}"

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)


class ScenarioStatus(models.TextChoices):
    SOLVED = "solved", _("계획 완료")
    INFEASIBLE = "infeasible", _("조건 충돌")
    FAILED = "failed", _("풀이 실패")


class Scenario(models.Model):
    """학과 개편 시나리오 — the planner's parameters and, once run, its plan: one
    recommendation per department with its explanation, and the objective before and after.

    ``result`` is the plan as JSON (see ``services.scenarios.result_json``); it is replaced
    each time the scenario is run again on the data of the day, and so are its
    ``recommendations`` rows, which a school reads its own departments' from."""

    name = models.CharField(_("시나리오 이름"), max_length=100)
    description = models.CharField(_("설명"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="demand_scenarios",
        verbose_name=_("작성 기관"),
    )
    # The schools planned for: those of one support office's regions, or (empty) the province's.
    support_office = models.ForeignKey(
        "registry.SupportOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demand_scenarios",
        verbose_name=_("계획 범위(교육지원청)"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    parameters = models.JSONField(_("조건"), default=dict, blank=True)
    status = models.CharField(
        _("상태"), max_length=20, choices=ScenarioStatus.choices, default=ScenarioStatus.SOLVED
    )
    result = models.JSONField(_("계획 결과"), null=True, blank=True)
    # The result's objective and counts, kept apart so lists need not load the whole plan.
    summary = models.JSONField(_("요약"), default=dict, blank=True)
    problems = models.JSONField(_("조건 충돌 내용"), default=list, blank=True)
    solved_at = models.DateTimeField(_("계산 일시"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학과 개편 시나리오")
        verbose_name_plural = pgettext_lazy("model plural", "학과 개편 시나리오")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class RecommendationAction(models.TextChoices):
    GROW = "grow", _("증원")
    SHRINK = "shrink", _("감원")
    CONVERT = "convert", _("전환")
    KEEP = "keep", _("유지")


class ScenarioRecommendation(models.Model):
    """학과별 권고 — one department's recommendation in a solved scenario, with its sentence.

    The same facts are in the scenario's ``result``; they are kept as rows as well so that the
    permission layer can give a school its own departments' recommendations and nothing else
    (a plan for the whole province is not every school's to read). Replaced with the result
    each time the scenario runs."""

    scenario = models.ForeignKey(
        Scenario,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=pgettext_lazy("model", "학과 개편 시나리오"),
    )
    department = models.ForeignKey(
        "registry.Department",
        on_delete=models.CASCADE,
        related_name="scenario_recommendations",
        verbose_name=_("학과"),
    )
    action = models.CharField(_("권고"), max_length=10, choices=RecommendationAction.choices)
    current_intake = models.PositiveSmallIntegerField(_("현재 입학 정원"))
    new_intake = models.PositiveSmallIntegerField(_("계획 입학 정원(자기 분야)"))
    converted_field = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("전환 분야"),
    )
    converted_intake = models.PositiveSmallIntegerField(_("전환 정원"), default=0)
    conversion_cost = models.FloatField(_("전환 비용(백만원)"), default=0)
    graduates_change = models.FloatField(_("취업 희망 졸업생 변화(연)"), default=0)
    explanation_ko = models.TextField(_("설명(한국어)"))
    explanation_en = models.TextField(_("설명(영어)"))

    class Meta:
        verbose_name = pgettext_lazy("model", "학과별 권고")
        verbose_name_plural = pgettext_lazy("model plural", "학과별 권고")
        ordering = ["scenario_id", "department_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "department"], name="recommendation_once_per_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario_id} · {self.department_id}: {self.action}"


class ProposalKind(models.TextChoices):
    NEW = "new", _("신설")
    CONVERT = "convert", _("전환")
    GROW = "grow", _("증원")
    SHRINK = "shrink", _("감원")
    CLOSE = "close", _("폐지")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("교육지원청 검토 중")
    RETURNED = "returned", _("교육지원청 반려")
    FORWARDED = "forwarded", _("도교육청 심사 중")
    APPROVED = "approved", _("승인")
    REJECTED = "rejected", _("불승인")
    WITHDRAWN = "withdrawn", _("취하")


# A school has at most one proposal in these states per start year (one changed department a
# school a year, the planner's default ``max_changed_departments``).
ACTIVE_PROPOSAL_STATUSES = (
    ProposalStatus.SUBMITTED,
    ProposalStatus.FORWARDED,
    ProposalStatus.APPROVED,
)


class RestructuringProposal(models.Model):
    """학과 개편 신청 — a school's proposal to open, convert, grow, shrink or close a department
    from a school year on, with the demand evidence attached when it is filed.

    The support office of the school's region reviews it and forwards it (or returns it with a
    reason); the province approves or rejects it with a reason. An approved proposal changes the
    registry's department from ``start_year`` on (``services.proposals.apply_due_proposals``):
    at once when that school year has begun, otherwise when it does. For a conversion,
    ``proposed_intake`` is the number of places that move to ``target_field`` (all of them: the
    department itself changes field; part: a new department ``new_name_ko`` takes them)."""

    school = models.ForeignKey(
        "registry.School",
        on_delete=models.PROTECT,
        related_name="restructuring_proposals",
        verbose_name=_("학교"),
    )
    department = models.ForeignKey(
        "registry.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restructuring_proposals",
        verbose_name=_("학과"),
    )
    kind = models.CharField(_("개편 유형"), max_length=10, choices=ProposalKind.choices)
    new_name_ko = models.CharField(_("새 학과명"), max_length=50, blank=True)
    target_field = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("개편 분야(NCS 중분류)"),
    )
    current_intake = models.PositiveSmallIntegerField(_("현재 입학 정원"), default=0)
    proposed_intake = models.PositiveSmallIntegerField(_("신청 정원"), default=0)
    start_year = models.PositiveSmallIntegerField(_("적용 학년도"))
    reason = models.TextField(_("신청 사유"), max_length=2000)
    evidence = models.JSONField(_("수급 근거"), default=dict, blank=True)
    status = models.CharField(
        _("상태"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    office_note = models.TextField(_("교육지원청 검토 의견"), max_length=2000, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("검토자"),
    )
    reviewed_at = models.DateTimeField(_("검토 일시"), null=True, blank=True)
    decision_reason = models.TextField(_("결정 사유"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("결정자"),
    )
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True)
    applied_at = models.DateTimeField(_("학과 반영 일시"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("신청자"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("신청 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학과 개편 신청")
        verbose_name_plural = pgettext_lazy("model plural", "학과 개편 신청")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "start_year", "status"])]

    def __str__(self) -> str:
        return f"{self.school_id} {self.get_kind_display()} {self.start_year}"
