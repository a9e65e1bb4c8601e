"""Reads of a graduate's pathway: the graduate with their events and follow-up surveys,
through the permission layer (the graduate's person scope)."""

from __future__ import annotations

from dataclasses import dataclass

from vocnet.core.errors import not_found
from vocnet.core.permissions import Action, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.pathways.models import FollowUpSurvey, GraduateDestination, PathwayEvent


@dataclass
class Pathway:
    graduate: GraduateDestination
    events: list[PathwayEvent]
    surveys: list[FollowUpSurvey]
    can_change: bool


def pathway_get(*, user: UserLike, destination_id: int) -> Pathway:
    """The graduate the user may see, their events in date order and their surveys;
    NotFound otherwise (never reveals existence). Four queries."""
    graduate = get_visible(
        user,
        GraduateDestination.objects.with_relations(),
        destination_id,
        ("졸업생 진로", "Graduate destination"),
    )
    return Pathway(
        graduate=graduate,
        events=list(
            restrict(user, PathwayEvent.objects.filter(graduate=graduate))
            .select_related("company__organisation")
            .order_by("occurred_on", "pk")
        ),
        surveys=list(restrict(user, FollowUpSurvey.objects.filter(graduate=graduate))),
        can_change=restrict(
            user, GraduateDestination.objects.filter(pk=graduate.pk), Action.CHANGE
        ).exists(),
    )


def event_get(*, user: UserLike, event_id: int) -> PathwayEvent:
    """One event the user may see; NotFound otherwise."""
    return get_visible(
        user, PathwayEvent.objects.with_relations(), event_id, ("진로 이력", "Pathway event")
    )


def survey_by_token(*, token: str) -> FollowUpSurvey:
    """The survey of a link (the token is the graduate's authority); NotFound otherwise."""
    survey = FollowUpSurvey.objects.filter(token=token).first()
    if survey is None:
        raise not_found("추적 조사", "Follow-up survey")
    return survey
