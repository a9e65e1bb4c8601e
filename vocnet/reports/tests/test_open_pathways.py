"""Open data of the pathway indicators (issue 18 §6): no login, small cells suppressed, a data
dictionary and the licence stated, and the same figures as the province's signed-in page."""

from __future__ import annotations

import pytest
from django.test import Client

from vocnet.pathways.selectors import indicator_table
from vocnet.pathways.tests.factories import graduates
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _classes(world: World) -> None:
    graduates(world.objects["department_a"], 2025, employed=6, university=3, military=1)
    graduates(world.objects["department_b"], 2024, employed=2, university=7)


@pytest.mark.parametrize("dimension", ["year", "region", "field", "programme"])
def test_the_open_figures_equal_the_provinces_signed_in_page(world: World, dimension: str) -> None:
    _classes(world)
    signed_in = indicator_table(user=world.user("province_officer"), dimension=dimension)  # type: ignore[arg-type]
    anonymous = Client().get(f"/api/open/pathways/{dimension}").json()
    assert [row["graduates"] for row in anonymous["rows"]] == [
        line.shown.graduates for line in signed_in.lines
    ]
    assert [row["employment_rate"] for row in anonymous["rows"]] == [
        line.shown.employment_rate for line in signed_in.lines
    ]
    assert anonymous["total"]["employed"] == signed_in.total.shown.employed
    assert anonymous["suppressed"] is True
    assert "공공누리 제1유형" in anonymous["licence_ko"]


def test_the_public_page_and_csv_suppress_and_state_the_licence(world: World) -> None:
    _classes(world)
    client = Client()
    page = client.get("/open/pathways/year/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "공공누리 제1유형" in html
    assert "데이터 사전" in html
    assert '<td class="num">&lt;5</td>' in html  # 2 employed in 2024
    csv_text = client.get("/api/open/pathways/year/csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("name_ko,graduates,employed")
    assert "<5" in csv_text
    assert client.get("/open/pathways/school/").status_code == 404
    assert client.get("/api/open/pathways/school").status_code == 422
