"""The province's access-log page: search (by POST), monthly figures and review, reminder."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vocnet.privacy import selectors
from vocnet.privacy.models import AccessLogReview, PersonalDataAccess
from vocnet.privacy.services import record_personal_data_access
from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _record(world: World, persona: str, student: Any, action: str = "view", **extra: Any) -> None:
    request = RequestFactory().get("/api/students/", REMOTE_ADDR="192.0.2.10")
    request.user = world.user(persona)
    record_personal_data_access(request=request, subjects=[student], action=action, **extra)


@pytest.mark.parametrize(
    "persona", ["support_office_officer", "school_staff_a", "company_staff", "student"]
)
def test_only_the_province_opens_the_access_log(world: World, persona: str) -> None:
    assert _client(world, persona).get("/privacy/access-log/").status_code == 403
    assert _client(world, "province_officer").get("/privacy/access-log/").status_code == 200


def test_a_search_by_name_finds_who_looked_at_that_student_and_keeps_the_name_out_of_the_address(
    world: World,
) -> None:
    # Given views of student A by school staff A, and of student B by school staff B
    _record(world, "school_staff_a", world.student_a)
    _record(world, "school_staff_b", world.student_b)
    client = _client(world, "province_officer")

    # When the province searches student A's name (by POST)
    response = client.post("/privacy/access-log/", {"subject": world.student_a.name})

    # Then only the view of student A is listed, with who, from where and whose record
    rows = list(response.context["page"])
    assert response.status_code == 200
    assert [(r.actor_username, r.subject_id) for r in rows] == [
        ("school_staff_a", world.student_a.pk)
    ]
    html = response.content.decode()
    assert "192.0.2.10" in html
    assert world.student_a.student_number in html
    assert world.student_a.name not in response.request["PATH_INFO"]


def test_the_search_filters_by_action_and_date(world: World) -> None:
    # Given a view and an export of student A
    _record(world, "school_staff_a", world.student_a)
    _record(world, "school_staff_a", world.student_a, "export", reason="배정")
    client = _client(world, "province_officer")
    today = timezone.localdate().isoformat()

    # When exports of today are searched, then views of a day long past
    exports = client.post(
        "/privacy/access-log/", {"action": "export", "date_from": today, "date_to": today}
    )
    old = client.post("/privacy/access-log/", {"action": "view", "date_to": "2020-01-01"})

    # Then the first finds the export with its reason, the second nothing
    assert [r.reason for r in exports.context["page"]] == ["배정"]
    assert list(old.context["page"]) == []


def test_the_page_reads_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    # Given 120 access-log rows over both students
    for _ in range(60):
        _record(world, "school_staff_a", world.student_a)
        _record(world, "province_officer", world.student_b)
    client = _client(world, "province_officer")

    # When the page is opened and a search is sent
    with django_assert_max_num_queries(30):
        page = client.get("/privacy/access-log/")
    with django_assert_max_num_queries(30):
        first = client.post("/privacy/access-log/", {"actor": "school"})
    with django_assert_max_num_queries(30):
        search = client.post(
            "/privacy/access-log/", {"actor": "school", "cursor": first.context["next_cursor"]}
        )

    # Then it shows one page of 20, the search the second page of 60 matches
    assert len(page.context["page"]) == 20
    assert first.context["total_rows"] == 60
    assert [row.pk for row in search.context["page"]] == [
        row.pk for row in list(selectors.access_log_search(
            user=world.user("province_officer"), filters=selectors.AccessLogFilters(actor="school")
        ))[20:40]
    ]  # fmt: skip
    assert search.context["next_cursor"] is not None


def test_the_province_records_the_monthly_review_once(world: World) -> None:
    # Given last month's views
    due = selectors.month_to_review()
    client = _client(world, "province_officer")

    # When the province records the review, and tries again
    first = client.post(
        "/privacy/access-log/review/", {"month": due.isoformat(), "findings": "이상 없음"}
    )
    again = client.post(
        "/privacy/access-log/review/",
        {"month": due.isoformat(), "findings": "다시"},
        follow=True,
    )

    # Then one review exists with the month's figures; the second is refused with a message
    review = AccessLogReview.objects.get()
    assert first.status_code == 302
    assert (review.month, review.reviewer_username, review.findings) == (
        due,
        "province_officer",
        "이상 없음",
    )
    assert review.figures["rows"] == 0
    assert "이미 점검했습니다" in again.content.decode()


def test_others_cannot_record_a_review(world: World) -> None:
    response = _client(world, "school_staff_a").post(
        "/privacy/access-log/review/", {"month": "2026-01-01", "findings": "x"}
    )

    assert response.status_code == 403
    assert AccessLogReview.objects.count() == 0


def _row(world: World, who: str, student: Any, at: Any, action: str = "view", **extra: Any) -> Any:
    return PersonalDataAccess(
        at=at,
        event_id=extra.pop("event_id", uuid.uuid4()),
        actor=world.user(who),
        actor_username=who,
        channel="web",
        action=action,
        subject_kind="registry.student",
        subject_id=student.pk,
        **extra,
    )


def test_the_month_figures_count_actions_users_exports_and_night_access(world: World) -> None:
    # Given, on the first of this month: a view at 03:00 (night), one at noon, and one export
    # of two students at 14:00
    first = timezone.localdate().replace(day=1)

    def at(hour: int) -> Any:
        return timezone.make_aware(datetime.combine(first, time(hour)))

    export = uuid.uuid4()
    PersonalDataAccess.objects.bulk_create(
        [
            _row(world, "school_staff_a", world.student_a, at(3)),
            _row(world, "province_officer", world.student_b, at(12)),
            _row(world, "province_officer", world.student_a, at(14), "export", event_id=export),
            _row(world, "province_officer", world.student_b, at(14), "export", event_id=export),
        ]
    )

    # When the month's figures are read
    figures = selectors.month_figures(user=world.user("province_officer"), month=first)

    # Then they say exactly that
    assert figures.rows == 4
    assert figures.by_action == {"export": 2, "view": 2}
    assert (figures.actors, figures.export_events, figures.night_rows) == (2, 1, 1)
    assert figures.top_actors == [("province_officer", 3), ("school_staff_a", 1)]


def test_the_province_home_reminds_of_the_monthly_review_until_it_is_done(world: World) -> None:
    province = world.user("province_officer")
    today = date(2026, 12, 3)

    assert [i.text for i in selectors.home_items(user=province, today=today)] == [
        "2026-11 개인정보 접속기록을 점검하세요(매월 1회 이상)."
    ]
    AccessLogReview.objects.create(
        month=date(2026, 11, 1), reviewed_by=province, reviewer_username="p", findings="ok"
    )
    assert selectors.home_items(user=province, today=today) == []
    assert selectors.home_items(user=world.user("school_staff_a"), today=today) == []


def test_the_api_lists_the_log_by_record_id_for_the_province(world: World) -> None:
    # Given views of both students
    _record(world, "school_staff_a", world.student_a)
    _record(world, "school_staff_b", world.student_b)

    # When the province asks for student B's rows, and school staff ask at all
    mine = _client(world, "province_officer").get(
        "/api/access-log",
        {"subject_kind": "registry.student", "subject_id": world.student_b.pk},
    )
    refused = _client(world, "school_staff_a").get("/api/access-log")

    # Then the province gets that row, the school a 403
    assert [(i["actor_username"], i["subject_id"]) for i in mine.json()["items"]] == [
        ("school_staff_b", world.student_b.pk)
    ]
    assert refused.status_code == 403


def test_a_deleted_student_still_shows_in_the_log_by_id(world: World) -> None:
    # Given a view of a student who is deleted afterwards
    student = f.StudentFactory(department=world.objects["department_a"])
    _record(world, "school_staff_a", student)
    student_id = student.pk
    student.delete()

    # When the province opens the log
    page = _client(world, "province_officer").get("/privacy/access-log/")

    # Then the row is still there, named by its id
    assert f"#{student_id}" in page.content.decode()
    assert timezone.now() - PersonalDataAccess.objects.get().at < timedelta(minutes=1)


def test_the_api_pages_deep_by_cursor_in_the_same_order_as_by_offset(
    world: World, django_assert_max_num_queries: Any
) -> None:
    # Given 120 access-log rows
    for _ in range(60):
        _record(world, "school_staff_a", world.student_a)
        _record(world, "province_officer", world.student_b)
    client = _client(world, "province_officer")
    by_offset = [
        item["id"]
        for offset in (0, 50, 100)
        for item in client.get("/api/access-log", {"offset": offset}).json()["items"]
    ]

    # When the province follows next_cursor from the first page to the last
    first = client.get("/api/access-log").json()
    pages, cursor = [first], first["next_cursor"]
    while cursor:
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(12):
            pages.append(client.get("/api/access-log", {"cursor": cursor}).json())
        cursor = pages[-1]["next_cursor"]
        assert not any("OFFSET" in q["sql"] for q in queries.captured_queries)

    # Then the cursor pages hold the rows of the offset pages, in order, with no count but
    # on the first page
    assert [item["id"] for page in pages for item in page["items"]] == by_offset
    assert len(by_offset) == 120
    assert [page["count"] for page in pages] == [120, None, None]


def test_a_cursor_not_made_by_the_api_is_refused_naming_the_field(world: World) -> None:
    response = _client(world, "province_officer").get("/api/access-log", {"cursor": "x!"})

    assert response.status_code == 422
    assert "cursor" in response.content.decode()


def test_last_months_figures_are_read_once_and_this_months_on_every_view(world: World) -> None:
    # Given the province's access-log page opened once
    client = _client(world, "province_officer")
    with CaptureQueriesContext(connection) as first:
        client.get("/privacy/access-log/")

    # When it is opened again
    with CaptureQueriesContext(connection) as again:
        client.get("/privacy/access-log/")

    # Then the finished month (which cannot change) is not aggregated again, this month is
    def aggregates(queries: list[dict[str, Any]]) -> int:
        return sum('COUNT(DISTINCT "privacy_personaldataaccess"' in q["sql"] for q in queries)

    assert (aggregates(first.captured_queries), aggregates(again.captured_queries)) == (2, 1)


def test_the_night_count_by_intervals_equals_the_count_by_local_hour(world: World) -> None:
    # Given rows every 37 minutes across the turn of the month, night and day
    first = timezone.localdate().replace(day=1)
    start = timezone.make_aware(datetime.combine(first - timedelta(days=2), time(0)))
    PersonalDataAccess.objects.bulk_create(
        [
            _row(world, "province_officer", world.student_a, start + timedelta(minutes=37 * n))
            for n in range(2 * 24 * 60 // 37 + 48 * 60 // 37)
        ]
    )

    # When the month's figures are read
    figures = selectors.month_figures(user=world.user("province_officer"), month=first)

    # Then the night rows are those whose local hour is 22:00–05:59 (what at__hour counted)
    month = PersonalDataAccess.objects.filter(
        at__gte=timezone.make_aware(datetime.combine(first, time.min)),
        at__lt=timezone.make_aware(datetime.combine(first + timedelta(days=40), time.min)),
    )
    local = [timezone.localtime(at).hour for at in month.values_list("at", flat=True)]
    assert figures.rows == len(local) > 0
    assert figures.night_rows == sum(1 for hour in local if hour >= 22 or hour < 6) > 0
    assert figures.night_rows == month.filter(Q(at__hour__gte=22) | Q(at__hour__lt=6)).count()
