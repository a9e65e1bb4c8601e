"""The notification centre in real Chromium on the small demo (issue 15 §5): a guardian sees
the unread count in the header, opens the notice and lands on its page, chooses e-mail per
kind; a school's staff cannot turn the safety notices off, and nothing changes when refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from vocnet.core.tests.browser.login import log_in

if TYPE_CHECKING:
    from vocnet.core.tests.browser.conftest import AxeReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
Screenshot = Callable[[Any, str], None]
InBrowser = Callable[[Callable[[Any], Any]], Any]
TITLE = "실습 시간 위반: 합성 데모 학생 (3월 4일 9시간)"


def test_a_guardian_reads_a_notice_and_chooses_email_staff_keep_safety_notices(
    demo_server: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from django.contrib.auth import get_user_model

    from vocnet.notifications.models import NotificationKind, NotificationPreference
    from vocnet.notifications.services import Message, notify

    users = get_user_model().objects
    guardian, school = users.get(username="guardian"), users.get(username="school")
    # Given a breach in the diary, told to the guardian and the school (as the diary does)
    notify(
        recipient_ids=[guardian.pk, school.pk],
        message=Message(
            kind=NotificationKind.DIARY_BREACH,
            title_ko=TITLE,
            title_en="Hours breach: synthetic demo student (4 March, 9 hours)",
            url="/placements/placements/",
        ),
        key="browser-centre:breach",
    )

    def guardian_journey(page: Any) -> None:
        log_in(page, demo_server, "guardian")
        # The header shows one unread notice
        bell = page.locator("header a[href='/notifications/']")
        expect(bell.locator(".vn-badge")).to_have_text("1")
        bell.click()
        page.wait_for_load_state()
        expect(page.locator("main h1")).to_have_text("알림")
        axe.check(page, "notification centre")
        screenshot(page, "guardian-1366-notifications")

        # Opening it marks it read and leads to the placement it is about
        page.get_by_role("button", name=TITLE).click()
        page.wait_for_load_state()
        assert page.url.endswith("/placements/placements/")
        expect(page.locator("header a[href='/notifications/'] .vn-badge")).to_have_count(0)

        # E-mail per kind: the guardian turns the round results off
        page.goto(f"{demo_server}/notifications/preferences/")
        page.locator("label[for='email-round_result']").click()
        expect(page.locator("#email-round_result")).not_to_be_checked()
        page.get_by_role("button", name="저장").click()
        page.wait_for_load_state()
        expect(page.locator("main [role=status]")).to_contain_text("저장했습니다")
        expect(page.locator("#email-round_result")).not_to_be_checked()
        axe.check(page, "notification preferences")

    def staff_journey(page: Any) -> None:
        log_in(page, demo_server, "school")
        page.goto(f"{demo_server}/notifications/preferences/")
        # A school's staff tries to turn the hours breaches off, and the sign-in request too
        page.locator("label[for='email-diary_breach']").click()
        page.locator("label[for='email-signature_request']").click()
        page.get_by_role("button", name="저장").click()
        page.wait_for_load_state()
        expect(page.locator("main [role=status]")).to_contain_text("안전 알림")
        axe.check(page, "refused preferences")
        screenshot(page, "school-1366-notification-preferences-refused")

    in_browser(guardian_journey)
    in_browser(staff_journey)

    # Then the guardian's choice is kept, and nothing of the refused form was written
    assert NotificationPreference.objects.get(user=guardian, kind="round_result").email is False
    assert not NotificationPreference.objects.filter(user=school).exists()
    axe.assert_clean()
