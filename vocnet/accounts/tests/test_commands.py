"""The demo's authenticators, ``demo_otp`` and ``reset_two_factor``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts.demo_devices import DEMO_TOTP_KEY_HEX, DEMO_TOTP_USERNAMES
from vocnet.accounts.models import RecoveryCode
from vocnet.core.models import AuditEvent
from vocnet.demo.accounts import load_accounts_demo, reset_accounts_demo
from vocnet.demo.registry import DEMO_PASSWORD, load_demo
from vocnet.testing import World
from vocnet.testing.accounts import give_authenticator

pytestmark = pytest.mark.django_db


def test_the_demo_staff_get_a_demo_authenticator_and_demo_otp_prints_a_working_code() -> None:
    # Given the small demo with its authenticators (loaded twice: idempotent)
    load_demo(scale=0.02)
    first, second = load_accounts_demo(), load_accounts_demo()
    devices = TOTPDevice.objects.filter(key=DEMO_TOTP_KEY_HEX, confirmed=True)

    # When demo_otp prints the province login's current code
    out = StringIO()
    call_command("demo_otp", "province", stdout=out, stderr=StringIO())
    client = Client()
    client.post("/accounts/login/", {"username": "province", "password": DEMO_PASSWORD})
    response = client.post("/accounts/login/verify/", {"code": out.getvalue().strip()})

    # Then the four staff logins have one each, labelled demo only, and the code signs in
    assert (first, second) == ({"demo authenticators": 4}, {"demo authenticators": 0})
    assert sorted(devices.values_list("user__username", flat=True)) == sorted(DEMO_TOTP_USERNAMES)
    assert all("demo only" in name for name in devices.values_list("name", flat=True))
    assert response.status_code == 302
    assert client.get("/api/me").json()["username"] == "province"

    # And the demo's reset removes them
    reset_accounts_demo()
    assert not TOTPDevice.objects.filter(key=DEMO_TOTP_KEY_HEX).exists()


def test_demo_otp_refuses_a_real_authenticator(world: World) -> None:
    # Given a user whose authenticator is not a demo one
    give_authenticator(world.user("school_staff_a"))

    # When demo_otp is asked for their code, it refuses
    with pytest.raises(CommandError, match="demo logins"):
        call_command("demo_otp", "school_staff_a", stdout=StringIO())


def test_reset_two_factor_removes_the_authenticator_and_codes(world: World) -> None:
    # Given staff with an authenticator and a recovery code
    user = world.user("school_staff_a")
    give_authenticator(user)
    RecoveryCode.objects.create(user=user, code_hash="0" * 64)

    # When the command resets their second factor
    call_command("reset_two_factor", "school_staff_a", stdout=StringIO())

    # Then both are gone (they enrol again at the next sign-in), and the reset is audited
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="two_factor.reset").count() == 1
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "school_staff_a", "password": "correct-horse-battery-9"}
    )
    assert response["Location"] == "/accounts/login/enrol/"


def test_the_readme_and_bin_demo_give_the_demo_secret() -> None:
    from pathlib import Path

    from vocnet.accounts.demo_devices import DEMO_TOTP_SECRET

    root = Path(__file__).resolve().parents[3]
    assert DEMO_TOTP_SECRET in (root / "README.md").read_text(encoding="utf-8")
    assert DEMO_TOTP_SECRET in (root / "bin" / "demo").read_text(encoding="utf-8")
