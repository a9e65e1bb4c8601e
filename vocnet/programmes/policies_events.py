"""Permission rules of events (registered in ``vocnet.core.permissions``).

Events are announcements: every signed-in user sees them (and an event's attendance count).
The organiser's officers (province, Ministry or support-office officers of the organising
organisation; the province for every event) manage an event and tick attendance. A
registration is seen by the organiser's officers and by the staff of the registrant's
organisation; anyone signed in may register (the service checks invitations and capacity).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.programmes.models import Event, EventInvitation, EventRegistration
from vocnet.programmes.policies import officer_organisations
from vocnet.registry.models import Role


def organiser_organisations(actor: Actor) -> frozenset[int]:
    return officer_organisations(actor) | actor.organisations(Role.SUPPORT_OFFICE_OFFICER)


def event_change_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_province:
        return Q()
    return Q(**{f"{prefix}organiser_id__in": organiser_organisations(actor)})


@register(Event)
class EventPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        return queryset.filter(event_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("organiser_id") in organiser_organisations(actor)


@register(EventInvitation)
class EventInvitationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset
        return queryset.filter(event_change_q(actor, "event__"))


@register(EventRegistration)
class EventRegistrationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            # (Q() | Q(x) is Q(x) alone: the province, who organises every event, is
            # answered first rather than through an empty Q.)
            if actor.is_province:
                return queryset
            return queryset.filter(
                event_change_q(actor, "event__")
                | Q(organisation_id__in=actor.staff_organisation_ids)
            )
        return queryset.filter(event_change_q(actor, "event__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_authenticated
