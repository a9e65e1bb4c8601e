"""The pathways demo on a small registry demo (scale 0.02): three graduating classes at rates
near the national statistic, every row labelled synthetic, deterministic and idempotent."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.demo.pathways import (
    SYNTHETIC_NOTE,
    PathwaysDemoError,
    load_pathways_demo,
    national_shares,
    reset_pathways_demo,
)
from vocnet.demo.registry import load_demo
from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.selectors import DestinationCounts
from vocnet.registry.models import DataOrigin, Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry_demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def test_the_national_shares_add_up_and_match_the_reported_figures() -> None:
    # key_numbers.md: 2025 — 진학 49.2 %, employed 15,296 of 59,661, 미취업 20.8 %
    shares = national_shares(2025)

    total = shares.employed + shares.university + shares.military + shares.other + shares.unknown
    assert total == pytest.approx(1.0)
    assert shares.university == pytest.approx(0.492)
    assert shares.employed == pytest.approx(15_296 / 59_661, abs=0.002)
    assert shares.other == pytest.approx(0.208, abs=0.002)
    assert national_shares(2024).employed == pytest.approx(16_588 / 63_005, abs=0.002)


def test_the_demo_records_three_labelled_classes_near_the_national_rates(db: Any) -> None:
    # Given a registry demo large enough for the rates to show (scale 0.1: ~1,600 graduates)
    load_demo(scale=0.1, school_year=2026)

    counts = load_pathways_demo()

    rows = GraduateDestination.objects.all()
    assert counts["created"] == counts["destinations"] == rows.count() > 1500
    assert set(rows.values_list("graduation_year", flat=True)) == {2023, 2024, 2025}
    assert set(rows.values_list("data_origin", flat=True)) == {DataOrigin.SYNTHETIC}
    assert set(rows.values_list("note", flat=True)) == {SYNTHETIC_NOTE}
    assert not rows.filter(student__isnull=False).exists()
    assert counts["departments"] == Department.objects.count()
    # Over the three classes, each destination within two points of the national mean
    tally = DestinationCounts()
    for kind in ("university", "military", "other", "unknown"):
        setattr(tally, kind, rows.filter(kind=kind).count())
    tally.employed_in_field = rows.filter(kind="employed").count()
    expected = [national_shares(year) for year in (2023, 2024, 2025)]
    for kind in ("employed", "university", "military", "other"):
        mean = sum(getattr(shares, kind) for shares in expected) / 3
        assert getattr(tally, kind) / tally.total == pytest.approx(mean, abs=0.02), kind
    employed = rows.filter(kind="employed")
    assert not rows.exclude(kind="employed").filter(company__isnull=False).exists()
    assert employed.filter(company__isnull=False).count() / employed.count() == pytest.approx(
        0.7, abs=0.05
    )


def test_the_demo_is_deterministic_and_loads_once(registry_demo: None) -> None:
    load_pathways_demo()
    first = sorted(
        GraduateDestination.objects.values_list("department__name_ko", "graduate_key", "kind")
    )

    again = load_pathways_demo()
    reset_pathways_demo()
    load_pathways_demo()

    assert again["created"] == 0
    assert (
        sorted(
            GraduateDestination.objects.values_list("department__name_ko", "graduate_key", "kind")
        )
        == first
    )


def test_the_demo_needs_the_registry_demo(db: Any) -> None:
    with pytest.raises(PathwaysDemoError):
        load_pathways_demo()


def test_demo_rows_pass_the_models_validation(registry_demo: None) -> None:
    load_pathways_demo()

    destinations = list(GraduateDestination.objects.order_by("pk")[:200])
    for destination in destinations:
        destination.full_clean()
    # the seeded demo's rows (an empty demo would check nothing and pass)
    assert (GraduateDestination.objects.count(), len(destinations)) == (435, 200)


def test_the_demo_draws_labelled_events_at_the_stated_rates(db: Any) -> None:
    # Given the registry demo at scale 0.1 (~1,600 graduates)
    from vocnet.pathways.models import PathwayEvent
    from vocnet.pathways.selectors.indicators import build_table, count_indicators

    load_demo(scale=0.1, school_year=2026)
    counts = load_pathways_demo()

    events = PathwayEvent.objects.all()
    assert counts["events"] == events.count() > counts["destinations"]
    assert set(events.values_list("data_origin", flat=True)) == {DataOrigin.SYNTHETIC}
    assert not events.filter(kind="enrolled", route="").exists()
    assert not events.filter(kind="insurance_check", source="").exists()
    total = build_table(GraduateDestination.objects.all(), "total", suppress=False).total
    # About 5 % on a work-then-study route; retention near the stated 83 % and 68 %
    assert 0.03 < total.counts.work_study / total.counts.graduates < 0.07
    assert 75 < total.shown.retention_6 < 90  # type: ignore[operator]
    assert 58 < total.shown.retention_12 < 78  # type: ignore[operator]
    # The national 취업률 definition gives about 55 % (the rates the destinations follow)
    assert 50 < total.shown.employment_rate < 61  # type: ignore[operator]
    # Regional retention varies by region
    by_region = count_indicators(GraduateDestination.objects.all(), "region")
    shares = [
        c.same_city / c.workplace_known for c in by_region.values() if c.workplace_known >= 20
    ]
    assert max(shares) - min(shares) > 0.15
