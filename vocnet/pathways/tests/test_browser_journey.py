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

from vocnet.core.tests.browser.conftest import AxeReport
from vocnet.core.tests.browser.login import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
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
        # (the answer becomes events: a job needs "first job?", studying its route)
        page.locator("#id_same_employer").select_option("true")
        page.locator("#id_route").select_option("open_cyber")
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


def test_the_employment_teacher_finds_eligible_graduates_and_a_graduate_sees_theirs(
    pathways_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    """Issue 18 §3: the school's employment teacher finds who may claim support now or soon;
    a graduate signed in with their student record's login sees their own, at a desktop's
    and a phone's width."""
    from playwright.sync_api import expect

    from vocnet.pathways.models import GraduateDestination
    from vocnet.registry.models import Student

    base = pathways_demo

    def teacher(page: Any) -> None:
        page.set_viewport_size({"width": 1366, "height": 900})
        # Given the school's staff on the destinations page
        log_in(page, base, "school", axe=axe)
        page.goto(f"{base}/pathways/")
        # When they open "support graduates may claim" and ask for "eligible now"
        page.get_by_role("link", name="받을 수 있는 지원").click()
        expect(page.locator("h1")).to_contain_text("받을 수 있는 지원")
        page.locator("#id_status").select_option("eligible")
        page.get_by_role("button", name="보기", exact=True).click()
        # Then graduates are listed with the support they may claim, marked unverified
        rows = page.locator("main table tbody tr")
        expect(rows.first).to_contain_text("지금 신청 가능")
        expect(page.locator("main")).to_contain_text("출처 원문 미확인")
        expect(page.locator("main")).to_contain_text("합성")
        axe.check(page, "eligibility list")
        screenshot(page, "pathways-5-eligibility-list")
        # and "reaching soon" lists those whose day is near (the small demo may have none)
        page.locator("#id_status").select_option("soon")
        page.get_by_role("button", name="보기", exact=True).click()
        expect(page.locator("main table tbody tr").first).to_contain_text(
            re.compile("곧 도달|조건에 맞는 졸업생이 없습니다")
        )
        expect(page.locator("#id_status")).to_have_value("soon")
        # and a graduate's pathway page says why, with the day reached
        page.locator("#id_status").select_option("eligible")
        page.get_by_role("button", name="보기", exact=True).click()
        page.locator("main table tbody tr th a").first.click()
        expect(page.locator("#eligibility-heading")).to_be_visible()
        expect(page.locator("main")).to_contain_text("재직자 특별전형 지원 자격")
        axe.check(page, "pathway with eligibility")
        axe.assert_clean()

    in_browser(teacher)

    # Given the demo student's login linked, as a graduate's, to a working graduate of their
    # school
    student = Student.objects.get(user__username="student")
    graduate = (
        GraduateDestination.objects.filter(
            department__school=student.school,
            events__kind="hired",
            pathway_status="employed",
            student__isnull=True,
        )
        .order_by("-graduation_year", "pk")
        .first()
    )
    assert graduate is not None
    graduate.student = student
    graduate.save(update_fields=["student"])
    department_name = graduate.department.name_ko

    def graduate_journey(page: Any) -> None:
        for width, height in ((1366, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            if width == 1366:
                log_in(page, base, "student", axe=axe)
            # When they follow "my eligibility" from the home
            page.goto(f"{base}/")
            page.get_by_role("link", name="내가 받을 수 있는 지원").first.click()
            # Then they see their own verdicts, the day reached and the unverified mark
            expect(page.locator("h1")).to_contain_text("내가 받을 수 있는 지원")
            expect(page.locator("main")).to_contain_text("고졸 취업연계 장려금 (1차, 3개월)")
            expect(page.locator("main")).to_contain_text("출처 원문 미확인")
            expect(page.locator("main")).to_contain_text(department_name)
            # the page fits the phone's width (wide tables scroll inside their frame)
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - window.innerWidth"
            )
            assert overflow <= 1, f"{overflow}px wider than the {width}px window"
            page.goto(f"{base}/pathways/eligibility/mine/?width={width}")
            axe.check(page, f"my eligibility at {width}px")
            screenshot(page, f"pathways-6-my-eligibility-{width}")
        axe.assert_clean()

    in_browser(graduate_journey)
