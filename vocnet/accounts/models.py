"""Accounts: the login identity (User) and machine API tokens.

What a user may see is decided by their memberships (``registry.Membership``), read through
``vocnet.core.permissions``; the user row itself carries no authority except ``is_superuser``
for the operators of the platform.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class User(AbstractUser):
    """사용자 — one person who signs in (staff, student, guardian)."""

    name = models.CharField(_("이름"), max_length=50, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "사용자")
        verbose_name_plural = pgettext_lazy("model plural", "사용자")

    def __str__(self) -> str:
        return self.name or self.username


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    """API 토큰 — a bearer token for machine clients; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("사용자")
    )
    name = models.CharField(_("용도"), max_length=100)
    token_hash = models.CharField(_("토큰 해시"), max_length=64, unique=True)
    prefix = models.CharField(_("앞자리"), max_length=8)
    created_at = models.DateTimeField(_("발급 일시"), auto_now_add=True)
    expires_at = models.DateTimeField(_("만료 일시"))
    revoked_at = models.DateTimeField(_("폐기 일시"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("최근 사용"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "API 토큰")
        verbose_name_plural = pgettext_lazy("model plural", "API 토큰")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @staticmethod
    def new_raw_token() -> str:
        return "vn_" + secrets.token_urlsafe(32)
