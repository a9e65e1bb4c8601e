"""The field-training demo on a small registry demo (scale 0.02): vetted hosts, lawful offers
near the seat target, labelled synthetic, deterministic, idempotent, and reset cleanly."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from freezegun import freeze_time

from vocnet.demo.placements import (
    SEAT_TARGET,
    PlacementsDemoError,
    load_placements_demo,
    placements_demo_present,
    reset_placements_demo,
)
from vocnet.demo.registry import load_demo
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME
from vocnet.placements.models import (
    ContractVersionStatus,
    FieldTrainingOffer,
    HostVetting,
    OfferStatus,
    Placement,
    PlacementStatus,
    VettingStatus,
)
from vocnet.placements.rules import check_offer
from vocnet.placements.services import offer_terms

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def registry_demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def _fingerprint() -> list[tuple[Any, ...]]:
    return sorted(
        FieldTrainingOffer.objects.values_list(
            "company__business_number", "ncs_middle__code", "seats", "start_date",
            "allowance_krw", "mentor_name",
        )
    )  # fmt: skip


@freeze_time(TODAY)
def test_the_demo_vets_hosts_and_offers_lawful_seats_near_the_target(registry_demo: None) -> None:
    counts = load_placements_demo(today=TODAY)

    offers = FieldTrainingOffer.objects.prefetch_related("schedule")
    # about 15,000 seats at full scale: 300 at scale 0.02, plus the showcase offers
    assert 300 <= counts["seats"] <= 300 + 60
    assert counts["offers"] == offers.count()
    assert counts["created"] == counts["offers"]
    assert set(offers.values_list("is_synthetic", flat=True)) == {True}
    # every offer passes the labour rules and belongs to a host vetted today, but the excluded one
    assert all(check_offer(offer_terms(offer)) == [] for offer in offers)
    vetted = set(HostVetting.objects.valid_on(TODAY).values_list("company_id", flat=True))
    published = offers.filter(status=OfferStatus.PUBLISHED)
    assert set(published.values_list("company_id", flat=True)) <= vetted
    assert HostVetting.objects.filter(status=VettingStatus.EXCLUDED).count() == 1
    assert offers.filter(status=OfferStatus.CLOSED).exists()


@freeze_time(TODAY)
def test_the_demo_school_has_placements_in_three_contract_states(registry_demo: None) -> None:
    load_placements_demo(today=TODAY)

    placements = Placement.objects.filter(
        student__school__organisation__name_ko=BASE_SCHOOL_NAME
    ).order_by("pk")
    assert [p.status for p in placements] == [
        PlacementStatus.CONTRACTED,
        PlacementStatus.MATCHED,
        PlacementStatus.MATCHED,
    ]
    versions = [getattr(p, "contract", None) for p in placements]
    assert versions[0].current_version.status == ContractVersionStatus.SIGNED
    assert versions[0].current_version.signatures.count() == 4
    assert versions[1].current_version.signatures.count() == 1
    assert not hasattr(placements[2], "contract")


@freeze_time(TODAY)
def test_the_demo_is_deterministic_loads_once_and_resets(registry_demo: None) -> None:
    load_placements_demo(today=TODAY)
    first = _fingerprint()

    again = load_placements_demo(today=TODAY)
    assert again["created"] == 0
    assert _fingerprint() == first

    reset_placements_demo()
    assert not placements_demo_present()
    assert HostVetting.objects.count() == 0
    load_placements_demo(today=TODAY)
    assert _fingerprint() == first


def test_the_demo_needs_the_registry_demo(db: Any) -> None:
    with pytest.raises(PlacementsDemoError):
        load_placements_demo(today=TODAY)


def test_the_seat_target_is_the_issue_figure() -> None:
    assert SEAT_TARGET == 15_000
