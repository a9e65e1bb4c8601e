"""Controls people can see and reach (issue 16 §2), in real Chromium on the small demo:
checkboxes and radios drawn and reachable by keyboard, the focus moved to the error summary
after a refused sign-in, irreversible actions that ask first, and a long list that can be
searched."""

from __future__ import annotations

import re
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


def _demo_company() -> Any:
    from vocnet.registry.models import Company

    return Company.objects.get(organisation__memberships__user__username="company")


def test_a_refused_sign_in_moves_the_focus_to_the_error_and_marks_both_fields(
    demo_server: str, in_browser: InBrowser, axe: AxeReport
) -> None:
    def journey(page: Any) -> None:
        # Given the sign-in page
        page.goto(f"{demo_server}/accounts/login/")

        # When a wrong password is sent
        page.locator("#id_username").fill("company")
        page.locator("#id_password").fill("not-the-password-1")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()

        # Then the focus is on the error summary, and both fields say they are invalid
        expect(page.locator("main .vn-errors[role=alert]")).to_be_focused()
        expect(page.locator("#id_username")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#id_password")).to_have_attribute("aria-invalid", "true")
        axe.check(page, "refused sign-in")
        axe.assert_clean()

    in_browser(journey)


def test_the_offer_form_draws_every_checkbox_and_a_keyboard_reaches_and_ticks_them(
    demo_server: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from vocnet.placements.tests import factories as pf

    # Given the demo company, vetted
    pf.ApprovedVettingFactory(company=_demo_company())

    def journey(page: Any) -> dict[str, Any]:
        log_in(page, demo_server, "company")
        # When it opens the offer form (13 hazard categories, weekdays, extension agreement)
        page.goto(f"{demo_server}/placements/offers/new/")
        boxes = page.locator("main input[type=checkbox]")
        # Then every checkbox is drawn at a size a person can see and hit, with a border
        drawn = boxes.evaluate_all(
            """els => els.map(e => {
                const r = e.getBoundingClientRect(), s = getComputedStyle(e);
                return {w: r.width, h: r.height, border: s.borderTopWidth,
                        labelled: !!(e.labels && e.labels.length && e.labels[0].innerText.trim())};
            })"""
        )
        # And the keyboard reaches a hazard box, shows the focus ring, and Space ticks it
        first = boxes.first
        first.focus()
        ring = first.evaluate("e => getComputedStyle(e).outlineStyle")
        page.keyboard.press("Space")
        ticked = first.is_checked()
        background = first.evaluate("e => getComputedStyle(e).backgroundColor")
        axe.check(page, "offer form")
        screenshot(page, "controls-offer-form")
        return {"drawn": drawn, "ring": ring, "ticked": ticked, "background": background}

    result = in_browser(journey)

    assert len(result["drawn"]) >= 13 + 7 + 1
    assert all(box["w"] >= 16 and box["h"] >= 16 for box in result["drawn"]), result["drawn"]
    assert all(box["border"] != "0px" for box in result["drawn"]), result["drawn"]
    assert all(box["labelled"] for box in result["drawn"]), result["drawn"]
    assert result["ring"] != "none"
    assert result["ticked"] is True
    assert result["background"] == "rgb(37, 110, 244)"  # KRDS primary-50
    axe.assert_clean()


def test_publishing_an_offer_asks_first_and_a_no_publishes_nothing(
    demo_server: str, in_browser: InBrowser
) -> None:
    from vocnet.placements.models import FieldTrainingOffer, OfferStatus
    from vocnet.placements.tests import factories as pf

    # Given a vetted company's lawful draft
    company = _demo_company()
    pf.ApprovedVettingFactory(company=company)
    offer = pf.DraftOfferFactory(company=company)

    def journey(page: Any) -> list[str]:
        log_in(page, demo_server, "company")
        page.goto(f"{demo_server}/placements/offers/{offer.pk}/")
        # When the company presses 게시 and answers no to the question
        page.vocnet_dismiss = True
        page.get_by_role("button", name="게시").click()
        page.wait_for_timeout(300)
        # Then it stays on the page with the offer still a draft
        assert re.search(rf"/placements/offers/{offer.pk}/$", page.url)
        return list(page.vocnet_dialogs)

    asked = in_browser(journey)

    assert asked == ["이 제안을 게시할까요? 게시하면 학교와 학생이 보고 지원할 수 있습니다."]
    assert FieldTrainingOffer.objects.get(pk=offer.pk).status == OfferStatus.DRAFT


def test_the_lead_organisation_list_can_be_searched(
    demo_server: str, in_browser: InBrowser, axe: AxeReport
) -> None:
    def journey(page: Any) -> tuple[int, int]:
        # Given the province officer on a new agreement's first step (~all organisations)
        log_in(page, demo_server, "province")
        page.goto(f"{demo_server}/agreements/new/")
        select = page.locator("#id_lead_organisation")
        total = select.locator("option").count()
        # When they type part of a name into the list's search box
        search = page.locator("#id_lead_organisation_filter")
        expect(search).to_be_visible()
        search.fill("시흥")
        shown = select.evaluate("s => [...s.options].filter(o => !o.hidden).length")
        axe.check(page, "agreement basics")
        return total, shown

    total, shown = in_browser(journey)

    # Then only the organisations whose names hold it stay in the list
    assert total >= 50
    assert 0 < shown < total
    axe.assert_clean()
