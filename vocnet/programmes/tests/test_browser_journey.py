"""Browser journey in real Chromium (axe-clean): the province officer opens a call, edits a
rubric item in place (htmx), publishes it; school A's application is submitted; a reviewer
declares no conflict and scores every rubric item — a score out of range first comes back
on its field."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from vocnet.core.tests.browser.login import log_in

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


def test_the_officer_opens_a_call_and_a_reviewer_scores_an_application(
    live_server: Any, restored_database: None, settings: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from vocnet.core.tests.browser.conftest import AxeReport
    from vocnet.programmes.models import Call, CallStatus, Score
    from vocnet.programmes.rules import SEOUL
    from vocnet.programmes.services import application_submit
    from vocnet.programmes.services.review import reviewer_assign
    from vocnet.programmes.tests.factories import ready_application
    from vocnet.testing import build_world

    settings.MEDIA_ROOT = tmp_path / "media"
    axe = AxeReport(seen=set())
    world = build_world()
    base = str(live_server.url)

    # Given the province officer in the browser
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        officer = browser.new_context(locale="ko-KR").new_page()
        officer.set_default_timeout(10_000)
        log_in(officer, base, "province_officer", PASSWORD)
        # When they open a call from the header's menu
        officer.goto(f"{base}/")
        officer.get_by_role("link", name="지정 공모").first.click()
        officer.get_by_role("link", name="새 공모 만들기").click()
        officer.get_by_label("사업 유형").select_option("gg_regional_winwin")
        officer.get_by_label("연도", exact=True).fill("2026")
        officer.get_by_label("공모명").fill("2026 경기협약형 특성화고 사전 심사")
        officer.get_by_label("접수 시작").fill("2026-01-05T09:00")
        officer.get_by_label("접수 마감").fill("2026-01-05T08:00")
        officer.get_by_label("선정(추천) 규모").fill("3")
        officer.get_by_label("1단계(서면평가) 통과 규모").fill("3")
        # (KRDS draws the checkbox over its label: a person clicks the label)
        officer.locator("label[for=id_is_blind]").click()
        expect(officer.get_by_label("1단계 블라인드 평가(학교·기관명 가림)")).to_be_checked()
        officer.get_by_role("button", name="저장").click()
        # a window that closes before it opens comes back on its field
        expect(officer.locator("main")).to_contain_text("접수 마감은 접수 시작보다 뒤여야 합니다")
        axe.check(officer, "call form with its error")
        officer.get_by_label("접수 마감").fill("2099-12-31T18:00")
        officer.get_by_role("button", name="저장").click()
        expect(officer.locator(".vn-messages")).to_contain_text("공모를 만들었습니다")
        axe.check(officer, "draft call")
        # and edit a rubric item in place (htmx)
        officer.get_by_role("link", name="고치기 비전·목표와 지역 산업의 연계").click()
        officer.get_by_label("배점").fill("12")
        officer.get_by_role("button", name="저장").click()
        expect(officer.locator("main")).to_contain_text("담당자 입력")
        officer.get_by_role("button", name="공고하기").click()
        expect(officer.locator(".vn-messages")).to_contain_text("공모를 공고했습니다")
        axe.check(officer, "published call")
        browser.close()

    call = Call.objects.get()
    assert call.status == CallStatus.PUBLISHED
    assert call.rubric_items.get(code="education_plan.vision").max_points == Decimal("12.00")
    # school A (with company A) submits; the university's staff member reviews stage 1
    staff = world.user("school_staff_a")
    in_window = datetime(2026, 2, 1, 10, 0, tzinfo=SEOUL)
    application = ready_application(
        staff, call, world.school_a.organisation, [world.company_a.organisation], in_window
    )
    application_submit(actor=staff, application=application, now=in_window)
    reviewer = world.user("university_staff")
    reviewer_assign(
        actor=world.user("province_officer"),
        stage=call.stages.get(number=1),
        user=reviewer,
        organisation_id=reviewer.memberships.get().organisation_id,
        is_external=False,
    )
    items = list(call.rubric_items.all())

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(locale="ko-KR").new_page()
        page.set_default_timeout(10_000)
        log_in(page, base, "university_staff", PASSWORD)
        page.goto(f"{base}/programmes/review/")
        axe.check(page, "reviewer's queue")
        page.get_by_role("link", name="A-01").click()
        # blind: the school is not named
        expect(page.locator("main")).not_to_contain_text(world.school_a.organisation.name_ko)
        page.locator("label[for=id_has_conflict_0]").click()
        page.get_by_role("button", name="신고").click()
        expect(page.locator(".vn-messages")).to_contain_text("신고했습니다")
        for item in items:
            page.locator(f"[name=points_{item.pk}]").fill(str(item.max_points))
            page.locator(f"[name=comment_{item.pk}]").fill("근거가 충분함")
        page.locator(f"[name=points_{items[0].pk}]").fill("13")
        page.get_by_role("button", name="점수 저장").click()
        expect(page.locator("main")).to_contain_text("점수는 0~12점이어야 합니다")
        axe.check(page, "scoring form with its error")
        page.locator(f"[name=points_{items[0].pk}]").fill("11.5")
        page.get_by_role("button", name="점수 저장").click()
        expect(page.locator(".vn-messages")).to_contain_text("점수와 의견을 저장했습니다")
        expect(page.locator("main")).to_contain_text("채점함")
        browser.close()
    axe.assert_clean()

    assert Score.objects.filter(application=application).count() == len(items)
    assert Score.objects.get(item=items[0]).points == Decimal("11.50")
