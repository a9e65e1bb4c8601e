"""The access log's count (issue 12 item 5, ADR 0020): exact, yet the settled rows — before
the last full hour but one — are counted once per query, hour and data version, and only the
recent rows on each request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from vocnet.core.keyset import append_only_count
from vocnet.privacy.models import PersonalDataAccess
from vocnet.privacy.services import access_log_purge
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _rows(world: World, *ages: timedelta, actor: str = "school_staff_a") -> None:
    now = timezone.now()
    PersonalDataAccess.objects.bulk_create(
        PersonalDataAccess(
            at=now - age,
            event_id="00000000-0000-0000-0000-000000000012",
            actor_username=actor,
            channel="web",
            action="view",
            subject_kind="registry.student",
            subject_id=world.student_a.pk,
        )
        for age in ages
    )


def _counts(queries: list[dict[str, Any]]) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"] and "privacy_personal" in q["sql"]]


def test_the_count_is_exact_and_reads_the_settled_rows_once(world: World) -> None:
    # Given rows from last year, from yesterday and from a minute ago
    _rows(world, timedelta(days=300), timedelta(days=1), timedelta(minutes=1))
    rows = PersonalDataAccess.objects.all()

    # When the log is counted twice, with a new recent row in between
    with CaptureQueriesContext(connection) as first:
        assert append_only_count(rows, "at") == 3
    _rows(world, timedelta(seconds=5))
    with CaptureQueriesContext(connection) as again:
        assert append_only_count(rows, "at") == 4

    # Then the first count read both parts, the second only the recent one
    assert len(_counts(first.captured_queries)) == 2
    assert len(_counts(again.captured_queries)) == 1
    assert '"at" >=' in _counts(again.captured_queries)[0]


def test_the_purge_recounts_the_settled_rows(world: World) -> None:
    # Given a row past the retention period and a recent one, counted
    _rows(world, timedelta(days=3 * 365), timedelta(days=2))
    rows = PersonalDataAccess.objects.filter(actor_username="school_staff_a")
    assert append_only_count(rows, "at") == 2

    # When the purge deletes the old row (the log's only delete; it enters the audit trail)
    assert access_log_purge().access_rows == 1

    # Then the count follows
    assert append_only_count(rows, "at") == 1


def test_each_filter_has_its_own_settled_count(world: World) -> None:
    _rows(world, timedelta(days=3), timedelta(days=4))
    _rows(world, timedelta(days=5), actor="school_staff_b")
    everyone = PersonalDataAccess.objects.all()
    assert append_only_count(everyone, "at") == 3
    assert append_only_count(everyone.filter(actor_username="school_staff_b"), "at") == 1


@override_settings(VOCNET_PAGE_CACHE=False)
def test_without_the_page_cache_everything_is_counted_each_time(world: World) -> None:
    _rows(world, timedelta(days=3), timedelta(minutes=2))
    rows = PersonalDataAccess.objects.all()
    append_only_count(rows, "at")
    with CaptureQueriesContext(connection) as again:
        assert append_only_count(rows, "at") == 2
    assert len(_counts(again.captured_queries)) == 2


def test_the_api_first_page_counts_only_recent_rows_when_seen_again(world: World) -> None:
    _rows(world, timedelta(days=30), timedelta(days=31), timedelta(minutes=3))
    client = Client()
    sign_in(client, world.user("province_officer"))
    assert client.get("/api/access-log").json()["count"] == 3

    with CaptureQueriesContext(connection) as again:
        body = client.get("/api/access-log").json()

    assert body["count"] == 3
    counts = _counts(again.captured_queries)
    assert len(counts) == 1
    assert '"at" >=' in counts[0]


def test_a_search_that_can_match_nothing_counts_zero(world: World) -> None:
    _rows(world, timedelta(days=3))
    assert append_only_count(PersonalDataAccess.objects.none(), "at") == 0
    assert append_only_count(PersonalDataAccess.objects.filter(subject_id__in=[]), "at") == 0
