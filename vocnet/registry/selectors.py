"""Reads of the registry. Every function that returns rows takes the user and goes through
``vocnet.core.permissions``; list functions return querysets with their relations loaded so
a page costs a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from vocnet.core.permissions import Action, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.registry.models import (
    Company,
    Department,
    KsicDivision,
    NcsMiddle,
    Organisation,
    PilotDistrict,
    Region,
    School,
    SchoolDesignation,
    Student,
    SupportOffice,
)


@dataclass(frozen=True)
class RegistryFilters:
    """Filters shared by the directory, the API and the Excel export (all optional).

    ``region`` is a 시군구 code (or ``"none"``: no verified location), ``support_office``
    an office id, ``designation`` a
    DesignationKind, ``ncs`` an NCS middle (4 digits) or major (2 digits) code, ``ksic`` a
    KSIC division (2 digits) or section (one letter), ``q`` a name fragment, ``organisation``
    one organisation's id (e.g. a school's own departments).
    """

    kind: str | None = None
    region: str | None = None
    support_office: int | None = None
    designation: str | None = None
    ncs: str | None = None
    ksic: str | None = None
    school_type: str | None = None
    size_class: str | None = None
    q: str | None = None
    organisation: int | None = None


# The region filter value for organisations whose location is not (yet) verified.
NO_REGION = "none"


def _ncs_q(code: str, prefix: str) -> Q:
    if len(code) == 2:
        return Q(**{f"{prefix}ncs_middle__major__code": code})
    return Q(**{f"{prefix}ncs_middle__code": code})


def _ksic_q(code: str, prefix: str) -> Q:
    if len(code) == 1:
        return Q(**{f"{prefix}ksic_division__section__code": code.upper()})
    return Q(**{f"{prefix}ksic_division__code": code})


def _organisation_q(filters: RegistryFilters, prefix: str) -> Q:
    q = Q()
    if filters.kind:
        q &= Q(**{f"{prefix}kind": filters.kind})
    if filters.region == NO_REGION:
        q &= Q(**{f"{prefix}region__isnull": True})
    elif filters.region:
        q &= Q(**{f"{prefix}region__sigungu_code": filters.region})
    if filters.support_office:
        q &= Q(**{f"{prefix}region__support_office_id": filters.support_office})
    if filters.organisation:
        q &= Q(**{f"{prefix}pk": filters.organisation})
    if filters.q:
        term = filters.q.strip()
        q &= Q(**{f"{prefix}name_ko__icontains": term}) | Q(**{f"{prefix}name_en__icontains": term})
    return q


def organisation_list(*, user: UserLike, filters: RegistryFilters) -> QuerySet[Organisation]:
    """Organisations the user may see, filtered; schools and companies joined in."""
    qs = (
        restrict(user, Organisation.objects.all())
        .with_list_relations()
        .prefetch_related("school__designations")
    )
    qs = qs.filter(_organisation_q(filters, ""))
    if filters.designation or filters.ncs or filters.school_type:
        school_ids = school_list(
            user=user,
            filters=RegistryFilters(
                designation=filters.designation, ncs=filters.ncs, school_type=filters.school_type
            ),
        ).values("pk")
        qs = qs.filter(pk__in=school_ids)
    if filters.ksic or filters.size_class:
        company_ids = company_list(
            user=user, filters=RegistryFilters(ksic=filters.ksic, size_class=filters.size_class)
        ).values("pk")
        qs = qs.filter(pk__in=company_ids)
    return qs.order_by("name_ko", "pk")


def school_consortium(
    *, user: UserLike, school: School
) -> list[tuple[SchoolDesignation, list[School]]]:
    """For each designation of ``school``, the other schools designated alike (same
    programme and year; same pilot district) — the school's consortium and district peers."""
    groups: list[tuple[SchoolDesignation, list[School]]] = []
    for designation in school.designations.all():
        peers = (
            school_list(user=user, filters=RegistryFilters())
            .filter(
                designations__kind=designation.kind,
                designations__year=designation.year,
                designations__pilot_district=designation.pilot_district,
            )
            .exclude(pk=school.pk)
            .prefetch_related("designations")
        )
        groups.append((designation, list(peers[:30])))
    return groups


def organisation_get(*, user: UserLike, organisation_id: int) -> Organisation:
    return get_visible(
        user, Organisation.objects.with_list_relations(), organisation_id, ("기관", "Organisation")
    )


