"""Every role in English on a 1366-pixel screen (issue 16 §4), in real Chromium on the demo
with the domain demos: on its home and every page of its menu, the header keeps the menu on
one line and nothing scrolls sideways; the menu, buttons, badges, column headings, card labels
and values, headings and field labels are English; NCS fields and 시·군 are named in English
like the rest of the page (names of people and organisations stay as they are written).
Screenshots: <login>-1366-en-home."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from vocnet.core.tests.browser.login import log_in
from vocnet.core.tests.browser.test_journeys import HOME_HEADINGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
Screenshot = Callable[[Any, str], None]
InBrowser = Callable[[Callable[[Any], Any]], Any]

# Text the service itself writes (the Korean language switch is written in Korean on purpose).
INTERFACE = (
    ".vn-nav a, .vn-utility button:not([lang=ko]), main button, main .krds-btn, "
    "main thead th, main .vn-card-label, main .vn-card-value, main h1, main h2, main label, "
    ".vn-menu-toggle"
)
# What each page gives back: interface text left in Korean; an NCS field ("1506 자동차") or a
# 시·군 option named in Korean; how far it scrolls sideways; on how many lines the menu sits.
PROBE = """(selector) => {
    const hangul = /[\\uac00-\\ud7a3]/;
    const text = e => e.innerText.replace(/\\s+/g, " ").trim();
    return {
        korean: [...document.querySelectorAll(selector)].map(text).filter(t => hangul.test(t)),
        fields: [...document.querySelectorAll("main td, main dd")].map(text)
            .filter(t => /^\\d{4} [\\uac00-\\ud7a3]/.test(t)),
        regions: [...document.querySelectorAll("main option")]
            .filter(o => /^\\d{5}$/.test(o.value) && hangul.test(o.text)).map(o => o.text),
        scroll: document.documentElement.scrollWidth - window.innerWidth,
        menuLines: new Set([...document.querySelectorAll(".vn-nav a")]
            .map(a => Math.round(a.getBoundingClientRect().top))).size,
    };
}"""


@pytest.fixture
def full_demo(demo_server: str) -> str:
    from vocnet.demo import domains

    for extension in domains.DOMAIN_DEMOS:
        extension.load(seed=0)
    return demo_server


@pytest.mark.parametrize("username", list(HOME_HEADINGS))
def test_each_role_in_english_reads_one_language_and_fits_1366_pixels(
    full_demo: str, in_browser: InBrowser, screenshot: Screenshot, username: str
) -> None:
    def journey(page: Any) -> dict[str, Any]:
        # Given the role signed in on a 1366-pixel screen, switched to English
        page.set_viewport_size({"width": 1366, "height": 768})
        log_in(page, full_demo, username)
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
        screenshot(page, f"{username}-1366-en-home")
        # When it opens its home and every page of its menu
        menu = page.eval_on_selector_all(".vn-nav a", "els => els.map(a => a.getAttribute('href'))")
        paths = ["/", *menu]
        found = {}
        for path in dict.fromkeys(paths):
            page.goto(full_demo + path)
            found[path] = page.evaluate(PROBE, INTERFACE)
        return found

    found = in_browser(journey)

    # Then every page fits, keeps its menu on one line and reads in English
    assert len(found) >= 3, found
    problems = {
        path: {key: value for key, value in probe.items() if value}
        for path, probe in found.items()
        if probe["korean"]
        or probe["fields"]
        or probe["regions"]
        or probe["scroll"] > 0
        or probe["menuLines"] > 1
    }
    assert problems == {}
