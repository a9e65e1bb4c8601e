"""Signing in through the real form in a browser test, the second step included.

One helper for every app's browser journeys::

    from vocnet.core.tests.browser.login import log_in

    log_in(page, base_url, "province")                       # demo login, demo authenticator
    log_in(page, base_url, "province_officer", PASSWORD)     # a test persona: enrols first

After the password, staff land on the second step: the helper types the current code of the
authenticator (computed from the known secret with django-otp's TOTP functions). A persona
without an authenticator lands on the enrolment page: the helper reads the secret shown
there, enrols with a code, and continues past the recovery codes. A code is accepted once
only (replay protection), so when the same user signs in twice within one 30-second step the
helper types the next step's code, which the server's one-step tolerance accepts, or waits.

The helper runs in Playwright's thread and never touches the database.
"""

from __future__ import annotations

import re
import time
from base64 import b32decode
from typing import Any

from vocnet.accounts.demo_devices import DEMO_TOTP_KEY
from vocnet.demo.registry import DEMO_PASSWORD
from vocnet.testing.accounts import STEP, time_step, totp_code

_AFTER_PASSWORD = re.compile(r"/accounts/login/(verify|enrol)/|^(?!.*/accounts/login/)")
# username → key learnt at enrolment, and the last time step whose code was typed.
_keys: dict[str, bytes] = {}
_used_steps: dict[str, int] = {}


def forget_used_codes() -> None:
    """Call when the database starts afresh (new authenticators, no code used yet)."""
    _keys.clear()
    _used_steps.clear()


def next_code(username: str, key: bytes) -> str:
    """The code to type now for ``username``: the current step's, or the next step's when the
    current one was used already; waits when even that one was used."""
    step = max(time_step(), _used_steps.get(username, -1) + 1)
    while step > time_step() + 1:
        time.sleep(max(0.2, (time_step() + 1) * STEP - time.time()))
    _used_steps[username] = step
    return totp_code(key, at=step * STEP)


def _second_step(page: Any, username: str, key: bytes, axe: Any) -> None:
    if axe is not None:
        axe.check(page, "second factor")
    page.locator("#id_code").fill(next_code(username, key))
    page.locator("main form button[type=submit]").click()


def _enrol(page: Any, username: str, axe: Any) -> None:
    if axe is not None:
        axe.check(page, "enrol")
    secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")
    key = b32decode(secret)
    _keys[username] = key
    page.locator("#id_code").fill(next_code(username, key))
    page.locator("main form button[type=submit]").click()
    page.locator("[data-recovery-codes]").wait_for()
    if axe is not None:
        axe.check(page, "recovery codes")
    page.locator("main a.krds-btn").click()


def log_in(
    page: Any,
    base_url: str,
    username: str,
    password: str = DEMO_PASSWORD,
    *,
    totp_key: bytes = DEMO_TOTP_KEY,
    axe: Any = None,
) -> None:
    """Sign ``username`` in through the form and land where the sign-in sends them (the home
    page unless a ``next`` was given). ``totp_key`` is the authenticator's secret for staff
    who have one (the demo's by default); ``axe`` (an AxeReport) checks each page on the way."""
    page.goto(f"{base_url}/accounts/login/")
    if axe is not None:
        axe.check(page, "login")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(_AFTER_PASSWORD)
    if "/accounts/login/enrol/" in page.url:
        _enrol(page, username, axe)
    elif "/accounts/login/verify/" in page.url:
        _second_step(page, username, _keys.get(username, totp_key), axe)
    page.wait_for_url(re.compile(r"^(?!.*/accounts/login/)"))
