"""Sensible defaults of the offer form (issue 16 §2): a new offer's region is its company's."""

from __future__ import annotations

import pytest
from django.test import Client

from vocnet.placements.tests import factories as pf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def test_a_new_offer_starts_in_its_companys_region(world: World) -> None:
    # Given company A (in 시흥, 41390), vetted
    pf.ApprovedVettingFactory(company=world.company_a)
    client = Client()
    sign_in(client, world.user("company_staff"))

    # When its staff open a new offer
    form = client.get("/placements/offers/new/").context["form"]

    # Then the region is the company's, not the first of the list
    region = world.company_a.organisation.region
    assert form["region_code"].value() == region.sigungu_code == "41390"
