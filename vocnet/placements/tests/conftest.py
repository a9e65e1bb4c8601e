"""Fixtures of the placement tests: the world's company A vetted, and its people by role."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.placements.eligibility import FIELD_TRAINING_GRADE
from vocnet.placements.tests import factories as pf
from vocnet.testing import World


@pytest.fixture(autouse=True)
def third_year_world_students(request: pytest.FixtureRequest) -> None:
    """The world's students are third-years here: only they may be placed (ADR 0017)."""
    if "world" not in request.fixturenames:
        return
    world: World = request.getfixturevalue("world")
    for student in (world.student_a, world.student_b):
        student.grade = FIELD_TRAINING_GRADE
        student.save(update_fields=["grade"])


@pytest.fixture
def vetted_a(world: World) -> Any:
    """Company A (region A, 시흥) with an approved vetting valid today."""
    return pf.ApprovedVettingFactory(company=world.company_a)


@pytest.fixture
def offer_a(world: World, vetted_a: Any) -> Any:
    """A published offer of company A, NCS 1501 like both world departments, 3 seats."""
    return pf.PublishedOfferFactory(company=world.company_a)


# The browser fixtures (one Chromium per module, the small demo on a live server, axe-core)
# for the school journey (test_browser_school_journey.py), as in vocnet/pathways/tests.
from vocnet.core.tests.browser.conftest import (  # noqa: E402, F401
    axe,
    axe_seen,
    browser,
    demo_server,
    in_browser,
    restored_database,
    screenshot,
)
