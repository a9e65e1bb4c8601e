"""The directory and the organisation pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str = "company_staff") -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _names(response: Any) -> list[str]:
    return [o.name_ko for o in response.context["page"].object_list]


def test_directory_filters_by_kind_region_designation_ncs_and_ksic(world: World) -> None:
    f.DesignationFactory(school=world.school_b, kind="gg_hightech", year=2025)
    client = _client(world)

    assert _names(client.get("/directory/?kind=school")) == [
        "수원정보고등학교",
        "시흥미래공업고등학교",
    ]
    assert _names(client.get("/directory/?kind=school&region=41390")) == ["시흥미래공업고등학교"]
    assert _names(client.get("/directory/?designation=gg_hightech")) == ["수원정보고등학교"]
    assert len(_names(client.get("/directory/?ncs=15"))) == 2
    assert _names(client.get("/directory/?ksic=C&region=41110")) == [
        world.company_b.organisation.name_ko
    ]


def test_htmx_request_gets_only_the_results_and_the_export_keeps_the_filters(world: World) -> None:
    response = _client(world).get("/directory/?kind=school&region=41390", HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert "<html" not in html
    assert "시흥미래공업고등학교" in html
    assert "/api/exports/organisations.xlsx?kind=school&amp;region=41390" in html


def test_export_link_downloads_the_filtered_list(world: World) -> None:
    client = _client(world)

    response = client.get("/api/exports/organisations.xlsx?kind=school&region=41390")

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


@pytest.mark.parametrize("per_page", [20, 100])
def test_directory_query_count_does_not_depend_on_page_size(
    world: World, per_page: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(60):
        school = f.SchoolFactory(organisation__name_ko=f"대량학교{n:02d}")
        f.DesignationFactory(school=school, kind="gg_agreement")
        f.CompanyFactory(organisation__name_ko=f"(주)대량{n:02d}")
    client = _client(world)
    client.get("/")

    with django_assert_max_num_queries(24):
        response = client.get(f"/directory/?per_page={per_page}")
    assert len(response.context["page"].object_list) == per_page


def test_school_page_shows_departments_designations_and_consortium(world: World) -> None:
    f.DesignationFactory(school=world.school_a, kind="moe_agreement", year=2025, role="base")
    f.DesignationFactory(school=world.school_b, kind="moe_agreement", year=2025, role="member")

    response = _client(world).get(f"/organisations/{world.school_a.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "미래자동차과" in html
    assert "거점학교" in html
    assert [s.pk for s in response.context["consortium"][0][1]] == [world.school_b.pk]


def test_company_page_shows_the_business_number_with_hyphens(world: World) -> None:
    response = _client(world).get(f"/organisations/{world.company_a.pk}/")

    number = world.company_a.business_number
    assert f"{number[:3]}-{number[3:5]}-{number[5:]}" in response.content.decode()


def test_unknown_organisation_is_404(world: World) -> None:
    assert _client(world).get("/organisations/999999/").status_code == 404


def test_pages_are_korean_whatever_the_browser_asks(world: World) -> None:
    response = _client(world).get("/directory/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="ko">' in response.content.decode()
