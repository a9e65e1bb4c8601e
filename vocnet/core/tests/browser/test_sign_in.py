"""The second factor and the access log in real Chromium, with axe-core on every page:
first sign-in enrols an authenticator (QR code, secret, recovery codes); a replayed code is
refused; the province searches the access log. See ADR 0008."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from vocnet.core.tests.browser.login import _keys, _used_steps, log_in, next_code
from vocnet.demo.registry import DEMO_PASSWORD
from vocnet.testing.accounts import STEP, totp_code

if TYPE_CHECKING:
    from vocnet.core.tests.browser.conftest import AxeReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
InBrowser = Callable[[Callable[[Any], None]], None]


def test_first_sign_in_enrols_and_a_replayed_code_is_refused(
    demo_server: str, in_browser: InBrowser, axe: AxeReport
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Given the school2 login without an authenticator (as a new member of staff)
    TOTPDevice.objects.filter(user__username="school2").delete()

    def journey(page: Any) -> None:
        # When they sign in for the first time, enrolling on the way (login.py reads the
        # secret shown and types the app's code), then sign out
        log_in(page, demo_server, "school2", axe=axe)
        expect(page.locator("h1")).to_have_text("우리 학교")
        page.locator("form[action$='/accounts/logout/'] button").click()
        page.wait_for_url(re.compile(r"/accounts/login/"))

        # and sign in again typing the code they used a moment ago
        used = totp_code(_keys["school2"], at=_used_steps["school2"] * STEP)
        page.locator("#id_username").fill("school2")
        page.locator("#id_password").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/accounts/login/verify/"))
        page.locator("#id_code").fill(used)
        page.locator("main form button[type=submit]").click()

        # Then that code is refused, the next one lets them in (after django-otp's one-second
        # pause that follows a wrong code)
        expect(page.locator(".form-hint-invalid")).to_contain_text("이미 사용한 코드")
        page.wait_for_timeout(1200)
        page.locator("#id_code").fill(next_code("school2", _keys["school2"]))
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{demo_server}/")

        # and their security page shows the second factor in use and ten recovery codes
        page.goto(f"{demo_server}/accounts/security/")
        expect(page.locator("main")).to_contain_text("사용 중")
        expect(page.locator("main")).to_contain_text("10개")
        axe.check(page, "security")
        axe.assert_clean()

    in_browser(journey)


def test_the_province_searches_the_access_log(
    demo_server: str, in_browser: InBrowser, axe: AxeReport
) -> None:
    from vocnet.registry.models import Student

    # Given the demo student's record, opened by their guardian (a view in the log)
    name = Student.objects.get(user__username="student").name

    def journey(page: Any) -> None:
        log_in(page, demo_server, "guardian", axe=axe)
        page.locator("form[action$='/accounts/logout/'] button").click()
        page.wait_for_url(re.compile(r"/accounts/login/"))

        # When the province officer opens the access log and searches the student's name
        log_in(page, demo_server, "province", axe=axe)
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="접속기록").click()
        page.wait_for_url(f"{demo_server}/privacy/access-log/")
        axe.check(page, "access log")
        page.locator("#id_subject").fill(name)
        page.get_by_role("button", name="검색").click()

        # Then the guardian's view is listed, and the name never entered the address
        rows = page.locator("#results tbody tr")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("guardian")
        expect(rows.first).to_contain_text(name)
        assert name not in page.url
        axe.check(page, "access log search")
        axe.assert_clean()

    in_browser(journey)
