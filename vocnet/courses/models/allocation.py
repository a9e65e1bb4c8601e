"""Applications (수강 신청) and their allocation (배정): a student's ranked courses for a term,
their school's confirmation, the runs of the allocation and the enrolments they produce."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("신청")
    CONFIRMED = "confirmed", _("학교 확인")
    WITHDRAWN = "withdrawn", _("취소")


class CourseApplication(models.Model):
    """수강 신청 — one student's ranked courses for one term."""

    term = models.ForeignKey("courses.Term", on_delete=models.PROTECT, related_name="applications")
    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.PROTECT,
        related_name="course_applications",
        verbose_name=_("학생"),
    )
    status = models.CharField(
        _("상태"), max_length=12, choices=ApplicationStatus.choices, default="submitted"
    )
    submitted_at = models.DateTimeField(_("신청 일시"))
    confirmed_at = models.DateTimeField(_("학교 확인 일시"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("확인자"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "수강 신청")
        verbose_name_plural = pgettext_lazy("model plural", "수강 신청")
        ordering = ["term_id", "student_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "student"], name="course_application_once_per_term"
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} · {self.student_id}"


class CourseChoice(models.Model):
    """지망 — one course of an application at its rank (1 = most wanted)."""

    application = models.ForeignKey(
        CourseApplication, on_delete=models.CASCADE, related_name="choices"
    )
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="choices")
    rank = models.PositiveSmallIntegerField(_("지망 순위"))

    class Meta:
        verbose_name = pgettext_lazy("model", "지망")
        verbose_name_plural = pgettext_lazy("model plural", "지망")
        ordering = ["application_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="course_choice_rank"),
            models.UniqueConstraint(fields=["application", "course"], name="course_choice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} #{self.rank}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    RUNNING = "running", _("실행 중")
    SUCCEEDED = "succeeded", _("완료(확정 전)")
    CONFIRMED = "confirmed", _("확정")
    FAILED = "failed", _("실패")


class AllocationRun(models.Model):
    """배정 실행 — one run of the allocation of a term: what it read (snapshot and hash), how
    ties were broken (seed, lottery), the engine's version, the stability proof, and the
    enrolments it produced once an officer confirmed it."""

    term = models.ForeignKey("courses.Term", on_delete=models.PROTECT, related_name="runs")
    round_number = models.PositiveSmallIntegerField(_("차수"), default=1)
    status = models.CharField(
        _("상태"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    seed = models.PositiveBigIntegerField(_("추첨 시드"))
    input_snapshot = models.JSONField(_("입력 스냅숏"), null=True, blank=True)
    input_hash = models.CharField(_("입력 해시(SHA-256)"), max_length=64, blank=True)
    engine_version = models.CharField(_("엔진 버전"), max_length=20, blank=True)
    result = models.JSONField(_("결과"), null=True, blank=True)
    stability = models.JSONField(_("안정성 검증"), null=True, blank=True)
    statistics = models.JSONField(_("통계"), null=True, blank=True)
    timings = models.JSONField(_("단계별 시간(초)"), default=dict, blank=True)
    error = models.TextField(_("오류"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("요청자"),
    )
    queued_at = models.DateTimeField(_("요청 일시"), auto_now_add=True)
    started_at = models.DateTimeField(_("시작 일시"), null=True, blank=True)
    finished_at = models.DateTimeField(_("종료 일시"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("마지막 작업자 응답"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("확정 일시"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("확정자"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "배정 실행")
        verbose_name_plural = pgettext_lazy("model plural", "배정 실행")
        ordering = ["-queued_at", "-id"]

    def __str__(self) -> str:
        return f"{self.term} #{self.pk}"


class Enrolment(models.Model):
    """수강 배정 — a student's seat in a course, from a confirmed allocation run."""

    run = models.ForeignKey(
        AllocationRun, on_delete=models.PROTECT, related_name="enrolments", null=True, blank=True
    )
    course = models.ForeignKey(
        "courses.Course", on_delete=models.PROTECT, related_name="enrolments"
    )
    student = models.ForeignKey(
        "registry.Student", on_delete=models.PROTECT, related_name="course_enrolments"
    )
    choice_rank = models.PositiveSmallIntegerField(_("배정 지망 순위"), null=True, blank=True)
    completed_at = models.DateTimeField(_("이수 일시"), null=True, blank=True)
    certificate_code = models.CharField(_("이수증 확인 코드"), max_length=20, blank=True)
    credits_recognised_at = models.DateTimeField(_("학점 인정 일시"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "수강 배정")
        verbose_name_plural = pgettext_lazy("model plural", "수강 배정")
        ordering = ["course_id", "student_id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "student"], name="enrolment_once"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} · {self.student_id}"
