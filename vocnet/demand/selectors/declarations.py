"""Reads of demand declarations, through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, actor_for, authorize_change, get_visible, restrict
from vocnet.demand.models import DECLARANT_KINDS, DemandDeclaration
from vocnet.demand.policies import declaring_organisations
from vocnet.registry.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class DeclarationFilters:
    """Filters of the declaration lists and export (all optional): ``region`` a 시군구 code,
    ``ncs`` an NCS major (2 digits) or middle (4 digits) code, ``organisation`` an id, ``q``
    a fragment of the occupation or the organisation's name."""

    region: str | None = None
    ncs: str | None = None
    year: int | None = None
    organisation: int | None = None
    q: str | None = None


def declaration_list(*, user: Any, filters: DeclarationFilters) -> QuerySet[DemandDeclaration]:
    """The declarations ``user`` may see (``policies``), filtered, relations loaded."""
    qs = restrict(user, DemandDeclaration.objects.all()).with_relations()
    if filters.region:
        qs = qs.filter(region__sigungu_code=filters.region)
    if filters.ncs:
        key = "ncs_middle__major__code" if len(filters.ncs) == 2 else "ncs_middle__code"
        qs = qs.filter(**{key: filters.ncs})
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.organisation:
        qs = qs.filter(organisation_id=filters.organisation)
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(Q(occupation__icontains=term) | Q(organisation__name_ko__icontains=term))
    return qs.order_by("year", "organisation__name_ko", "ncs_middle__code", "pk")


def declaration_get(*, user: Any, declaration_id: int) -> DemandDeclaration:
    """One declaration the user may see; NotFound otherwise (never reveals existence)."""
    return get_visible(
        user,
        DemandDeclaration.objects.with_relations(),
        declaration_id,
        ("인력 수요 신고", "Demand declaration"),
    )


def declaration_for_change(*, user: Any, declaration_id: int) -> DemandDeclaration:
    """A declaration the user may change: NotFound when they may not see it,
    PermissionDenied when they may see but not change it."""
    declaration = declaration_get(user=user, declaration_id=declaration_id)
    authorize_change(user, declaration)
    return declaration


def declares_by_business_number(*, user: Any) -> bool:
    """Whether the user may declare for any company, named by its business number (the
    province); everybody else declares for the organisations they work for."""
    return actor_for(user).is_province


def declaring_organisation_choices(*, user: Any) -> QuerySet[Organisation]:
    """Organisations the user declares for: their own company or local government; for the
    province every declarant except companies (chosen by business number instead: there are
    thousands)."""
    actor = actor_for(user)
    if actor.is_province:
        return (
            Organisation.objects.filter(kind__in=DECLARANT_KINDS)
            .exclude(kind=OrganisationKind.COMPANY)
            .order_by("kind", "name_ko")
        )
    return Organisation.objects.filter(pk__in=declaring_organisations(actor)).order_by("name_ko")


def changeable_ids(*, user: Any, ids: list[int]) -> set[int]:
    """Of ``ids``, the declarations the user may change or withdraw (to show the buttons)."""
    return set(
        restrict(user, DemandDeclaration.objects.filter(pk__in=ids), Action.CHANGE).values_list(
            "pk", flat=True
        )
    )


def can_declare(*, user: Any) -> bool:
    actor = actor_for(user)
    return actor.is_province or bool(declaring_organisations(actor))
