"""Test helpers of the second factor: an authenticator with a known secret, and its codes.

Used by the tests of this app, by ``vocnet.testing.sign_in`` (indirectly, through the
session mark) and by the browser sign-in helper (``vocnet.core.tests.browser.login``), which
types real codes into the real form.
"""

from __future__ import annotations

import time
from typing import Any

from django_otp.oath import TOTP

from vocnet.core.users import UserLike

TEST_TOTP_KEY = b"vocnet-tests-totp-01"
STEP = 30


def totp_code(key: bytes, *, at: float | None = None, steps_ahead: int = 0) -> str:
    """The 6-digit code of ``key`` at ``at`` (default now), ``steps_ahead`` 30-s steps on."""
    totp = TOTP(key, STEP, 0, 6, 0)
    totp.time = (time.time() if at is None else at) + steps_ahead * STEP
    return f"{totp.token():06d}"


def time_step(at: float | None = None) -> int:
    return int(time.time() if at is None else at) // STEP


def give_authenticator(user: UserLike, key: bytes = TEST_TOTP_KEY) -> Any:
    """A confirmed TOTP authenticator with a known secret for ``user``."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(
        user=user, name="test authenticator", key=key.hex(), confirmed=True
    )
