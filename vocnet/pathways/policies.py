"""Permission rules of graduate destinations, registered in ``vocnet.core.permissions``.

Where a graduate went is personal data, so it follows the person scope of the registry
(``registry.policies``): the province sees every school's graduates, a support office those of
the schools of its regions, school staff their own school's. Schools record their graduates'
destinations (the school runs the yearly graduate survey) and the province may correct any;
a support office reads. Companies, local governments, universities, students and guardians
see none. Counts shown beside the supply figures are summed from the rows the user may see
and from nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.pathways.models import FollowUpSurvey, GraduateDestination, PathwayEvent
from vocnet.registry.models import Department, Role


def sees_destinations(actor: Actor) -> bool:
    """Whether the actor may see any graduate's destination at all."""
    return actor.is_province or bool(actor.region_ids or actor.organisations(Role.SCHOOL_STAFF))


@register(GraduateDestination)
class GraduateDestinationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        own = Q(school_id__in=actor.organisations(Role.SCHOOL_STAFF))
        if action is not Action.CHANGE and actor.region_ids:
            own |= Q(school__organisation__region_id__in=actor.region_ids)
        # The departments in scope as a subquery: the graduates are then sought by department
        # on the (year, department) index, not every graduate's row joined to its department.
        return queryset.filter(department_id__in=Department.objects.filter(own).values("pk"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("school_id") in actor.organisations(
            Role.SCHOOL_STAFF
        )


def _graduates(actor: Actor, action: Action) -> Any:
    return GraduateDestinationPolicy().scope(actor, GraduateDestination.objects.all(), action)


@register(PathwayEvent)
class PathwayEventPolicy(ModelPolicy):
    """A graduate's events follow the graduate (personal data, the same person scope)."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        return queryset.filter(graduate__in=_graduates(actor, action))


@register(FollowUpSurvey)
class FollowUpSurveyPolicy(ModelPolicy):
    """A survey follows its graduate; the graduate answers through the link's token alone."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        return queryset.filter(graduate__in=_graduates(actor, action))


# Universities (issue 18 §4): programmes, consents, applications.
from vocnet.pathways import policies_universities as policies_universities  # noqa: E402
