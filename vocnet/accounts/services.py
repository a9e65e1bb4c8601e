"""Writes of accounts: API tokens, and the second factor of signing in (TOTP authenticators
and one-time recovery codes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.models import ApiToken, RecoveryCode, User, hash_recovery_code, hash_token
from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike

MAX_TOKEN_DAYS = 365
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "인증 앱 (authenticator app)"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once; only its hash is stored


def api_token_issue(
    *, actor: UserLike | None, user: User, name: str, days: int = 90
) -> IssuedToken:
    """Issue a bearer token for ``user`` valid for ``days`` (1–365). The raw token is returned
    once and never stored. Raises ValidationFailed for a bad name or lifetime."""
    problems = []
    if not 1 <= days <= MAX_TOKEN_DAYS:
        problems.append(
            FieldProblem(
                "days",
                "out_of_range",
                f"유효 기간은 1~{MAX_TOKEN_DAYS}일이어야 합니다.",
                f"The lifetime must be 1 to {MAX_TOKEN_DAYS} days.",
            )
        )
    if not name.strip() or len(name) > 100:
        problems.append(
            FieldProblem(
                "name",
                "invalid",
                "용도는 1~100자로 입력하세요.",
                "The purpose must be 1 to 100 characters.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    raw = ApiToken.new_raw_token()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        token_hash=hash_token(raw),
        prefix=raw[:8],
        expires_at=timezone.now() + timedelta(days=days),
    )
    record_audit(
        actor=actor,
        action="api_token.issue",
        obj=token,
        after={"user_id": user.pk, "name": token.name, "prefix": token.prefix},
    )
    return IssuedToken(token=token, raw=raw)


# Second factor ----------------------------------------------------------------------------


def _code_problem(code: str, message_ko: str, message_en: str) -> ValidationFailed:
    return ValidationFailed.from_problems([FieldProblem("code", code, message_ko, message_en)])


def _wrong_code() -> ValidationFailed:
    return _code_problem(
        "invalid",
        "인증 코드(code)가 맞지 않거나 이미 사용한 코드입니다.",
        "The code (code) is wrong or has been used already.",
    )


def _throttled(device: TOTPDevice) -> ValidationFailed | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    until = (details or {}).get("locked_until")
    seconds = max(int((until - timezone.now()).total_seconds()) + 1, 1) if until else 1
    return _code_problem(
        "throttled",
        f"인증 코드(code)를 여러 번 틀렸습니다. {seconds}초 뒤에 다시 입력하세요.",
        f"Too many wrong codes (code). Try again in {seconds} s.",
    )


def _digits(code: str) -> str:
    return "".join(code.split())


def _verify_totp(device_id: int, code: str) -> bool:
    # The row lock makes "a code accepted once is refused again" hold for two requests at
    # the same instant too: the second waits, then sees the first one's last_t.
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device_id)
        return bool(device.verify_token(code))


def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """Begin enrolling an authenticator app: a new, unconfirmed TOTP secret (a previous
    unconfirmed one is dropped, so a secret is shown for one enrolment only). Raises Conflict
    when the user already has a confirmed authenticator."""
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise Conflict(
                code="already_enrolled",
                message_ko="이미 등록한 인증 앱이 있습니다.",
                message_en="An authenticator app is registered already.",
            )
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _issue_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    raw = [RecoveryCode.new_raw_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=hash_recovery_code(code)) for code in raw
    )
    return raw


def totp_enrolment_confirm(*, user: User, device_id: int, code: str) -> list[str]:
    """Confirm the enrolment begun by :func:`totp_enrolment_start` with a code from the app;
    returns the ten recovery codes (shown once, stored hashed). Raises ValidationFailed
    (field ``code``) for a wrong, reused or throttled code, or an enrolment that no longer
    exists; nothing is confirmed then."""
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        raise _code_problem(
            "enrolment_expired",
            "등록 절차가 만료되었습니다. 새 QR 코드로 다시 등록하세요.",
            "The enrolment has expired. Enrol again with the new QR code.",
        )
    if (throttled := _throttled(device)) is not None:
        raise throttled
    if not _verify_totp(device.pk, _digits(code)):
        raise _wrong_code()
    with transaction.atomic():
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        codes = _issue_recovery_codes(user)
        record_audit(
            actor=user,
            action="two_factor.enrol",
            obj=device,
            after={"device": device.name, "recovery_codes": len(codes)},
        )
    return codes


def second_factor_verify(*, user: User, code: str) -> str:
    """Check the second step of a sign-in: a 6-digit code of the user's authenticator app
    (each accepted once: a replayed code is refused) or one of their recovery codes (each
    usable once). Returns ``"totp"`` or ``"recovery"``; raises ValidationFailed (field
    ``code``) otherwise. Repeated wrong TOTP codes are throttled (django-otp: 1, 2, 4 … s)."""
    typed = _digits(code)
    if typed.isdigit() and len(typed) in (6, 8):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if device is None:
            raise _wrong_code()
        if (throttled := _throttled(device)) is not None:
            raise throttled
        if not _verify_totp(device.pk, typed):
            raise _wrong_code()
        return "totp"
    with transaction.atomic():
        used = (
            RecoveryCode.objects.select_for_update()
            .unused()
            .filter(user=user, code_hash=hash_recovery_code(code))
            .first()
        )
        if used is None:
            raise _wrong_code()
        used.used_at = timezone.now()
        used.save(update_fields=["used_at"])
        left = RecoveryCode.objects.filter(user=user).unused().count()
        record_audit(
            actor=user,
            action="two_factor.recovery_code_used",
            obj=used,
            after={"left": left},
        )
    return "recovery"


def recovery_codes_regenerate(*, user: User, code: str) -> list[str]:
    """Replace the user's recovery codes with ten new ones after a fresh code of their
    authenticator app (a stolen session alone cannot do it). Raises ValidationFailed (field
    ``code``) for a wrong code; the old codes stay valid then."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    typed = _digits(code)
    if device is None or not (typed.isdigit() and len(typed) in (6, 8)):
        raise _wrong_code()
    if (throttled := _throttled(device)) is not None:
        raise throttled
    if not _verify_totp(device.pk, typed):
        raise _wrong_code()
    with transaction.atomic():
        codes = _issue_recovery_codes(user)
        record_audit(
            actor=user, action="two_factor.recovery_codes", obj=device, after={"issued": 10}
        )
    return codes


@transaction.atomic
def two_factor_reset(*, actor: UserLike | None, user: User) -> int:
    """Remove a user's authenticators and recovery codes (a lost phone): they enrol again at
    their next sign-in. Province officers only; ``actor=None`` is the command line
    (``manage.py reset_two_factor``). Returns the number of authenticators removed."""
    if actor is not None and not actor_for(actor).is_province:
        raise permission_denied()
    devices = list(TOTPDevice.objects.filter(user=user))
    RecoveryCode.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    record_audit(
        actor=actor,
        action="two_factor.reset",
        obj=user,
        after={"devices": len(devices)},
    )
    return len(devices)
