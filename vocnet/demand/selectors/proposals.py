"""Reads of 학과 개편 신청 through the permission layer: a school's own, a support office's area,
the province's all (``RestructuringProposalPolicy``)."""

from __future__ import annotations

from django.db.models import QuerySet

from vocnet.core.errors import NotFound
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.demand.models import ProposalStatus, RestructuringProposal
from vocnet.registry.models import Department, Role, School


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
