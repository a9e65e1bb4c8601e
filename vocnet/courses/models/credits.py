"""After a course: the home school's decision on its credits (학점 인정), the hires of a
company-tailored class (취업맞춤반 채용), and the agreement deliveries a course produced
(협약 이행 실적 연계)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CreditDecision(models.TextChoices):
    RECOGNISED = "recognised", _("학점 인정")
    DECLINED = "declined", _("학점 불인정")


class CreditRecognition(models.Model):
    """학점 인정 — the home school's decision on the credits of one completed course: the
    credits it recognises, or its refusal with the reason. One decision per enrolment."""

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        related_name="credit_recognition",
        verbose_name=_("수강 배정"),
    )
    decision = models.CharField(_("결정"), max_length=12, choices=CreditDecision.choices)
    credits = models.PositiveSmallIntegerField(_("인정 학점"), default=0)
    reason = models.CharField(_("불인정 사유"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("결정자"),
    )
    decided_at = models.DateTimeField(_("결정 일시"))
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "학점 인정")
        verbose_name_plural = pgettext_lazy("model plural", "학점 인정")
        ordering = ["enrolment_id"]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.decision}"


class TailoredHire(models.Model):
    """취업맞춤반 채용 — a student of a company-tailored class whom the host company hired at
    the end of the class."""

    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="hires", verbose_name=_("과목")
    )
    enrolment = models.OneToOneField(
        "courses.Enrolment",
        on_delete=models.PROTECT,
        related_name="hire",
        verbose_name=_("수강 배정"),
    )
    hired_on = models.DateField(_("채용일"))
    note = models.CharField(_("비고"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "취업맞춤반 채용")
        verbose_name_plural = pgettext_lazy("model plural", "취업맞춤반 채용")
        ordering = ["course_id", "enrolment_id"]

    def __str__(self) -> str:
        return f"{self.course_id} · {self.enrolment_id}"


class CourseDelivery(models.Model):
    """협약 이행 연계 — a delivery recorded in an agreement because of a course event (a
    session with an industry instructor, a completed company-tailored class). The pair
    (commitment lineage, source) is unique, so recording twice never counts twice, even
    across amendments of the agreement (a commitment keeps its lineage in every version)."""

    course = models.ForeignKey(
        "courses.Course",
        on_delete=models.PROTECT,
        related_name="agreement_deliveries",
        verbose_name=_("과목"),
    )
    session = models.ForeignKey(
        "courses.CourseSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement_deliveries",
        verbose_name=_("수업 회차"),
    )
    source = models.CharField(_("근거"), max_length=40)
    commitment_lineage = models.UUIDField(_("약속 식별자(판 공통)"))
    delivery = models.OneToOneField(
        "agreements.Delivery",
        on_delete=models.PROTECT,
        related_name="course_source",
        verbose_name=_("이행 실적"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "과목 이행 실적")
        verbose_name_plural = pgettext_lazy("model plural", "과목 이행 실적")
        ordering = ["course_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment_lineage", "source"], name="course_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_id} · {self.source}"
