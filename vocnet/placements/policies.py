"""Permission rules of field training, registered in ``vocnet.core.permissions``.

Who sees what (issue 6 and docs/adr/0009-placements.md):

* the province sees and changes everything;
* a support-office officer sees the vettings, offers and accidents of companies in its regions
  and the placements of students of schools in its regions; it vets those companies (records
  inspections, decisions and serious accidents);
* company staff see and keep their own company's vettings, offers and the placements on them;
* school staff see published offers, approved vettings, and their own students' placements;
  they place their students directly on an offer and draft their contracts;
* a student sees published offers and their own placements; a guardian those of their children;
* local-government and university staff see nothing of field training.

Signing a contract: the company's staff for the company, the school's staff for the school, the
student themself, and a linked guardian for the guardian (:func:`signing_parties`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.lookups import Exact

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.placements.models import (
    ContractParty,
    ContractSignature,
    ContractVersion,
    Evaluation,
    FieldTrainingOffer,
    HostInspection,
    HostVetting,
    HoursEntry,
    IncidentReport,
    MonitoringVisit,
    OfferSchedule,
    OfferStatus,
    Placement,
    PlacementApplication,
    PlacementContract,
    SafetyEducation,
    SeriousAccident,
    VettingStatus,
)
from vocnet.placements.sqlite import WithoutIndex
from vocnet.registry.models import Organisation, Role

NOTHING = Q(pk__in=[])


def companies(actor: Actor) -> frozenset[int]:
    return actor.organisations(Role.COMPANY_STAFF)


def schools(actor: Actor) -> frozenset[int]:
    return actor.organisations(Role.SCHOOL_STAFF)


def is_support_office(actor: Actor) -> bool:
    return Role.SUPPORT_OFFICE_OFFICER in actor.roles


def own_students(actor: Actor) -> frozenset[int]:
    """The students the actor is, or is the guardian of."""
    ids = set(actor.guardian_student_ids)
    if actor.student_id is not None:
        ids.add(actor.student_id)
    return frozenset(ids)


def vets_company_q(actor: Actor, prefix: str = "") -> Q:
    """Companies the actor vets: all for the province; those in its regions for a support
    office; none for anyone else. ``Q() | other`` is just ``other``, so the policies return
    the province's whole queryset before combining."""
    if actor.is_province:
        return Q()
    if is_support_office(actor):
        return Q(**{f"{prefix}organisation__region_id__in": actor.region_ids})
    return NOTHING


def can_vet(actor: Actor, company_region_id: int | None) -> bool:
    return actor.is_province or (is_support_office(actor) and company_region_id in actor.region_ids)


def offer_view_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_province:
        return Q()
    q = Q(**{f"{prefix}company_id__in": companies(actor)})
    if is_support_office(actor):
        q |= Q(**{f"{prefix}region_id__in": actor.region_ids})
        # The companies of its regions by an uncorrelated IN on the company id (the company's
        # key is its organisation's), not a join: the join read the organisation of every
        # offer before counting or sorting them (issue 16 §9).
        in_regions = Organisation.objects.filter(region_id__in=actor.region_ids).order_by()
        q |= Q(**{f"{prefix}company_id__in": in_regions.values("pk")})
    if schools(actor) or own_students(actor):
        # Not from the status index on SQLite: the list reads offers in start-date order
        # (offer_start_idx holds the status) and stops after its page (WithoutIndex).
        q |= Q(Exact(WithoutIndex(f"{prefix}status"), OfferStatus.PUBLISHED))
        # Offers their students are or were placed on stay visible after they close. An
        # uncorrelated IN, not a join through ``placements``: the join multiplied every offer
        # by its placements (10,000 rows for 3,500 offers) and needed a DISTINCT over all
        # columns; a correlated EXISTS inside the OR is costed per row by PostgreSQL's planner
        # (100 times the real cost), enough to switch on JIT compilation (~100 ms a query).
        placed = Q(student__school_id__in=schools(actor)) | Q(student_id__in=own_students(actor))
        q |= Q(
            **{f"{prefix}pk__in": Placement.objects.filter(placed).order_by().values("offer_id")}
        )
    return q


