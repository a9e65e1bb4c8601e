"""Review: assigning reviewers, conflict declarations, scoring, closing a stage (aggregation
and shortlist through the pure ``vocnet.programmes.ranking``), the decision with reasons and
objections. Every refusal is a bilingual error naming the field and the rule; nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from vocnet.core.errors import FieldProblem, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.programmes import ranking
from vocnet.programmes.models import (
    Application,
    ApplicationStatus,
    Call,
    CallStage,
    CallStatus,
    ConflictDeclaration,
    Decision,
    Objection,
    Outcome,
    ReviewerAssignment,
    Score,
    StageResult,
)
from vocnet.programmes.rules import problem, raise_if, seoul, text_problems
from vocnet.registry.models import Organisation


def _points(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _now(now: datetime | None) -> datetime:
    return now if now is not None else timezone.now()


@transaction.atomic
def reviewer_assign(
    *,
    actor: UserLike,
    stage: CallStage,
    user: UserLike,
    organisation_id: int | None,
    is_external: bool,
) -> ReviewerAssignment:
    """Add a user to a stage's reviewer pool, with the organisation they work for (None for an
    external expert without one). Raises PermissionDenied (the call's officers only),
    ValidationFailed (already in the pool; the stage closed)."""
    authorize_change(actor, stage.call)
    problems: list[FieldProblem] = []
    if stage.is_closed:
        problems.append(
            problem("stage", "stage_closed", "마감된 평가 단계입니다.", "The stage is closed.")
        )
    if ReviewerAssignment.objects.filter(stage=stage, user_id=user.pk).exists():
        problems.append(
            problem(
                "user",
                "already_assigned",
                "이미 이 단계의 심사위원입니다.",
                "The user is already a reviewer of this stage.",
            )
        )
    if organisation_id is not None and not Organisation.objects.filter(pk=organisation_id).exists():
        problems.append(
            problem(
                "organisation_id",
                "unknown_organisation",
                "등록된 기관이 아닙니다.",
                "No such organisation.",
            )
        )
    raise_if(problems)
    # Numbering the reviewer code under a lock on the stage.
    CallStage.objects.select_for_update().filter(pk=stage.pk).first()
    assignment = ReviewerAssignment.objects.create(
        stage=stage,
        user_id=user.pk,
        organisation_id=organisation_id,
        is_external=is_external,
        code=f"R-{ReviewerAssignment.objects.filter(stage=stage).count() + 1:02d}",
    )
    record_audit(
        actor=actor,
        action="programmes.reviewer.assign",
        obj=assignment,
        after={"stage": stage.pk, "user": user.pk, "organisation": organisation_id},
    )
    return assignment


def _own(actor: UserLike, assignment: ReviewerAssignment) -> None:
    if getattr(actor, "pk", None) != assignment.user_id:
        raise permission_denied()


def _conflict_problems(
    assignment: ReviewerAssignment, application: Application
) -> list[FieldProblem]:
    """The reviewer's organisation is a party, or the reviewer declared a conflict."""
    if assignment.organisation_id is not None:
        party = application.parties.filter(organisation_id=assignment.organisation_id).first()
        if party is not None:
            name = party.organisation.name_ko
            return [
                problem(
                    "application",
                    "conflict_of_interest",
                    f"이해충돌: 심사위원의 소속 기관({name})이 이 신청의 컨소시엄 구성 기관이라 "
                    "평가할 수 없습니다.",
                    f"Conflict of interest: the reviewer's organisation ({name}) is a party to "
                    "this application, so the reviewer cannot score it.",
                )
            ]
    declared = ConflictDeclaration.objects.filter(
        assignment=assignment, application=application, has_conflict=True
    ).first()
    if declared is not None:
        return [
            problem(
                "application",
                "conflict_declared",
                f"이해충돌을 신고한 신청은 평가할 수 없습니다(사유: {declared.reason}).",
                f"You declared a conflict of interest with this application ({declared.reason}).",
            )
        ]
    return []


def _reviewable(assignment: ReviewerAssignment, application: Application) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if application.call_id != assignment.stage.call_id:
        problems.append(
            problem(
                "application",
                "other_call",
                "다른 공모의 신청입니다.",
                "The application belongs to another call.",
            )
        )
    if application.status != ApplicationStatus.SUBMITTED:
        problems.append(
            problem(
                "application",
                "not_submitted",
                "제출된 신청만 평가할 수 있습니다.",
                "Only submitted applications are reviewed.",
            )
        )
    if assignment.stage.is_closed:
        problems.append(
            problem("stage", "stage_closed", "마감된 평가 단계입니다.", "The stage is closed.")
        )
    previous = assignment.stage.call.stages.filter(number__lt=assignment.stage.number).last()
    if (
        previous is not None
        and not StageResult.objects.filter(
            stage=previous, application=application, is_shortlisted=True
        ).exists()
    ):
        problems.append(
            problem(
                "application",
                "not_shortlisted",
                "이전 단계를 통과한 신청만 평가할 수 있습니다.",
                "Only applications shortlisted in the previous stage are reviewed.",
            )
        )
    return problems


def review_refusals(assignment: ReviewerAssignment, application: Application) -> list[FieldProblem]:
    """Why the reviewer may not score ``application`` (empty when they may): a conflict of
    interest (their organisation is a party — named —, or declared), another call, not
    submitted or not shortlisted, the stage closed. Pages show these before the form."""
    return _conflict_problems(assignment, application) + _reviewable(assignment, application)


@transaction.atomic
def conflict_declare(
    *,
    actor: UserLike,
    assignment: ReviewerAssignment,
    application: Application,
    has_conflict: bool,
    reason: str,
) -> ConflictDeclaration:
    """The reviewer's declaration on one application (once). A conflict needs a reason.
    Raises PermissionDenied (not the reviewer), ValidationFailed."""
    _own(actor, assignment)
    problems = text_problems("reason", reason, 300, required=has_conflict)
    if ConflictDeclaration.objects.filter(assignment=assignment, application=application).exists():
        problems.append(
            problem("application", "already_declared", "이미 신고했습니다.", "Already declared.")
        )
    raise_if(problems)
    declaration = ConflictDeclaration.objects.create(
        assignment=assignment,
        application=application,
        has_conflict=has_conflict,
        reason=reason.strip(),
    )
    record_audit(
        actor=actor,
        action="programmes.conflict.declare",
        obj=declaration,
        after={"application": application.pk, "has_conflict": has_conflict},
    )
    return declaration


@dataclass
class ItemScoreInput:
    item_code: str
    points: Any
    comment: str


@transaction.atomic
def scores_submit(
    *,
    actor: UserLike,
    assignment: ReviewerAssignment,
    application: Application,
    scores: list[ItemScoreInput],
) -> list[Score]:
    """The reviewer's scores of every rubric item of one application, each within 0 – the
    item's points, with a comment; replaces their earlier scores while the stage is open.

    Raises PermissionDenied (not the reviewer), ValidationFailed (conflict of interest — the
    reviewer's organisation is a party, or declared; not submitted or not shortlisted; stage
    closed; an item missing, unknown or out of range; no comment), nothing written."""
    _own(actor, assignment)
    problems = _conflict_problems(assignment, application) + _reviewable(assignment, application)
    items = {item.code: item for item in assignment.stage.call.rubric_items.all()}
    given: dict[str, tuple[Decimal, str]] = {}
    for index, entry in enumerate(scores):
        name = f"scores[{index}]"
        item = items.get(entry.item_code)
        if item is None:
            problems.append(
                problem(
                    f"{name}.item_code",
                    "unknown_item",
                    f"이 공모의 평가 항목이 아닙니다: {entry.item_code}",
                    f"Not a rubric item of this call: {entry.item_code}",
                )
            )
            continue
        try:
            points = Decimal(str(entry.points))
        except InvalidOperation:
            points = Decimal(-1)
        if not points.is_finite() or not Decimal(0) <= points <= item.max_points:
            problems.append(
                problem(
                    f"{name}.points",
                    "out_of_range",
                    f"'{item.name_ko}' 점수는 0~{_points(item.max_points)}점이어야 합니다"
                    f"(입력 {entry.points}).",
                    f"'{item.name_en or item.code}' is scored 0–{_points(item.max_points)} "
                    f"(got {entry.points}).",
                )
            )
        problems += text_problems(f"{name}.comment", entry.comment, 2000, required=True)
        given[item.code] = (points, entry.comment.strip())
    missing = [code for code in items if code not in given]
    if missing:
        problems.append(
            problem(
                "scores",
                "missing_items",
                f"모든 평가 항목을 채점하세요. 빠진 항목: {', '.join(missing)}",
                f"Score every rubric item. Missing: {', '.join(missing)}",
            )
        )
    raise_if(problems)
    Score.objects.filter(assignment=assignment, application=application).delete()
    rows = Score.objects.bulk_create(
        [
            Score(
                assignment=assignment,
                application=application,
                item=items[code],
                points=p,
                comment=c,
            )
            for code, (p, c) in given.items()
        ]
    )
    record_audit(
        actor=actor,
        action="programmes.scores.submit",
        obj=application,
        after={"assignment": assignment.pk, "total": str(sum(p for p, _ in given.values()))},
    )
    return rows


def _ranking_input(
    stage: CallStage, applications: list[Application]
) -> list[ranking.ApplicationScores]:
    # Summed per application, reviewer and area in the database: 100 applications × 7
    # reviewers × 20 items is 14,000 scores but 2,800 sums (bench/bench_programmes.py).
    by_application: dict[int, dict[int, dict[str, Decimal]]] = {}
    codes: dict[int, str] = {}
    sums = (
        Score.objects.filter(assignment__stage=stage)
        .values("application_id", "assignment_id", "assignment__code", "item__area")
        .annotate(points=Sum("points"))
        .order_by()
    )
    for row in sums:
        areas = by_application.setdefault(row["application_id"], {}).setdefault(
            row["assignment_id"], {}
        )
        codes[row["assignment_id"]] = row["assignment__code"]
        areas[row["item__area"]] = Decimal(row["points"])
    return [
        ranking.ApplicationScores(
            application=application.blind_code,
            submitted_at=application.submitted_at or application.created_at,
            scores=tuple(
                ranking.ReviewerScore(codes[assignment_id], areas)
                for assignment_id, areas in sorted(by_application.get(application.pk, {}).items())
            ),
        )
        for application in applications
    ]


@transaction.atomic
def stage_close(*, actor: UserLike, stage: CallStage) -> list[StageResult]:
    """Close a stage: aggregate every reviewed application's scores (the call's method and tie
    rule), store the ranks and shortlist the first ``shortlist_size`` (all when None).

    Raises PermissionDenied (the call's officers), ValidationFailed (already closed; an
    application without scores; too few reviewers for a trimmed mean; a tie at the cut-off)."""
    authorize_change(actor, stage.call)
    stage = CallStage.objects.select_for_update().select_related("call").get(pk=stage.pk)
    call = stage.call
    problems: list[FieldProblem] = []
    if stage.is_closed:
        problems.append(
            problem(
                "stage", "stage_closed", "이미 마감된 단계입니다.", "The stage is already closed."
            )
        )
    raise_if(problems)
    previous = call.stages.filter(number__lt=stage.number).last()
    applications = list(call.applications.filter(status=ApplicationStatus.SUBMITTED))
    if previous is not None:
        shortlisted = StageResult.objects.filter(stage=previous, is_shortlisted=True).values(
            "application_id"
        )
        applications = [
            a for a in applications if a.pk in {r["application_id"] for r in shortlisted}
        ]
    areas = list(dict.fromkeys(item.area for item in call.rubric_items.all()))
    try:
        ranked = ranking.rank(
            _ranking_input(stage, applications),
            method=call.aggregation,
            tie_rule=call.tie_rule,
            area_order=areas,
        )
        chosen = set(ranking.shortlist(ranked, stage.shortlist_size or len(ranked)))
    except ranking.RankingError as error:
        raise_if([problem("stage", error.code, error.message_ko, error.message_en)])
        raise
    by_code = {application.blind_code: application.pk for application in applications}
    results = StageResult.objects.bulk_create(
        [
            StageResult(
                stage=stage,
                application_id=by_code[r.application],
                total=r.total,
                area_scores={k: str(v) for k, v in r.areas.items()},
                rank=r.rank,
                is_shortlisted=r.application in chosen,
            )
            for r in ranked
        ]
    )
    stage.is_closed = True
    stage.save(update_fields=["is_closed"])
    record_audit(
        actor=actor,
        action="programmes.stage.close",
        obj=stage,
        after={"ranked": [r.application for r in ranked], "shortlisted": sorted(chosen)},
    )
    return results


@dataclass
class DecisionInput:
    application_id: int
    outcome: str
    reasons: str


@transaction.atomic
def decisions_record(
    *, actor: UserLike, call: Call, decisions: list[DecisionInput], now: datetime | None = None
) -> list[Decision]:
    """The officer's decision on each application, with reasons; opens the objection window
    (``objection_days``). ``selected`` and ``nominated`` together stay within the quota.

    Raises PermissionDenied (the call's officers), ValidationFailed (quota exceeded; unknown
    outcome; no reasons; not an application of the call; already decided), nothing written."""
    authorize_change(actor, call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    moment = _now(now)
    problems: list[FieldProblem] = []
    applications = {a.pk: a for a in call.applications.filter(status=ApplicationStatus.SUBMITTED)}
    decided = set(Decision.objects.filter(call=call).values_list("application_id", flat=True))
    for index, entry in enumerate(decisions):
        name = f"decisions[{index}]"
        if entry.application_id not in applications:
            problems.append(
                problem(
                    f"{name}.application_id",
                    "not_in_call",
                    "이 공모에 제출된 신청이 아닙니다.",
                    "Not a submitted application of this call.",
                )
            )
        elif entry.application_id in decided:
            problems.append(
                problem(
                    f"{name}.application_id",
                    "already_decided",
                    "이미 결정된 신청입니다.",
                    "Already decided.",
                )
            )
        if entry.outcome not in Outcome.values:
            problems.append(
                problem(
                    f"{name}.outcome",
                    "unknown_outcome",
                    f"결과 코드가 아닙니다: {entry.outcome}",
                    f"Not an outcome: {entry.outcome}",
                )
            )
        problems += text_problems(f"{name}.reasons", entry.reasons, 3000, required=True)
    winners = Decision.objects.filter(
        call=call, outcome__in=[Outcome.SELECTED, Outcome.NOMINATED]
    ).count()
    winners += sum(1 for d in decisions if d.outcome in (Outcome.SELECTED, Outcome.NOMINATED))
    if winners > call.quota:
        problems.append(
            problem(
                "decisions",
                "quota_exceeded",
                f"선정(추천) 규모 {call.quota}곳을 넘습니다({winners}곳).",
                f"The call's quota is {call.quota}; this decides {winners}.",
            )
        )
    raise_if(problems)
    deadline = moment + timedelta(days=call.objection_days)
    rows = Decision.objects.bulk_create(
        [
            Decision(
                call=call,
                application_id=d.application_id,
                outcome=d.outcome,
                reasons=d.reasons.strip(),
                decided_by=user_row(actor),
                decided_at=moment,
                objection_deadline=deadline,
            )
            for d in decisions
        ]
    )
    if not call.applications.filter(
        status=ApplicationStatus.SUBMITTED, decision__isnull=True
    ).exists():
        call.status = CallStatus.DECIDED
        call.save(update_fields=["status"])
    record_audit(
        actor=actor,
        action="programmes.decisions.record",
        obj=call,
        after={str(d.application_id): d.outcome for d in decisions},
    )
    return rows


@transaction.atomic
def objection_lodge(
    *, actor: UserLike, application: Application, text: str, now: datetime | None = None
) -> Objection:
    """The lead school's objection to the decision, within the objection window.

    Raises PermissionDenied (the lead school's staff), ValidationFailed (no decision yet; the
    window closed — cited in Asia/Seoul; no text), nothing written."""
    authorize_create(actor, Objection, lead_organisation_id=application.lead_organisation_id)
    moment = _now(now)
    decision = Decision.objects.filter(application=application).first()
    problems = text_problems("text", text, 3000, required=True)
    if decision is None:
        problems.append(
            problem(
                "application",
                "not_decided",
                "아직 결정되지 않은 신청입니다.",
                "The application is not decided yet.",
            )
        )
    elif moment > decision.objection_deadline:
        problems.append(
            problem(
                "lodged_at",
                "objection_window_closed",
                "이의신청 기간이 지났습니다"
                f"(마감 {seoul(decision.objection_deadline)} Asia/Seoul).",
                "The objection window closed at "
                f"{seoul(decision.objection_deadline)} (Asia/Seoul).",
            )
        )
    raise_if(problems)
    assert decision is not None
    objection = Objection.objects.create(
        decision=decision,
        text=text.strip(),
        lodged_by=user_row(actor),
        lodged_at=moment,
    )
    record_audit(
        actor=actor,
        action="programmes.objection.lodge",
        obj=objection,
        after={"decision": decision.pk},
    )
    return objection


@transaction.atomic
def nominee_designate_pilot(
    *, actor: UserLike, decision: Decision, reasons: str, now: datetime | None = None
) -> Decision:
    """Gyeonggi's flow: a school the province nominated to the Ministry's call, and that the
    Ministry did not select, is designated for the one-year 경기협약형 pilot (it may re-apply
    next year). The province's decision changes from ``nominated`` to ``pilot`` with the
    reasons, and a new objection window opens. (The one-year pilot is the province's 2025
    practice, programmes_2025.md; unverified as a standing rule.)

    Raises PermissionDenied (the province call's officers), ValidationFailed (not nominated;
    the call nominates to no call; the Ministry has not decided 'not selected' on the school's
    application; no reasons), nothing written."""
    authorize_change(actor, decision.call)
    decision = (
        Decision.objects.select_for_update()
        .select_related("call", "application")
        .get(pk=decision.pk)
    )
    call = decision.call
    problems = text_problems("reasons", reasons, 3000, required=True)
    if decision.outcome != Outcome.NOMINATED:
        problems.append(
            problem(
                "outcome",
                "not_nominated",
                "교육부에 추천한 학교만 1년 시범 운영으로 지정할 수 있습니다"
                f"(현재 결과: {decision.get_outcome_display()}).",
                "Only a school nominated to the Ministry can be designated for the one-year "
                f"pilot (outcome now: {decision.outcome}).",
            )
        )
    elif call.nominates_to_id is None:
        problems.append(
            problem(
                "nominates_to",
                "no_nomination_target",
                "이 공모에는 추천 대상 공모가 없습니다.",
                "This call nominates to no other call.",
            )
        )
    elif not Decision.objects.filter(
        call_id=call.nominates_to_id,
        application__lead_organisation_id=decision.application.lead_organisation_id,
        outcome=Outcome.NOT_SELECTED,
    ).exists():
        problems.append(
            problem(
                "nominates_to",
                "ministry_not_decided",
                "교육부 공모에서 이 학교가 '미선정'으로 결정된 뒤에만 1년 시범 운영으로 지정할 "
                "수 있습니다.",
                "The school can be designated for the pilot only after the Ministry's call "
                "decided 'not selected' on it.",
            )
        )
    raise_if(problems)
    moment = _now(now)
    before = {"outcome": decision.outcome, "reasons": decision.reasons}
    decision.outcome = Outcome.PILOT
    decision.reasons = reasons.strip()
    decision.decided_by = user_row(actor)
    decision.decided_at = moment
    decision.objection_deadline = moment + timedelta(days=call.objection_days)
    decision.save(
        update_fields=["outcome", "reasons", "decided_by", "decided_at", "objection_deadline"]
    )
    record_audit(
        actor=actor,
        action="programmes.decision.pilot",
        obj=decision,
        before=before,
        after={"outcome": decision.outcome, "reasons": decision.reasons},
    )
    return decision
