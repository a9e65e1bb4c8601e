"""Browser journey of a 학과 개편 신청 in Debian's Chromium, axe-core on every page: a school's
staff file a proposal with its evidence attached, the support office forwards it, and the
province approves it; each reads the same proposal at its own step (issue 17 §4)."""

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
def demand_demo(demo_server: str) -> str:
    from vocnet.demo.demand import load_demand_demo

    load_demand_demo()
    return demo_server


def test_a_school_proposes_the_office_forwards_and_the_province_approves(
    demand_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from django.utils import timezone
    from playwright.sync_api import expect

    from vocnet.demand.models import ProposalStatus, RestructuringProposal
    from vocnet.demand.supply import current_school_year
    from vocnet.registry.models import Department, Membership

    base = demand_demo
    school = Membership.objects.get(user__username="school").organisation_id
    department = Department.objects.filter(school_id=school, is_active=True).order_by("pk").first()
    assert department is not None
    # The demo's own proposal holds next year; this one is for the year after.
    year = current_school_year(timezone.localdate()) + 2

    def school_staff(page: Any) -> str:
        log_in(page, base, "school", axe=axe)
        page.goto(f"{base}/demand/proposals/")
        axe.check(page, "proposals")
        page.get_by_role("link", name="개편 신청하기").click()
        page.wait_for_url(f"{base}/demand/proposals/new/")
        axe.check(page, "proposal form")
        page.locator("#id_kind").select_option("grow")
        page.locator("#id_department").select_option(str(department.pk))
        page.locator("#id_proposed_intake").fill(str(department.intake_capacity + 2))
        page.locator("#id_start_year").fill(str(year))
        page.locator("#id_reason").fill("지역 기업의 채용 수요가 늘어 정원을 2명 늘리고자 합니다.")
        page.get_by_role("button", name="신청하기").click()
        page.wait_for_url(re.compile(r"/demand/proposals/\d+/$"))
        expect(page.locator("main")).to_contain_text("교육지원청 검토 중")
        expect(page.get_by_role("heading", name="수급 근거(신청할 때 저장)")).to_be_visible()
        page.reload()
        axe.check(page, "proposal (school)")
        screenshot(page, "proposal-1-school")
        axe.assert_clean()
        return str(page.url)

    url = str(in_browser(school_staff))

    def office(page: Any) -> None:
        log_in(page, base, "office", axe=axe)
        page.goto(url)
        axe.check(page, "proposal (office)")
        page.locator("#id_note").fill("증원 근거를 확인했습니다.")
        page.locator("label[for='confirm-review']").click()
        page.get_by_role("button", name="도교육청에 올리기").click()
        page.wait_for_url(url)
        expect(page.locator("main")).to_contain_text("도교육청 심사 중")
        screenshot(page, "proposal-2-office")

    in_browser(office)

    def province(page: Any) -> None:
        log_in(page, base, "province", axe=axe)
        page.goto(url)
        axe.check(page, "proposal (province)")
        page.locator("#id_reason").fill("지역 수요와 맞아 승인합니다.")
        page.locator("label[for='confirm-decision']").click()
        page.get_by_role("button", name="승인", exact=True).click()
        page.wait_for_url(url)
        expect(page.locator("main")).to_contain_text(f"{year}학년도가 시작되면 반영")
        page.reload()
        axe.check(page, "proposal approved")
        screenshot(page, "proposal-3-approved")
        axe.assert_clean()

    in_browser(province)
    proposal = RestructuringProposal.objects.get(start_year=year, school_id=school)
    assert proposal.status == ProposalStatus.APPROVED
    assert proposal.office_note == "증원 근거를 확인했습니다."
