"""Browser journey in real Chromium: a vetted company's offer form refuses a day over the
legal limit on that day's field, the company publishes the corrected offer, and the school
places a student, drafts the contract and signs it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from vocnet.core.tests.browser.login import forget_used_codes, log_in

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct-horse-battery-9"  # the registry factories' password

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists back afterwards."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def test_company_publishes_a_lawful_offer_the_school_applies_the_company_accepts_and_signing_starts(
    live_server: Any, restored_database: None
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from vocnet.core.tests.browser.conftest import AxeReport
    from vocnet.placements.models import Placement, PlacementApplication, PlacementContract
    from vocnet.placements.tests import factories as pf
    from vocnet.testing import build_world

    axe = AxeReport(seen=set())

    # Given company A vetted today, and student A of school A in the offer's field
    world = build_world()
    world.student_a.grade = 3  # only third-years are placed (ADR 0017)
    world.student_a.save(update_fields=["grade"])
    pf.ApprovedVettingFactory(company=world.company_a)
    start = pf.next_monday()
    base = str(live_server.url)
    forget_used_codes()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        company = browser.new_context(locale="ko-KR").new_page()
        school = browser.new_context(locale="ko-KR").new_page()
        for page in (company, school):
            page.set_default_timeout(15_000)
            # Publishing and signing ask first (data-confirm): the journey answers yes.
            page.on("dialog", lambda dialog: dialog.accept())

        # When the company fills the offer with Wednesday ending at 18:00 (8 h, no agreement)
        log_in(company, base, "company_staff", PASSWORD)
        company.goto(f"{base}/placements/offers/new/")
        company.get_by_label("제목").fill("브라우저 여정 현장실습")
        company.locator("#id_region_code").select_option("41390")
        company.locator("#id_ncs_code").select_option("1501")
        company.get_by_label("모집 인원").fill("2")
        company.locator("#id_start_date").fill(start.isoformat())
        company.locator("#id_end_date").fill((start + timedelta(days=53)).isoformat())
        company.get_by_label("현장실습 수당(원/월)").fill("1300000")
        company.locator("#id_mentor_name").fill("최멘토")
        company.locator("#id_tasks").fill("설비 점검 보조")
        company.locator("#id_safety_measures").fill("안전교육 4시간")
        company.locator("#id_day_2_end").fill("18:00")
        company.locator("main form button[type=submit]").click()

        # Then Wednesday's end carries the rule and its article, and nothing was saved
        expect(company.locator("#id_day_2_end").locator("xpath=..")).to_contain_text(
            "직업교육훈련 촉진법 제9조의2 ①"
        )
        # When it is corrected, saved and published
        company.locator("#id_day_2_end").fill("17:00")
        company.locator("main form button[type=submit]").click()
        expect(company.locator(".vn-messages")).to_contain_text("현장실습 제안을 저장했습니다")
        company.get_by_role("button", name="게시").click()
        expect(company.locator(".vn-messages")).to_contain_text("제안을 게시했습니다")
        offer_url = company.url

        # And the school applies for student A; the company records the interview and
        # accepts (its consent comes first, issue 15 §2)
        log_in(school, base, "school_staff_a", PASSWORD)
        school.goto(offer_url)
        school.locator("#id_student").select_option(str(world.student_a.pk))
        school.get_by_role("button", name="지원 등록").click()
        expect(school.locator(".vn-messages")).to_contain_text("지원을 등록했습니다")
        company.goto(offer_url)
        company.get_by_text("면접 기록", exact=True).click()
        company.locator("#id_interview_at").fill("2026-01-05T10:00")
        company.locator("#id_place").fill("본사 회의실")
        company.get_by_role("button", name="면접 기록 저장").click()
        expect(company.locator(".vn-messages")).to_contain_text("면접을 기록했습니다")
        expect(company.locator(".vn-applications")).to_contain_text("본사 회의실")
        axe.check(company, "offer page with an application to decide")
        company.get_by_role("button", name=f"{world.student_a.name} 수락").click()
        expect(company.locator(".vn-messages")).to_contain_text("지원을 수락했습니다")
        # and the school drafts the contract and signs for the school
        school.goto(company.url)
        school.get_by_role("button", name="표준협약서 작성").click()
        expect(school.locator(".vn-messages")).to_contain_text("표준협약서를 작성했습니다")
        school.get_by_role("button", name="학교로 서명").click()
        expect(school.locator(".vn-messages")).to_contain_text("서명했습니다")
        browser.close()
    axe.assert_clean()

    placement = Placement.objects.get()
    application = PlacementApplication.objects.get()
    assert (application.status, application.placement_id) == ("accepted", placement.pk)
    assert application.interview_place == "본사 회의실"
    contract = PlacementContract.objects.get(placement=placement)
    assert placement.student_id == world.student_a.pk
    assert contract.current_version is not None
    assert list(contract.current_version.signatures.values_list("party", flat=True)) == ["school"]
