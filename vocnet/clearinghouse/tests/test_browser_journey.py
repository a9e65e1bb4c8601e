"""Browser journey in real Chromium: school staff enter a student's choices, the province
closes and runs the round (the database worker runs the task), publishes it, and the student
sees where they were placed."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
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


def _work_the_queue() -> None:
    """The database backend's worker (``manage.py db_worker --batch``'s ``Worker``), once
    through the queue, in a thread of its own: the Playwright thread runs an event loop, where
    Django refuses database calls, and only the main thread may set the command's signal
    handlers, which a test does not need."""
    from django_tasks_db.management.commands.db_worker import Worker

    def work() -> None:
        try:
            Worker(
                queue_names=["default"],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="browser-journey",
                excluded_queue_names=[],
            ).run()
        finally:
            connection.close()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)


def test_a_school_enters_choices_the_province_runs_and_the_student_sees_the_result(
    live_server: Any, restored_database: None
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from vocnet.clearinghouse.models import RoundStatus
    from vocnet.clearinghouse.tests import factories as cf
    from vocnet.core.tests.browser.conftest import AxeReport

    axe = AxeReport(seen=set())
    from vocnet.placements.models import Placement
    from vocnet.testing import build_world

    # Given (database work before the browser starts) an open province round, student A
    # in the third year, and two offers in student A's field
    world = build_world()
    cf.third_year(world.student_a)
    offer_a = cf.OfferFactory(company=world.company_a, title="시흥 스마트공장 실습", seats=1)
    offer_b = cf.OfferFactory(company=world.company_b, title="수원 설계 실습", seats=1)
    placement_round = cf.RoundFactory(name="브라우저 여정 1차")
    base = str(live_server.url)
    round_url = f"{base}/clearinghouse/{placement_round.pk}/"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        school, province, student = (
            browser.new_context(locale="ko-KR").new_page() for _ in range(3)
        )
        for page in (school, province, student):
            page.set_default_timeout(10_000)

        # When school A's staff enter student A's choices: 수원 first, 시흥 second
        log_in(school, base, "school_staff_a", PASSWORD)
        school.goto(round_url)
        school.get_by_role("link", name="우리 학교 학생 지망").click()
        school.get_by_role("link", name=world.student_a.name).click()
        school.get_by_label("1지망").select_option(str(offer_b.pk))
        school.get_by_label("2지망").select_option(str(offer_a.pk))
        school.get_by_role("button", name="지망 저장").click()
        expect(school.locator(".vn-messages")).to_contain_text("지망을 저장했습니다")
        expect(school.locator("ol.vn-preferences li").first).to_contain_text("수원 설계 실습")

        # and the province closes the round and runs it; the database worker runs the task
        log_in(province, base, "province_officer", PASSWORD)
        province.goto(round_url)
        # (each button asks for confirmation; before the deadlines it asks for a reason)
        province.get_by_role("link", name="학생 지망 마감").click()
        province.get_by_role("button", name="확인하고 학생 지망 마감").click()
        expect(province.locator(".vn-form")).to_contain_text("사유를 적어야 합니다")
        axe.check(province, "close confirmation with its error")
        province.get_by_label("사유").fill("모든 학생이 지망을 냄")
        province.get_by_role("button", name="확인하고 학생 지망 마감").click()
        expect(province.locator(".vn-messages")).to_contain_text("학생 지망을 마감했습니다")
        province.get_by_role("link", name="매칭 실행").click()
        expect(province.locator(".vn-prechecks")).to_contain_text("지망을 내지 않은 학생")
        axe.check(province, "run confirmation with its pre-checks")
        province.get_by_label("사유").fill("모든 기업이 순위를 냄")
        province.get_by_role("button", name="확인하고 매칭 실행").click()
        expect(province.locator(".vn-messages")).to_contain_text("대기열에 넣었습니다")
        axe.check(province, "running round with its live status")
        # while running, the page polls the run's status (htmx, no inline script); htmx must
        # have loaded from the static files (it did not when the live server lost them)
        expect(province.locator(".vn-run-status[hx-get]")).to_have_count(1)
        assert province.evaluate("typeof window.htmx") == "object"
        _work_the_queue()
        # Then, without a reload by hand, the next poll answers HX-Refresh and the page shows
        # the result (polls every 3 s; allow a few)
        expect(province.locator(".vn-proof-ok")).to_contain_text("안정성 검증 통과", timeout=15_000)
        expect(province.locator(".vn-run-status")).to_have_count(0)
        province.get_by_role("link", name="결과 공개(현장실습 배치 만들기)").click()
        province.get_by_role("button", name="확인하고 결과 공개(현장실습 배치 만들기)").click()
        expect(province.locator(".vn-messages")).to_contain_text("결과를 공개")

        # Then the student sees the placement on their own page
        log_in(student, base, "student", PASSWORD)
        student.goto(f"{base}/clearinghouse/mine/")
        expect(student.locator("main")).to_contain_text("배정: 수원 설계 실습")
        student.wait_for_url(re.compile(r"/clearinghouse/mine/"))
        axe.check(student, "student's result page")
        browser.close()
    axe.assert_clean()

    placement_round.refresh_from_db()
    assert placement_round.status == RoundStatus.PUBLISHED
    assert list(Placement.objects.values_list("student_id", "offer_id")) == [
        (world.student_a.pk, offer_b.pk)
    ]
