from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.models import RecoveryCode, User
from vocnet.core.permissions import actor_for

# 개인정보의 안전성 확보조치 기준 제6조: those who handle the personal data of many people
# (the province, the support offices and the schools' staff) sign in with a second factor.
SECOND_FACTOR_ROLES = frozenset({"province_officer", "support_office_officer", "school_staff"})


def me(*, user: User) -> dict[str, Any]:
    """The user's own identity and active memberships (their own data needs no scope)."""
    memberships = user.memberships.filter(is_active=True).select_related("organisation")
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.name,
        "is_province": actor_for(user).is_province,
        "memberships": [
            {
                "organisation_id": m.organisation_id,
                "organisation_name_ko": m.organisation.name_ko,
                "role": m.role,
                "role_label": m.get_role_display(),
            }
            for m in memberships
        ],
    }


def requires_second_factor(user: User, *, fresh: bool = False) -> bool:
    """True when ``user`` may only be signed in after the second step (TOTP or a recovery
    code): platform operators (superusers) and every active province officer, support-office
    officer and school staff membership. ``fresh`` reads the memberships with one query
    instead of the per-request actor cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if fresh:
        return bool(
            get_user_model()
            .objects.filter(
                pk=user.pk,
                memberships__is_active=True,
                memberships__role__in=SECOND_FACTOR_ROLES,
            )
            .exists()
        )
    return bool(actor_for(user).roles & SECOND_FACTOR_ROLES)


def confirmed_device(*, user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator (there is at most one), or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@dataclass(frozen=True)
class SecurityStatus:
    second_factor_required: bool
    enrolled_at: datetime | None
    device_name: str
    recovery_codes_left: int
    last_login: datetime | None


def security_status(*, user: User) -> SecurityStatus:
    """What the user's own security page shows (their own data needs no scope)."""
    device = confirmed_device(user=user)
    return SecurityStatus(
        second_factor_required=requires_second_factor(user),
        enrolled_at=device.created_at if device else None,
        device_name=device.name if device else "",
        recovery_codes_left=RecoveryCode.objects.filter(user=user).unused().count(),
        last_login=user.last_login,
    )
