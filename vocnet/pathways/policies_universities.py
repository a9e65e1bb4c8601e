"""Permission rules of the universities' part of pathways (issue 18 §4), registered in
``vocnet.core.permissions`` (imported by ``policies.py``).

* Programmes: the province sees and edits all; a university's staff its own; graduates (and
  school staff) see the programmes of the universities linked to their school by an
  agreement in force (``registry.links``), to apply.
* Consents: the graduate sees their own (every consent and withdrawal) and is the only one
  who changes them; a university sees the *active* consents of graduates of the schools
  linked to it; the province sees all. Nobody else — not the school — sees them.
* Applications: the graduate sees their own; the university those to its programmes, and
  only while the graduate's consent stands; the province all. The university and the
  province record decisions.

The graduate is the signed-in student whose record (``registry.Student``) the school linked
to the graduate's row. Rules decide on the actor's authority only (``Actor.scope_key``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.pathways.models_universities import (
    ProgrammeApplication,
    UniversityConsent,
    UniversityProgramme,
)
from vocnet.registry.links import linked_organisation_ids
from vocnet.registry.models import Role

NOTHING = Q(pk__in=[])


def universities_of(actor: Actor) -> frozenset[int]:
    """The universities the actor works for."""
    return actor.organisations(Role.UNIVERSITY_STAFF)


def is_university_staff(actor: Actor) -> bool:
    return bool(universities_of(actor))


def _graduate_q(actor: Actor, prefix: str = "") -> Q:
    """Rows of the actor's own graduate record (a student's sign-in)."""
    if actor.student_id is None:
        return NOTHING
    return Q(**{f"{prefix}student_id": actor.student_id})


def linked_schools_q(actor: Actor, prefix: str) -> Q:
    """Graduates (``prefix`` leads to the graduate row) of the schools linked to the actor's
    universities."""
    universities = universities_of(actor)
    if not universities:
        return NOTHING
    return Q(**{f"{prefix}department__school_id__in": linked_organisation_ids(universities)})


@register(UniversityProgramme)
class UniversityProgrammePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        own = Q(university_id__in=universities_of(actor))
        if action is Action.CHANGE:
            return queryset.filter(own)
        schools = actor.organisations(Role.STUDENT) | actor.organisations(Role.SCHOOL_STAFF)
        if schools:
            own |= Q(university_id__in=linked_organisation_ids(schools))
        return queryset.filter(own)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("university_id") in universities_of(actor)


@register(UniversityConsent)
class UniversityConsentPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        own = _graduate_q(actor, "graduate__")
        if action is Action.CHANGE:
            return queryset.filter(own)
        if actor.is_province:
            return queryset
        seen = Q(withdrawn_at__isnull=True) & linked_schools_q(actor, "graduate__")
        return queryset.filter(own | seen)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.student_id is not None and context.get("student_id") == actor.student_id


def _consenting() -> Exists:
    return Exists(UniversityConsent.objects.active().filter(graduate_id=OuterRef("graduate_id")))


@register(ProgrammeApplication)
class ProgrammeApplicationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        university = Q(programme__university_id__in=universities_of(actor)) & Q(_consenting())
        if action is Action.CHANGE:
            return queryset.filter(university)
        return queryset.filter(university | _graduate_q(actor, "graduate__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.student_id is not None and context.get("student_id") == actor.student_id