def offer_change_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_province:
        return Q()
    return Q(**{f"{prefix}company_id__in": companies(actor)})


def placement_view_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_province:
        return Q()
    q = Q(**{f"{prefix}offer__company_id__in": companies(actor)})
    q |= Q(**{f"{prefix}student__school_id__in": schools(actor)})
    q |= Q(**{f"{prefix}student_id__in": own_students(actor)})
    if is_support_office(actor):
        q |= Q(**{f"{prefix}student__school__organisation__region_id__in": actor.region_ids})
    return q


def placement_change_q(actor: Actor, prefix: str = "") -> Q:
    """Placements the actor may act on (cancel, start, complete, terminate, draft the
    contract): the province, the student's school and the host company."""
    if actor.is_province:
        return Q()
    return Q(**{f"{prefix}offer__company_id__in": companies(actor)}) | Q(
        **{f"{prefix}student__school_id__in": schools(actor)}
    )


def signing_parties(actor: Actor, placement: Placement) -> list[str]:
    """The contract parties the actor signs for on this placement (ContractParty values)."""
    parties: list[str] = []
    if placement.offer.company_id in companies(actor):
        parties.append(ContractParty.COMPANY)
    if placement.student.school_id in schools(actor):
        parties.append(ContractParty.SCHOOL)
    if actor.student_id == placement.student_id:
        parties.append(ContractParty.STUDENT)
    if placement.student_id in actor.guardian_student_ids:
        parties.append(ContractParty.GUARDIAN)
    return parties


def _scoped(queryset: QuerySet[Any], view: Q, change: Q, action: Action) -> Any:
    # No DISTINCT: placement_view_q and placement_change_q follow forward relations only, so
    # no row can come twice; a DISTINCT over every column made each count a sort.
    return queryset.filter(view if action is Action.VIEW else change)


@register(HostVetting)
class HostVettingPolicy(ModelPolicy):
    """Seen by the vetting bodies and the company; approved decisions also by schools (they
    choose hosts). Decided by the province and the support office of the company's region."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        vets = vets_company_q(actor, "company__")
        if action is Action.CHANGE:
            return queryset.filter(vets)
        view = vets | Q(company_id__in=companies(actor))
        if schools(actor):
            view |= Q(status=VettingStatus.APPROVED)
        return queryset.filter(view)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return context.get("company_id") in companies(actor) or can_vet(
            actor, context.get("region_id")
        )


@register(HostInspection)
class HostInspectionPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        vets = vets_company_q(actor, "vetting__company__")
        if action is Action.CHANGE:
            return queryset.filter(vets)
        return queryset.filter(vets | Q(vetting__company_id__in=companies(actor)))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return can_vet(actor, context.get("region_id"))


@register(SeriousAccident)
class SeriousAccidentPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        vets = vets_company_q(actor, "company__")
        if action is Action.CHANGE:
            return queryset.filter(vets)
        return queryset.filter(vets | Q(company_id__in=companies(actor)))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return can_vet(actor, context.get("region_id"))


@register(FieldTrainingOffer)
class FieldTrainingOfferPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        # No DISTINCT: offer_view_q and offer_change_q follow single-valued relations only.
        return queryset.filter(
            offer_view_q(actor) if action is Action.VIEW else offer_change_q(actor)
        )

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("company_id") in companies(actor)


@register(OfferSchedule)
class OfferSchedulePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        view, change = offer_view_q(actor, "offer__"), offer_change_q(actor, "offer__")
        return queryset.filter(view if action is Action.VIEW else change)


@register(Placement)
class PlacementPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return _scoped(queryset, placement_view_q(actor), placement_change_q(actor), action)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        """A direct placement: the province, or the staff of the student's school."""
        return actor.is_province or context.get("school_id") in schools(actor)


