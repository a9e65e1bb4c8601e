"""Permission rules of programmes, registered in ``vocnet.core.permissions``.

Calls: every signed-in user reads published calls (they are public announcements); the
officers of the issuing organisation (its province officers or Ministry officers) read drafts
and manage the call, its stages, documents and rubric.

Applications: the officers of the issuing organisation read every application to their call;
the staff of every party read the application they belong to; other schools — and everyone
else — see nothing. Only the lead school's staff draft, edit, submit and withdraw.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.programmes.models import (
    Application,
    ApplicationDocument,
    ApplicationParty,
    ApplicationVersion,
    BudgetLine,
    Call,
    CallStage,
    CallStatus,
    GovernanceMember,
    Kpi,
    PillarPlan,
    ProgrammeKind,
    RequiredDocument,
    RubricItem,
)
from vocnet.registry.models import Role

# The roles that manage a call for the organisation that issues it.
OFFICER_ROLES = (Role.PROVINCE_OFFICER, Role.MINISTRY_OFFICER)


def officer_organisations(actor: Actor) -> frozenset[int]:
    """Organisations for which the actor manages calls."""
    ids: set[int] = set()
    for role in OFFICER_ROLES:
        ids |= actor.organisations(role)
    return frozenset(ids)


def call_change_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_superuser:
        return Q()
    return Q(**{f"{prefix}issuing_organisation_id__in": officer_organisations(actor)})


def call_view_q(actor: Actor, prefix: str = "") -> Q:
    return call_change_q(actor, prefix) | ~Q(**{f"{prefix}status": CallStatus.DRAFT})


def application_view_q(actor: Actor, prefix: str = "") -> Q:
    """Applications to the actor's calls, and those whose consortium includes an
    organisation the actor works for."""
    if actor.is_superuser:
        return Q()
    parties = ApplicationParty.objects.filter(
        organisation_id__in=actor.staff_organisation_ids
    ).values("application_id")
    return call_change_q(actor, f"{prefix}call__") | Q(**{f"{prefix}pk__in": parties})


def application_change_q(actor: Actor, prefix: str = "") -> Q:
    """Applications the actor drafts: those led by a school the actor is staff of."""
    if actor.is_superuser:
        return Q()
    return Q(**{f"{prefix}lead_organisation_id__in": actor.organisations(Role.SCHOOL_STAFF)})


@register(ProgrammeKind)
class ProgrammeKindPolicy(ModelPolicy):
    """Reference data: readable by every signed-in user, changed by data migration only."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return queryset if action is Action.VIEW else queryset.none()


@register(Call)
class CallPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(call_view_q(actor))
        return queryset.filter(call_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_superuser or context.get("issuing_organisation_id") in (
            officer_organisations(actor)
        )


class _PartOfCallPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(call_view_q(actor, "call__"))
        return queryset.filter(call_change_q(actor, "call__"))


@register(CallStage)
class CallStagePolicy(_PartOfCallPolicy):
    pass


@register(RequiredDocument)
class RequiredDocumentPolicy(_PartOfCallPolicy):
    pass


@register(RubricItem)
class RubricItemPolicy(_PartOfCallPolicy):
    pass


@register(Application)
class ApplicationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(application_view_q(actor))
        return queryset.filter(application_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_superuser or context.get("lead_organisation_id") in actor.organisations(
            Role.SCHOOL_STAFF
        )


class _PartOfApplicationPolicy(ModelPolicy):
    """Rows of one application: seen with it, changed only through its services."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(application_view_q(actor, "application__"))
        return queryset.filter(application_change_q(actor, "application__"))


for _model in (
    ApplicationParty,
    PillarPlan,
    GovernanceMember,
    BudgetLine,
    Kpi,
    ApplicationDocument,
    ApplicationVersion,
):
    register(_model)(type(f"{_model.__name__}Policy", (_PartOfApplicationPolicy,), {}))
