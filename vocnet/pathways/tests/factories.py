"""Factories of graduate destinations, one per meaningful state.

    EmployedInFieldFactory(department=d)        # works in the department's own NCS field
    DestinationFactory(department=d, kind="university")

Rows are written straight through the ORM (no service, no audit entry): tests of the
services start from a known state and count the audit entries their own call writes.
"""

from __future__ import annotations

from typing import Any

import factory

from vocnet.pathways.indicators import FROM_DESTINATION
from vocnet.pathways.models import DestinationKind, GraduateDestination
from vocnet.registry.models import DataOrigin
from vocnet.registry.tests import factories as rf

LAST_CLASS = 2025


class DestinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateDestination

    department = factory.SubFactory(rf.DepartmentFactory)
    graduation_year = LAST_CLASS
    graduate_key = factory.Sequence(lambda n: f"G-{n:04d}")
    kind = DestinationKind.UNIVERSITY
    data_origin = DataOrigin.ENTERED
    # No events: the summary follows the recorded destination, as the services keep it.
    pathway_status = factory.LazyAttribute(lambda o: FROM_DESTINATION.get(o.kind, "unknown"))


class EmployedInFieldFactory(DestinationFactory):
    kind = DestinationKind.EMPLOYED
    ncs_middle = factory.LazyAttribute(lambda o: o.department.ncs_middle)


def graduates(department: Any, year: int, **kinds: int) -> list[GraduateDestination]:
    """``kinds`` graduates of ``department`` and ``year`` per destination, e.g.
    ``graduates(d, 2025, employed=3, university=5)``; the employed work in the department's
    field."""
    rows: list[GraduateDestination] = []
    for kind, count in kinds.items():
        factory_class = EmployedInFieldFactory if kind == "employed" else DestinationFactory
        rows += [
            factory_class(department=department, graduation_year=year, kind=kind)
            for _ in range(count)
        ]
    return rows


# Universities (issue 18 §4) ------------------------------------------------------------------


class IncumbentSpecialFactory(factory.django.DjangoModelFactory):
    """재직자 특별전형 places of a university."""

    class Meta:
        model = "pathways.UniversityProgramme"

    university = factory.SubFactory(rf.OrganisationFactory, kind="university")
    kind = "incumbent_special"
    name = factory.Sequence(lambda n: f"기계공학과 재직자 특별전형 {n}")
    admission_year = 2027
    places = 20
    admission_conditions = "특성화고 졸업 후 산업체 재직 3년 이상"


class ContractDepartmentFactory(IncumbentSpecialFactory):
    """A 채용조건형 계약학과 (add partner companies with ``partner_companies=[...]``)."""

    class Meta:
        skip_postgeneration_save = True

    kind = "contract_department"
    name = factory.Sequence(lambda n: f"스마트제조 계약학과 {n}")
    admission_conditions = ""
    contract_type = "hiring"
    contract_title = "스마트제조 계약학과 운영 협약"

    @factory.post_generation
    def partner_companies(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.partner_companies.set(extracted)


def link(school_organisation: Any, university: Any) -> Any:
    """An agreement in force between a school and a university (고교–대학 연계 협약)."""
    from vocnet.agreements.models import PartyRole
    from vocnet.agreements.tests.factories import SignedAgreementFactory

    return SignedAgreementFactory(
        lead=school_organisation,
        others=[(university, PartyRole.MEMBER)],
        kind_code="school_university_linkage",
    )


def graduate_of(student: Any, **kwargs: Any) -> GraduateDestination:
    """The graduate row of a student record (the graduate signs in as that student)."""
    return DestinationFactory(department=student.department, student=student, **kwargs)


def consent(graduate: GraduateDestination, **kwargs: Any) -> Any:
    from django.utils import timezone

    from vocnet.pathways.models import UniversityConsent

    return UniversityConsent.objects.create(graduate=graduate, given_at=timezone.now(), **kwargs)
