"""Events (행사): a call's briefing sessions (설명회) and the designations' launch ceremonies
(발대식) — date, place, organiser, invited organisations, registrations and the attendance
the organiser ticks."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.programmes.models.calls import Call, ProgrammeKind
from vocnet.programmes.models.grants import Designation


def new_check_in_token() -> str:
    """An unguessable check-in code (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class EventKind(models.TextChoices):
    BRIEFING = "briefing", _("공모 설명회")
    LAUNCH = "launch", _("발대식")
    OTHER = "other", _("기타 행사")


class Event(models.Model):
    """행사 — one briefing session or launch ceremony."""

    kind = models.CharField(_("행사 구분"), max_length=10, choices=EventKind.choices)
    title = models.CharField(_("행사명"), max_length=200)
    starts_at = models.DateTimeField(_("시작 일시"))
    ends_at = models.DateTimeField(_("종료 일시"))
    place = models.CharField(_("장소"), max_length=200)
    organiser = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="programme_events",
        verbose_name=_("주최 기관"),
    )
    programme = models.ForeignKey(
        ProgrammeKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("사업 유형"),
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("공모"),
    )
    designations = models.ManyToManyField(
        Designation, blank=True, related_name="events", verbose_name=_("대상 지정 학교")
    )
    capacity = models.PositiveIntegerField(_("정원"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("참가 신청 마감"), null=True, blank=True)
    # A figure the public sources give (e.g. "more than 150 participants"), beside the count.
    reported_participants = models.PositiveIntegerField(
        _("보도된 참석 인원"), null=True, blank=True
    )
    description = models.TextField(_("내용"), blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "행사")
        verbose_name_plural = pgettext_lazy("model plural", "행사")
        ordering = ["-starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title


class EventInvitation(models.Model):
    """초청 기관 — an organisation invited to an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "초청 기관")
        verbose_name_plural = pgettext_lazy("model plural", "초청 기관")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.organisation_id}"


class EventRegistration(models.Model):
    """참가 신청 — one participant; ``attended`` is ticked by the organiser at check-in."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("이름"), max_length=100)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("소속 기관"),
    )
    role_title = models.CharField(_("직위"), max_length=100, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("신청 일시"))
    attended = models.BooleanField(_("참석"), default=False)
    checked_in_at = models.DateTimeField(_("참석 확인 일시"), null=True, blank=True)
    # The secret of the registration's QR code: its check-in URL carries it, so it must not
    # be guessable (``secrets.token_urlsafe``; docs/adr/0035-*.md).
    check_in_token = models.CharField(
        _("참석 확인 코드"), max_length=43, unique=True, default=new_check_in_token
    )
    cancelled_at = models.DateTimeField(_("취소 일시"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "참가 신청")
        verbose_name_plural = pgettext_lazy("model plural", "참가 신청")
        ordering = ["event", "organisation_id", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(user__isnull=False),
                name="registration_once_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.name}"
