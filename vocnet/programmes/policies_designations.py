"""Permission rules of designations and grants, registered in ``vocnet.core.permissions``.

Designations and their grants: the province sees and manages every one (it funds and
settles them, as it sees every agreement); the officers of the organisation that issued the
deciding call see and manage theirs; the designated school's staff and the staff of every
party of its consortium see them. Only the designated school's staff record spending.
Everyone else sees nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.programmes.models import (
    ApplicationParty,
    Designation,
    Disbursement,
    Grant,
    GrantPlanLine,
    Settlement,
    Spending,
)
from vocnet.programmes.policies import officer_organisations
from vocnet.registry.models import Role


def designation_change_q(actor: Actor, prefix: str = "") -> Q:
    """Designations the actor funds and settles: all for the province; those of the calls
    their organisation issued for Ministry officers."""
    if actor.is_province:
        return Q()
    return Q(
        **{f"{prefix}decision__call__issuing_organisation_id__in": officer_organisations(actor)}
    )


def designation_view_q(actor: Actor, prefix: str = "") -> Q:
    """Designations the actor sees: those they manage, their own school's, and those whose
    consortium includes an organisation they work for."""
    if actor.is_province:
        return Q()
    staff = actor.staff_organisation_ids
    parties = ApplicationParty.objects.filter(organisation_id__in=staff).values("application_id")
    return (
        designation_change_q(actor, prefix)
        | Q(**{f"{prefix}school_designation__school_id__in": staff})
        | Q(**{f"{prefix}decision__application_id__in": parties})
    )


@register(Designation)
class DesignationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(designation_view_q(actor))
        return queryset.filter(designation_change_q(actor))


class _OfDesignationPolicy(ModelPolicy):
    prefix = "designation__"

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(designation_view_q(actor, self.prefix))
        return queryset.filter(designation_change_q(actor, self.prefix))


@register(Grant)
class GrantPolicy(_OfDesignationPolicy):
    pass


@register(GrantPlanLine)
class GrantPlanLinePolicy(_OfDesignationPolicy):
    prefix = "grant__designation__"


@register(Disbursement)
class DisbursementPolicy(_OfDesignationPolicy):
    prefix = "grant__designation__"


@register(Settlement)
class SettlementPolicy(_OfDesignationPolicy):
    prefix = "grant__designation__"


@register(Spending)
class SpendingPolicy(_OfDesignationPolicy):
    """Seen with the grant; recorded by the designated school's staff (``can_create``)."""

    prefix = "grant__designation__"

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return super().scope(actor, queryset, action)
        return queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_superuser or context.get("school_id") in actor.organisations(
            Role.SCHOOL_STAFF
        )
