"""Reads of the programmes app, always through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vocnet.agreements.policies import PARTY_KINDS
from vocnet.core.errors import not_found, permission_denied
from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.programmes.models import (
    Application,
    ApplicationStatus,
    Call,
    CallStatus,
    Decision,
    ReviewerAssignment,
    RubricItem,
    Score,
)
from vocnet.programmes.policies import officer_organisations
from vocnet.registry.models import Organisation, Role


def calls_visible(user: UserLike) -> Any:
    """Calls the user may see: published ones, and the drafts of the calls they manage."""
    return restrict(user, Call.objects.select_related("kind", "issuing_organisation"))


def call_detail(user: UserLike, call_id: int) -> Call:
    """One visible call, or NotFound."""
    return get_visible(user, Call.objects.select_related("kind"), call_id, ("공모", "Call"))


def applications_visible(user: UserLike) -> Any:
    """Applications the user may see: those to the calls they manage, and those whose
    consortium includes an organisation they work for."""
    return restrict(user, Application.objects.select_related("call", "lead_organisation"))


def application_detail(user: UserLike, application_id: int) -> Application:
    """One visible application, or NotFound (never reveals that it exists)."""
    return get_visible(
        user,
        Application.objects.select_related("call__kind", "lead_organisation"),
        application_id,
        ("신청서", "Application"),
    )


@dataclass(frozen=True)
class PartyView:
    name: str
    kind: str
    role: str


@dataclass(frozen=True)
class ReviewView:
    """An application as a reviewer sees it: in a blind stage 1 the school's and the partners'
    names are replaced by the application's code (the kinds of partner stay visible)."""

    application_id: int
    code: str
    title: str
    lead_name: str
    parties: tuple[PartyView, ...]
    is_blind: bool


def application_for_review(user: UserLike, assignment_id: int, application_id: int) -> ReviewView:
    """A submitted application of the reviewer's stage, blind where the call says so.

    Raises NotFound (not the user's assignment, or not an application of its call)."""
    assignment = get_visible(
        user,
        ReviewerAssignment.objects.select_related("stage__call"),
        assignment_id,
        ("심사위원 배정", "Reviewer assignment"),
    )
    if assignment.user_id != getattr(user, "pk", None):
        raise not_found("심사위원 배정", "Reviewer assignment")
    application = (
        Application.objects.filter(
            call=assignment.stage.call, status=ApplicationStatus.SUBMITTED, pk=application_id
        )
        .select_related("lead_organisation")
        .first()
    )
    if application is None:
        raise not_found("신청서", "Application")
    blind = assignment.stage.call.is_blind and assignment.stage.number == 1
    parties = tuple(
        PartyView(
            name=f"{application.blind_code}-{index}" if blind else party.organisation.name_ko,
            kind=party.organisation.get_kind_display(),
            role=party.role,
        )
        for index, party in enumerate(application.parties.select_related("organisation"))
    )
    return ReviewView(
        application_id=application.pk,
        code=application.blind_code,
        title=application.blind_code if blind else application.title,
        lead_name=application.blind_code if blind else application.lead_organisation.name_ko,
        parties=parties,
        is_blind=blind,
    )


def scores_visible(user: UserLike, stage_id: int) -> Any:
    """Scores of a stage the user may see: a reviewer's own until the stage closes."""
    return restrict(user, Score.objects.filter(assignment__stage_id=stage_id))


@dataclass(frozen=True)
class ItemFeedback:
    item: str
    max_points: Decimal
    mean_points: Decimal
    comments: tuple[str, ...]


@dataclass(frozen=True)
class Feedback:
    """What the applicant sees after the decision: the outcome and reasons, and per stage and
    item the mean points and the comments — never who gave them."""

    outcome: str
    reasons: str
    objection_deadline: Any
    stages: dict[int, tuple[ItemFeedback, ...]] = field(default_factory=dict)


