"""The offer list API stays one cheap query however many placements the offers have
(issue 12, item 5): visibility by an uncorrelated IN, not a join through placements plus
DISTINCT."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vocnet.placements.models import OfferStatus, PlacementStatus
from vocnet.placements.tests import factories as pf
from vocnet.registry.tests import factories as rf
from vocnet.testing import World, sign_in


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _offers_sql(queries: list[dict[str, Any]]) -> list[str]:
    return [q["sql"] for q in queries if 'FROM "placements_fieldtrainingoffer"' in q["sql"]]


def test_school_staff_see_each_offer_once_without_a_join_through_placements(
    world: World, vetted_a: Any, django_assert_max_num_queries: Any
) -> None:
    # Given a published offer with three placements of school A's students, a closed offer
    # school A's student was placed on, and a closed offer of nobody of school A
    published = pf.PublishedOfferFactory(company=world.company_a, seats=5)
    department = world.objects["department_a"]
    for _ in range(3):
        pf.PlacementFactory(offer=published, student=rf.StudentFactory(department=department))
    closed_ours = pf.PublishedOfferFactory(company=world.company_a)
    pf.PlacementFactory(
        offer=closed_ours, student=world.student_a, status=PlacementStatus.COMPLETED
    )
    closed_ours.status = OfferStatus.CLOSED
    closed_ours.save(update_fields=["status"])
    pf.DraftOfferFactory(company=world.company_a, status=OfferStatus.CLOSED)
    client = _client(world, "school_staff_a")

    # When school staff A list the offers
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(12):
        response = client.get("/api/placements/offers")

    # Then each visible offer comes once, with its seats taken, and no query joins placements
    # into the list or de-duplicates it
    body = response.json()
    assert response.status_code == 200
    assert sorted(item["id"] for item in body["items"]) == sorted([published.pk, closed_ours.pk])
    assert body["count"] == 2
    assert {item["id"]: item["seats_taken"] for item in body["items"]}[published.pk] == 3
    for sql in _offers_sql(queries.captured_queries):
        assert "DISTINCT" not in sql
        assert 'JOIN "placements_placement"' not in sql


def test_a_deep_page_of_offers_reads_only_its_own_rows(
    world: World, vetted_a: Any, django_assert_max_num_queries: Any
) -> None:
    # Given 30 published offers
    offers = [pf.PublishedOfferFactory(company=world.company_a) for _ in range(30)]
    client = _client(world, "student")
    everything = client.get("/api/placements/offers", {"limit": 200}).json()["items"]

    # When the student reads the page at offset 25
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(12):
        page = client.get("/api/placements/offers", {"offset": 25, "limit": 10}).json()

    # Then it holds the last five offers in the list's order, and the query that loads the
    # rows (with their seats-taken subquery) names the five ids instead of skipping 25 rows
    assert len(offers) == 30 and page["count"] == 30
    assert [item["id"] for item in page["items"]] == [item["id"] for item in everything[25:]]
    loads = [sql for sql in _offers_sql(queries.captured_queries) if "seats_taken" in sql]
    assert len(loads) == 1
    assert "OFFSET" not in loads[0]
