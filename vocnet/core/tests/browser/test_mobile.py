"""Every role on a 390 × 844 phone (issue 16 §5), in real Chromium on the small demo with the
domain demos: the menu folds behind a button and opens, no page scrolls sideways, axe-core
finds nothing serious. The student and guardian walk every page their pages link to.
Screenshots go to test-artifacts/screenshots/ (<login>-390-…; test_journeys.py keeps the
<login>-1366-… ones, and the student's and guardian's whole journey at 390 too)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from vocnet.core.tests.browser.login import log_in
from vocnet.core.tests.browser.test_journeys import HOME_HEADINGS

if TYPE_CHECKING:
    from vocnet.core.tests.browser.conftest import AxeReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
Screenshot = Callable[[Any, str], None]
InBrowser = Callable[[Callable[[Any], Any]], Any]
PHONE = {"width": 390, "height": 844}
# Links a walk does not follow: files, the API, signing out, other languages.
NOT_PAGES = re.compile(r"^/(api|static|media|i18n|accounts/logout)/|\.(xlsx|csv|pdf)(\?|$)")


@pytest.fixture
def full_demo(demo_server: str) -> str:
    """The demo with the domain demos (agreements, demand, placements, rounds…) loaded too, so
    the student's and guardian's pages have their rows."""
    from vocnet.demo import domains

    for extension in domains.DOMAIN_DEMOS:
        extension.load(seed=0)
    return demo_server


def _page_width(page: Any) -> dict[str, int]:
    return page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                  widest: [...document.querySelectorAll("main *")].filter(e => {
                      const r = e.getBoundingClientRect();
                      return r.right > window.innerWidth + 1
                          && !e.closest(".krds-table-wrap, .vn-scroll");
                  }).slice(0, 3).map(e => e.tagName + "." + e.className).join(" | ")})"""
    )


def _assert_fits(page: Any, label: str) -> None:
    width = _page_width(page)
    assert width["scroll"] <= width["inner"], f"{label} ({page.url}) scrolls sideways: {width}"


@pytest.mark.parametrize("username", list(HOME_HEADINGS))
def test_each_role_on_a_phone_folds_and_opens_the_menu_without_sideways_scrolling(
    full_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot, username: str
) -> None:
    def journey(page: Any) -> None:
        page.set_viewport_size(PHONE)
        # Given the role signed in on a phone
        log_in(page, full_demo, username)
        expect(page.locator("h1")).to_have_text(HOME_HEADINGS[username])

        # Then its home fits the screen and the menu is folded behind its button
        _assert_fits(page, "home")
        menu = page.get_by_role("navigation", name="주 메뉴")
        expect(menu).to_be_hidden()
        axe.check(page, "home (390)")
        screenshot(page, f"{username}-390-1-home")

        # When they open the menu, every item shows, one under another
        page.locator(".vn-menu-toggle").click()
        expect(menu).to_be_visible()
        _assert_fits(page, "menu")
        axe.check(page, "menu (390)")
        screenshot(page, f"{username}-390-2-menu")

        # And the first item after home opens, still without sideways scrolling
        menu.get_by_role("link").nth(1).click()
        page.wait_for_load_state()
        _assert_fits(page, "first menu page")
        screenshot(page, f"{username}-390-3-page")
        axe.assert_clean()

    in_browser(journey)


@pytest.mark.parametrize("username", ["student", "guardian"])
def test_no_page_of_the_student_or_guardian_scrolls_sideways_on_a_phone(
    full_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot, username: str
) -> None:
    def journey(page: Any) -> list[str]:
        page.set_viewport_size(PHONE)
        log_in(page, full_demo, username)
        seen: list[str] = []
        queue = ["/"]
        per_kind: dict[str, int] = {}
        while queue and len(seen) < 25:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.append(path)
            page.goto(full_demo + path)
            # Each page fits 390 pixels and is clean for axe-core
            _assert_fits(page, path)
            # and each of its tables reads as cards, one per row, every cell named
            unstacked = page.eval_on_selector_all(
                "main table",
                """tables => tables.filter(t => !t.classList.contains("vn-table-stack")
                    || [...t.tBodies].some(b => [...b.rows].some(r => [...r.cells].some(
                        c => !c.dataset.label && c.textContent.trim()
                            && t.tHead.rows[0].cells[c.cellIndex].textContent.trim()))))
                    .map(t => (t.caption ? t.caption.textContent : t.className).trim())""",
            )
            assert unstacked == [], f"{path}: tables not shown as cards: {unstacked}"
            axe.check(page, f"{username} {path}")
            screenshot(page, f"{username}-390-walk-{len(seen):02d}")
            links = page.eval_on_selector_all(
                "header a, main a", "els => els.map(a => a.getAttribute('href'))"
            )
            for href in links:
                if not href or not href.startswith("/") or NOT_PAGES.search(href):
                    continue
                href = href.split("#", 1)[0]
                kind = re.sub(r"\d+", "N", href.split("?", 1)[0])
                if per_kind.get(kind, 0) < 2 and href not in seen:
                    per_kind[kind] = per_kind.get(kind, 0) + 1
                    queue.append(href)
        axe.assert_clean()
        return seen

    seen = in_browser(journey)

    assert len(seen) >= 5, seen


def test_the_english_menu_of_the_province_fits_one_line_at_1366_pixels(
    demo_server: str, in_browser: InBrowser, screenshot: Screenshot
) -> None:
    def journey(page: Any) -> list[int]:
        # Given the province officer (the longest menu) on a 1366-pixel screen, in English
        page.set_viewport_size({"width": 1366, "height": 768})
        log_in(page, demo_server, "province")
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        screenshot(page, "province-1366-en-home")
        # Then every item of the menu sits on one line, and nothing scrolls sideways
        _assert_fits(page, "English home")
        return page.eval_on_selector_all(
            ".vn-nav a", "els => els.map(a => Math.round(a.getBoundingClientRect().top))"
        )

    tops = in_browser(journey)

    assert len(tops) >= 8
    assert len(set(tops)) == 1, tops
