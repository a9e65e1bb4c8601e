"""Reads of the programmes app, always through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vocnet.core.errors import not_found, permission_denied
from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.programmes.models import (
    Application,
    ApplicationParty,
    ApplicationStatus,
    Call,
    CallStage,
    CallStatus,
    ConflictDeclaration,
    Decision,
    Objection,
    RequiredDocument,
    ReviewerAssignment,
    RubricItem,
    Score,
    StageResult,
)
from vocnet.programmes.policies import officer_organisations
from vocnet.programmes.services.review import review_refusals
from vocnet.registry.models import Organisation, OrganisationKind, Role


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
    # A superuser may issue for any issuer, but calls come from the Ministry or an
    # education office: not a select of every organisation.
    queryset = Organisation.objects.filter(
        kind__in=(OrganisationKind.MINISTRY, OrganisationKind.EDUCATION_OFFICE)
    ).order_by("name_ko")
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


def required_document_for_change(user: UserLike, document_id: int) -> RequiredDocument:
    """A required document of a call the user manages, or NotFound."""
    return get_visible(
        user,
        restrict(user, RequiredDocument.objects.select_related("call"), Action.CHANGE),
        document_id,
        ("제출 서류", "Required document"),
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


# Review ------------------------------------------------------------------------------------


def own_assignments(user: UserLike) -> Any:
    """The user's reviewer assignments (never another reviewer's), newest call first."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return ReviewerAssignment.objects.none()
    return (
        restrict(user, ReviewerAssignment.objects.filter(user_id=user_id))
        .select_related("stage__call")
        .order_by("-stage__call__year", "stage__call_id", "stage__number")
    )


def own_assignment(user: UserLike, assignment_id: int) -> ReviewerAssignment:
    """One of the user's own assignments, or NotFound (an officer's view of the pool is
    ``stage_reviewers``)."""
    assignment = own_assignments(user).filter(pk=assignment_id).first()
    if assignment is None:
        raise not_found("심사위원 배정", "Reviewer assignment")
    return assignment


@dataclass(frozen=True)
class QueueEntry:
    """One application in a reviewer's queue: its code (and title unless blind), whether the
    reviewer scored it and, when they may not, why."""

    application_id: int
    code: str
    title: str
    is_scored: bool
    refusal: str


def review_queue(assignment: ReviewerAssignment) -> list[QueueEntry]:
    """The applications of the assignment's stage: submitted, and shortlisted in the previous
    stage when there is one; blind titles in a blind stage 1."""
    stage = assignment.stage
    applications = list(
        stage.call.applications.filter(status=ApplicationStatus.SUBMITTED).order_by("blind_code")
    )
    previous = stage.call.stages.filter(number__lt=stage.number).last()
    if previous is not None:
        shortlisted = set(
            previous.results.filter(is_shortlisted=True).values_list("application_id", flat=True)
        )
        applications = [a for a in applications if a.pk in shortlisted]
    scored = set(assignment.scores.values_list("application_id", flat=True))
    ids = [a.pk for a in applications]
    # Conflicts found in two queries; the reason (naming the organisation) is built only for
    # the few applications that have one.
    conflicted = set(
        ConflictDeclaration.objects.filter(
            assignment=assignment, application_id__in=ids, has_conflict=True
        ).values_list("application_id", flat=True)
    )
    if assignment.organisation_id is not None:
        conflicted |= set(
            ApplicationParty.objects.filter(
                application_id__in=ids, organisation_id=assignment.organisation_id
            ).values_list("application_id", flat=True)
        )
    blind = stage.call.is_blind and stage.number == 1
    entries = []
    for application in applications:
        refusals = (
            [p for p in review_refusals(assignment, application) if p.code != "stage_closed"]
            if application.pk in conflicted
            else []
        )
        entries.append(
            QueueEntry(
                application_id=application.pk,
                code=application.blind_code,
                title=application.blind_code if blind else application.title,
                is_scored=application.pk in scored,
                refusal=refusals[0].localized if refusals else "",
            )
        )
    return entries


