"""The access log's writer and its append-only rule (issue 8, item 5)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vocnet.core.errors import ValidationFailed
from vocnet.privacy.models import AccessAction, AppendOnlyError, PersonalDataAccess
from vocnet.privacy.origin import COMMAND_LINE, origin_of, reset_current_origin, set_current_origin
from vocnet.privacy.services import (
    record_personal_data_access,
    record_personal_data_access_by,
    subjects_of,
)
from vocnet.registry.models import Guardian, Student
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _request(user: Any, path: str = "/api/students/1", **meta: str) -> Any:
    request = RequestFactory().get(path + "?q=홍길동", REMOTE_ADDR="203.0.113.7", **meta)
    request.user = user
    return request


def test_a_view_records_who_when_where_whose_and_what(world: World) -> None:
    # Given school staff looking at a student, from 203.0.113.7
    staff, student = world.user("school_staff_a"), world.student_a
    before = timezone.now()

    # When the view is recorded
    written = record_personal_data_access(
        request=_request(staff), subjects=[student], action=AccessAction.VIEW
    )

    # Then one row says exactly that (and the query string, a name, is not kept)
    row = PersonalDataAccess.objects.get()
    assert written == 1
    assert (row.actor_id, row.actor_username) == (staff.pk, "school_staff_a")
    assert before <= row.at <= timezone.now()
    assert (row.client_ip, row.channel, row.path) == ("203.0.113.7", "api", "/api/students/1")
    assert (row.subject_kind, row.subject_id, row.action) == (
        "registry.student",
        student.pk,
        "view",
    )
    assert row.reason == ""


def test_one_call_is_one_insert_and_one_event(world: World) -> None:
    # Given the students of both schools as (label, pk) pairs, a guardian as an object
    guardian = Guardian.objects.get()
    subjects = [*subjects_of(Student.objects.all()), guardian]

    # When a province export of them is recorded
    with CaptureQueriesContext(connection) as queries:
        record_personal_data_access(
            request=_request(world.user("province_officer"), "/api/exports/students.xlsx"),
            subjects=subjects,
            action=AccessAction.EXPORT,
            reason="현장실습 배정 점검",
        )

    # Then one INSERT wrote a row per person, all with one event id and the reason
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    rows = PersonalDataAccess.objects.all()
    assert rows.count() == Student.objects.count() + 1
    assert rows.values("event_id").distinct().count() == 1
    assert set(rows.values_list("reason", flat=True)) == {"현장실습 배정 점검"}
    assert rows.filter(subject_kind="registry.guardian", subject_id=guardian.pk).exists()


@pytest.mark.parametrize("reason", ["", "   ", "x"])
def test_an_export_without_a_reason_is_refused_and_nothing_is_written(
    world: World, reason: str
) -> None:
    # When an export is recorded without a (meaningful) reason
    with pytest.raises(ValidationFailed) as refused:
        record_personal_data_access(
            request=_request(world.user("province_officer")),
            subjects=[world.student_a],
            action=AccessAction.EXPORT,
            reason=reason,
        )

    # Then the error names the field in both languages and no row exists
    problem = refused.value.problems[0]
    assert problem.field == "reason"
    assert "사유(reason)" in problem.message_ko
    assert "reason" in problem.message_en
    assert PersonalDataAccess.objects.count() == 0


def test_only_students_and_guardians_are_subjects(world: World) -> None:
    with pytest.raises(TypeError):
        record_personal_data_access(
            request=_request(world.user("province_officer")),
            subjects=[world.school_a],
            action=AccessAction.VIEW,
        )
    assert PersonalDataAccess.objects.count() == 0


def test_a_service_records_the_origin_of_the_request_being_served(world: World) -> None:
    # Given a request being served from behind no proxy
    token = set_current_origin(origin_of(_request(world.user("school_staff_a"), "/students/")))
    try:
        # When a service records a change for its actor
        record_personal_data_access_by(
            actor=world.user("school_staff_a"),
            subjects=[world.student_a],
            action=AccessAction.CHANGE,
        )
    finally:
        reset_current_origin(token)
    # and the same outside any request
    record_personal_data_access_by(actor=None, subjects=[world.student_b], action="change")

    # Then the first has the request's address and page, the second is the command line
    web, command = PersonalDataAccess.objects.order_by("id")
    assert (web.client_ip, web.channel, web.path) == ("203.0.113.7", "web", "/students/")
    assert (command.client_ip, command.channel, command.actor_username) == (
        None,
        COMMAND_LINE.channel,
        "",
    )


def test_the_log_refuses_update_and_delete(world: World) -> None:
    # Given one access-log row
    record_personal_data_access(
        request=_request(world.user("province_officer")),
        subjects=[world.student_a],
        action=AccessAction.VIEW,
    )
    row = PersonalDataAccess.objects.get()
    stored = PersonalDataAccess.objects.values().get()

    # When the application tries to change or delete it, in every ORM way
    row.reason = "고침"
    attempts = [
        row.save,
        row.delete,
        lambda: PersonalDataAccess.objects.update(reason="고침"),
        lambda: PersonalDataAccess.objects.filter(pk=row.pk).delete(),
        lambda: PersonalDataAccess.objects.bulk_update([row], ["reason"]),
    ]
    for attempt in attempts:
        with pytest.raises(AppendOnlyError):
            attempt()

    # Then the row is exactly as written
    assert PersonalDataAccess.objects.values().get() == stored


def _old_and_new_rows(world: World) -> tuple[PersonalDataAccess, PersonalDataAccess]:
    now = timezone.now()
    common = {
        "event_id": "00000000-0000-0000-0000-000000000001",
        "actor_username": "province_officer",
        "channel": "web",
        "action": "view",
        "subject_kind": "registry.student",
        "subject_id": world.student_a.pk,
    }
    old, new = PersonalDataAccess.objects.bulk_create(
        [
            PersonalDataAccess(at=now - timedelta(days=2 * 365 + 3), **common),
            PersonalDataAccess(at=now - timedelta(days=700), **common),
        ]
    )
    return old, new


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_update_and_young_deletes_below_the_orm(world: World) -> None:
    from django.db import DatabaseError, transaction

    # Given a row older than two years and one younger
    old, new = _old_and_new_rows(world)

    # When SQL sent past the ORM tries to change the log, or delete a young row
    for statement, params in (
        ("UPDATE privacy_personaldataaccess SET reason = 'x' WHERE id = %s", [old.pk]),
        ("DELETE FROM privacy_personaldataaccess WHERE id = %s", [new.pk]),
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, params)

    # Then both rows are untouched; only the row past two years may be deleted
    assert PersonalDataAccess.objects.count() == 2
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM privacy_personaldataaccess WHERE id = %s", [old.pk])
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [new.pk]


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's")
def test_postgresql_can_answer_the_search_by_account_from_the_trigram_index(world: World) -> None:

    from vocnet.privacy.models import PersonalDataAccess

    # Given the query the access-log search sends for part of an account name
    query = PersonalDataAccess.objects.filter(actor_username__icontains="school").order_by("-at")
    sql, params = query.query.sql_with_params()

    # Then the index exists and its expression is the one the search filters on
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'access_actor_trgm_idx'")
        (indexdef,) = cursor.fetchone()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "gin_trgm_ops" in indexdef
    assert "upper" in indexdef.lower()
    assert 'UPPER("privacy_personaldataaccess"."actor_username"::text)' in sql
    assert "access_actor_trgm_idx" in plan
