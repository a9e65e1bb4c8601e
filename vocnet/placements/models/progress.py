"""During the placement: the hours diary, teachers' monitoring visits (순회지도), incident and
grievance reports with escalation, and the evaluations at the end.

The diary records what happened; a day that breaks a legal limit is kept (with its
violations) and raises an incident report to the school at once — detection and escalation,
not refusal (docs/adr/0009-placements.md). Reports are never shown to the host company, so a
student can report it safely.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LeaveKind(models.TextChoices):
    """A day of the diary the student did not train, and why. Neither is a breach."""

    MENSTRUAL = "menstrual", _("생리휴가(근로기준법 제73조, 직업교육훈련 촉진법 제24조로 준용)")
    ABSENCE = "absence", _("학교가 인정한 결석·휴가(vocnet 정책)")


class HoursEntry(models.Model):
    """실습 시간 기록 — one day of training as it happened, logged by (or with) the student and
    confirmed by the company mentor; or a leave day (``leave``: no times, no minutes)."""

    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="hours_entries",
        verbose_name=_("배치"),
    )
    day = models.DateField(_("실습일"))
    start = models.TimeField(_("시작 시각"), null=True, blank=True)
    end = models.TimeField(_("종료 시각"), null=True, blank=True)
    leave = models.CharField(_("휴가·결석"), max_length=12, choices=LeaveKind.choices, blank=True)
    break_minutes = models.PositiveSmallIntegerField(
        _("휴게 시간(분)"), default=0, validators=[MaxValueValidator(600)]
    )
    minutes = models.PositiveSmallIntegerField(_("실습 시간(분)"), default=0)
    activities = models.TextField(_("실습 내용"), blank=True)
    violations = models.JSONField(_("법정 기준 위반"), default=list, blank=True)
    is_breach = models.BooleanField(_("위반 여부"), default=False, db_index=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    logged_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("확인자"),
    )
    confirmed_at = models.DateTimeField(_("확인 일시"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "실습 시간 기록")
        verbose_name_plural = pgettext_lazy("model plural", "실습 시간 기록")
        ordering = ["placement_id", "day"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="hours_entry_once_per_day"),
            # A training day has its times; a leave day has none.
            models.CheckConstraint(
                condition=(
                    models.Q(leave="", start__isnull=False, end__isnull=False)
                    | (~models.Q(leave="") & models.Q(start__isnull=True, end__isnull=True))
                ),
                name="hours_entry_times_or_leave",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} · {self.day}"


class MonitoringVisit(models.Model):
    """순회지도 — a teacher's visit to the student at the company (직업교육훈련 촉진법 제9조의3),
    with a checklist and notes."""

    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("배치"),
    )
    visited_on = models.DateField(_("방문일"))
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("지도 교사"),
    )
    teacher_name = models.CharField(_("지도 교사 이름"), max_length=100)
    hours_kept = models.BooleanField(_("실습 시간 준수"), default=False)
    tasks_match = models.BooleanField(_("협약 직무와 일치"), default=False)
    safety_ok = models.BooleanField(_("안전 수칙·보호구 준수"), default=False)
    mentor_present = models.BooleanField(_("기업현장교사 지도"), default=False)
    student_wellbeing = models.BooleanField(_("학생 상태 양호"), default=False)
    notes = models.TextField(_("지도 내용"))
    follow_up = models.TextField(_("후속 조치"), blank=True)
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "순회지도")
        verbose_name_plural = pgettext_lazy("model plural", "순회지도")
        ordering = ["placement_id", "-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.placement_id} · {self.visited_on}"


class SafetyEducation(models.Model):
    """안전·노동인권 교육 — the school's safety training before the start (직업교육훈련 촉진법
    제9조의5: the school must give safety training before and during field training; it may
    entrust it to a specialised body). A placement cannot start without one recorded."""

    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="safety_educations",
        verbose_name=_("배치"),
    )
    given_on = models.DateField(_("교육일"))
    given_by = models.CharField(_("교육한 사람·기관"), max_length=100)
    content = models.TextField(_("교육 내용"), max_length=5000)
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
        verbose_name = pgettext_lazy("model", "안전·노동인권 교육")
        verbose_name_plural = pgettext_lazy("model plural", "안전·노동인권 교육")
        ordering = ["placement_id", "-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.placement_id} · {self.given_on}"


VISIT_CHECKLIST = ("hours_kept", "tasks_match", "safety_ok", "mentor_present", "student_wellbeing")


class IncidentKind(models.TextChoices):
    SAFETY = "safety", _("안전사고·위험 상황")
    GRIEVANCE = "grievance", _("고충·부당한 대우")
    HOURS_BREACH = "hours_breach", _("법정 실습 시간 위반(자동 감지)")
    OTHER = "other", _("기타")


class IncidentLevel(models.TextChoices):
    """Who answers a report: the student's school; its support office when the school itself
    filed the report (a school cannot answer its own report); the province once overdue."""

    SCHOOL = "school", _("학교")
    OFFICE = "office", _("교육지원청")
    PROVINCE = "province", _("도교육청")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("접수")
    RESPONDED = "responded", _("답변함")
    CLOSED = "closed", _("종결")


class IncidentQuerySet(models.QuerySet["IncidentReport"]):
    def unresolved(self) -> IncidentQuerySet:
        return self.exclude(status=IncidentStatus.CLOSED)


class IncidentReport(models.Model):
    """사고·고충 신고 — filed by the student, a guardian or the school (or raised automatically
    by a breach in the diary); the school answers by a deadline, else it goes to the province.
    Never visible to the host company."""

    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="incidents",
        verbose_name=_("배치"),
    )
    kind = models.CharField(_("유형"), max_length=20, choices=IncidentKind.choices)
    description = models.TextField(_("내용"))
    occurred_on = models.DateField(_("발생일"), null=True, blank=True)
    hours_entry = models.ForeignKey(
        HoursEntry,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("관련 실습 시간 기록"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("신고자"),
    )
    filed_at = models.DateTimeField(_("접수 일시"), default=timezone.now)
    level = models.CharField(
        _("처리 기관"), max_length=10, choices=IncidentLevel.choices, default=IncidentLevel.SCHOOL
    )
    status = models.CharField(
        _("상태"),
        max_length=10,
        choices=IncidentStatus.choices,
        default=IncidentStatus.OPEN,
        db_index=True,
    )
    response_due = models.DateTimeField(_("답변 기한"))
    escalated_at = models.DateTimeField(_("도교육청 이관 일시"), null=True, blank=True)
    response = models.TextField(_("답변"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("답변자"),
    )
    responded_at = models.DateTimeField(_("답변 일시"), null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "사고·고충 신고")
        verbose_name_plural = pgettext_lazy("model plural", "사고·고충 신고")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["status", "response_due"], name="incident_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.placement_id}"


class EvaluatorRole(models.TextChoices):
    STUDENT = "student", _("학생")
    MENTOR = "mentor", _("기업현장교사")
    TEACHER = "teacher", _("지도 교사")


class Evaluation(models.Model):
    """실습 평가 — the student's, the mentor's and the teacher's evaluation at the end."""

    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("배치"),
    )
    role = models.CharField(_("평가자"), max_length=10, choices=EvaluatorRole.choices)
    rating = models.PositiveSmallIntegerField(
        _("평점(1~5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("의견"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("평가자 계정"),
    )
    submitted_at = models.DateTimeField(_("제출 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "실습 평가")
        verbose_name_plural = pgettext_lazy("model plural", "실습 평가")
        ordering = ["placement_id", "role"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "role"], name="evaluation_once_per_role"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} · {self.placement_id}"