@register(PlacementApplication)
class PlacementApplicationPolicy(ModelPolicy):
    """Seen like a placement (the student, guardians, the school, the host company, the
    support office of the school's region, the province); decided (changed) by the host
    company's staff and the province; filed by the student, their school or the province."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(placement_view_q(actor))
        if actor.is_province:
            return queryset
        return queryset.filter(offer__company_id__in=companies(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or bool(
            context.get("school_id") in schools(actor)
            or (actor.student_id is not None and context.get("student_id") == actor.student_id)
        )


@register(PlacementContract)
class PlacementContractPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return _scoped(
            queryset,
            placement_view_q(actor, "placement__"),
            placement_change_q(actor, "placement__"),
            action,
        )

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or bool(
            context.get("school_id") in schools(actor)
            or context.get("company_id") in companies(actor)
        )


@register(ContractVersion)
class ContractVersionPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.CHANGE:
            return queryset.none()
        return queryset.filter(placement_view_q(actor, "contract__placement__")).distinct()


@register(ContractSignature)
class ContractSignaturePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.CHANGE:
            return queryset.none()
        return queryset.filter(placement_view_q(actor, "version__contract__placement__")).distinct()


def incident_view_q(actor: Actor, prefix: str = "") -> Q:
    """Reports the actor sees: never the host company's staff (so a student reports safely);
    the student and guardians their own, the school its students', the support office its
    regions' schools', the province all."""
    if actor.is_province:
        return Q()
    placement = f"{prefix}placement__"
    q = Q(**{f"{placement}student__school_id__in": schools(actor)})
    q |= Q(**{f"{placement}student_id__in": own_students(actor)})
    if is_support_office(actor):
        q |= Q(**{f"{placement}student__school__organisation__region_id__in": actor.region_ids})
    return q


def incident_change_q(actor: Actor) -> Q:
    """Reports the actor answers: the school of the student (not a report its own staff filed,
    which goes to its support office), the support office of its region, the province."""
    if actor.is_province:
        return Q()
    q = Q(placement__student__school_id__in=schools(actor)) & ~Q(level="office")
    if is_support_office(actor):
        q |= Q(placement__student__school__organisation__region_id__in=actor.region_ids)
    return q


@register(HoursEntry)
class HoursEntryPolicy(ModelPolicy):
    """Seen with the placement; confirmed (changed) by the host company's staff."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        if action is Action.CHANGE:
            return queryset.filter(placement__offer__company_id__in=companies(actor))
        return queryset.filter(placement_view_q(actor, "placement__")).distinct()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        """The student themself, or their school's staff entering it with them."""
        return actor.is_province or bool(
            context.get("student_id") == actor.student_id
            or context.get("school_id") in schools(actor)
        )


@register(MonitoringVisit)
class MonitoringVisitPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        if action is Action.CHANGE:
            return queryset.filter(placement__student__school_id__in=schools(actor))
        return queryset.filter(placement_view_q(actor, "placement__")).distinct()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("school_id") in schools(actor)


@register(SafetyEducation)
class SafetyEducationPolicy(MonitoringVisitPolicy):
    """Recorded by the student's school (직업교육훈련 촉진법 제9조의5); seen with the placement."""


@register(IncidentReport)
class IncidentReportPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        q = incident_view_q(actor) if action is Action.VIEW else incident_change_q(actor)
        return queryset.filter(q).distinct()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or bool(
            context.get("student_id") in own_students(actor)
            or context.get("school_id") in schools(actor)
        )


@register(Evaluation)
class EvaluationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if actor.is_province:
            return queryset
        if action is Action.CHANGE:
            return queryset.none()
        return queryset.filter(placement_view_q(actor, "placement__")).distinct()


def evaluator_roles(actor: Actor, placement: Placement) -> list[str]:
    """The roles the actor evaluates this placement in (EvaluatorRole values)."""
    roles: list[str] = []
    if actor.student_id == placement.student_id:
        roles.append("student")
    if placement.offer.company_id in companies(actor):
        roles.append("mentor")
    if placement.student.school_id in schools(actor):
        roles.append("teacher")
    return roles
