"""Fixtures of the placement tests: the world's company A vetted, and its people by role."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.placements.tests import factories as pf
from vocnet.testing import World


@pytest.fixture
def vetted_a(world: World) -> Any:
    """Company A (region A, 시흥) with an approved vetting valid today."""
    return pf.ApprovedVettingFactory(company=world.company_a)


@pytest.fixture
def offer_a(world: World, vetted_a: Any) -> Any:
    """A published offer of company A, NCS 1501 like both world departments, 3 seats."""
    return pf.PublishedOfferFactory(company=world.company_a)
