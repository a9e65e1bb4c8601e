"""Factories of registry rows, one per meaningful state.

Reference rows (regions, offices, NCS, KSIC) come from the data migration, so factories look
them up by code instead of inventing them.
"""

from __future__ import annotations

from typing import Any

import factory
from django.contrib.auth import get_user_model

from vocnet.registry.models import (
    Company,
    Department,
    Guardian,
    GuardianLink,
    KsicDivision,
    Membership,
    NcsMiddle,
    Organisation,
    OrganisationKind,
    Region,
    Role,
    School,
    SchoolDesignation,
    Student,
    SupportOffice,
)
from vocnet.registry.validators import business_number_check_digit


def region(code: str = "41390") -> Region:
    return Region.objects.get(sigungu_code=code)


def support_office_of(code: str) -> SupportOffice:
    return region(code).support_office


def valid_business_number(seed: int) -> str:
    first_nine = f"{100_000_000 + seed:09d}"[-9:]
    return first_nine + str(business_number_check_digit(first_nine))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"사용자{n}")
    password = factory.django.Password("correct-horse-battery-9")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.INDUSTRY_BODY
    name_ko = factory.Sequence(lambda n: f"기관{n}")
    region = factory.LazyFunction(region)
    data_origin = "entered"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.SCHOOL,
        name_ko=factory.Sequence(lambda n: f"시험공업고등학교{n}"),
    )
    neis_code = factory.Sequence(lambda n: f"{7_000_000 + n}")
    school_type = "specialized"
    establishment = "public"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    school = factory.SubFactory(SchoolFactory)
    name_ko = factory.Sequence(lambda n: f"미래자동차과{n}")
    ncs_middle = factory.LazyFunction(lambda: NcsMiddle.objects.get(code="1501"))
    intake_capacity = 48
    enrolled_grade_1 = 48
    enrolled_grade_2 = 46
    enrolled_grade_3 = 44


class DesignationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolDesignation

    school = factory.SubFactory(SchoolFactory)
    kind = "gg_agreement"
    year = 2025


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind=OrganisationKind.COMPANY,
        name_ko=factory.Sequence(lambda n: f"(주)시험기업{n}"),
    )
    business_number = factory.Sequence(valid_business_number)
    ksic_division = factory.LazyFunction(lambda: KsicDivision.objects.get(code="30"))
    size_class = "sme"
    employees = 120


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    department = factory.SubFactory(DepartmentFactory)
    school = factory.SelfAttribute("department.school")
    student_number = factory.Sequence(lambda n: f"{20250000 + n}")
    name = factory.Sequence(lambda n: f"학생{n}")
    grade = 2


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COMPANY_STAFF


def guardian_of(student: Student, user: Any) -> Guardian:
    guardian = Guardian.objects.create(user=user)
    GuardianLink.objects.create(guardian=guardian, student=student, relationship="모")
    MembershipFactory(user=user, organisation=student.school.organisation, role=Role.GUARDIAN)
    return guardian
