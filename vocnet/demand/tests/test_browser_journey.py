"""Browser journey through the demand pages in Debian's Chromium, with axe-core on every
page: the province officer reads the gap on the tile map, drills down to the schools and
companies behind a shortage, plans a scenario for one support office and compares it with a
saved one; a school's staff then read the recommendation for their own departments and
where their past graduates went."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

# The fixtures (in_browser, axe, screenshot, demo_server) come from vocnet/core/tests/browser
# through this directory's conftest.py.
from vocnet.core.tests.browser.conftest import AxeReport
from vocnet.core.tests.browser.login import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
Screenshot = Callable[[Any, str], None]
InBrowser = Callable[[Callable[[Any], Any]], Any]
SIHEUNG = "41390"


@pytest.fixture
def demand_demo(demo_server: str) -> str:
    """The small demo with its demand (declarations, three scenarios) and the destinations of
    its last three graduating classes."""
    from vocnet.demo.demand import load_demand_demo
    from vocnet.demo.pathways import load_pathways_demo

    load_demand_demo()
    load_pathways_demo()
    return demo_server


def test_gap_tile_map_drilldown_planner_and_comparison_then_a_schools_recommendations(
    demand_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from playwright.sync_api import expect

    from vocnet.demand.models import Scenario, ScenarioRecommendation
    from vocnet.registry.models import Membership

    base = demand_demo
    school = Membership.objects.select_related("organisation").get(user__username="school")
    saved = Scenario.objects.order_by("pk").first()
    assert saved is not None

    def planner(page: Any) -> str:
        # Given the province officer signed in, on the gap page from the header
        log_in(page, base, "province", axe=axe)
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="인력 수급").click()
        page.wait_for_url(f"{base}/demand/")
        expect(page.locator(".vn-tilemap .vn-tile")).to_have_count(31)
        expect(page.get_by_role("heading", name="분야별 과거 졸업생 진로")).to_be_visible()
        axe.check(page, "gap")
        screenshot(page, "demand-1-gap")

        # When they pick 시흥시 on the tile map, the figures narrow to it
        page.locator(".vn-tilemap .vn-tile", has_text="시흥시").click()
        page.wait_for_url(re.compile(rf"region={SIHEUNG}"))
        expect(page.locator("#id_region")).to_have_value(SIHEUNG)
        axe.check(page, "gap 시흥")

        # and open the figure behind the first row of the table
        page.locator("#results table tbody tr td a").first.click()
        page.wait_for_url(re.compile(r"/demand/drilldown/\?"))
        expect(page.locator("h1")).to_contain_text("수치의 근거")
        expect(page.get_by_role("heading", name="졸업생을 내는 학과")).to_be_visible()
        axe.check(page, "drilldown")
        screenshot(page, "demand-2-drilldown")

        # When they plan a scenario for the 시흥 office's schools
        page.goto(f"{base}/demand/scenarios/")
        page.get_by_role("link", name="새 시나리오").click()
        page.wait_for_url(f"{base}/demand/scenarios/new/")
        axe.check(page, "scenario form")
        page.locator("#id_name").fill("브라우저 시흥안")
        page.locator("#id_support_office").select_option(label="경기도시흥교육지원청")
        page.locator("#id_total_change_percent").fill("15")
        page.get_by_role("button", name="저장하고 계산").click()
        page.wait_for_url(re.compile(r"/demand/scenarios/\d+/$"))

        # Then the plan is shown, department by department, each explained in a sentence
        expect(page.locator("h1")).to_have_text("브라우저 시흥안")
        expect(page.locator(".vn-dl").first).to_contain_text("경기도시흥교육지원청 관할 학교")
        expect(page.locator("table.vn-plan tbody tr").first).to_be_visible()
        expect(page.locator(".vn-messages")).to_contain_text("계획을 계산했습니다")
        # (checked without the one-off message: templates/includes/messages.html gives its
        # <ul> role=status, which axe reports as list items outside a list — reported)
        page.reload()
        axe.check(page, "scenario")
        screenshot(page, "demand-3-scenario")
        planned = page.url

        # When they compare it with the province's first saved scenario
        page.goto(f"{base}/demand/scenarios/")
        scenario_id = planned.rstrip("/").rsplit("/", 1)[1]
        # (KRDS draws the box on the label, as a mouse user sees it)
        for pk in (scenario_id, saved.pk):
            page.locator(f"label[for='compare-{pk}']").click()
            expect(page.locator(f"#compare-{pk}")).to_be_checked()
        page.get_by_role("button", name=re.compile("고른 시나리오 비교")).click()
        page.wait_for_url(re.compile(r"/demand/scenarios/compare/\?"))

        # Then both stand side by side with their scopes and the departments that differ
        expect(page.locator("h1")).to_have_text("시나리오 비교")
        expect(page.locator("table.vn-compare").first).to_contain_text("경기도 전체")
        expect(page.locator("table.vn-compare").first).to_contain_text("경기도시흥교육지원청")
        expect(page.get_by_role("heading", name=re.compile("권고가 다른 학과"))).to_be_visible()
        axe.check(page, "compare")
        screenshot(page, "demand-4-compare")
        axe.assert_clean()
        return scenario_id

    scenario_id = int(in_browser(planner))
    created = Scenario.objects.get(pk=scenario_id)
    assert created.support_office is not None
    assert created.support_office.name_ko == "경기도시흥교육지원청"
    own = ScenarioRecommendation.objects.filter(
        department__school_id=school.organisation_id
    ).exclude(action="keep")
    sentence = own.order_by("pk").values_list("explanation_ko", flat=True).first()

    def school_staff(page: Any) -> None:
        # When the school's staff open their recommendations from the scenarios page
        log_in(page, base, "school", axe=axe)
        page.goto(f"{base}/demand/scenarios/")
        page.get_by_role("link", name="우리 학교 학과별 권고").click()
        page.wait_for_url(f"{base}/demand/recommendations/")

        # Then they read their own departments' recommendations with the sentences
        expect(page.locator("h1")).to_have_text("우리 학교 학과별 권고")
        rows = page.locator("table.vn-plan tbody tr")
        expect(rows.first).to_be_visible()
        expect(rows.locator("th").filter(has_not_text=school.organisation.name_ko)).to_have_count(0)
        if sentence:
            expect(page.locator("table.vn-plan")).to_contain_text(sentence[:40])
        axe.check(page, "school recommendations")
        screenshot(page, "demand-5-school-recommendations")

        # and where their past graduates went, labelled as demo records
        page.goto(f"{base}/pathways/")
        expect(page.locator("h1")).to_have_text("졸업생 진로")
        expect(page.locator("main")).to_contain_text("2023, 2024, 2025년 졸업")
        expect(page.locator("main .vn-badge-synthetic").first).to_be_visible()
        axe.check(page, "school pathways")
        screenshot(page, "demand-6-school-pathways")
        axe.assert_clean()

    in_browser(school_staff)
