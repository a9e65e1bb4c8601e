"""The grant pages: the dashboard with its chart data, the Excel export, and a spending over
the disbursed amount refused on the page with nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from vocnet.programmes.models import Grant, Spending
from vocnet.programmes.tests.factories_grants import (
    designation_of,
    grant_of,
    receipt,
    selected_decision,
)
from vocnet.registry.models import Organisation
from vocnet.spreadsheets.testing import read_xlsx
from vocnet.testing import World
from vocnet.testing.matrix import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(world: World, orgs: dict[str, Organisation]) -> Grant:
    officer = world.user("province_officer")
    decision = selected_decision(
        officer,
        orgs["education_office"],
        world.user("school_staff_a"),
        orgs["school_a"],
        [orgs["city"]],
    )
    return grant_of(officer, designation_of(officer, decision))


def test_spending_over_the_disbursed_amount_is_refused_on_the_page(
    world: World, grant: Grant
) -> None:
    client = client_for(world, "school_staff_a")
    response = client.post(
        reverse("programmes:grant_spend", args=[grant.pk]),
        {
            "source": "ministry",
            "category": "equipment",
            "spent_on": "2025-09-01",
            "amount_krw": "400000001",
            "description": "장비",
            "evidence": receipt(),
        },
        follow=True,
    )
    assert "집행액이 교부액을 넘습니다" in response.content.decode()
    assert Spending.objects.count() == 0


def test_dashboard_and_export(
    world: World, grant: Grant, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world, "province_officer")
    client.get(reverse("programmes:execution"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programmes:execution") + "?year=2025")
    assert response.context["chart"]["labels"] == [world.school_a.organisation.name_ko]
    assert response.context["chart"]["values"] == [0.0]
    export = client.get(reverse("programmes:execution_xlsx") + "?year=2025")
    rows = [tuple(row) for row in read_xlsx(export.content)]
    assert rows[1][:6] == (
        "구분 (group)",
        "항목 (item)",
        "계획액(원) (planned_krw)",
        "교부액(원) (disbursed_krw)",
        "집행액(원) (spent_krw)",
        "집행률(%) (rate)",
    )
    assert rows[2][:6] == (
        "학교",
        world.school_a.organisation.name_ko,
        1_000_000_000,
        400_000_000,
        0,
        0.0,
    )
