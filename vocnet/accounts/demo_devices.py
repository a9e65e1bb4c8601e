"""The demo's authenticators, as the product knows them: one fixed, public secret.

DEMO ONLY: the secret is published, so these devices protect nothing. They are named as
demo devices in the product (the security page shows the secret beside them), and
``manage.py demo_otp`` refuses every device that is not one. ``vocnet/demo/accounts.py``
gives the demo staff logins such a device.
"""

from __future__ import annotations

from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

DEMO_TOTP_KEY = b"vocnet-demo-2fa-only"
DEMO_TOTP_KEY_HEX = DEMO_TOTP_KEY.hex()
DEMO_TOTP_SECRET = b32encode(DEMO_TOTP_KEY).decode()  # what an authenticator app takes
DEMO_DEVICE_NAME = "데모 전용 인증 앱 (demo only — public secret)"
# The demo logins that need a second factor (see vocnet.demo.registry.summary.DEMO_USERNAMES).
DEMO_TOTP_USERNAMES = ("province", "office", "school", "school2")


def is_demo_device(device: TOTPDevice) -> bool:
    return device.key == DEMO_TOTP_KEY_HEX
