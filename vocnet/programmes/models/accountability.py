"""Accountability (성과 관리): KPIs per programme as data, their yearly results per designated
school (computed from vocnet's own data where it holds it, entered with evidence where it
doesn't), the yearly performance report (연간 성과 공개) and the interim and final
evaluations ending in a recorded decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.programmes.models.calls import AggregationMethod, ProgrammeKind
from vocnet.programmes.models.grants import Designation


class KpiMethod(models.TextChoices):
    """Where a KPI's yearly value comes from (``vocnet.programmes.kpi_sources``)."""

    ENROLMENT_FILL = "enrolment_fill", _("충원율(학과 정원 대비 1학년 재학생)")
    FIELD_TRAINING = "field_training", _("현장실습 참여율(3학년)")
    EMPLOYMENT = "employment", _("취업률(졸업생 진로)")
    HIGHER_EDUCATION = "higher_education", _("진학률(졸업생 진로)")
    COMMITMENT_FULFILMENT = "commitment_fulfilment", _("협약 약속 이행률")
    ENTERED = "entered", _("입력(증빙 첨부)")


class KpiDefinition(models.Model):
    """성과지표 정의 — one KPI of a programme, loaded as data by a migration."""

    programme = models.ForeignKey(
        ProgrammeKind, on_delete=models.PROTECT, related_name="kpi_definitions"
    )
    code = models.SlugField(_("코드"), max_length=40)
    name_ko = models.CharField(_("지표"), max_length=100)
    name_en = models.CharField(_("영문 지표"), max_length=150, blank=True)
    unit = models.CharField(_("단위"), max_length=10)
    method = models.CharField(_("산출 방법"), max_length=30, choices=KpiMethod.choices)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "성과지표 정의")
        verbose_name_plural = pgettext_lazy("model plural", "성과지표 정의")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="kpi_definition_unique")
        ]

    def __str__(self) -> str:
        return self.name_ko


def kpi_evidence_path(instance: KpiResult, filename: str) -> str:
    return f"programmes/kpis/{instance.designation_id}/{filename}"


class KpiResult(models.Model):
    """성과지표 실적 — one KPI's value for one designated school and school year. Counts
    (``numerator``/``denominator``) are kept so the public report can suppress small cells."""

    designation = models.ForeignKey(
        Designation, on_delete=models.CASCADE, related_name="kpi_results"
    )
    definition = models.ForeignKey(KpiDefinition, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("연도"))
    numerator = models.PositiveIntegerField(_("해당 수"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("전체 수"), null=True, blank=True)
    value = models.DecimalField(_("값"), max_digits=12, decimal_places=1, null=True, blank=True)
    is_computed = models.BooleanField(_("vocnet 자료로 산출"), default=False)
    evidence = models.FileField(_("증빙 파일"), upload_to=kpi_evidence_path, blank=True)
    evidence_name = models.CharField(_("증빙 파일 이름"), max_length=200, blank=True)
    note = models.CharField(_("비고"), max_length=300, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "성과지표 실적")
        verbose_name_plural = pgettext_lazy("model plural", "성과지표 실적")
        ordering = ["designation", "year", "definition__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["designation", "definition", "year"], name="kpi_result_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.designation_id} {self.definition_id} {self.year}: {self.value}"


class PerformanceReport(models.Model):
    """연간 성과 공개 — a designated school's yearly report, public once published."""

    designation = models.ForeignKey(Designation, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("연도"))
    summary = models.TextField(_("요약"))
    published_at = models.DateTimeField(_("공개 일시"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "연간 성과 공개")
        verbose_name_plural = pgettext_lazy("model plural", "연간 성과 공개")
        ordering = ["designation", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["designation", "year"], name="report_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.designation_id} {self.year}"


class EvaluationKind(models.TextChoices):
    INTERIM = "interim", _("중간 평가")
    FINAL = "final", _("종합 평가")


class EvaluationOutcome(models.TextChoices):
    CONTINUE = "continue", _("계속 지원")
    CONDITIONS = "conditions", _("조건부 계속 지원")
    END = "end", _("지원 종료")


class Evaluation(models.Model):
    """중간·종합 평가 — the panel's totals aggregated like a review stage (the call's
    ``ranking.aggregate``: mean or trimmed mean), and the officer's recorded decision."""

    designation = models.ForeignKey(
        Designation, on_delete=models.PROTECT, related_name="evaluations"
    )
    kind = models.CharField(_("평가 구분"), max_length=10, choices=EvaluationKind.choices)
    programme_year = models.PositiveSmallIntegerField(_("연차"))
    aggregation = models.CharField(
        _("점수 집계 방식"), max_length=20, choices=AggregationMethod.choices
    )
    panel_totals = models.JSONField(_("평가위원별 총점"), default=list)
    score = models.DecimalField(_("평가 점수"), max_digits=6, decimal_places=2)
    outcome = models.CharField(_("결과"), max_length=12, choices=EvaluationOutcome.choices)
    reasons = models.TextField(_("사유"))
    conditions = models.TextField(_("조건"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("결정 일시"))

    class Meta:
        verbose_name = pgettext_lazy("model", "중간·종합 평가")
        verbose_name_plural = pgettext_lazy("model plural", "중간·종합 평가")
        ordering = ["designation", "programme_year"]
        constraints = [
            models.UniqueConstraint(fields=["designation", "kind"], name="evaluation_once")
        ]

    def __str__(self) -> str:
        return f"{self.designation_id} {self.kind}: {self.outcome}"
