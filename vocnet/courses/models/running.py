"""Running a course (수업 운영): its sessions and the attendance ticked for each enrolled
student. Completion (이수) and the certificate's verification code live on the enrolment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CourseSession(models.Model):
    """수업 회차 — one meeting of a course."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("회차"))
    held_on = models.DateField(_("수업일"))

    class Meta:
        verbose_name = pgettext_lazy("model", "수업 회차")
        verbose_name_plural = pgettext_lazy("model plural", "수업 회차")
        ordering = ["course_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="course_session_number")
        ]

    def __str__(self) -> str:
        return f"{self.course_id} #{self.number}"


class Attendance(models.Model):
    """출석 — whether an enrolled student attended a session."""

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="marks")
    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.CASCADE, related_name="attendance"
    )
    is_present = models.BooleanField(_("출석"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "출석")
        verbose_name_plural = pgettext_lazy("model plural", "출석")
        ordering = ["session_id", "enrolment_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.enrolment_id}"
