"""Reads of events: the list with registration and attendance counts (two queries), one event
with the registrations the user may see, and what the organiser may manage."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from vocnet.core.errors import not_found
from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.programmes.models import ApplicationParty, Designation, Event, EventRegistration
from vocnet.programmes.policies_events import organiser_organisations
from vocnet.registry.models import Organisation, OrganisationKind

ORGANISER_KINDS = (
    OrganisationKind.EDUCATION_OFFICE,
    OrganisationKind.SUPPORT_OFFICE,
    OrganisationKind.MINISTRY,
)


def _counted(queryset: Any) -> Any:
    return queryset.annotate(
        registered=Count(
            "registrations", filter=Q(registrations__cancelled_at__isnull=True), distinct=True
        ),
        attended_count=Count(
            "registrations",
            filter=Q(registrations__attended=True, registrations__cancelled_at__isnull=True),
            distinct=True,
        ),
    ).order_by("-starts_at", "id")


def events_visible(user: UserLike) -> Any:
    """Every event (announcements), newest first, with ``registered`` and
    ``attended_count``."""
    return _counted(restrict(user, Event.objects.select_related("organiser", "programme")))


def event_detail(user: UserLike, event_id: int) -> Event:
    return get_visible(
        user,
        _counted(Event.objects.select_related("organiser", "programme", "call")),
        event_id,
        ("행사", "Event"),
    )


def can_manage(user: UserLike, event: Event) -> bool:
    """Whether the user organises the event (ticks attendance) — the permission layer's
    answer, for showing the check-in list."""
    return restrict(user, Event.objects.filter(pk=event.pk), Action.CHANGE).exists()


def registrations_visible(user: UserLike, event: Event) -> Any:
    return restrict(
        user, EventRegistration.objects.filter(event=event).select_related("organisation")
    )


def events_of_designation(user: UserLike, designation: Designation) -> Any:
    return _counted(restrict(user, Event.objects.filter(designations=designation)))


def organiser_choices(user: UserLike) -> list[Organisation]:
    """The organisations the user may organise events for (empty: may not create)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return []
    if actor.is_province:
        ids = Organisation.objects.filter(kind__in=ORGANISER_KINDS)
        return list(ids.order_by("kind", "name_ko"))
    return list(Organisation.objects.filter(pk__in=organiser_organisations(actor)))


def own_organisations(user: UserLike) -> list[Organisation]:
    """The organisations the user works for (to register under)."""
    actor = actor_for(user)
    return list(Organisation.objects.filter(pk__in=actor.staff_organisation_ids))


def consortium_organisations(user: UserLike, designation_ids: list[int]) -> list[int]:
    """The schools of the chosen designations the user may see, and their consortium
    parties: whom a launch ceremony invites."""
    designations = restrict(user, Designation.objects.filter(pk__in=designation_ids))
    schools = set(designations.values_list("school_designation__school_id", flat=True))
    parties = set(
        ApplicationParty.objects.filter(
            application__decision__designation__in=designations
        ).values_list("organisation_id", flat=True)
    )
    return sorted(schools | parties)


def registration_for_code(user: UserLike, registration_id: int) -> EventRegistration:
    """A registration whose QR code the user may see: their own, or any of an event they
    organise (who registered others prints their codes); NotFound otherwise."""
    # Not the policy's VIEW scope: policies decide on memberships, never on the user (the
    # page cache shares what they allow), and a
    # registrant without an organisation must still reach their own code.
    actor = actor_for(user)
    organised = restrict(user, Event.objects.all(), Action.CHANGE).values("pk")
    registration = (
        EventRegistration.objects.select_related("event", "organisation")
        .filter(pk=registration_id)
        .filter(Q(user_id=actor.user_id) | Q(event__in=organised))
        .first()
        if actor.is_authenticated
        else None
    )
    if registration is None:
        raise not_found("참가 신청", "Registration")
    return registration


def own_registrations(user: UserLike, event: Event) -> Any:
    """The user's own registrations of ``event`` (for their QR code and cancelling)."""
    actor = actor_for(user)
    if actor.user_id is None:
        return EventRegistration.objects.none()
    return EventRegistration.objects.filter(event=event, user_id=actor.user_id).select_related(
        "organisation"
    )
