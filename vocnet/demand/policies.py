"""Permission rules of the demand app, registered in ``vocnet.core.permissions``.

Issue 7: the province and the support offices see every declaration and every figure; school
staff see their own school's figures and their region's (the declarations and gap of the
region their school is in); a company, an industry body or a local government sees and keeps
its own declarations. Declarations are written by the province (for anyone, e.g. from a
survey of an industry body, which has no login role) and by company staff and local-government
officers for their own organisation. Scenarios are made and read by the province and the
support offices; each changes its own, the province any. A support office plans for the schools
of its own regions only; the province for all of them or for one office's. School staff read
the recommendations for their own school's departments in solved scenarios, with the
sentence explaining each, and nothing else of a plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.db.models import Q, QuerySet

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import Action, Actor, ModelPolicy, actor_for, register
from vocnet.core.users import UserLike
from vocnet.demand.models import (
    DemandDeclaration,
    RestructuringProposal,
    Scenario,
    ScenarioRecommendation,
    ScenarioStatus,
)
from vocnet.registry.local_government import local_government_region_ids
from vocnet.registry.models import Organisation, Role

DECLARING_ROLES = (Role.COMPANY_STAFF, Role.LOCAL_GOVERNMENT_OFFICER)
PLANNING_ROLES = (Role.PROVINCE_OFFICER, Role.SUPPORT_OFFICE_OFFICER)


def sees_everything(actor: Actor) -> bool:
    return actor.is_province or Role.SUPPORT_OFFICE_OFFICER in actor.roles


def declaring_organisations(actor: Actor) -> frozenset[int]:
    """Organisations whose demand the actor declares (their company or local government)."""
    ids: set[int] = set()
    for role in DECLARING_ROLES:
        ids |= actor.organisations(role)
    return frozenset(ids)


# Where ``school_region_ids`` keeps its answer on the actor.
_SCHOOL_REGIONS = "_demand_school_region_ids"


def school_region_ids(actor: Actor) -> frozenset[int]:
    """The regions of the schools the actor works at.

    Read once per actor, kept on it like the memberships it is computed from: the actor lives
    on the request's user (``actor_for``), and a school's home asked four times (the gap's
    scope, and the declarations' policy for the years, the tally and the menu)."""
    school_ids = actor.organisations(Role.SCHOOL_STAFF)
    if not school_ids:
        return frozenset()
    known = actor.__dict__.get(_SCHOOL_REGIONS)
    if known is not None:
        return cast(frozenset[int], known)
    regions = frozenset(
        Organisation.objects.filter(pk__in=school_ids, region__isnull=False).values_list(
            "region_id", flat=True
        )
    )
    # The actor is frozen for its authority; this is a derived read, not a field.
    object.__setattr__(actor, _SCHOOL_REGIONS, regions)
    return regions


def may_see_gap(user: UserLike) -> bool:
    """Whether ``user`` may open the demand–supply gap (``gap_region_scope`` does not refuse)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return False
    if sees_everything(actor) or school_region_ids(actor):
        return True
    return local_government_region_ids(actor) != frozenset()


def gap_region_scope(user: UserLike) -> frozenset[int] | None:
    """The regions whose demand–supply figures ``user`` may see: None for all (province,
    support offices, the provincial government), the regions of their schools for school
    staff, their own 시·군 for a city's or county's officer (issue 18 §5, read-only: they
    plan nothing). Raises PermissionDenied for everyone else (they see their own declarations
    only)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        raise permission_denied()
    if sees_everything(actor):
        return None
    local = local_government_region_ids(actor)
    if local is None:
        return None
    regions = school_region_ids(actor) | local
    if not regions:
        raise permission_denied()
    return regions


@register(DemandDeclaration)
class DemandDeclarationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        own = Q(organisation_id__in=declaring_organisations(actor))
        if action is Action.CHANGE:
            return queryset if actor.is_province else queryset.filter(own)
        if sees_everything(actor):
            return queryset
        local = local_government_region_ids(actor)
        if local is None:
            return queryset
        # A local government sees its region's declarations, as the region's schools do: the
        # gap of its region is summed from them (issue 18 §5).
        return queryset.filter(own | Q(region_id__in=school_region_ids(actor) | local))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("organisation_id") in declaring_organisations(actor)


@register(Scenario)
class ScenarioPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        if action is Action.VIEW and sees_everything(actor):
            return queryset
        offices = actor.organisations(Role.SUPPORT_OFFICE_OFFICER)
        return queryset.filter(organisation_id__in=offices) if offices else queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        if actor.is_province:
            return True
        office = context.get("support_office_id")
        return office is not None and office in actor.support_office_ids


@register(ScenarioRecommendation)
class ScenarioRecommendationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.CHANGE:
            # Written and replaced with their scenario only (``scenario_run``).
            return queryset.none()
        if sees_everything(actor):
            return queryset
        schools = actor.organisations(Role.SCHOOL_STAFF)
        if not schools:
            return queryset.none()
        return queryset.filter(
            department__school_id__in=schools, scenario__status=ScenarioStatus.SOLVED
        )


@register(RestructuringProposal)
class RestructuringProposalPolicy(ModelPolicy):
    """A school's proposals are its own staff's; the support office of the school's region
    reviews them; the province sees and decides all. The same rows are read and changed: the
    services decide which step each may take."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        where = Q(school_id__in=actor.organisations(Role.SCHOOL_STAFF))
        if actor.support_office_ids:
            where |= Q(school__organisation__region__support_office_id__in=actor.support_office_ids)
        return queryset.filter(where)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return context.get("school_id") in actor.organisations(Role.SCHOOL_STAFF)


def planning_organisation(user: UserLike) -> int:
    """The organisation a new scenario belongs to: the actor's education office or support
    office. Raises PermissionDenied for anyone who does not plan."""
    actor = actor_for(user)
    for role in PLANNING_ROLES:
        ids = sorted(actor.organisations(role))
        if ids:
            return ids[0]
    if actor.is_superuser:
        office = (
            Organisation.objects.filter(kind="education_office")
            .values_list("pk", flat=True)
            .first()
        )
        if office is not None:
            return int(office)
    raise permission_denied()
