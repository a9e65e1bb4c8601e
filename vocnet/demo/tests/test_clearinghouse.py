"""The clearinghouse demo on a small registry demo (scale 0.02) with vetted offers standing in
for the placements demo: one published province round, lists of 3–5 offers in the student's
field and area, company rankings with ties, schools' orders, deterministic and idempotent."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.db.models import Count

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundStatus,
    RunStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.tests import factories as cf
from vocnet.demand.reference import region_neighbours
from vocnet.demo.clearinghouse import (
    ROUND_NAME,
    load_clearinghouse_demo,
    reset_clearinghouse_demo,
)
from vocnet.demo.registry import load_demo
from vocnet.placements.models import Placement, PlacementOrigin
from vocnet.registry.models import Company, Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_offers(db: Any) -> None:
    """The registry demo, and two 3-seat offers for each field × region of its departments."""
    load_demo(scale=0.02, school_year=2026)
    companies = list(Company.objects.select_related("organisation").order_by("pk")[:40])
    pairs = sorted(
        set(
            Department.objects.filter(school__organisation__region__isnull=False).values_list(
                "ncs_middle_id", "school__organisation__region_id"
            )
        )
    )
    for index, (field, region) in enumerate(pairs):
        for extra in range(2):
            company = companies[(2 * index + extra) % len(companies)]
            cf.OfferFactory(company=company, ncs_middle_id=field, region_id=region, seats=3)


def _fingerprint() -> dict[str, Any]:
    return {
        "preferences": sorted(
            StudentPreference.objects.values_list("student_id", "offer_id", "rank")
        ),
        "rankings": sorted(OfferRanking.objects.values_list("offer_id", "student_id", "rank")),
        "outcomes": sorted(RoundOutcome.objects.values_list("student_id", "offer_id")),
    }


def test_the_demo_runs_and_publishes_one_province_round(demo_offers: None) -> None:
    # when the demo is loaded
    counts = load_clearinghouse_demo(seed=7)

    # then one synthetic province round is published with a successful, stable run
    placement_round = PlacementRound.objects.get()
    assert (placement_round.name, placement_round.status) == (ROUND_NAME, RoundStatus.PUBLISHED)
    assert placement_round.is_synthetic
    assert placement_round.support_office_id is None
    run = placement_round.runs.get()
    assert run.status == RunStatus.SUCCEEDED
    assert run.stability is not None
    assert run.stability["is_stable"] is True
    assert counts["rounds"] == 1
    assert counts["preferences"] == StudentPreference.objects.count() > 100

    # and every list has 3 to 5 offers (fewer only when fewer exist), in the student's field
    # and in their 시·군 or a neighbouring one
    neighbours = region_neighbours()
    lengths = Counter(
        StudentPreference.objects.values("student_id")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert set(lengths) <= {1, 2, 3, 4, 5}
    assert lengths[3] + lengths[4] + lengths[5] > 0
    for preference in StudentPreference.objects.select_related(
        "offer__region", "student__department", "student__school__organisation__region"
    ):
        assert preference.offer.ncs_middle_id == preference.student.department.ncs_middle_id
        home = preference.student.school.organisation.region.sigungu_code
        assert preference.offer.region.sigungu_code in {home, *neighbours[home]}

    # and some companies ranked with ties, schools gave their orders
    ranks = Counter(OfferRanking.objects.values_list("offer_id", "rank"))
    assert max(ranks.values()) > 1
    assert SchoolRecommendation.objects.exists()

    # and every matched student got a synthetic round placement, linked from the outcome
    matched = RoundOutcome.objects.filter(offer__isnull=False)
    assert counts["matched"] == matched.count() > 0
    assert Placement.objects.filter(origin=PlacementOrigin.ROUND, is_synthetic=True).count() == (
        matched.count()
    )
    assert not matched.filter(placement__isnull=True).exists()


def test_the_demo_is_deterministic_and_idempotent(demo_offers: None) -> None:
    # given the demo loaded once
    load_clearinghouse_demo(seed=7)
    first = _fingerprint()
    # when it is loaded again, then nothing changes
    load_clearinghouse_demo(seed=7)
    assert _fingerprint() == first
    assert PlacementRound.objects.count() == 1
    # when it is reset (with the placements it made) and loaded again, then it is the same
    reset_clearinghouse_demo()
    Placement.objects.filter(origin=PlacementOrigin.ROUND).delete()
    assert PlacementRound.objects.count() == 0
    load_clearinghouse_demo(seed=7)
    assert _fingerprint() == first


def test_without_offers_the_demo_loads_nothing(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)
    assert load_clearinghouse_demo(seed=7) == {"rounds": 0, "offers": 0}
    assert PlacementRound.objects.count() == 0
