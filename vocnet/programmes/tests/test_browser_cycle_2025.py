"""The 2025 programme cycle in real Chromium, page by page (axe-clean), as a new province
officer would run it: open and publish the call (adding a rubric item), a school applies
through the wizard with its consortium found by the partner search and submits, a reviewer
scores, the stage closes, the decision, the designation, the grant plan, the launch ceremony,
registrations, check-in by QR code and by the list, and the attendance count on the
designation's page. Only the accounts come from the test world (no API shortcut); the
database is read after the browser is closed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from vocnet.core.tests.browser.login import log_in

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct-horse-battery-9"  # the registry factories' password
CALL_TITLE = "2025 경기협약형 특성화고 사전 심사"
CEREMONY = "2025 경기 미래형 직업교육 모델학교 합동 발대식"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists back afterwards."""
    yield
    with django_db_blocker.unblock():
        snapshot: str = connection._test_serialized_contents  # type: ignore[attr-defined]
        connection.creation.deserialize_db_from_string(snapshot)


def _page(browser: Any, base: str, username: str) -> Any:
    page = browser.new_context(locale="ko-KR").new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm asks first
    log_in(page, base, username, PASSWORD)
    return page


def _messages(page: Any) -> Any:
    return page.locator(".vn-messages")


def test_a_province_officer_runs_the_2025_cycle_from_call_to_launch_ceremony(
    live_server: Any, restored_database: None, settings: Any, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from vocnet.core.tests.browser.conftest import AxeReport
    from vocnet.programmes.models import (
        Application,
        ApplicationStatus,
        Call,
        Decision,
        Designation,
        Event,
        EventRegistration,
        Grant,
        Score,
    )
    from vocnet.programmes.tests.factories import pdf_bytes
    from vocnet.testing import build_world

    settings.MEDIA_ROOT = tmp_path / "media"
    axe = AxeReport(seen=set())
    world = build_world()
    school = world.school_a.organisation.name_ko
    city = world.user("local_government_officer").memberships.get().organisation.name_ko
    company = world.company_a.organisation.name_ko
    base = str(live_server.url)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        officer = _page(browser, base, "province_officer")

        # 1. The officer opens the call from the header's menu, adds a rubric item, publishes
        officer.goto(f"{base}/")
        officer.get_by_role("link", name="지정 공모").first.click()
        officer.get_by_role("link", name="새 공모 만들기").click()
        officer.get_by_label("사업 유형").select_option("gg_regional_winwin")
        officer.get_by_label("연도", exact=True).fill("2025")
        officer.get_by_label("공모명").fill(CALL_TITLE)
        officer.get_by_label("접수 시작").fill("2025-02-06T09:00")
        # (the window must still be open when the school applies in this test)
        officer.get_by_label("접수 마감").fill("2099-04-24T18:00")
        officer.get_by_label("선정(추천) 규모").fill("3")
        officer.get_by_label("1단계(서면평가) 통과 규모").fill("3")
        officer.get_by_role("button", name="저장").click()
        expect(_messages(officer)).to_contain_text("공모를 만들었습니다")
        call_url = officer.url
        officer.get_by_role("link", name="평가 항목 추가").click()
        axe.check(officer, "add a rubric item")
        officer.get_by_label("평가 영역").select_option("education_plan")
        officer.get_by_label("평가 항목", exact=True).fill("지역 정주 연계")
        officer.get_by_label("배점").fill("120")
        officer.get_by_role("button", name="더하기").click()
        # points out of range come back on the field
        expect(officer.locator("main")).to_contain_text("배점은 0보다 크고 100 이하여야 합니다")
        axe.check(officer, "rubric item with its error")
        officer.get_by_label("배점").fill("5")
        officer.get_by_role("button", name="더하기").click()
        expect(_messages(officer)).to_contain_text("평가 항목을 더했습니다: 지역 정주 연계")
        expect(officer.locator("main")).to_contain_text("담당자 입력")
        axe.check(officer, "draft call with the added item")
        officer.get_by_role("button", name="공고하기").click()
        expect(_messages(officer)).to_contain_text("공모를 공고했습니다")

        # 2. School A applies: consortium found by the partner search, the wizard, submit
        staff = _page(browser, base, "school_staff_a")
        staff.goto(call_url)
        staff.get_by_role("link", name="신청서 작성하기").click()
        staff.get_by_label("신청서 제목").fill(f"{school} 경기협약형 육성계획")
        staff.get_by_label("기관 이름").fill(city[:2])
        staff.get_by_label("기관 유형").select_option("city_county")
        # (the results follow the search box: only local governments once the kind is chosen)
        expect(staff.locator("#partner-results li")).to_have_count(1)
        expect(staff.locator("#partner-results")).to_contain_text(city)
        staff.locator("#partner-results label", has_text=re.compile(f"^{city} ·")).click()
        axe.check(staff, "partner search with results")
        staff.get_by_label("기관 유형").select_option("company")
        staff.get_by_label("기관 이름").fill(company)
        expect(staff.locator("#partner-results")).to_contain_text(company)
        # the city stays chosen while the company is found
        expect(staff.locator("#partner-results")).to_contain_text("고른 기관 1곳")
        staff.locator(
            "#partner-results label", has_text=re.compile("^" + re.escape(company) + " ·")
        ).click()
        staff.get_by_role("button", name="만들고 계획 작성하기").click()
        expect(_messages(staff)).to_contain_text("신청서와 컨소시엄 협약(안)을 만들었습니다")
        application_url = staff.url.split("/edit/")[0]
        staff.locator("[name=vision]").fill("미래차 정비 인재를 지역에서 키운다")
        staff.locator("[name=path_employment]").fill("지역 정비 기업 채용")
        staff.locator("[name=pillar_industry_linkage]").fill("기업 연계 교육과정")
        axe.check(staff, "wizard: plan")
        staff.get_by_role("button", name="저장하고 다음").click()
        staff.locator("[name=governance_rhythm]").fill("분기 1회")
        staff.locator("[name=member_0_organisation]").select_option(label=city)
        staff.locator("[name=member_0_role]").fill("위원장")
        staff.get_by_role("button", name="저장하고 다음").click()
        staff.locator("input[name^=budget_1_]").first.fill("700000000")
        staff.get_by_role("button", name="저장하고 다음").click()
        staff.locator("[name=kpi_0_name]").fill("지역 취업률")
        staff.locator("[name=kpi_0_unit]").fill("%")
        for year, target in ((1, "40"), (2, "45"), (3, "50")):
            staff.locator(f"[name=kpi_0_y{year}]").fill(target)
        staff.get_by_role("button", name="저장하고 다음").click()
        for code, pages in (("agreement", 4), ("development_plan", 30)):
            staff.locator("[name=requirement]").select_option(code)
            staff.locator("[name=file]").set_input_files(
                {"name": f"{code}.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes(pages)}
            )
            staff.get_by_role("button", name="올리기").click()
            expect(staff.locator("main")).to_contain_text(f"{code}.pdf")
        axe.check(staff, "wizard: documents")
        staff.goto(f"{application_url}/")
        staff.get_by_role("button", name="제출하기").click()
        expect(_messages(staff)).to_contain_text("제출")
        axe.check(staff, "submitted application")

        # 3. The officer adds a reviewer; the reviewer declares no conflict and scores
        officer.goto(call_url)
        officer.get_by_role("link", name="심사 관리").click()
        first_stage = officer.get_by_role("region", name="단계: 서면평가")
        first_stage.get_by_label("심사위원 아이디").fill("university_staff")
        first_stage.get_by_role("button", name="심사위원 배정").click()
        expect(_messages(officer)).to_contain_text("심사위원을 배정했습니다")
        axe.check(officer, "review management")
        reviewer = _page(browser, base, "university_staff")
        reviewer.goto(f"{base}/programmes/review/")
        reviewer.get_by_role("link", name=f"{school} 경기협약형 육성계획").click()
        reviewer.locator("label[for=id_has_conflict_0]").click()
        reviewer.get_by_role("button", name="신고").click()
        expect(_messages(reviewer)).to_contain_text("신고했습니다")
        points = reviewer.locator("input[name^=points_]")
        for index in range(points.count()):
            points.nth(index).fill("1")
        comments = reviewer.locator("[name^=comment_]")
        for index in range(comments.count()):
            comments.nth(index).fill("근거가 충분함")
        reviewer.get_by_role("button", name="점수 저장").click()
        expect(_messages(reviewer)).to_contain_text("점수와 의견을 저장했습니다")
        axe.check(reviewer, "scored application")

        # 4. The stage closes; the officer records the decision
        officer.reload()
        officer.get_by_role("button", name="1단계 마감하고 순위 매기기").click()
        expect(_messages(officer)).to_be_visible()
        officer.goto(call_url)
        officer.get_by_role("link", name="결정").click()
        officer.locator("select[name^=outcome_]").first.select_option("selected")
        officer.locator("[name^=reasons_]").first.fill("서면평가 1위, 지역 산업 연계가 뚜렷함")
        axe.check(officer, "decisions")
        officer.get_by_role("button", name="결정 기록").click()
        expect(officer.locator("main")).to_contain_text("서면평가 1위")

        # 5. Designation, then the grant plan on the designation's page
        officer.goto(f"{base}/programmes/designations/")
        axe.check(officer, "designations to make")
        officer.get_by_role("button", name="지정", exact=True).first.click()
        expect(_messages(officer)).to_be_visible()
        officer.goto(f"{base}/programmes/designations/")
        officer.get_by_role("link", name=school).first.click()
        designation_url = officer.url
        officer.locator("summary", has_text="사업비 계획 등록").click()
        officer.get_by_label("회계연도").fill("2025")
        officer.locator("input[name^=plan_]").first.fill("300000000")
        officer.locator("input[name^=plan_]").nth(1).fill("100000000")
        officer.get_by_role("button", name="등록").click()
        expect(officer.locator("main")).to_contain_text("2025년 사업비")
        axe.check(officer, "designation with its grant")

        # 6. The launch ceremony inviting the designated school's consortium
        officer.goto(f"{base}/programmes/events/new/")
        officer.get_by_label("행사 구분").select_option("launch")
        officer.get_by_label("행사명").fill(CEREMONY)
        officer.get_by_label("시작 일시").fill("2099-07-22T14:00")
        officer.get_by_label("종료 일시").fill("2099-07-22T16:00")
        officer.get_by_label("장소").fill("경기자동차과학고")
        officer.locator("[name=designation_ids]").first.check()
        axe.check(officer, "event form")
        officer.get_by_role("button", name="만들기").click()
        expect(officer.locator("h1")).to_contain_text(CEREMONY)
        event_url = officer.url

        # 7. The school's staff member and the city's officer register
        staff.goto(event_url)
        staff.get_by_label("소속 기관").select_option(label=school)
        staff.get_by_role("button", name="참가 신청", exact=True).click()
        expect(_messages(staff)).to_contain_text("참가 신청했습니다")
        staff.get_by_role("link", name="참석 확인 QR 코드").click()
        expect(staff.locator("main svg")).to_be_visible()
        axe.check(staff, "registrant's QR code")
        check_in_url = staff.get_by_test_id("check-in-url").inner_text()
        local = _page(browser, base, "local_government_officer")
        local.goto(event_url)
        local.get_by_label("소속 기관").select_option(label=city)
        local.get_by_role("button", name="참가 신청", exact=True).click()
        expect(_messages(local)).to_contain_text("참가 신청했습니다")

        # 8. At the door: the officer scans the school's code (twice), ticks the city's name
        officer.goto(check_in_url.replace("http://testserver", base))
        expect(officer.locator("main")).to_contain_text("참석을 확인했습니다")
        axe.check(officer, "QR check-in")
        officer.reload()
        expect(officer.locator("main")).to_contain_text("이미 참석이 확인된 신청입니다")
        officer.goto(event_url)
        expect(officer.get_by_test_id("attendance")).to_have_text("1")
        # (KRDS draws the checkbox over its label: a person clicks the label)
        officer.locator("form label", has_text=f" · {city}").click()
        officer.get_by_role("button", name="참석 확인 저장").click()
        expect(officer.get_by_test_id("attendance")).to_have_text("2")
        axe.check(officer, "event with its check-in list")

        # 9. The attendance count on the designation's page
        officer.goto(designation_url)
        expect(officer.locator("main")).to_contain_text(f"{CEREMONY}")
        expect(officer.locator("main")).to_contain_text("참석 2명")
        browser.close()
    axe.assert_clean()

    call = Call.objects.get(title=CALL_TITLE)
    assert call.rubric_items.filter(name_ko="지역 정주 연계", origin="officer").exists()
    application = Application.objects.get(call=call)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.parties.count() == 3
    assert Score.objects.filter(application=application).count() == call.rubric_items.count()
    assert call.stages.get(number=1).is_closed
    decision = Decision.objects.get(application=application)
    assert decision.outcome == "selected"
    designation = Designation.objects.get(decision=decision)
    assert Grant.objects.filter(designation=designation, fiscal_year=2025).exists()
    event = Event.objects.get(title=CEREMONY)
    assert EventRegistration.objects.filter(event=event, attended=True).count() == 2
