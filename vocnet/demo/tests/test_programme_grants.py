"""The designations, grant and launch-ceremony demo on a small registry demo: the registry's
2025 badges reused, a year of spending never over what was disbursed, the 2025-07-22
ceremony with its reported and counted attendance; idempotent and resettable."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db.models import Sum

from vocnet.demo.programme_grants import (
    CEREMONY_TITLE,
    load_programme_grants_demo,
    reset_programme_grants_demo,
)
from vocnet.demo.programmes import load_programmes_demo
from vocnet.demo.registry import load_demo
from vocnet.programmes.models import Designation, Disbursement, Event, Grant, Spending
from vocnet.registry.models import SchoolDesignation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demos(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)
    load_programmes_demo()


def test_the_demo_designates_funds_and_holds_the_ceremony(demos: None) -> None:
    badges = SchoolDesignation.objects.count()
    started = time.perf_counter()
    counts = load_programme_grants_demo()
    print(f"programme grants demo: {time.perf_counter() - started:.2f} s")
    # The registry's badges are reused, not duplicated
    assert SchoolDesignation.objects.count() == badges
    base = Designation.objects.get(
        school_designation__school__organisation__name_ko="경기자동차과학고등학교",
        programme__code="moe_agreement_school",
    )
    assert (base.cohort, base.duration_years, base.school_designation.role) == (2, 5, "base")
    assert base.decision is not None
    grant = Grant.objects.get(designation=base)
    for source in ("ministry", "education_office", "local_government", "company"):
        paid = Disbursement.objects.filter(grant=grant, source=source).aggregate(
            t=Sum("amount_krw")
        )
        spent = Spending.objects.filter(grant=grant, source=source).aggregate(t=Sum("amount_krw"))
        assert (spent["t"] or 0) <= (paid["t"] or 0)
    assert Spending.objects.filter(grant=grant, is_synthetic=False).count() == 0
    ceremony = Event.objects.get(title=CEREMONY_TITLE)
    assert ceremony.reported_participants == 150
    assert ceremony.registrations.filter(attended=True).count() == 152
    assert counts["registrations"] == 160
    # Idempotent, and resettable
    assert load_programme_grants_demo() == counts
    reset_programme_grants_demo()
    assert Event.objects.filter(title=CEREMONY_TITLE).count() == 0
    assert Designation.objects.count() == 0
