"""The partner search of the application wizard: organisations found by name, kind and
region (a server-side search; without JavaScript a GET of the same page keeps what was typed
and chosen; htmx swaps the results only), never one list of every organisation."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest

from vocnet.programmes.models import Application
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.selectors_partners import RESULT_LIMIT, parse_query, partner_search
from vocnet.programmes.tests.factories import published_call
from vocnet.registry.models import Organisation, OrganisationKind
from vocnet.registry.tests import factories as f
from vocnet.testing import World
from vocnet.testing.matrix import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call(world: World, orgs: dict[str, Organisation]) -> Any:
    return published_call(
        world.user("province_officer"),
        orgs["education_office"],
        kind_code="gg_regional_winwin",
        opens_at=datetime(2025, 1, 1, tzinfo=SEOUL),
        closes_at=datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL),
    )


def test_the_search_matches_name_kind_and_region_and_keeps_the_chosen(
    world: World, orgs: dict[str, Organisation]
) -> None:
    # given many companies (more than a page of results) and the city
    for number in range(RESULT_LIMIT + 5):
        f.OrganisationFactory(kind=OrganisationKind.COMPANY, name_ko=f"검색전자 {number:02d}")
    city = orgs["city"]
    # when a school searches "검색전자"
    search = partner_search(parse_query("검색전자", "", ""), [city.pk])
    # then 20 of the 25 are shown, the total is said, and the chosen city stays first
    assert search.total == RESULT_LIMIT + 5
    assert len(search.results) == RESULT_LIMIT
    assert [o.pk for o in search.chosen] == [city.pk]
    assert city not in search.results
    # narrowing by kind: no company is a local government
    assert partner_search(parse_query("검색전자", "city_county", ""), []).total == 0
    # an unknown kind or region is ignored rather than refused; an empty search lists none
    assert parse_query("", "nonsense", "x").is_empty
    assert partner_search(parse_query("", "", ""), []).results == []


def test_without_javascript_the_search_is_a_get_of_the_page_keeping_the_form(
    world: World, orgs: dict[str, Organisation], open_call: Any
) -> None:
    client = client_for(world, "school_staff_a")
    url = f"/programmes/calls/{open_call.pk}/apply/"
    # the page has no list of every organisation
    page = client.get(url).content.decode()
    assert orgs["company_a"].name_ko not in page
    # when the school searches by part of company A's name with the city already ticked
    part = orgs["company_a"].name_ko[:3]
    response = client.get(
        url,
        {"title": "A고 육성계획", "q": part, "partners": [str(orgs["city"].pk)]},
    )
    body = response.content.decode()
    # then company A is offered, the city stays ticked and the title is kept
    assert f'value="{orgs["company_a"].pk}"' in body
    assert f'value="{orgs["city"].pk}" checked' in body
    assert 'value="A고 육성계획"' in body
    # and the application is made with the ticked partners
    client.post(
        url,
        {
            "lead_organisation": orgs["school_a"].pk,
            "title": "A고 육성계획",
            "partners": [orgs["city"].pk, orgs["company_a"].pk],
        },
    )
    application = Application.objects.get()
    assert set(application.parties.values_list("organisation_id", flat=True)) == {
        orgs["school_a"].pk,
        orgs["city"].pk,
        orgs["company_a"].pk,
    }


def test_the_htmx_endpoint_returns_the_results_only_in_few_queries(
    world: World,
    orgs: dict[str, Organisation],
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(world, "school_staff_a")
    for number in range(30):
        f.OrganisationFactory(kind=OrganisationKind.COMPANY, name_ko=f"부품 {number:02d}")
    client.get("/programmes/partners/search/", {"q": "부품"})  # warm the session
    with django_assert_max_num_queries(8):
        response = client.get(
            "/programmes/partners/search/",
            {"q": "부품", "partners": [str(orgs["city"].pk)]},
            HTTP_HX_REQUEST="true",
        )
    body = response.content.decode()
    assert "<html" not in body
    assert "찾은 기관 30곳 중 20곳" in body
    assert orgs["city"].name_ko in body


def test_a_tick_asks_again_so_a_search_sent_before_it_cannot_drop_it(
    world: World, orgs: dict[str, Organisation], open_call: Any
) -> None:
    """A search fired by typing (300 ms after the last key) can answer after the user has
    ticked a result; its answer, made before the tick, would swap the tick away. A tick
    therefore sends its own search in the same sync group, which replaces the stale one."""
    client = client_for(world, "school_staff_a")
    body = client.get(f"/programmes/calls/{open_call.pk}/apply/").content.decode()
    results = re.search(r'<div id="partner-results"[^>]*>', body)
    assert results is not None
    tag = results.group(0)
    assert 'hx-trigger="change"' in tag
    assert 'hx-sync="#partner-filters:replace"' in tag
    assert "[name=partners]:checked" in tag
    # the search box and both filters are in the same sync group
    assert body.count('hx-sync="#partner-filters:replace"') == 4
