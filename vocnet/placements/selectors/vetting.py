"""Reads of host vetting, through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import HostInspection, HostVetting, SeriousAccident, VettingStatus
from vocnet.placements.policies import can_vet
from vocnet.registry.models import Company

WHAT = ("참여기업 심사", "Host vetting")


@dataclass(frozen=True)
class VettingFilters:
    """``status`` a VettingStatus value, ``region`` a 시군구 code, ``q`` a fragment of the
    company's name or business number."""

    status: str | None = None
    region: str | None = None
    q: str | None = None
    # The home to-do "심사 대기 중인 참여기업 신청": applied or inspected, not yet decided.
    awaiting_decision: bool = False


def vetting_list(*, user: UserLike, filters: VettingFilters) -> QuerySet[HostVetting]:
    """The vettings ``user`` may see, newest first, with the company loaded."""
    qs = restrict(user, HostVetting.objects.all()).select_related("company__organisation__region")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.awaiting_decision:
        qs = qs.filter(status__in=(VettingStatus.APPLIED, VettingStatus.INSPECTED))
    if filters.region:
        qs = qs.filter(company__organisation__region__sigungu_code=filters.region)
    if filters.q:
        term = filters.q.strip()
        qs = qs.filter(
            Q(company__organisation__name_ko__icontains=term)
            | Q(company__business_number__contains=term.replace("-", ""))
        )
    return qs.order_by("-applied_at", "-id")


def vetting_get(*, user: UserLike, vetting_id: int) -> HostVetting:
    """One vetting the user may see, its inspections prefetched; NotFound otherwise."""
    queryset = HostVetting.objects.select_related(
        "company__organisation__region", "excluding_accident"
    ).prefetch_related(
        Prefetch("inspections", queryset=HostInspection.objects.order_by("-inspected_on", "-id"))
    )
    return get_visible(user, queryset, vetting_id, WHAT)


def can_decide(*, user: UserLike, vetting: HostVetting) -> bool:
    return restrict(user, HostVetting.objects.filter(pk=vetting.pk), Action.CHANGE).exists()


def accidents_of(*, user: UserLike, company: Company) -> QuerySet[SeriousAccident]:
    return restrict(user, SeriousAccident.objects.filter(company=company)).order_by("-occurred_on")


def may_vet(*, user: UserLike, company: Company) -> bool:
    return can_vet(actor_for(user), company.organisation.region_id)


def own_companies(*, user: UserLike) -> QuerySet[Company]:
    """The companies the user works for (company staff), for the apply and offer forms."""
    actor = actor_for(user)
    return Company.objects.filter(pk__in=actor.organisations("company_staff")).select_related(
        "organisation"
    )
