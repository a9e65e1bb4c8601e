"""Browser journeys of a shared course in Debian's Chromium, axe-core on every page (issue 17
"Done means"), on the small demo, each role signing in as a new user would:

1. a company registers its industry instructor (refused first without a qualification),
   offers a cross-track course and submits it; the support office returns it with a reason;
   the company reads the reason, fixes the course and submits it again; the office approves it;
2. a student finds the approved course in the catalogue and applies; their school confirms;
   the window closes and the province runs the allocation (pre-checks, confirmation, the live
   status turning to done while the database worker runs the task) and confirms it; the
   company ticks attendance and decides completion; the student opens their record and the
   이수증 PDF; anyone checks its code on the public verification page.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import timedelta
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
TITLE = "전기차 배터리 정비 실무 (합성)"
# The shared machine is slow at times: a page gets 30 s, not the fixtures' 10 s.
SLOW = 30_000


def _open_term() -> Any:
    """A term (synthetic) whose application window is open now and whose classes began a
    month ago, so attendance can be ticked for dates already past."""
    from django.utils import timezone

    from vocnet.courses.models import Term

    now = timezone.now()
    today = timezone.localdate()
    return Term.objects.create(
        name="2027학년도 공동교육과정 시연 학기 (합성)",
        year=today.year,
        semester=1,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=90),
        applications_open_at=now - timedelta(days=1),
        applications_close_at=now + timedelta(days=7),
        is_synthetic=True,
    )


def _membership(username: str) -> Any:
    from vocnet.registry.models import Membership

    return Membership.objects.select_related("organisation").get(user__username=username)


def _office_region() -> Any:
    """A region the demo's support office reviews."""
    from django.contrib.auth import get_user_model

    from vocnet.core.permissions import actor_for
    from vocnet.registry.models import Region

    office = get_user_model().objects.get(username="office")
    return Region.objects.filter(pk__in=actor_for(office).region_ids).order_by("pk").first()


