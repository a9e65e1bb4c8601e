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
    ConflictDeclaration,
    Decision,
    GovernanceMember,
    Kpi,
    Objection,
    PillarPlan,
    ProgrammeKind,
    RequiredDocument,
    ReviewerAssignment,
    RubricItem,
    Score,
    StageResult,
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


# Review ------------------------------------------------------------------------------------
#
# Review rows are the one place where a rule depends on who the user is, not only on their
# authority: a reviewer is an assignment of a user, and sees their own assignment, declarations
# and scores (and the other reviewers' scores only once the stage closed). Pages that show
# review rows therefore never use the shared page cache (docs/adr/0016-programmes.md).


def _own_assignments(actor: Actor) -> QuerySet[Any]:
    if actor.user_id is None:
        return ReviewerAssignment.objects.none()
    return ReviewerAssignment.objects.filter(user_id=actor.user_id)


def _decided_parties_q(actor: Actor, prefix: str) -> Q:
    """Rows of applications that have a decision and one of whose parties the actor works for."""
    parties = ApplicationParty.objects.filter(
        organisation_id__in=actor.staff_organisation_ids, application__decision__isnull=False
    ).values("application_id")
    return Q(**{f"{prefix}application_id__in": parties})


@register(ReviewerAssignment)
class ReviewerAssignmentPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        officers = call_change_q(actor, "stage__call__")
        if action is Action.VIEW:
            return queryset.filter(officers | Q(pk__in=_own_assignments(actor)))
        return queryset.filter(officers)


@register(ConflictDeclaration)
class ConflictDeclarationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is not Action.VIEW:
            return queryset.none()
        return queryset.filter(
            call_change_q(actor, "assignment__stage__call__")
            | Q(assignment__in=_own_assignments(actor))
        )


@register(Score)
class ScorePolicy(ModelPolicy):
    """Officers see every score; a reviewer their own, and the stage's other scores once it
    closed; the application's parties their own application's scores after the decision
    (the comments without the reviewers: selectors give them the scores, never assignments)."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is not Action.VIEW:
            return queryset.none()
        own = _own_assignments(actor)
        closed_stages = own.filter(stage__is_closed=True).values("stage_id")
        return queryset.filter(
            call_change_q(actor, "assignment__stage__call__")
            | Q(assignment__in=own)
            | Q(assignment__stage_id__in=closed_stages)
            | _decided_parties_q(actor, "")
        )


@register(StageResult)
class StageResultPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is not Action.VIEW:
            return queryset.none()
        return queryset.filter(
            call_change_q(actor, "stage__call__") | _decided_parties_q(actor, "")
        )


@register(Decision)
class DecisionPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(call_change_q(actor, "call__") | _decided_parties_q(actor, ""))
        return queryset.filter(call_change_q(actor, "call__"))


@register(Objection)
class ObjectionPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(
                call_change_q(actor, "decision__call__") | _decided_parties_q(actor, "decision__")
            )
        return queryset.filter(call_change_q(actor, "decision__call__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return context.get("lead_organisation_id") in actor.organisations(Role.SCHOOL_STAFF)
