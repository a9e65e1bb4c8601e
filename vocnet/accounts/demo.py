"""The demo's second factor: the demo staff logins get an authenticator with one fixed,
public secret, so anyone trying the demo can sign in (``manage.py demo_otp USERNAME`` prints
the current code; the README gives the secret for an authenticator app).

DEMO ONLY: the secret is published, so these devices protect nothing. They are named as
demo devices in the product, and ``demo_otp`` refuses every device that is not one.
A VOCNET_DEMO_EXTENSIONS entry (``config/settings.py``).
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.selectors import requires_second_factor

DEMO_TOTP_KEY = b"vocnet-demo-2fa-only"
DEMO_TOTP_KEY_HEX = DEMO_TOTP_KEY.hex()
DEMO_TOTP_SECRET = b32encode(DEMO_TOTP_KEY).decode()  # what an authenticator app takes
DEMO_DEVICE_NAME = "데모 전용 인증 앱 (demo only — public secret)"
# The demo logins that need a second factor (see vocnet.demo.registry.summary.DEMO_USERNAMES).
DEMO_TOTP_USERNAMES = ("province", "office", "school", "school2")


def is_demo_device(device: TOTPDevice) -> bool:
    return device.key == DEMO_TOTP_KEY_HEX


@transaction.atomic
def load_accounts_demo(*, seed: int = 0, **_options: Any) -> dict[str, int]:
    """Give each demo staff login a confirmed authenticator with the demo secret (idempotent:
    a login that has one already keeps it, and its replay state)."""
    created = 0
    users = get_user_model().objects.filter(username__in=DEMO_TOTP_USERNAMES)
    for user in users:
        if not requires_second_factor(user, fresh=True):
            continue
        if TOTPDevice.objects.filter(user=user, key=DEMO_TOTP_KEY_HEX).exists():
            continue
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY_HEX, confirmed=True
        )
        created += 1
    return {"demo authenticators": created}


def reset_accounts_demo() -> None:
    """Remove the demo authenticators (the demo logins themselves go with the registry's
    reset)."""
    TOTPDevice.objects.filter(
        user__username__in=DEMO_TOTP_USERNAMES, key=DEMO_TOTP_KEY_HEX
    ).delete()