def school_list(*, user: UserLike, filters: RegistryFilters) -> QuerySet[School]:
    qs = restrict(user, School.objects.all()).select_related("organisation__region__support_office")
    qs = qs.filter(_organisation_q(filters, "organisation__"))
    if filters.designation:
        qs = qs.filter(designations__kind=filters.designation).distinct()
    if filters.ncs:
        qs = qs.filter(
            Exists(Department.objects.filter(_ncs_q(filters.ncs, ""), school_id=OuterRef("pk")))
        )
    if filters.school_type:
        qs = qs.filter(school_type=filters.school_type)
    return qs.prefetch_related(
        Prefetch("designations", queryset=SchoolDesignation.objects.order_by("-year", "kind"))
    ).order_by("organisation__name_ko", "pk")


def school_get(*, user: UserLike, school_id: int) -> School:
    qs = School.objects.select_related("organisation__region__support_office").prefetch_related(
        Prefetch(
            "designations",
            queryset=SchoolDesignation.objects.select_related("pilot_district__support_office"),
        ),
        Prefetch(
            "departments",
            queryset=Department.objects.select_related("ncs_middle__major").order_by("name_ko"),
        ),
    )
    return get_visible(user, qs, school_id, ("학교", "School"))


def department_get(*, user: UserLike, department_id: int) -> Department:
    qs = Department.objects.select_related("school__organisation", "ncs_middle")
    return get_visible(user, qs, department_id, ("학과", "Department"))


def company_list(*, user: UserLike, filters: RegistryFilters) -> QuerySet[Company]:
    qs = restrict(user, Company.objects.all()).select_related(
        "organisation__region", "ksic_division__section"
    )
    qs = qs.filter(_organisation_q(filters, "organisation__"))
    if filters.ksic:
        qs = qs.filter(_ksic_q(filters.ksic, ""))
    if filters.size_class:
        qs = qs.filter(size_class=filters.size_class)
    return qs.order_by("organisation__name_ko", "pk")


def company_get(*, user: UserLike, company_id: int) -> Company:
    qs = Company.objects.select_related("organisation__region", "ksic_division__section")
    return get_visible(user, qs, company_id, ("기업", "Company"))


@dataclass(frozen=True)
class StudentFilters:
    school: int | None = None
    department: int | None = None
    grade: int | None = None
    q: str | None = None


def student_list(*, user: UserLike, filters: StudentFilters) -> QuerySet[Student]:
    """Students the user may see (person scope: see ``registry.policies``)."""
    qs = restrict(user, Student.objects.all()).select_related(
        "school__organisation", "department__ncs_middle"
    )
    if filters.school:
        qs = qs.filter(school_id=filters.school)
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    if filters.grade:
        qs = qs.filter(grade=filters.grade)
    if filters.q:
        qs = qs.filter(Q(name__icontains=filters.q) | Q(student_number__startswith=filters.q))
    return qs.order_by("school_id", "student_number")


def student_get(*, user: UserLike, student_id: int) -> Student:
    qs = Student.objects.select_related("school__organisation", "department__ncs_middle")
    return get_visible(user, qs, student_id, ("학생", "Student"))


def can_change(user: UserLike, obj: Any) -> bool:
    """Whether the user may edit ``obj`` (for showing or hiding edit controls)."""
    model = type(obj)
    return bool(restrict(user, model._default_manager.filter(pk=obj.pk), Action.CHANGE).exists())


def region_list(*, user: UserLike) -> QuerySet[Region]:
    return restrict(user, Region.objects.select_related("support_office"))


def support_office_list(*, user: UserLike) -> QuerySet[SupportOffice]:
    return restrict(user, SupportOffice.objects.prefetch_related("regions", "pilot_districts"))


def pilot_district_list(*, user: UserLike) -> QuerySet[PilotDistrict]:
    return restrict(
        user,
        PilotDistrict.objects.select_related("support_office").prefetch_related(
            "support_office__regions"
        ),
    )


def ncs_middle_list(*, user: UserLike) -> QuerySet[NcsMiddle]:
    return restrict(user, NcsMiddle.objects.select_related("major"))


def ksic_division_list(*, user: UserLike) -> QuerySet[KsicDivision]:
    return restrict(user, KsicDivision.objects.select_related("section"))
