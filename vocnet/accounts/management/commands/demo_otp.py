"""``manage.py demo_otp USERNAME``: the current code of a demo login's authenticator.

Only for the demo authenticators, whose secret is public anyway (``vocnet.accounts.demo_devices``);
every other device is refused, so the command never reveals a real second factor.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.demo_devices import is_demo_device


class Command(BaseCommand):
    help = "Print the current code of a demo login's authenticator (demo logins only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        device = (
            TOTPDevice.objects.filter(user__username=username, confirmed=True)
            .order_by("pk")
            .first()
        )
        if device is None or not is_demo_device(device):
            raise CommandError(
                f"{username}: 데모 인증 앱이 없습니다. 데모 계정(province, office, school, "
                f"school2)에만 쓸 수 있습니다. / {username} has no demo authenticator; this "
                "works for the demo logins (province, office, school, school2) only."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        now = time.time()
        totp.time = now
        code = f"{totp.token():0{device.digits}d}"
        if totp.t() <= device.last_t:
            # This code was used already (replay protection): give the next one, which the
            # server accepts too (one step of tolerance).
            totp.time = now + device.step
            code = f"{totp.token():0{device.digits}d}"
        left = device.step - int(now - device.t0) % device.step
        self.stdout.write(code)
        self.stderr.write(f"{username}: valid for about {left} s more (then the next code)")
