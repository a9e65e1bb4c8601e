"""The demo's second factor: the demo staff logins get an authenticator with one fixed,
public secret, so anyone trying the demo can sign in (``manage.py demo_otp USERNAME`` prints
the current code; the README gives the secret for an authenticator app).

DEMO ONLY: the secret is published, so these devices protect nothing. They are named as
demo devices in the product, and ``demo_otp`` refuses every device that is not one.
Listed in ``vocnet/demo/domains.py``; the secret and the device test are the accounts app's
(``vocnet/accounts/demo_devices.py``), since the product names demo devices too.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.demo_devices import (
    DEMO_DEVICE_NAME,
    DEMO_TOTP_KEY_HEX,
    DEMO_TOTP_USERNAMES,
)
from vocnet.accounts.selectors import requires_second_factor


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
