"""The demand demo on a small registry demo (scale 0.02): labelled synthetic, following the
industry profile, deterministic, idempotent, and with three scenarios to compare."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from vocnet.demand.models import DemandDeclaration, Scenario, ScenarioStatus
from vocnet.demo.demand import (
    SYNTHETIC_NOTE,
    DemandDemoError,
    load_demand_demo,
    reset_demand_demo,
)
from vocnet.demo.registry import load_demo
from vocnet.registry.models import DataOrigin, OrganisationKind

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def registry_demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def _fingerprint() -> list[tuple[Any, ...]]:
    return sorted(
        DemandDeclaration.objects.values_list(
            "organisation__name_ko", "ncs_middle__code", "occupation", "region__sigungu_code",
            "year", "headcount",
        )
    )  # fmt: skip


def test_the_demo_declares_three_years_of_labelled_demand_and_plans_three_scenarios(
    registry_demo: None,
) -> None:
    counts = load_demand_demo(today=TODAY)

    declarations = DemandDeclaration.objects.all()
    assert counts["declarations"] == declarations.count() > 100
    assert set(declarations.values_list("year", flat=True)) == {2027, 2028, 2029}
    assert set(declarations.values_list("data_origin", flat=True)) == {DataOrigin.SYNTHETIC}
    assert set(declarations.values_list("note", flat=True)) == {SYNTHETIC_NOTE}
    kinds = set(declarations.values_list("organisation__kind", flat=True))
    assert kinds == {
        OrganisationKind.COMPANY,
        OrganisationKind.INDUSTRY_BODY,
        OrganisationKind.CITY_COUNTY,
    }
    # The semiconductor council declares equipment maintenance in Yongin.
    assert declarations.filter(
        organisation__name_ko="경기반도체산업협의회(가상)",
        ncs_middle__code="1903",
        region__sigungu_code="41460",
    ).exists()
    scenarios = Scenario.objects.order_by("pk")
    assert counts["scenarios"] == 3
    assert [s.status for s in scenarios] == [ScenarioStatus.SOLVED] * 3
    assert all(s.is_synthetic and s.result for s in scenarios)
    # The support office's scenario plans for the schools of its own regions only.
    office_plan = scenarios[2]
    assert [s.support_office for s in scenarios[:2]] == [None, None]
    assert office_plan.support_office is not None
    assert set(
        office_plan.recommendations.values_list(
            "department__school__organisation__region__support_office", flat=True
        )
    ) == {office_plan.support_office.pk}


def test_the_demo_is_deterministic_and_loads_once(registry_demo: None) -> None:
    load_demand_demo(today=TODAY, with_scenarios=False)
    first = _fingerprint()

    again = load_demand_demo(today=TODAY, with_scenarios=False)
    assert again["created"] == 0 and _fingerprint() == first

    reset_demand_demo()
    load_demand_demo(today=TODAY, with_scenarios=False)
    assert _fingerprint() == first


def test_the_demo_needs_the_registry_demo(db: Any) -> None:
    with pytest.raises(DemandDemoError):
        load_demand_demo(today=TODAY)


def test_demo_rows_pass_the_models_validation(registry_demo: None) -> None:
    load_demand_demo(today=TODAY, with_scenarios=False)

    declarations = list(DemandDeclaration.objects.order_by("pk")[:200])
    for declaration in declarations:
        declaration.full_clean()
    # the seeded demo's rows (an empty demo would check nothing and pass)
    assert (DemandDeclaration.objects.count(), len(declarations)) == (288, 200)
