"""Review (심사): the reviewer pool per stage, conflict-of-interest declarations, scores per
rubric item, the stage's results (rank, shortlist), the decision with reasons, and
objections.

A reviewer is any user assigned to a stage (staff of any organisation, or an external expert
account with no membership); ``organisation`` is the body they work for, used to refuse them
for applications in which it is a party (docs/adr/0016-programmes.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.programmes.models.applications import Application
from vocnet.programmes.models.calls import Call, CallStage, RubricItem


class ReviewerAssignment(models.Model):
    """심사위원 배정 — one user in one stage's reviewer pool."""

    stage = models.ForeignKey(CallStage, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments"
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("소속 기관"),
    )
    is_external = models.BooleanField(_("외부 전문가"), default=False)
    code = models.CharField(_("심사위원 코드"), max_length=12)

    class Meta:
        verbose_name = pgettext_lazy("model", "심사위원 배정")
        verbose_name_plural = pgettext_lazy("model plural", "심사위원 배정")
        ordering = ["stage", "code"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "user"], name="reviewer_once_per_stage"),
            models.UniqueConstraint(fields=["stage", "code"], name="reviewer_code_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.code}"


class ConflictDeclaration(models.Model):
    """이해충돌 신고 — a reviewer's declaration about one application."""

    assignment = models.ForeignKey(
        ReviewerAssignment, on_delete=models.CASCADE, related_name="declarations"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    has_conflict = models.BooleanField(_("이해충돌 있음"))
    reason = models.CharField(_("사유"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("신고 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "이해충돌 신고")
        verbose_name_plural = pgettext_lazy("model plural", "이해충돌 신고")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "application"], name="conflict_once_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.application_id}: {self.has_conflict}"


class Score(models.Model):
    """평가 점수 — one reviewer's points and comment on one rubric item of one application."""

    assignment = models.ForeignKey(
        ReviewerAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(RubricItem, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("점수"), max_digits=5, decimal_places=2)
    comment = models.TextField(_("의견"))
    scored_at = models.DateTimeField(_("채점 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "평가 점수")
        verbose_name_plural = pgettext_lazy("model plural", "평가 점수")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "application", "item"], name="score_once_per_item"
            ),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} {self.application_id} {self.item_id}: {self.points}"


class StageResult(models.Model):
    """단계 결과 — an application's aggregated score and rank when the stage closed."""

    stage = models.ForeignKey(CallStage, on_delete=models.CASCADE, related_name="results")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="results")
    total = models.DecimalField(_("총점"), max_digits=6, decimal_places=2)
    area_scores = models.JSONField(_("영역별 점수"), default=dict)
    rank = models.PositiveSmallIntegerField(_("순위"))
    is_shortlisted = models.BooleanField(_("통과"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "단계 결과")
        verbose_name_plural = pgettext_lazy("model plural", "단계 결과")
        ordering = ["stage", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "application"], name="stage_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.stage} {self.application_id}: {self.rank}"


class Outcome(models.TextChoices):
    SELECTED = "selected", _("선정")
    NOMINATED = "nominated", _("추천")
    NOT_SELECTED = "not_selected", _("미선정")
    # Gyeonggi: non-selected nominees may be designated 경기협약형 for a one-year pilot.
    PILOT = "pilot", _("1년 시범 운영 지정")


class Decision(models.Model):
    """결정 — the officer's decision on one application, with reasons. Designation (§5)
    follows from a ``selected`` or ``pilot`` decision."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="decisions")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("결과"), max_length=20, choices=Outcome.choices)
    reasons = models.TextField(_("사유"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("결정 일시"))
    objection_deadline = models.DateTimeField(_("이의신청 마감"))

    class Meta:
        verbose_name = pgettext_lazy("model", "심사 결정")
        verbose_name_plural = pgettext_lazy("model plural", "심사 결정")
        ordering = ["call", "application"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.outcome}"


class Objection(models.Model):
    """이의신청 — the applicant's objection to a decision, within the call's window."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="objections")
    text = models.TextField(_("내용"))
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lodged_at = models.DateTimeField(_("신청 일시"))
    response = models.TextField(_("답변"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "이의신청")
        verbose_name_plural = pgettext_lazy("model plural", "이의신청")
        ordering = ["decision", "lodged_at"]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.lodged_at:%Y-%m-%d}"
