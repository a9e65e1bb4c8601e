"""Permission rules of the registry's rows, registered in ``vocnet.core.permissions``.

Directory facts (an organisation's name, kind, region, public contact, a school's
departments and enrolment figures — what 학교알리미 publishes) are visible to every signed-in
user, since the ecosystem exists for parties to find each other. Changing them follows the
organisation scope. Personal data (students, guardians, memberships) follows the person
scope: province all; support office the schools of its regions; school staff their school;
a student themself; a guardian their children; nobody else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.registry.models import (
    Company,
    Department,
    KsicDivision,
    KsicSection,
    Membership,
    NcsMajor,
    NcsMiddle,
    Organisation,
    OrganisationKind,
    PilotDistrict,
    Region,
    Role,
    School,
    SchoolDesignation,
    Student,
    SupportOffice,
)


def organisation_change_q(actor: Actor, prefix: str = "") -> Q:
    """Organisations the actor may edit: the province any; a support office the schools of
    its regions; staff their own organisation."""
    if actor.is_province:
        return Q()
    q = Q(**{f"{prefix}pk__in": actor.staff_organisation_ids})
    if actor.region_ids:
        q |= Q(
            **{
                f"{prefix}kind": OrganisationKind.SCHOOL,
                f"{prefix}region_id__in": actor.region_ids,
            }
        )
    return q


def student_view_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_province:
        return Q()
    q = Q(**{f"{prefix}school_id__in": actor.organisations(Role.SCHOOL_STAFF)})
    if actor.region_ids:
        q |= Q(**{f"{prefix}school__organisation__region_id__in": actor.region_ids})
    if actor.student_id is not None:
        q |= Q(**{f"{prefix}pk": actor.student_id})
    if actor.guardian_student_ids:
        q |= Q(**{f"{prefix}pk__in": actor.guardian_student_ids})
    return q


class PublicReferencePolicy(ModelPolicy):
    """Reference code lists: readable by every signed-in user, edited by nobody here."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return queryset if action is Action.VIEW else queryset.none()


for _model in (
    Region,
    SupportOffice,
    PilotDistrict,
    NcsMajor,
    NcsMiddle,
    KsicSection,
    KsicDivision,
):
    register(_model)(type(f"{_model.__name__}Policy", (PublicReferencePolicy,), {}))


@register(Organisation)
class OrganisationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        return queryset.filter(organisation_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        if actor.is_province:
            return True
        # A support office registers the schools of its own regions.
        return (
            context.get("kind") == OrganisationKind.SCHOOL
            and context.get("region_id") in actor.region_ids
        )


@register(School)
class SchoolPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        return queryset.filter(organisation_change_q(actor, "organisation__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("region_id") in actor.region_ids


@register(SchoolDesignation)
class SchoolDesignationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        # Designations are decided by the province, not by the school itself.
        return queryset if actor.is_province else queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province


@register(Department)
class DepartmentPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        return queryset.filter(organisation_change_q(actor, "school__organisation__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        school_id = context.get("school_id")
        return (
            actor.is_province
            or school_id in actor.organisations(Role.SCHOOL_STAFF)
            or context.get("region_id") in actor.region_ids
        )


@register(Company)
class CompanyPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        if actor.is_province:
            return queryset
        return queryset.filter(organisation_id__in=actor.organisations(Role.COMPANY_STAFF))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        # Support offices register the companies of their regions as partners.
        return actor.is_province or context.get("region_id") in actor.region_ids


@register(Student)
class StudentPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(student_view_q(actor))
        # Student records are kept by their school (and the province); a support office
        # reads them, a student or guardian asks the school to correct them.
        if actor.is_province:
            return queryset
        return queryset.filter(school_id__in=actor.organisations(Role.SCHOOL_STAFF))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("school_id") in actor.organisations(
            Role.SCHOOL_STAFF
        )


@register(Membership)
class MembershipPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        if action is Action.VIEW:
            # Colleagues see who else works for their organisation.
            return queryset.filter(organisation_id__in=actor.staff_organisation_ids)
        return queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province
