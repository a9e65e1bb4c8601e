"""Every demo role's journey in real Chromium, with axe-core on every page visited.

Log in through the form, reach the role's home page, open the directory from the header,
filter it (htmx; the address keeps the filters), open a result, switch to English and
back, log out. A second test walks the page with the keyboard only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from vocnet.core.tests.browser.login import log_in
from vocnet.demo.registry import DEMO_PASSWORD

if TYPE_CHECKING:
    from vocnet.core.tests.browser.conftest import AxeReport

# Skipped, with the reason, where Chromium or axe-core is missing (see conftest.py).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
Screenshot = Callable[[Any, str], None]
InBrowser = Callable[[Callable[[Any], None]], None]

# Every demo login and the heading of the home page it lands on.
HOME_HEADINGS = {
    "province": "경기도 직업교육 현황",
    "office": "관할 지역 직업교육 현황",
    "school": "우리 학교",
    "school2": "우리 학교",
    "company": "우리 기업",
    "localgov": "협력 현황",
    "university": "협력 현황",
    "student": "나의 학적 정보",
    "guardian": "자녀의 학적 정보",
}
SIHEUNG = "41390"


def _assert_styled_in_korean_font(page: Any) -> None:
    """KRDS's stylesheet applied and Pretendard GOV loaded: Korean never falls back to tofu."""
    state = page.evaluate(
        """async () => {
            await document.fonts.ready;
            const krds = [...document.styleSheets].find(
                s => s.href && s.href.includes("/vendor/krds/css/component/output.css"));
            return {
                krdsRules: krds ? krds.cssRules.length : 0,
                fontLoaded: [...document.fonts].some(
                    f => f.family.replaceAll('"', "") === "Pretendard GOV"
                         && f.status === "loaded"),
                fontCheck: document.fonts.check('16px "Pretendard GOV"', "경기"),
            };
        }"""
    )
    assert state["krdsRules"] > 100, state
    assert state["fontLoaded"], state
    assert state["fontCheck"], state


def _assert_no_sideways_scrolling(page: Any, label: str) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{label} ({page.url}) scrolls sideways: {width}"


def _log_in(page: Any, base_url: str, username: str, axe: AxeReport) -> None:
    # Through the real form; staff type their demo authenticator's code (login.py).
    log_in(page, base_url, username, DEMO_PASSWORD, axe=axe)
    assert page.url == f"{base_url}/"


# Every role on a 1366-pixel desktop; the student and the guardian on a 390 × 844 phone too
# (issue 16 §5). Screenshots are named <login>-<width>-….
SCREENS = {1366: {"width": 1366, "height": 768}, 390: {"width": 390, "height": 844}}
JOURNEYS = [(username, 1366) for username in HOME_HEADINGS] + [
    ("student", 390),
    ("guardian", 390),
]


@pytest.mark.parametrize(("username", "width"), JOURNEYS)
def test_each_role_logs_in_filters_the_directory_opens_a_school_switches_language_and_logs_out(
    demo_server: str,
    in_browser: InBrowser,
    axe: AxeReport,
    screenshot: Screenshot,
    username: str,
    width: int,
) -> None:
    def journey(page: Any) -> None:
        # Given the small Gyeonggi demo, the role's login and its screen
        page.set_viewport_size(SCREENS[width])
        shot = f"{username}-{width}"
        # When the user signs in through the form
        _log_in(page, demo_server, username, axe)

        # Then the role's home page greets them, styled by KRDS in the Korean web font
        expect(page.locator("h1")).to_have_text(HOME_HEADINGS[username])
        expect(page.locator("html")).to_have_attribute("lang", "ko")
        _assert_styled_in_korean_font(page)
        axe.check(page, "home")
        screenshot(page, f"{shot}-1-home")
        _assert_no_sideways_scrolling(page, "home")

        # When they open the directory from the header (on a phone, behind the menu button)
        if width < 768:
            page.locator(".vn-menu-toggle").click()
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="기관 찾기").click()
        page.wait_for_url(f"{demo_server}/directory/")
        expect(page.locator("h1")).to_have_text("기관 찾기")
        axe.check(page, "directory")

        # and filter it to the schools of 시흥시: htmx swaps the results in place
        page.locator("#id_kind").select_option("school")
        expect(page).to_have_url(re.compile(r"kind=school"))
        page.locator("#id_region").select_option(SIHEUNG)

        # Then the address keeps both filters and every result is a school in 시흥시
        expect(page).to_have_url(re.compile(rf"kind=school.*region={SIHEUNG}"))
        assert f"region={SIHEUNG}" in page.url
        rows = page.locator("#results table tbody tr")
        expect(rows.first).to_be_visible()
        expect(rows.locator("td:nth-child(2)").filter(has_not_text="직업계고")).to_have_count(0)
        expect(rows.locator("td:nth-child(3)").filter(has_not_text="시흥시")).to_have_count(0)
        # the results heading takes focus, so screen readers hear the new count
        expect(page.locator("[data-results-heading]")).to_be_focused()
        axe.check(page, "directory filtered")
        screenshot(page, f"{shot}-2-directory")
        _assert_no_sideways_scrolling(page, "directory")

        # When they open the first result
        first = page.locator("#results table tbody tr th a").first
        name = first.inner_text()
        first.click()
        page.wait_for_url(re.compile(r"/organisations/\d+/$"))

        # Then its page shows that organisation
        expect(page.locator("h1")).to_have_text(name)
        axe.check(page, "detail")
        screenshot(page, f"{shot}-3-detail")
        _assert_no_sideways_scrolling(page, "detail")

        # When they switch to English, the same page comes back in English; and back to Korean
        detail_url = page.url
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert page.url == detail_url
        axe.check(page, "detail (en)")
        screenshot(page, f"{shot}-4-detail-en")
        _assert_no_sideways_scrolling(page, "detail (en)")
        page.get_by_role("button", name="한국어").click()
        expect(page.locator("html")).to_have_attribute("lang", "ko")

        # When they log out, they are back at the sign-in page
        page.locator("form[action$='/accounts/logout/'] button").click()
        page.wait_for_url(re.compile(r"/accounts/login/"))
        expect(page.locator("h1")).to_have_text("로그인")
        expect(page.locator("#id_username")).to_be_visible()

        # And axe-core found nothing serious or critical on any of those pages
        axe.assert_clean()

    in_browser(journey)


