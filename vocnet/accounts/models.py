"""Accounts: the login identity (User), recovery codes of the second factor, and machine API
tokens.

What a user may see is decided by their memberships (``registry.Membership``), read through
``vocnet.core.permissions``; the user row itself carries no authority except ``is_superuser``
for the operators of the platform. The TOTP authenticators of the second factor are
django-otp's ``TOTPDevice`` rows (``otp_totp``); see docs/adr/0008-accounts-and-privacy.md.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class User(AbstractUser):
    """사용자 — one person who signs in (staff, student, guardian).

    One ``name`` field instead of Django's first and last name, which vocnet never used:
    collect only what is needed (vocnet/privacy/inventory.py)."""

    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    name = models.CharField(_("이름"), max_length=50, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "사용자")
        verbose_name_plural = pgettext_lazy("model plural", "사용자")

    def __str__(self) -> str:
        return self.name or self.username

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name


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


def hash_recovery_code(code: str) -> str:
    """SHA-256 of a recovery code as typed, without blanks and dashes, in lower case. The codes
    carry 80 random bits, so a fast hash is enough (as for API tokens); a slow password hash
    would only make checking ten of them slow."""
    normalised = "".join(code.split()).replace("-", "").lower()
    return hashlib.sha256(normalised.encode()).hexdigest()


class RecoveryCodeQuerySet(models.QuerySet["RecoveryCode"]):
    def unused(self) -> RecoveryCodeQuerySet:
        return self.filter(used_at__isnull=True)


class RecoveryCode(models.Model):
    """복구 코드 — a one-time code that replaces the authenticator app once, when the phone is
    lost; ten are issued at enrolment and only their hashes are stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="recovery_codes", verbose_name=_("사용자")
    )
    code_hash = models.CharField(_("코드 해시"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("발급 일시"), auto_now_add=True)
    used_at = models.DateTimeField(_("사용 일시"), null=True, blank=True)

    objects = RecoveryCodeQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "복구 코드")
        verbose_name_plural = pgettext_lazy("model plural", "복구 코드")

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"

    @staticmethod
    def new_raw_code() -> str:
        """Sixteen base-32 characters (80 bits) in groups of four: ``k7qm-2xwa-…``."""
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()
        return "-".join(raw[i : i + 4] for i in range(0, 16, 4))