def applicant_feedback(user: UserLike, application_id: int) -> Feedback:
    """The decision and the anonymous scores and comments of the user's application.

    Raises NotFound (not visible, or not decided yet)."""
    application = application_detail(user, application_id)
    decision = restrict(user, Decision.objects.filter(application=application)).first()
    if decision is None:
        raise not_found("심사 결과", "Review result")
    stages: dict[int, list[ItemFeedback]] = {}
    rows = (
        restrict(user, Score.objects.filter(application=application))
        .select_related("item", "assignment__stage")
        .order_by("assignment__stage__number", "item__position", "comment")
    )
    grouped: dict[tuple[int, int], list[Score]] = {}
    for score in rows:
        grouped.setdefault((score.assignment.stage.number, score.item_id), []).append(score)
    for (stage_number, _item), scores in grouped.items():
        item = scores[0].item
        mean = sum((s.points for s in scores), Decimal(0)) / len(scores)
        stages.setdefault(stage_number, []).append(
            ItemFeedback(
                item=item.name_ko,
                max_points=item.max_points,
                mean_points=mean.quantize(Decimal("0.01")),
                comments=tuple(sorted(s.comment for s in scores)),
            )
        )
    return Feedback(
        outcome=decision.outcome,
        reasons=decision.reasons,
        objection_deadline=decision.objection_deadline,
        stages={number: tuple(items) for number, items in stages.items()},
    )


def can_manage_call(user: UserLike, call: Call) -> bool:
    """Whether the user manages ``call`` (the issuing organisation's officers)."""
    return bool(restrict(user, Call.objects.filter(pk=call.pk), Action.CHANGE).exists())


def call_for_change(user: UserLike, call_id: int) -> Call:
    """A call the user manages, or NotFound (a visible call they don't manage: PermissionDenied)."""
    call = call_detail(user, call_id)
    if not can_manage_call(user, call):
        raise permission_denied()
    return call


def issuer_choices(user: UserLike) -> list[tuple[int, str]]:
    """Organisations for which the user may open a call (their officer memberships)."""
    actor = actor_for(user)
    queryset = Organisation.objects.order_by("name_ko")
    if not actor.is_superuser:
        queryset = queryset.filter(pk__in=officer_organisations(actor))
    return [(organisation.pk, organisation.name_ko) for organisation in queryset]


def rubric_item_for_change(user: UserLike, item_id: int) -> RubricItem:
    """A rubric item of a call the user manages, or NotFound."""
    return get_visible(
        user,
        restrict(user, RubricItem.objects.select_related("call"), Action.CHANGE),
        item_id,
        ("평가 항목", "Rubric item"),
    )


def lead_school_choices(user: UserLike, call: Call) -> list[tuple[int, str]]:
    """Schools the user may apply for (their school-staff memberships), while the call is open
    and they have not applied yet."""
    actor = actor_for(user)
    ids = actor.organisations(Role.SCHOOL_STAFF)
    if not ids or call.status != CallStatus.PUBLISHED:
        return []
    applied = Application.objects.filter(call=call).values("lead_organisation_id")
    return [
        (organisation.pk, organisation.name_ko)
        for organisation in Organisation.objects.filter(pk__in=ids)
        .exclude(pk__in=applied)
        .order_by("name_ko")
    ]


def own_applications(user: UserLike, call: Call) -> Any:
    """The applications to ``call`` the user sees as a party (officers see them elsewhere)."""
    actor = actor_for(user)
    if not actor.staff_organisation_ids:
        return Application.objects.none()
    return restrict(
        user,
        Application.objects.filter(
            call=call, parties__organisation_id__in=actor.staff_organisation_ids
        )
        .select_related("lead_organisation")
        .distinct(),
    )


def application_for_change(user: UserLike, application_id: int) -> Application:
    """An application the user drafts (its lead school's staff): NotFound when they may not
    see it, PermissionDenied when they see it as a partner or officer."""
    application = application_detail(user, application_id)
    if not restrict(user, Application.objects.filter(pk=application.pk), Action.CHANGE).exists():
        raise permission_denied()
    return application


def can_change_application(user: UserLike, application: Application) -> bool:
    return bool(
        restrict(user, Application.objects.filter(pk=application.pk), Action.CHANGE).exists()
    )


def application_parties(application: Application) -> list[Any]:
    """The consortium in order (the lead first), with each organisation."""
    return list(application.parties.select_related("organisation").order_by("position", "pk"))


def partner_choices() -> list[tuple[int, str]]:
    """Organisations that can be parties of a consortium (every kind that signs agreements)."""
    return [
        (organisation.pk, f"{organisation.name_ko} ({organisation.get_kind_display()})")
        for organisation in Organisation.objects.filter(
            kind__in=PARTY_KINDS, is_active=True
        ).order_by("kind", "name_ko")
    ]
