"""Lists open at 20 rows, offer 50 and 100, keep their filters, and link a window of pages
(vocnet.core.pagination, ADR 0037), shown on the offer list."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import Client

from vocnet.placements.tests import factories as pf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(world: World, offer_a: Any) -> Client:
    for _ in range(44):
        pf.PublishedOfferFactory(company=world.company_b)
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    return client


def _rows(response: Any) -> int:
    return response.content.decode().count('<th scope="row">')


def test_a_list_opens_at_twenty_rows_and_offers_fifty_and_a_hundred(school: Client) -> None:
    response = school.get("/placements/")
    assert response.context["page"].paginator.count == 45
    assert _rows(response) == 20
    html = response.content.decode()
    assert '<strong aria-current="true">20건</strong>' in html
    assert 'href="?per_page=50">50건</a>' in html
    assert 'href="?per_page=100">100건</a>' in html

    assert _rows(school.get("/placements/?per_page=50")) == 45
    assert _rows(school.get("/placements/?per_page=100&page=1")) == 45


def test_a_size_that_is_not_offered_reads_as_the_default(school: Client) -> None:
    for value in ("7", "100000", "-1", "abc", ""):
        response = school.get(f"/placements/?per_page={value}")
        assert response.status_code == 200
        assert response.context["page"].paginator.per_page == 20


def test_size_links_keep_the_filters_and_return_to_the_first_page(school: Client) -> None:
    html = school.get("/placements/?region=&page=2").content.decode()
    sizes = html[html.index('class="vn-page-sizes"') :]
    links = re.findall(r'href="\?([^"]*)"', sizes.split("</p>", 1)[0])
    assert links == [
        "region=&amp;per_page=50",
        "region=&amp;per_page=100",
    ]


def test_page_links_keep_the_chosen_size(school: Client) -> None:
    html = school.get("/placements/?per_page=50").content.decode()
    assert "page=2" not in html  # 45 rows at 50 a page: one page, no page links
    html = school.get("/placements/").content.decode()
    assert 'href="?page=3">3</a>' in html


def test_the_page_window_is_elided_on_long_lists() -> None:
    from vocnet.core.pagination import page_window

    page = Paginator(range(20 * 500), 20).get_page(250)
    window = page_window(page)
    ellipsis = page.paginator.ELLIPSIS
    assert window == [1, ellipsis, 248, 249, 250, 251, 252, ellipsis, 500]
    assert page_window(Paginator(range(60), 20).get_page(1)) == [1, 2, 3]


def test_only_lists_that_swap_their_results_boost_their_page_links(school: Client) -> None:
    """The offers table is returned alone to htmx and sits in #results: its links swap it.
    The placements list has no such partial: plain links (a boosted link whose #results is
    missing did nothing at all)."""
    offers = school.get("/placements/").content.decode()
    assert 'class="krds-pagination" aria-label="쪽 이동" hx-boost="true"' in offers
    assert '<p class="vn-page-sizes" hx-boost="true"' in offers
    assert 'id="results"' in offers

    page = Paginator(range(45), 20).get_page(1)
    html = render_to_string("includes/pagination.html", {"page": page, "query": ""})
    assert "hx-boost" not in html
    assert 'href="?page=2">2</a>' in html
    assert 'href="?per_page=50">50건</a>' in html
