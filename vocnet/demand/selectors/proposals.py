"""Reads of 학과 개편 신청 through the permission layer: a school's own, a support office's area,
the province's all (``RestructuringProposalPolicy``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from vocnet.core.errors import NotFound
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.demand.models import (
    DemandDeclaration,
    ProposalStatus,
    RestructuringProposal,
    ScenarioRecommendation,
    ScenarioStatus,
)
from vocnet.demand.reference import region_neighbours
from vocnet.demand.supply import SupplyModel, current_school_year
from vocnet.registry.models import Department, NcsMiddle, Region, Role, School

# The evidence covers this many school years ahead (the planner's horizon for a proposal).
EVIDENCE_YEARS = 3


def proposal_list(
    *, user: UserLike, status: str | None = None, school_id: int | None = None
) -> QuerySet[RestructuringProposal]:
    rows = restrict(user, RestructuringProposal.objects.all()).select_related(
        "school__organisation__region", "department__ncs_middle", "target_field"
    )
    if status in ProposalStatus.values:
        rows = rows.filter(status=status)
    if school_id is not None:
        rows = rows.filter(school_id=school_id)
    return rows.order_by("-created_at", "-pk")


def proposal_get(*, user: UserLike, proposal_id: int) -> RestructuringProposal:
    found = (
        proposal_list(user=user)
        .select_related("created_by", "reviewed_by", "decided_by")
        .filter(pk=proposal_id)
        .first()
    )
    if found is None:
        raise NotFound(
            code="not_found",
            message_ko="학과 개편 신청을 찾을 수 없습니다.",
            message_en="No such restructuring proposal.",
        )
    return found


def proposing_schools(*, user: UserLike) -> QuerySet[School]:
    """The schools whose staff the user is (who may file a proposal for them)."""
    ids = actor_for(user).organisations(Role.SCHOOL_STAFF)
    return School.objects.filter(pk__in=ids).select_related("organisation")


def proposal_departments(*, school: School) -> QuerySet[Department]:
    return Department.objects.filter(school=school, is_active=True).select_related("ncs_middle")


def may_review(*, user: UserLike, proposal: RestructuringProposal) -> bool:
    region = proposal.school.organisation.region
    return (
        proposal.status == ProposalStatus.SUBMITTED
        and region is not None
        and region.support_office_id in actor_for(user).support_office_ids
    )


def may_decide(*, user: UserLike, proposal: RestructuringProposal) -> bool:
    return proposal.status == ProposalStatus.FORWARDED and actor_for(user).is_province


def may_withdraw(*, user: UserLike, proposal: RestructuringProposal) -> bool:
    return proposal.status in (
        ProposalStatus.SUBMITTED,
        ProposalStatus.FORWARDED,
    ) and proposal.school_id in actor_for(user).organisations(Role.SCHOOL_STAFF)


def may_see_proposals(*, user: UserLike) -> bool:
    actor = actor_for(user)
    return bool(
        actor.is_province or actor.support_office_ids or actor.organisations(Role.SCHOOL_STAFF)
    )


def proposal_evidence(
    *, user: UserLike, school: School, field_code: str, department: Department | None
) -> dict[str, Any]:
    """The demand and supply of ``field_code`` around the school (its city or county and the
    neighbouring ones) over the next three years, and the latest solved scenario's
    recommendation for the department, as stored with the proposal."""
    today = timezone.localdate()
    supply = SupplyModel(base_year=current_school_year(today))
    region = school.organisation.region
    evidence: dict[str, Any] = {"field": field_code, "computed_on": today.isoformat()}
    field_row = NcsMiddle.objects.filter(code=field_code).first()
    evidence["field_name"] = field_row.name_ko if field_row else field_code
    if region is not None:
        codes = {region.sigungu_code} | set(region_neighbours().get(region.sigungu_code, ()))
        region_ids = list(
            Region.objects.filter(sigungu_code__in=codes).values_list("pk", flat=True)
        )
        years = list(range(supply.base_year + 1, supply.base_year + 1 + EVIDENCE_YEARS))
        # Aggregates over the neighbourhood, computed by the system and deliberately not
        # through the permission layer: a school's staff may not read the neighbours'
        # declarations one by one, but the sum is the evidence the office and the province
        # weigh (no declarant is named, and only the total leaves this function).
        declared = (
            DemandDeclaration.objects.filter(
                region_id__in=region_ids, ncs_middle__code=field_code, year__in=years
            ).aggregate(total=Sum("headcount"))["total"]
            or 0
        )
        intake = (
            Department.objects.filter(
                is_active=True,
                ncs_middle__code=field_code,
                school__organisation__region_id__in=region_ids,
            ).aggregate(total=Sum("intake_capacity"))["total"]
            or 0
        )
        demand = declared / EVIDENCE_YEARS
        made = intake * supply.graduates_per_place
        evidence.update(
            region=region.name_ko,
            region_en=region.name_en,
            neighbourhood_regions=len(region_ids),
            years=years,
            demand_per_year=round(demand, 1),
            graduates_per_year=round(made, 1),
            shortage_per_year=round(demand - made, 1),
            graduates_per_place=round(supply.graduates_per_place, 4),
        )
    if department is not None:
        latest = (
            restrict(user, ScenarioRecommendation.objects.all())
            .filter(department=department, scenario__status=ScenarioStatus.SOLVED)
            .select_related("scenario")
            .order_by("-scenario__solved_at", "-pk")
            .first()
        )
        if latest is not None:
            evidence["recommendation"] = {
                "scenario_id": latest.scenario_id,
                "scenario": latest.scenario.name,
                "action": latest.action,
                "explanation_ko": latest.explanation_ko,
                "explanation_en": latest.explanation_en,
            }
    return evidence
