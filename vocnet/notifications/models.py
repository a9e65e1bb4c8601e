"""Notifications (알림): what needs a person, in the header and by e-mail (issue 15 §5).

A notification is written once per recipient and event (``key``), shown in the notification
centre until read, and e-mailed by a background task when the recipient wants e-mail for its
kind. Safety notices (a breach in the hours diary, an incident) cannot be switched off by staff.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NotificationKind(models.TextChoices):
    SIGNATURE_REQUEST = "signature_request", _("서명 요청")
    DIARY_BREACH = "diary_breach", _("실습 시간 위반")
    INCIDENT = "incident", _("사고·고충")
    VISIT_DUE = "visit_due", _("순회지도 예정")
    ROUND_RESULT = "round_result", _("배정 결과")
    DEADLINE = "deadline", _("마감 안내")
    VETTING_EXPIRY = "vetting_expiry", _("참여기업 선정 만료")
    PROPOSAL = "proposal", _("학과 개편 신청")


# Safety notices: staff (not students or guardians) cannot turn their e-mail off.
SAFETY_KINDS = frozenset({NotificationKind.DIARY_BREACH, NotificationKind.INCIDENT})


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("받는 사람"),
    )
    kind = models.CharField(_("종류"), max_length=20, choices=NotificationKind.choices)
    title_ko = models.CharField(_("제목(한국어)"), max_length=200)
    title_en = models.CharField(_("제목(영어)"), max_length=200)
    body_ko = models.TextField(_("내용(한국어)"), blank=True, max_length=2000)
    body_en = models.TextField(_("내용(영어)"), blank=True, max_length=2000)
    url = models.CharField(_("바로 가기"), max_length=300, blank=True)
    # One notification per recipient and event: sending the same event again is a no-op.
    key = models.CharField(_("사건 키"), max_length=200)
    created_at = models.DateTimeField(_("알림 일시"), auto_now_add=True)
    read_at = models.DateTimeField(_("읽은 일시"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("전자우편 발송 일시"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "알림")
        verbose_name_plural = pgettext_lazy("model plural", "알림")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_event")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title_ko


class NotificationPreference(models.Model):
    """Whether a person wants e-mail for one kind of notification (default: yes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("사용자"),
    )
    kind = models.CharField(_("종류"), max_length=20, choices=NotificationKind.choices)
    email = models.BooleanField(_("전자우편 받기"), default=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "알림 수신 설정")
        verbose_name_plural = pgettext_lazy("model plural", "알림 수신 설정")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {'e-mail' if self.email else 'no e-mail'}"
