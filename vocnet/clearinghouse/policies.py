"""Permission rules of the clearinghouse, registered in ``vocnet.core.permissions``.

Issue 6: the province or a support office runs a round; students (or their school's staff for
them) enter preferences; companies rank their applicants; schools give their recommended
order; results are published to schools, companies and students.

* **Rounds.** The province sees and runs every round. A support-office officer sees the
  province's rounds and runs (changes) those of its own office. School staff, company staff,
  students and guardians see the rounds that are no longer drafts and whose scope covers
  their organisation (a province round, or a round of the support office of their
  organisation's region). Local governments and universities take no part.
* **Preferences** are personal data (the person scope of ADR 0001): the province, the support
  office of the student's school, the school's staff, the student and their guardians see
  them; the student and the school's staff (and the province) change them. A company sees the
  preferences naming its own offers — its applicants — because the student applied to it.
* **A company's ranking** of its applicants is the company's: its staff see and change it,
  the province and the support office of the offer's region see it, no school or student does.
* **A school's recommended order** is the school's: its staff see and change it, the province
  and the support office of the school's region see it.
* **Runs and outcomes.** Operators (the province; a support office for the rounds it sees)
  see runs and every outcome once the round is matched. Once the round is published, school
  staff, students and guardians see the outcomes of their students (person scope) and company
  staff those placing a student on their offers; they see the round's successful run too
  (its figures, hash, seed and engine version; never another student's row).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RoundStatus,
    RunStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.registry.models import Organisation, Role
from vocnet.registry.policies import student_view_q

PARTICIPANT_ROLES = (Role.SCHOOL_STAFF, Role.COMPANY_STAFF, Role.STUDENT, Role.GUARDIAN)
RESULT_STATUSES = (RoundStatus.MATCHED, RoundStatus.PUBLISHED)


def is_operator(actor: Actor) -> bool:
    """The province and the support offices run rounds."""
    return actor.is_province or Role.SUPPORT_OFFICE_OFFICER in actor.roles


def participant_office_ids(actor: Actor) -> frozenset[int]:
    """Support offices whose rounds cover the actor's school or company (one query, cached)."""
    cached = getattr(actor, "_clearinghouse_offices", None)
    if cached is not None:
        return frozenset(cached)
    organisation_ids: set[int] = set()
    for role in PARTICIPANT_ROLES:
        organisation_ids |= actor.organisations(role)
    offices = (
        frozenset(
            Organisation.objects.filter(
                pk__in=organisation_ids, region__support_office__isnull=False
            ).values_list("region__support_office_id", flat=True)
        )
        if organisation_ids
        else frozenset()
    )
    # Actor is frozen; the cache lives as long as the actor (one request).
    object.__setattr__(actor, "_clearinghouse_offices", offices)
    return offices


def round_view_q(actor: Actor, prefix: str = "") -> Q:
    """Rounds the actor may see (see the module docstring); ``prefix`` reaches the round."""
    if actor.is_province:
        return Q()
    office = f"{prefix}support_office_id"
    q = Q(pk__in=[])
    if Role.SUPPORT_OFFICE_OFFICER in actor.roles:
        q |= Q(**{f"{office}__isnull": True}) | Q(**{f"{office}__in": actor.support_office_ids})
    offices = participant_office_ids(actor)
    if any(actor.organisations(role) for role in PARTICIPANT_ROLES):
        q |= (Q(**{f"{office}__isnull": True}) | Q(**{f"{office}__in": offices})) & ~Q(
            **{f"{prefix}status": RoundStatus.DRAFT}
        )
    return q


def round_change_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_province:
        return Q()
    return Q(**{f"{prefix}support_office_id__in": actor.support_office_ids})


@register(PlacementRound)
class PlacementRoundPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(round_view_q(actor))
        return queryset.filter(round_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        if actor.is_province:
            return True
        office = context.get("support_office_id")
        return office is not None and office in actor.support_office_ids


def company_ids(actor: Actor) -> frozenset[int]:
    """Companies the actor works for (a Company's key is its organisation's)."""
    return actor.organisations(Role.COMPANY_STAFF)


def school_ids(actor: Actor) -> frozenset[int]:
    return actor.organisations(Role.SCHOOL_STAFF)


@register(StudentPreference)
class StudentPreferencePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        if action is Action.VIEW:
            return queryset.filter(
                student_view_q(actor, "student__") | Q(offer__company_id__in=company_ids(actor))
            )
        own = Q(student__school_id__in=school_ids(actor))
        if actor.student_id is not None:
            own |= Q(student_id=actor.student_id)
        return queryset.filter(own)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return (
            actor.is_province
            or context.get("school_id") in school_ids(actor)
            or (actor.student_id is not None and context.get("student_id") == actor.student_id)
        )


@register(OfferRanking)
class OfferRankingPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        own = Q(offer__company_id__in=company_ids(actor))
        if action is Action.VIEW and actor.region_ids:
            own |= Q(offer__region_id__in=actor.region_ids)
        return queryset.filter(own)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("company_id") in company_ids(actor)


@register(SchoolRecommendation)
class SchoolRecommendationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        own = Q(school_id__in=school_ids(actor))
        if action is Action.VIEW and actor.region_ids:
            own |= Q(school__organisation__region_id__in=actor.region_ids)
        return queryset.filter(own)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("school_id") in school_ids(actor)


@register(RoundRun)
class RoundRunPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.CHANGE:
            return queryset.filter(round_change_q(actor, "round__"))
        visible = round_view_q(actor, "round__")
        if is_operator(actor):
            return queryset.filter(visible)
        return queryset.filter(
            visible, status=RunStatus.SUCCEEDED, round__status=RoundStatus.PUBLISHED
        )


@register(RoundOutcome)
class RoundOutcomePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.CHANGE:
            # Outcomes are written by the run and the publication only.
            return queryset.none()
        if actor.is_province:
            return queryset.filter(round__status__in=RESULT_STATUSES)
        operator = Q(pk__in=[])
        if Role.SUPPORT_OFFICE_OFFICER in actor.roles:
            operator = Q(round__status__in=RESULT_STATUSES) & (
                Q(round__support_office_id__in=actor.support_office_ids)
                | Q(student__school__organisation__region_id__in=actor.region_ids)
            )
        people = student_view_q(actor, "student__") | Q(offer__company_id__in=company_ids(actor))
        return queryset.filter(operator | (Q(round__status=RoundStatus.PUBLISHED) & people))
