"""Factories of demand rows, one per meaningful state.

    CompanyDeclarationFactory(organisation=company.organisation)   # entered by the company
    SyntheticDeclarationFactory(...)                               # a demo row

Declarations are written straight through the ORM (no service, no audit entry): tests of the
services start from a known state and count the audit entries their own call writes. A year
is taken from :func:`declared_year` so tests stay valid whatever today's date.
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from vocnet.demand.models import DemandDeclaration
from vocnet.demand.supply import current_school_year
from vocnet.registry.models import DataOrigin, NcsMiddle
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
