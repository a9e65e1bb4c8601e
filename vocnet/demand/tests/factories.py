"""Factories of demand rows, one per meaningful state.

    CompanyDeclarationFactory(organisation=company.organisation)   # entered by the company
    SyntheticDeclarationFactory(...)                               # a demo row
    recommendation(scenario, department)                           # one row of a solved plan

Declarations are written straight through the ORM (no service, no audit entry): tests of the
services start from a known state and count the audit entries their own call writes. A year
is taken from :func:`declared_year` so tests stay valid whatever today's date.
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from vocnet.demand.models import DemandDeclaration, Scenario, ScenarioRecommendation
from vocnet.demand.supply import current_school_year
from vocnet.registry.models import DataOrigin, Department, NcsMiddle
from vocnet.registry.tests import factories as rf


def base_year() -> int:
    return current_school_year(timezone.localdate())


def declared_year(ahead: int = 1) -> int:
    """A hiring year ``ahead`` years after the current school year (1 … 5 may be declared)."""
    return base_year() + ahead


class CompanyDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemandDeclaration

    organisation = factory.LazyAttribute(lambda o: rf.CompanyFactory().organisation)
    ncs_middle = factory.LazyFunction(lambda: NcsMiddle.objects.get(code="1506"))
    occupation = "자동차 부품 생산원"
    region = factory.LazyAttribute(lambda o: o.organisation.region)
    year = factory.LazyFunction(declared_year)
    headcount = 10
    certificates: Any = factory.LazyFunction(lambda: ["자동차정비기능사"])
    data_origin = DataOrigin.ENTERED


class SyntheticDeclarationFactory(CompanyDeclarationFactory):
    data_origin = DataOrigin.SYNTHETIC
    note = "합성(데모) 수요"


def recommendation(
    scenario: Scenario, department: Department, action: str = "grow", new: int | None = None
) -> ScenarioRecommendation:
    """A recommendation row of ``scenario`` for ``department`` (written as ``scenario_run``
    would, without solving): ``grow`` by four places unless told otherwise."""
    current = department.intake_capacity
    planned = new if new is not None else current + (4 if action == "grow" else 0)
    return ScenarioRecommendation.objects.create(
        scenario=scenario,
        department=department,
        action=action,
        current_intake=current,
        new_intake=planned,
        explanation_ko=f"{department.name_ko}: 입학 정원을 {current}명에서 {planned}명으로.",
        explanation_en=f"{department.name_ko}: intake from {current} to {planned}.",
    )
