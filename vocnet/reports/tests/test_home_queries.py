"""The province and school homes stay cheap (issue 12, item 5): a bounded number of queries,
and the heavy aggregates of the other apps (gap model, graduate destinations, agreement
progress) are read once per data version, not on every view."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vocnet.testing import World, sign_in


@pytest.mark.parametrize("persona", ["province_officer", "school_staff_a"])
def test_a_home_seen_again_reads_only_the_changing_figures(
    world: World, persona: str, django_assert_max_num_queries: Any
) -> None:
    # Given a signed-in officer who has opened the home once
    client = Client()
    sign_in(client, world.user(persona))
    with CaptureQueriesContext(connection) as first:
        assert client.get("/").status_code == 200

    # When the home is opened again with nothing written in between
    with CaptureQueriesContext(connection) as again, django_assert_max_num_queries(30):
        assert client.get("/").status_code == 200

    # Then the gap model, destinations and agreement progress are not read again
    def heavy(queries: list[dict[str, Any]]) -> int:
        tables = (
            "demand_demanddeclaration",
            "pathways_graduatedestination",
            "agreements_commitment",
        )
        return sum(any(f'FROM "{t}"' in q["sql"] for t in tables) for q in queries)

    assert heavy(again.captured_queries) == 0
    # and the placements the officer may see are counted without a DISTINCT over every column
    assert not any(
        "DISTINCT" in q["sql"] and '"placements_placement"' in q["sql"]
        for q in again.captured_queries
    )
    assert len(again.captured_queries) < len(first.captured_queries)