def stage_for_change(user: UserLike, stage_id: int) -> CallStage:
    """A stage of a call the user manages, or NotFound."""
    return get_visible(
        user,
        restrict(user, CallStage.objects.select_related("call"), Action.CHANGE),
        stage_id,
        ("평가 단계", "Review stage"),
    )


@dataclass(frozen=True)
class StageOverview:
    """What the officer sees of one stage: the pool (with who scored how many), the results
    once closed."""

    stage: CallStage
    reviewers: list[Any]
    scored: dict[int, int]
    results: list[Any]


def review_overview(user: UserLike, call: Call) -> list[StageOverview]:
    """Every stage of a call the user manages, with its pool, progress and results."""
    stages = list(restrict(user, call.stages.all(), Action.CHANGE).order_by("number"))
    reviewers = (
        ReviewerAssignment.objects.filter(stage__in=stages)
        .select_related("user", "organisation")
        .order_by("code")
    )
    by_stage: dict[int, list[Any]] = {}
    for reviewer in reviewers:
        by_stage.setdefault(reviewer.stage_id, []).append(reviewer)
    scored: dict[int, set[int]] = {}
    for assignment_id, application_id in Score.objects.filter(
        assignment__stage__in=stages
    ).values_list("assignment_id", "application_id"):
        scored.setdefault(assignment_id, set()).add(application_id)
    results = (
        StageResult.objects.filter(stage__in=stages)
        .select_related("application__lead_organisation")
        .order_by("rank", "application__blind_code")
    )
    results_by_stage: dict[int, list[Any]] = {}
    for result in results:
        results_by_stage.setdefault(result.stage_id, []).append(result)
    return [
        StageOverview(
            stage=stage,
            reviewers=by_stage.get(stage.pk, []),
            scored={pk: len(ids) for pk, ids in scored.items()},
            results=results_by_stage.get(stage.pk, []),
        )
        for stage in stages
    ]


def undecided_applications(user: UserLike, call: Call) -> Any:
    """Submitted applications of a call the user manages that await the decision."""
    return restrict(
        user,
        Application.objects.filter(
            call=call, status=ApplicationStatus.SUBMITTED, decision__isnull=True
        ).select_related("lead_organisation"),
    ).order_by("blind_code")


def decisions_of(user: UserLike, call: Call) -> Any:
    return (
        restrict(user, Decision.objects.filter(call=call))
        .select_related("application__lead_organisation")
        .prefetch_related("objections")
        .order_by("application__blind_code")
    )


def submitted_application_of(assignment: ReviewerAssignment, application_id: int) -> Application:
    """A submitted application of the assignment's call (the reviewer's object), or NotFound."""
    application = Application.objects.filter(
        call_id=assignment.stage.call_id, status=ApplicationStatus.SUBMITTED, pk=application_id
    ).first()
    if application is None:
        raise not_found("신청서", "Application")
    return application


def declaration_of(
    user: UserLike, assignment: ReviewerAssignment, application: Application
) -> ConflictDeclaration | None:
    declaration: ConflictDeclaration | None = (
        restrict(user, ConflictDeclaration.objects.all())
        .filter(assignment=assignment, application=application)
        .first()
    )
    return declaration


def own_scores(user: UserLike, assignment: ReviewerAssignment, application: Application) -> Any:
    return restrict(user, Score.objects.all()).filter(
        assignment=assignment, application=application
    )


def objections_of(user: UserLike, application: Application) -> Any:
    return restrict(user, Objection.objects.filter(decision__application=application)).order_by(
        "lodged_at"
    )


def decision_for_change(user: UserLike, decision_id: int) -> Decision:
    """A decision of a call the user manages, or NotFound."""
    return get_visible(
        user,
        restrict(user, Decision.objects.select_related("call", "application"), Action.CHANGE),
        decision_id,
        ("결정", "Decision"),
    )