def test_a_company_offers_a_course_the_office_returns_it_and_approves_it(
    demo_server: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from playwright.sync_api import expect

    from vocnet.courses.models import Course, CourseStatus, Instructor

    base = demo_server
    term = _open_term()
    region = _office_region()
    assert region is not None

    def company_offers(page: Any) -> str:
        page.set_default_timeout(SLOW)
        log_in(page, base, "company", axe=axe)
        # The header's menu leads to the courses, whose links lead to offering one
        page.get_by_role("link", name="공동교육과정").first.click()
        page.wait_for_url(f"{base}/courses/")
        axe.check(page, "catalogue (company)")
        page.get_by_role("link", name="과목 개설", exact=True).click()
        page.wait_for_url(f"{base}/courses/offerings/new/")
        axe.check(page, "offering form")
        # An industry instructor without a qualification is refused on the field
        page.get_by_role("link", name="강사 등록하기").click()
        page.wait_for_url(re.compile(r"/courses/instructors/new/"))
        page.locator("#id_name").fill("김현장")
        page.locator("label[for=id_is_industry]").click()
        page.get_by_role("button", name="등록", exact=True).click()
        expect(page.locator("#id_qualification_error")).to_contain_text(
            "산업체 강사는 자격·경력을 입력해야 합니다."
        )
        axe.check(page, "instructor form with its error")
        page.locator("#id_qualification").fill("전기기능장, 배터리 정비 현장 경력 12년")
        page.get_by_role("button", name="등록", exact=True).click()
        page.wait_for_url(f"{base}/courses/offerings/new/")
        expect(page.locator(".vn-messages")).to_contain_text("강사 김현장 님을 등록했습니다")
        # The course: industry instructor, 기계 + 전기·전자 (cross-track), Saturday mornings
        page.locator("#id_term_id").select_option(str(term.pk))
        page.locator("#id_title").fill(TITLE)
        page.locator("#id_description").fill("전기차 배터리 팩의 점검과 안전 수칙을 실습합니다.")
        page.locator("#id_course_type").select_option("industry_instructor")
        page.locator("#id_field_codes").select_option(["1501", "1903"])
        page.locator("#id_region_id").select_option(str(region.pk))
        page.locator("#id_venue").fill("기업 교육장")
        page.locator("#id_slots-0-weekday").select_option("5")
        page.locator("#id_slots-0-starts_at").fill("09:00")
        page.locator("#id_slots-0-ends_at").fill("12:00")
        # a second slot that overlaps the first comes back on its row
        page.get_by_role("button", name="행 추가").first.click()
        page.locator("#id_slots-1-weekday").select_option("5")
        page.locator("#id_slots-1-starts_at").fill("11:00")
        page.locator("#id_slots-1-ends_at").fill("13:00")
        page.locator("#id_capacity").fill("20")
        page.locator("#id_minimum_enrolment").fill("1")
        page.locator("#id_credits").fill("1")
        page.locator("#id_completion_threshold_percent").fill("50")
        page.locator("label", has_text="김현장").click()
        page.get_by_role("button", name="저장", exact=True).click()
        expect(page.locator("[data-rows=slots]")).to_contain_text(
            "한 과목의 수업 시간이 서로 겹칩니다"
        )
        expect(page.locator("[data-error-summary]")).to_contain_text("아무것도 저장하지 않았습니다")
        axe.check(page, "offering form with its errors")
        page.locator("#id_slots-1-weekday").select_option("")
        page.locator("#id_slots-1-starts_at").fill("")
        page.locator("#id_slots-1-ends_at").fill("")
        page.get_by_role("button", name="저장", exact=True).click()
        page.wait_for_url(re.compile(r"/courses/\d+/$"))
        expect(page.locator("h1")).to_contain_text("계열 통합")
        expect(page.locator("main")).to_contain_text("작성 중")
        axe.check(page, "draft course")
        page.get_by_role("button", name="승인 요청").click()
        expect(page.locator(".vn-messages")).to_contain_text("승인을 요청했습니다")
        assert page.vocnet_dialogs[-1].startswith("승인을 요청할까요?")
        screenshot(page, "course-1-company-submitted")
        return str(page.url)

    url = str(in_browser(company_offers))
    course = Course.objects.get(title=TITLE)
    assert course.status == CourseStatus.SUBMITTED
    assert course.is_cross_track
    assert Instructor.objects.filter(name="김현장", is_industry=True).count() == 1

    def office_returns(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "office", axe=axe)
        page.goto(f"{base}/courses/")
        page.get_by_role("link", name="개설 승인").click()
        page.wait_for_url(f"{base}/courses/review/")
        axe.check(page, "review queue")
        page.get_by_role("link", name=TITLE).click()
        page.wait_for_url(url)
        axe.check(page, "course to review")
        page.locator("#id_reason").fill("수업 장소의 안전 점검 결과를 과목 소개에 적어 주세요.")
        page.get_by_role("button", name="반려").click()
        expect(page.locator(".vn-messages")).to_contain_text("과목을 반려했습니다")
        expect(page.locator("main")).to_contain_text("안전 점검 결과")

    in_browser(office_returns)

    def company_fixes(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "company", axe=axe)
        page.goto(f"{base}/courses/offerings/")
        axe.check(page, "host's courses")
        expect(page.locator("main")).to_contain_text("안전 점검 결과를 과목 소개에 적어 주세요")
        page.get_by_role("link", name=TITLE).click()
        page.get_by_role("link", name="과목 고치기").click()
        page.wait_for_url(re.compile(r"/courses/\d+/edit/$"))
        expect(page.locator("main")).to_contain_text("반려 사유")
        axe.check(page, "edit a returned course")
        page.locator("#id_description").fill(
            "전기차 배터리 팩의 점검과 안전 수칙을 실습합니다. 교육장 안전 점검: 2026-11 완료."
        )
        page.get_by_role("button", name="저장", exact=True).click()
        expect(page.locator(".vn-messages")).to_contain_text("과목을 고쳤습니다")
        page.get_by_role("button", name="승인 요청").click()
        expect(page.locator(".vn-messages")).to_contain_text("승인을 요청했습니다")

    in_browser(company_fixes)

    def office_approves(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "office", axe=axe)
        page.goto(url)
        page.get_by_role("button", name="승인", exact=True).click()
        expect(page.locator(".vn-messages")).to_contain_text("과목을 승인했습니다")
        assert page.vocnet_dialogs[-1].startswith("이 과목을 승인할까요?")
        screenshot(page, "course-2-office-approved")
        axe.assert_clean()

    in_browser(office_approves)
    course.refresh_from_db()
    assert course.status == CourseStatus.APPROVED
    assert "안전 점검: 2026-11 완료" in course.description


UNIVERSITY_TITLE = "대학 공학 기초: 회로 해석 입문 (합성)"


def test_a_university_offers_a_linked_course_with_its_own_lecturer_and_the_office_approves(
    demo_server: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from playwright.sync_api import expect

    from vocnet.courses.models import Course, CourseStatus

    base = demo_server
    term = _open_term()
    region = _office_region()
    assert region is not None

    def university_offers(page: Any) -> str:
        page.set_default_timeout(SLOW)
        log_in(page, base, "university", axe=axe)
        page.get_by_role("link", name="공동교육과정").first.click()
        page.wait_for_url(f"{base}/courses/")
        page.get_by_role("link", name="과목 개설", exact=True).click()
        page.wait_for_url(f"{base}/courses/offerings/new/")
        # The university's own lecturer: no industry qualification needed
        page.get_by_role("link", name="강사 등록하기").click()
        page.wait_for_url(re.compile(r"/courses/instructors/new/"))
        page.locator("#id_name").fill("박교수")
        page.get_by_role("button", name="등록", exact=True).click()
        page.wait_for_url(f"{base}/courses/offerings/new/")
        expect(page.locator(".vn-messages")).to_contain_text("강사 박교수 님을 등록했습니다")
        page.locator("#id_term_id").select_option(str(term.pk))
        page.locator("#id_title").fill(UNIVERSITY_TITLE)
        page.locator("#id_description").fill("대학 1학년 회로이론의 앞부분을 고교생에게 엽니다.")
        page.locator("#id_course_type").select_option("university_linked")
        page.locator("#id_field_codes").select_option(["1903"])
        page.locator("#id_region_id").select_option(str(region.pk))
        page.locator("#id_venue").fill("대학 공학관 201호")
        page.locator("#id_slots-0-weekday").select_option("2")
        page.locator("#id_slots-0-starts_at").fill("16:00")
        page.locator("#id_slots-0-ends_at").fill("18:00")
        page.locator("#id_capacity").fill("25")
        page.locator("#id_minimum_enrolment").fill("5")
        page.locator("#id_credits").fill("1")
        page.locator("#id_completion_threshold_percent").fill("75")
        page.locator("label", has_text="박교수").click()
        page.get_by_role("button", name="저장", exact=True).click()
        page.wait_for_url(re.compile(r"/courses/\d+/$"))
        expect(page.locator("main")).to_contain_text("대학연계 과목")
        axe.check(page, "university's draft course")
        page.get_by_role("button", name="승인 요청").click()
        expect(page.locator(".vn-messages")).to_contain_text("승인을 요청했습니다")
        screenshot(page, "course-university-submitted")
        return str(page.url)

    url = str(in_browser(university_offers))

    def office_approves(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "office", axe=axe)
        page.goto(url)
        page.get_by_role("button", name="승인", exact=True).click()
        expect(page.locator(".vn-messages")).to_contain_text("과목을 승인했습니다")
        axe.assert_clean()

    in_browser(office_approves)
    course = Course.objects.get(title=UNIVERSITY_TITLE)
    assert course.status == CourseStatus.APPROVED
    assert course.course_type == "university_linked"
    assert course.host.kind == "university"


def _approved_course(term: Any, region: Any) -> Any:
    """The company's approved course (offered, submitted and approved through the services)."""
    from datetime import time as clock

    from django.contrib.auth import get_user_model

    from vocnet.courses import services

    users = get_user_model().objects
    company = users.get(username="company")
    instructor = services.instructor_register(
        actor=company,
        name="김현장",
        organisation_id=_membership("company").organisation_id,
        qualification="전기기능장",
        is_industry=True,
    )
    course = services.course_create(
        actor=company,
        data=services.CourseInput(
            term_id=term.pk,
            host_id=_membership("company").organisation_id,
            title=TITLE,
            course_type="industry_instructor",
            field_codes=["1501", "1903"],
            capacity=20,
            slots=[services.SlotInput(5, clock(9), clock(12))],
            region_id=region.pk,
            venue="기업 교육장",
            credits=1,
            completion_threshold_percent=50,
            instructor_ids=[instructor.pk],
            is_synthetic=True,
        ),
    )
    services.course_submit(actor=company, course=course)
    return services.course_approve(actor=users.get(username="office"), course=course)


def _work_the_queue_when_a_run_is_queued() -> threading.Thread:
    """The database backend's worker, started when the province's run is queued (as a
    worker process would pick it up), in a thread of its own."""
    from django.db import OperationalError, connection
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    def locked(error: OperationalError) -> bool:
        return "locked" in str(error)

    def work() -> None:
        # The live server and this thread share one in-memory SQLite database, whose shared
        # cache refuses a lock at once ("database table is locked") instead of waiting as a
        # file database would: a poll or the worker's claim that meets the page's request
        # tries again (a worker process on a real database waits for the lock).
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    if not DBTaskResult.objects.exists():
                        time.sleep(0.3)
                        continue
                    Worker(
                        queue_names=["default"],
                        interval=0,
                        batch=True,
                        backend_name="default",
                        startup_delay=False,
                        max_tasks=None,
                        worker_id="courses-journey",
                        excluded_queue_names=[],
                    ).run()
                    return
                except OperationalError as error:
                    if not locked(error):
                        raise
                    time.sleep(0.2)
        finally:
            connection.close()

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    return worker


def test_a_student_applies_is_allocated_attends_and_the_certificate_verifies(
    demo_server: str, in_browser: InBrowser, axe: AxeReport, screenshot: Screenshot
) -> None:
    from django.utils import timezone
    from playwright.sync_api import expect

    from vocnet.courses.models import (
        ApplicationStatus,
        CourseApplication,
        Enrolment,
        Term,
    )
    from vocnet.registry.models import Student

    base = demo_server
    term = _open_term()
    course = _approved_course(term, _office_region())
    student = Student.objects.select_related("school__organisation").get(user__username="student")
    assert _membership("school").organisation_id == student.school.organisation_id

    def student_applies(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "student", axe=axe)
        page.get_by_role("link", name="공동교육과정").first.click()
        page.wait_for_url(f"{base}/courses/")
        # They find it by its field (전기·전자) and Saturday
        page.locator("#id_field").select_option("19")
        page.locator("#id_weekday").select_option("5")
        page.get_by_role("button", name="검색").click()
        expect(page.locator("#results")).to_contain_text(TITLE)
        axe.check(page, "catalogue filtered (student)")
        page.get_by_role("link", name="수강 신청", exact=True).click()
        page.wait_for_url(f"{base}/courses/applications/")
        page.get_by_role("link", name=re.compile("수강 신청$")).first.click()
        page.wait_for_url(re.compile(r"/courses/terms/\d+/apply/$"))
        axe.check(page, "application form")
        page.locator("#id_choice_1").select_option(str(course.pk))
        page.get_by_role("button", name="신청 제출").click()
        expect(page.locator(".vn-messages")).to_contain_text("학교 확인을 기다립니다")
        axe.check(page, "student's applications")

    in_browser(student_applies)

    def school_confirms(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "school", axe=axe)
        page.goto(f"{base}/courses/applications/")
        axe.check(page, "applications (school)")
        row = page.locator("tr", has_text=student.name).filter(has_text=TITLE)
        row.get_by_role("button", name="학교 확인").click()
        expect(page.locator(".vn-messages")).to_contain_text("수강 신청을 확인했습니다")

    in_browser(school_confirms)
    application = CourseApplication.objects.get(term=term, student=student)
    assert application.status == ApplicationStatus.CONFIRMED
    # The window closes (time passes)
    Term.objects.filter(pk=term.pk).update(
        applications_close_at=timezone.now() - timedelta(minutes=1)
    )
    worker = _work_the_queue_when_a_run_is_queued()

    def province_allocates(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "province", axe=axe)
        page.goto(f"{base}/courses/")
        page.get_by_role("link", name=f"수강 배정: {term.name}").click()
        page.wait_for_url(re.compile(r"/courses/terms/\d+/allocation/$"))
        expect(page.get_by_role("heading", name="실행 전 점검")).to_be_visible()
        axe.check(page, "allocation page")
        page.get_by_role("button", name="배정 실행", exact=True).click()
        expect(page.locator(".vn-messages")).to_contain_text("배정을 시작했습니다")
        assert page.vocnet_dialogs[-1].startswith("학교가 확인한 신청으로 배정을 실행할까요?")
        # the live status turns to done while the worker runs the task (htmx polls it)
        expect(page.locator(".vn-run-status")).to_contain_text("완료(확정 전)", timeout=45_000)
        expect(page.locator(".vn-run-status")).to_contain_text("안정적")
        axe.check(page, "allocation run done")
        page.get_by_role("button", name="배정 확정", exact=True).click()
        expect(page.locator(".vn-messages")).to_contain_text("배정을 확정했습니다")
        screenshot(page, "course-3-province-allocated")

    in_browser(province_allocates)
    worker.join(timeout=30)
    enrolment = Enrolment.objects.get(course=course, student=student)
    today = timezone.localdate()

    def company_ticks_attendance(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "company", axe=axe)
        page.goto(f"{base}/courses/{course.pk}/")
        page.get_by_role("link", name="출석부").click()
        page.wait_for_url(f"{base}/courses/{course.pk}/attendance/")
        axe.check(page, "attendance register")
        for days_ago, present in ((14, True), (7, False)):
            page.locator("#id_held_on").fill((today - timedelta(days=days_ago)).isoformat())
            checkbox = page.get_by_label(re.compile(re.escape(student.name)))
            if present:
                page.locator(f"label[for='{checkbox.get_attribute('id')}']").click()
            page.get_by_role("button", name="출석 기록").click()
            expect(page.locator(".vn-messages")).to_contain_text("출석을 기록했습니다")
        page.get_by_role("button", name="이수 판정").click()
        expect(page.locator(".vn-messages")).to_contain_text("이수를 판정했습니다")
        assert page.vocnet_dialogs[-1].startswith("기록된 출석으로 이수를 판정할까요?")
        axe.check(page, "attendance after completion")

    in_browser(company_ticks_attendance)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    code = enrolment.certificate_code

    def student_downloads(page: Any) -> None:
        page.set_default_timeout(SLOW)
        log_in(page, base, "student", axe=axe)
        page.goto(f"{base}/courses/applications/")
        page.get_by_role("link", name=TITLE).click()
        page.wait_for_url(f"{base}/courses/enrolments/{enrolment.pk}/")
        expect(page.locator("main")).to_contain_text(code)
        expect(page.locator("main")).to_contain_text("결석")
        axe.check(page, "student's course record")
        href = page.get_by_role("link", name="이수증(PDF)").get_attribute("href")
        # WeasyPrint draws the PDF: give it a minute on the shared machine
        pdf = page.request.get(f"{base}{href}", timeout=60_000)
        assert pdf.status == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF")
        screenshot(page, "course-4-student-record")

    in_browser(student_downloads)

    def anyone_verifies(page: Any) -> None:
        page.set_default_timeout(SLOW)
        page.goto(f"{base}/courses/certificates/verify/")
        axe.check(page, "certificate check")
        page.locator("#id_code").fill(code.lower())
        page.get_by_role("button", name="확인", exact=True).click()
        expect(page.locator("main")).to_contain_text("발급된 이수증입니다.")
        expect(page.locator("main")).to_contain_text(TITLE)
        expect(page.locator("main")).not_to_contain_text(student.name)
        axe.check(page, "certificate verified")
        page.locator("#id_code").fill("AAAA-BBBB-CCCC")
        page.get_by_role("button", name="확인", exact=True).click()
        expect(page.locator("main")).to_contain_text("이 코드로 발급된 이수증이 없습니다.")
        axe.assert_clean()

    in_browser(anyone_verifies)
