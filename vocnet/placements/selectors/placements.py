"""Reads of placements and contracts, through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import (
    ACTIVE_PLACEMENT_STATUSES,
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    Placement,
    PlacementContract,
)
from vocnet.placements.policies import signing_parties

WHAT = ("현장실습 배치", "Placement")
CONTRACT = ("표준협약서", "Contract")


@dataclass(frozen=True)
class PlacementFilters:
    """``status`` a PlacementStatus value, ``origin`` round/direct, ``offer`` an offer id,
    ``school`` a school (organisation) id, ``region`` the school's 시군구 code, ``q`` a fragment
    of the student's name or the company's name."""

    status: str | None = None
    origin: str | None = None
    offer: int | None = None
    school: int | None = None
    region: str | None = None
    q: str | None = None
    # The home to-do "서명을 기다리는 표준협약서": placements still going whose contract's
    # current version is being signed.
    awaiting_signature: bool = False


def placement_list(*, user: UserLike, filters: PlacementFilters) -> QuerySet[Placement]:
    """The placements ``user`` may see, filtered, relations loaded, newest first."""
    qs = restrict(user, Placement.objects.all()).with_list_relations().select_related("contract")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.origin:
        qs = qs.filter(origin=filters.origin)
    if filters.offer:
        qs = qs.filter(offer_id=filters.offer)
    if filters.school:
        qs = qs.filter(student__school_id=filters.school)
    if filters.region:
        qs = qs.filter(student__school__organisation__region__sigungu_code=filters.region)
    if filters.awaiting_signature:
        qs = qs.filter(
            status__in=ACTIVE_PLACEMENT_STATUSES,
            contract__current_version__status=ContractVersionStatus.SIGNING,
        )
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(
            Q(student__name__icontains=term)
            | Q(offer__company__organisation__name_ko__icontains=term)
        )
    return qs.order_by("-created_at", "-pk")


def placement_get(*, user: UserLike, placement_id: int) -> Placement:
    """One placement the user may see; NotFound otherwise."""
    queryset = Placement.objects.with_list_relations().select_related("contract")
    return get_visible(user, queryset, placement_id, WHAT)


def can_act_on(*, user: UserLike, placement: Placement) -> bool:
    return restrict(user, Placement.objects.filter(pk=placement.pk), Action.CHANGE).exists()


def contract_get(*, user: UserLike, contract_id: int) -> PlacementContract:
    """One contract the user may see, with its versions and signatures; NotFound otherwise."""
    queryset = PlacementContract.objects.select_related(
        "placement__student__school__organisation",
        "placement__student__department",
        "placement__offer__company__organisation",
        "current_version",
    ).prefetch_related(
        Prefetch(
            "versions",
            queryset=ContractVersion.objects.order_by("-number").prefetch_related(
                Prefetch("signatures", queryset=ContractSignature.objects.order_by("signed_at"))
            ),
        )
    )
    return get_visible(user, queryset, contract_id, CONTRACT)


def parties_for(*, user: UserLike, placement: Placement) -> list[str]:
    """The contract parties ``user`` signs for on this placement."""
    return signing_parties(actor_for(user), placement)