def test_province_officer_drills_down_from_the_tile_map_to_a_region_and_its_support_office(
    demo_server: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    def journey(page: Any) -> None:
        # Given the province officer signed in
        _log_in(page, demo_server, "province", axe)

        # When they open the province overview from the header
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="도 현황").click()
        page.wait_for_url(f"{demo_server}/overview/")

        # Then the tile map shows the 31 시·군 and the table repeats them for screen readers
        expect(page.locator(".vn-tilemap .vn-tile")).to_have_count(31)
        # (the table is found by its caption, as a screen reader names it)
        region_table = page.get_by_role("table", name=re.compile(r"^시·군별"))
        expect(region_table.locator("tbody tr")).to_have_count(31)
        _assert_styled_in_korean_font(page)
        # and a link in the content looks like a link, not like the text around it (WCAG 1.4.1)
        region_link = region_table.locator("tbody a").first
        assert "underline" in region_link.evaluate("a => getComputedStyle(a).textDecorationLine")
        axe.check(page, "overview")
        screenshot(page, "province-5-overview")

        # When they follow 시흥시 in the table, then its support office
        region_table.get_by_role("link", name="시흥시").click()
        page.wait_for_url(re.compile(rf"/overview/regions/{SIHEUNG}/$"))
        expect(page.locator("h1")).to_have_text("시흥시")
        axe.check(page, "region")
        screenshot(page, "province-6-region")
        page.locator("main .vn-lead a").first.click()
        page.wait_for_url(re.compile(r"/overview/offices/\d+/$"))
        expect(page.locator("h1")).to_have_text("경기도시흥교육지원청")
        axe.check(page, "support office")

        # and look at the overview in English
        page.goto(f"{demo_server}/overview/")
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        axe.check(page, "overview (en)")
        screenshot(page, "province-7-overview-en")

        # Then axe-core found nothing serious or critical on any of them
        axe.assert_clean()

    in_browser(journey)


def _focus_ring(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || "").trim(),
                outlineWidth: parseFloat(style.outlineWidth), outlineStyle: style.outlineStyle,
                onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
            };
        }"""
    )


def _tab_through(page: Any, count: int) -> list[dict[str, Any]]:
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(_focus_ring(page))
    return stops


def test_keyboard_reaches_the_skip_link_first_and_every_focused_control_shows_a_ring(
    demo_server: str, in_browser: InBrowser, axe: AxeReport
) -> None:
    def journey(page: Any) -> None:
        # Given the province officer on the province overview (header, tile map, tables, chart)
        _log_in(page, demo_server, "province", axe)
        page.goto(f"{demo_server}/overview/")
        expect(page.locator("h1")).to_have_text("경기도 직업교육 현황")

        # When the first Tab is pressed
        page.keyboard.press("Tab")

        # Then the skip link has focus, is on screen and shows a focus ring
        skip = _focus_ring(page)
        assert (skip["tag"], skip["text"]) == ("a", "본문 바로가기")
        assert skip["onScreen"], skip
        assert skip["outlineWidth"] > 0, skip
        assert skip["outlineStyle"] != "none", skip

        # and every header control after it shows one too (however many links the role has)
        in_header = page.evaluate(
            "() => document.querySelectorAll('header a, header button, header select').length"
        )
        header_stops = _tab_through(page, in_header)

        # When the page starts over and Enter is pressed on the skip link
        page.reload()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")

        # Then focus is on the main content, and the controls in it show a ring as well
        assert _focus_ring(page)["id"] == "main"
        main_stops = _tab_through(page, 10)
        stops = header_stops + main_stops
        assert {stop["tag"] for stop in stops} >= {"a", "button"}, stops
        unringed = [s for s in stops if not (s["outlineWidth"] > 0 and s["outlineStyle"] != "none")]
        assert not unringed, unringed
        assert all(stop["onScreen"] for stop in stops), stops
        axe.assert_clean()

    in_browser(journey)
