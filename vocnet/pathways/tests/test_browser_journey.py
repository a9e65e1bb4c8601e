"""Browser journey through the pathway pages in Debian's Chromium, with axe-core on every page
(issue 18): a school's employment teacher records an event of a graduate, makes the 6-month
survey link and reads the indicators; the graduate answers through the link without signing
in; the city's officer reads its region page, which names no student; a member of the public
reads the open data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from vocnet.core.tests.browser.conftest import AXE_SCRIPT, CHROMIUM, AxeReport
from vocnet.core.tests.browser.login import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not (CHROMIUM.exists() and AXE_SCRIPT.exists()),
        reason=f"Chromium ({CHROMIUM}) or axe-core ({AXE_SCRIPT}) is missing",
    ),
]
Screenshot = Callable[[Any, str], None]
InBrowser = Callable[[Callable[[Any], Any]], Any]


@pytest.fixture
def pathways_demo(demo_server: str) -> str:
    from vocnet.demo.pathways import load_pathways_demo

    load_pathways_demo()
    return demo_server


def test_teacher_graduate_city_officer_and_public(
    pathways_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from playwright.sync_api import expect

    from vocnet.pathways.models import FollowUpSurvey
    from vocnet.registry.models import Student

    base = pathways_demo

    def teacher(page: Any) -> None:
        # Given the school's staff on the destinations page
        log_in(page, base, "school", axe=axe)
        page.goto(f"{base}/pathways/")
        # When they open a graduate and record an enrolment on an open-university route
        page.locator("main table tbody tr td a").first.click()
        expect(page.locator("h1")).to_contain_text("진로 이력")
        axe.check(page, "pathway")
        page.locator("#id_kind").select_option("enrolled")
        page.locator("#id_occurred_on").fill("2025-09-01")
        page.locator("#id_route").select_option("open_cyber")
        page.get_by_role("button", name="기록", exact=True).click()
        expect(page.locator("main")).to_contain_text("진로 이력을 기록했습니다.")
        # and make the 6-month survey link to copy
        page.get_by_role("button", name="6개월 조사 링크 만들기").click()
        expect(page.locator("input[readonly]").first).to_have_value(
            re.compile(r"/pathways/survey/")
        )
        axe.check(page, "pathway with survey")
        screenshot(page, "pathways-1-graduate")
        # Then the indicators show the national definition with its source
        page.goto(f"{base}/pathways/indicators/")
        expect(page.locator("main")).to_contain_text("직업계고 졸업자 취업통계")
        axe.check(page, "indicators")
        screenshot(page, "pathways-2-indicators")
        axe.assert_clean()

    in_browser(teacher)
    token = FollowUpSurvey.objects.values_list("token", flat=True).first()
    assert token

    def graduate(page: Any) -> None:
        page.goto(f"{base}/pathways/survey/{token}/")
        axe.check(page, "survey")
        page.locator("label", has_text="일하며 공부하고 있음").click()
        page.get_by_role("button", name="보내기").click()
        expect(page.locator("main")).to_contain_text("응답을 저장했습니다")
        axe.assert_clean()

    in_browser(graduate)
    names = list(Student.objects.values_list("name", flat=True)[:200])

    def city_officer(page: Any) -> None:
        log_in(page, base, "localgov", axe=axe)
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="지역 현황").click()
        expect(page.locator("h1")).to_contain_text("지역 현황")
        text = page.locator("main").inner_text()
        assert not [name for name in names if name and name in text]
        axe.check(page, "local region")
        screenshot(page, "pathways-3-local-region")
        axe.assert_clean()

    in_browser(city_officer)

    def public(page: Any) -> None:
        page.goto(f"{base}/open/pathways/")
        expect(page.locator("main")).to_contain_text("공공누리 제1유형")
        page.get_by_role("link", name="지역(시군)별").click()
        expect(page.locator("main table").first).to_be_visible()
        axe.check(page, "open data")
        screenshot(page, "pathways-4-open-data")
        axe.assert_clean()

    in_browser(public)
