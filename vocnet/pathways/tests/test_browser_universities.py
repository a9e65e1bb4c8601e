"""Browser journey through the universities' pages in Debian's Chromium, with axe-core on every
page (issue 18 §4): a graduate signs in and consents that the universities linked to their
school see their pathway; the university's officer signs in, sees the programmes, adds a
계약학과 with its partner company, sees the consenting graduates (the new one among them) with
their 재직자 특별전형 eligibility, the applications and the enrolled cohort; the graduate
applies and then withdraws the consent, and the officer no longer sees them."""

from __future__ import annotations

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
def universities_demo(demo_server: str) -> str:
    from vocnet.demo.agreements import load_agreements_demo
    from vocnet.demo.pathways import load_pathways_demo
    from vocnet.demo.universities import load_universities_demo

    load_agreements_demo()
    load_pathways_demo()
    load_universities_demo()
    return demo_server


def _consenting(username: str) -> int:
    from django.contrib.auth import get_user_model

    from vocnet.pathways.selectors.universities import consenting_graduates

    return len(consenting_graduates(get_user_model().objects.get(username=username)))


def test_university_officer_and_graduate(
    universities_demo: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from playwright.sync_api import expect

    from vocnet.pathways.models import UniversityConsent, UniversityProgramme
    from vocnet.registry.models import Company, Organisation

    base = universities_demo
    before = _consenting("university")
    university = Organisation.objects.get(memberships__user__username="university")
    partner = Company.objects.filter(organisation__region_id=university.region_id).first()
    assert partner is not None
    # Plain values: the browser thread never touches the database.
    university_name = university.name_ko
    partner_number, partner_name = partner.business_number, partner.organisation.name_ko

    def graduate_consents(page: Any) -> None:
        # Given the graduate signed in
        log_in(page, base, "graduate", axe=axe)
        page.get_by_role("navigation", name="주 메뉴").get_by_role(
            "link", name="대학 열람 동의"
        ).click()
        expect(page.locator("h1")).to_contain_text("대학 열람 동의")
        expect(page.locator("main")).to_contain_text(university_name)
        axe.check(page, "consent page")
        # When they consent
        page.get_by_role("button", name="대학 열람에 동의").click()
        # Then it is recorded with its time
        expect(page.locator("main")).to_contain_text("동의를 기록했습니다")
        expect(page.get_by_role("button", name="동의 철회")).to_be_visible()
        axe.check(page, "consent given")
        screenshot(page, "universities-1-graduate-consent")
        axe.assert_clean()

    in_browser(graduate_consents)
    assert UniversityConsent.objects.active().filter(graduate__student__user__username="graduate")
    assert _consenting("university") == before + 1

    def officer(page: Any) -> None:
        log_in(page, base, "university", axe=axe)
        page.get_by_role("navigation", name="주 메뉴").get_by_role(
            "link", name="후학습 과정"
        ).click()
        expect(page.locator("h1")).to_contain_text("대학 후학습 과정")
        expect(page.locator("main table").first).to_contain_text("재직자 특별전형")
        expect(page.locator("main")).to_contain_text("합성")
        axe.check(page, "programmes")
        screenshot(page, "universities-2-programmes")
        # Adds a 계약학과 with its partner company
        page.get_by_role("link", name="과정 등록").click()
        axe.check(page, "programme form")
        page.locator("#id_kind").select_option("contract_department")
        page.locator("#id_name").fill("반도체장비 채용조건형 계약학과")
        page.locator("#id_places").fill("20")
        page.locator("#id_contract_type").select_option("hiring")
        page.locator("#id_contract_title").fill("반도체장비 계약학과 운영 협약")
        page.locator("#id_partner_business_numbers").fill(partner_number)
        page.get_by_role("button", name="저장").click()
        expect(page.locator("main")).to_contain_text("후학습 과정을 저장했습니다.")
        expect(page.locator("main table").first).to_contain_text("반도체장비 채용조건형 계약학과")
        expect(page.locator("main table").first).to_contain_text(partner_name)
        # Sees the consenting graduates of the linked schools, the new one among them
        page.get_by_role("link", name="동의한 졸업생").click()
        expect(page.locator("h1")).to_contain_text("동의한 졸업생")
        expect(page.locator("main table tbody tr")).to_have_count(before + 1)
        expect(page.locator("main")).to_contain_text("재직자 특별전형 지원 자격")
        axe.check(page, "consenting graduates")
        screenshot(page, "universities-3-graduates")
        page.get_by_role("link", name="지원 현황").click()
        expect(page.locator("h1")).to_contain_text("지원 현황")
        axe.check(page, "applications")
        # And the enrolled cohort's progress
        page.get_by_role("link", name="입학생 현황").click()
        expect(page.locator("h1")).to_contain_text("입학생 현황")
        expect(page.locator("main table tbody tr").first).to_be_visible()
        axe.check(page, "cohort")
        screenshot(page, "universities-4-cohort")
        axe.assert_clean()

    in_browser(officer)
    assert UniversityProgramme.objects.filter(name="반도체장비 채용조건형 계약학과").exists()

    def graduate_applies_and_withdraws(page: Any) -> None:
        log_in(page, base, "graduate")
        page.goto(f"{base}/pathways/universities/consent/")
        page.locator("main table").last.get_by_role("button").first.click()
        expect(page.locator("main")).to_contain_text("지원했습니다")
        page.get_by_role("button", name="동의 철회").click()
        expect(page.locator("main")).to_contain_text("동의를 철회했습니다")
        expect(page.get_by_role("button", name="대학 열람에 동의")).to_be_visible()
        axe.check(page, "consent withdrawn")
        axe.assert_clean()

    in_browser(graduate_applies_and_withdraws)
    assert _consenting("university") == before

    def officer_again(page: Any) -> None:
        log_in(page, base, "university")
        page.goto(f"{base}/pathways/universities/graduates/")
        expect(page.locator("main table tbody tr")).to_have_count(before)

    in_browser(officer_again)
