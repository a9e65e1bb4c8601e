"""The life of a round: create, change, open, close preferences, start a run, and create the
follow-up round. Publishing the result as placements is in ``publication``.

``draft`` → open → ``open`` → close → ``closed`` → start run → ``running`` → (the task)
``matched`` → publish → ``published``; a failed run puts the round back to ``closed``.
Every service locks the round row first (``select_for_update``) so two officers clicking at
once are serialised, checks permission through the one permission layer, writes, and records
one audit entry. A refused transition raises Conflict 409 naming the state and the action.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from vocnet.clearinghouse.models import (
    LIVE_RUN_STATUSES,
    PlacementRound,
    RoundRun,
    RoundStatus,
    RunStatus,
)
from vocnet.clearinghouse.services.eligibility import follow_up_has_news
from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.registry.models import SupportOffice

logger = logging.getLogger(__name__)

ROUND_FIELDS = [
    "name",
    "support_office",
    "preference_deadline",
    "ranking_deadline",
    "max_choices",
    "status",
    "parent",
    "seed",
]
FIELD_NAMES = {"support_office": "support_office_id", "parent": "parent_id"}
SEED_BITS = 48


@dataclass
class RoundInput:
    name: str
    preference_deadline: datetime
    ranking_deadline: datetime
    support_office_id: int | None = None  # None: the whole province
    max_choices: int = 5
    is_synthetic: bool = False


def lock_round(placement_round: PlacementRound) -> PlacementRound:
    """The round's row, re-read and locked for this transaction."""
    return PlacementRound.objects.select_for_update().get(pk=placement_round.pk)


def transition_refused(placement_round: PlacementRound, action_ko: str, action_en: str) -> Conflict:
    status = RoundStatus(placement_round.status)
    return Conflict(
        code="transition_not_allowed",
        message_ko=f"'{status.label}' 상태의 차수는 {action_ko}할 수 없습니다.",
        message_en=f"A round in state '{status.value}' cannot be {action_en}.",
        problems=[
            FieldProblem(
                "status",
                "transition_not_allowed",
                f"현재 상태: {status.label}",
                f"Current state: {status.value}",
            )
        ],
    )


def _deadline_problems(
    preference: datetime, ranking: datetime, now: datetime
) -> list[FieldProblem]:
    problems = []
    if preference <= now:
        problems.append(
            FieldProblem(
                "preference_deadline",
                "deadline_in_past",
                "학생 지망 마감은 지금 이후여야 합니다.",
                "The preference deadline must be in the future.",
            )
        )
    if ranking < preference:
        problems.append(
            FieldProblem(
                "ranking_deadline",
                "ranking_before_preferences",
                "기업 순위·학교 추천 마감은 학생 지망 마감과 같거나 그 뒤여야 합니다.",
                "The ranking deadline must not be before the preference deadline.",
            )
        )
    return problems


@transaction.atomic
def round_create(*, actor: UserLike, data: RoundInput) -> PlacementRound:
    """Create a round in ``draft`` for the province (``support_office_id`` None) or one support
    office, with a freshly drawn seed. The province creates any round, a support-office
    officer only its own office's. Raises PermissionDenied, ValidationFailed (deadlines in
    the past or out of order, an unknown support office, a bad name or choice count)."""
    authorize_create(actor, PlacementRound, support_office_id=data.support_office_id)
    problems = _deadline_problems(data.preference_deadline, data.ranking_deadline, timezone.now())
    if (
        data.support_office_id is not None
        and not SupportOffice.objects.filter(pk=data.support_office_id).exists()
    ):
        problems.append(
            FieldProblem(
                "support_office_id",
                "unknown_support_office",
                "없는 교육지원청입니다.",
                "No such support office.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    placement_round = PlacementRound(
        name=data.name.strip(),
        support_office_id=data.support_office_id,
        preference_deadline=data.preference_deadline,
        ranking_deadline=data.ranking_deadline,
        max_choices=data.max_choices,
        seed=secrets.randbits(SEED_BITS),
        is_synthetic=data.is_synthetic,
        created_by=user_row(actor),
    )
    clean_or_raise(placement_round, field_names=FIELD_NAMES)
    placement_round.save()
    record_audit(
        actor=actor,
        action="round.create",
        obj=placement_round,
        after=snapshot(placement_round, ROUND_FIELDS),
    )
    return placement_round


@transaction.atomic
def round_update(
    *, actor: UserLike, placement_round: PlacementRound, changes: dict[str, Any]
) -> PlacementRound:
    """Change the name, the deadlines or (in a draft) the number of choices of a round that
    is a draft or open. Raises PermissionDenied, Conflict (later states), ValidationFailed."""
    authorize_change(actor, placement_round)
    placement_round = lock_round(placement_round)
    if placement_round.status not in (RoundStatus.DRAFT, RoundStatus.OPEN):
        raise transition_refused(placement_round, "수정", "changed")
    before = snapshot(placement_round, ROUND_FIELDS)
    allowed = {"name", "preference_deadline", "ranking_deadline"}
    if placement_round.status == RoundStatus.DRAFT:
        allowed.add("max_choices")
    problems = [
        FieldProblem(
            name,
            "not_changeable",
            "접수가 시작된 차수에서는 바꿀 수 없는 항목입니다.",
            "This field cannot be changed once the round is open.",
        )
        for name in changes
        if name not in allowed
    ]
    if problems:
        raise ValidationFailed.from_problems(problems)
    for name, value in changes.items():
        setattr(placement_round, name, value.strip() if isinstance(value, str) else value)
    if {"preference_deadline", "ranking_deadline"} & set(changes):
        deadline_problems = _deadline_problems(
            placement_round.preference_deadline, placement_round.ranking_deadline, timezone.now()
        )
        if deadline_problems:
            raise ValidationFailed.from_problems(deadline_problems)
    clean_or_raise(placement_round, field_names=FIELD_NAMES)
    placement_round.save()
    record_audit(
        actor=actor,
        action="round.update",
        obj=placement_round,
        before=before,
        after=snapshot(placement_round, ROUND_FIELDS),
    )
    return placement_round


def _transition(
    *,
    actor: UserLike,
    placement_round: PlacementRound,
    source: RoundStatus,
    target: RoundStatus,
    action: str,
    stamp: str,
    words: tuple[str, str],
    extra: dict[str, Any] | None = None,
) -> PlacementRound:
    authorize_change(actor, placement_round)
    placement_round = lock_round(placement_round)
    if placement_round.status != source:
        raise transition_refused(placement_round, *words)
    placement_round.status = target
    setattr(placement_round, stamp, timezone.now())
    placement_round.save(update_fields=["status", stamp, "updated_at"])
    record_audit(
        actor=actor,
        action=action,
        obj=placement_round,
        before={"status": source.value},
        after={"status": target.value, **(extra or {})},
    )
    return placement_round


@transaction.atomic
def round_open(*, actor: UserLike, placement_round: PlacementRound) -> PlacementRound:
    """Open a draft round for preferences. Refused (ValidationFailed, field
    ``preference_deadline``) when the deadline has already passed."""
    authorize_change(actor, placement_round)
    current = lock_round(placement_round)
    if current.status == RoundStatus.DRAFT and current.preference_deadline <= timezone.now():
        raise ValidationFailed.from_problems(
            _deadline_problems(
                current.preference_deadline, current.ranking_deadline, timezone.now()
            )
        )
    return _transition(
        actor=actor,
        placement_round=current,
        source=RoundStatus.DRAFT,
        target=RoundStatus.OPEN,
        action="round.open",
        stamp="opened_at",
        words=("접수 시작", "opened"),
    )


REASON_MAX_LENGTH = 500


def _reason_problem(field: str, rule_ko: str, rule_en: str) -> ValidationFailed:
    return ValidationFailed.from_problems(
        [FieldProblem(field, "reason_required", rule_ko, rule_en)]
    )


def _clean_reason(reason: str | None, field: str) -> str:
    text = (reason or "").strip()
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    field,
                    "reason_too_long",
                    f"사유는 {REASON_MAX_LENGTH}자 이내로 적어 주세요.",
                    f"The reason must be at most {REASON_MAX_LENGTH} characters.",
                )
            ]
        )
    return text


@transaction.atomic
def round_close_preferences(
    *, actor: UserLike, placement_round: PlacementRound, reason: str = ""
) -> PlacementRound:
    """Close an open round to students' preferences. Closing before the published
    ``preference_deadline`` cuts students off from a date they were told, so it needs a
    ``reason`` (recorded in the audit entry); without one it raises ValidationFailed on field
    ``reason`` and nothing changes. Companies' rankings and schools' orders are taken until the
    ranking deadline or the run, whichever comes first."""
    authorize_change(actor, placement_round)
    current = lock_round(placement_round)
    text = _clean_reason(reason, "reason")
    early = current.status == RoundStatus.OPEN and timezone.now() < current.preference_deadline
    if early and not text:
        raise _reason_problem(
            "reason",
            "공지한 학생 지망 마감 전에 마감하려면 사유를 적어야 합니다.",
            "Closing before the published preference deadline needs a reason.",
        )
    closed = _transition(
        actor=actor,
        placement_round=current,
        source=RoundStatus.OPEN,
        target=RoundStatus.CLOSED,
        action="round.close_preferences",
        stamp="closed_at",
        words=("지망 마감", "closed"),
        extra={"early_close_reason": text} if early else None,
    )
    return closed


def _already_running() -> Conflict:
    return Conflict(
        code="run_exists",
        message_ko="이 차수는 이미 매칭이 실행 중이거나 끝났습니다(차수당 실행은 하나).",
        message_en="This round already has a run queued, running or done (one per round).",
    )


@transaction.atomic
def round_start_run(
    *,
    actor: UserLike,
    placement_round: PlacementRound,
    enqueue: bool = True,
    override_reason: str = "",
) -> RoundRun:
    """Queue the matching of a closed round as a background task and mark it ``running``.

    Two starts at the same moment give ONE run: the round row is locked, so the second start
    waits and then finds the round ``running`` (Conflict ``transition_not_allowed``); and the
    database allows at most one queued, running or successful run per round
    (``round_run_one_live_per_round``), so even a path without the lock gets Conflict
    ``run_exists``. The task is enqueued once the transaction has committed, so the worker
    always finds the run; a failure to enqueue marks the run failed and the round closed.
    ``enqueue=False`` leaves the queueing to the caller (the demo runs the task's body at once
    with ``run_round_task.call``).

    Before the round's ``ranking_deadline`` companies and schools may still be ranking, so the
    run is refused (ValidationFailed on field ``override_reason``) unless ``override_reason``
    says why it must run early; the reason is kept in the audit entry. A follow-up round with
    nothing new (:func:`eligibility.follow_up_has_news`) is refused the same way (code
    ``follow_up_nothing_new``) because its run would place nobody.
    """
    authorize_change(actor, placement_round)
    placement_round = lock_round(placement_round)
    if placement_round.status != RoundStatus.CLOSED:
        raise transition_refused(placement_round, "매칭 실행", "run")
    text = _clean_reason(override_reason, "override_reason")
    early = timezone.now() < placement_round.ranking_deadline
    if early and not text:
        raise _reason_problem(
            "override_reason",
            "기업 순위·학교 추천 마감 전에 매칭을 실행하려면 사유를 적어야 합니다.",
            "Running before the ranking deadline needs an override reason.",
        )
    if not text and not follow_up_has_news(placement_round, on=timezone.localdate()):
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    "override_reason",
                    "follow_up_nothing_new",
                    "추가 모집 차수에 새 지망·순위·추천이 없고 이전 차수 뒤로 빈 자리도 늘지 "
                    "않아 실행해도 아무도 새로 배정되지 않습니다. 그래도 실행하려면 사유를 "
                    "적으세요.",
                    "The follow-up round has no new preferences, rankings or school orders and "
                    "no more free seats than its parent left, so a run would place nobody. "
                    "Give a reason to run it anyway.",
                )
            ]
        )
    try:
        with transaction.atomic():
            run = RoundRun.objects.create(
                round=placement_round,
                seed=placement_round.seed,
                created_by=user_row(actor),
            )
    except IntegrityError:
        raise _already_running() from None
    placement_round.status = RoundStatus.RUNNING
    placement_round.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        action="round.start_run",
        obj=placement_round,
        before={"status": RoundStatus.CLOSED.value},
        after={
            "status": RoundStatus.RUNNING.value,
            "run_id": run.pk,
            **({"early_run_reason": text} if early else {}),
        },
    )
    if enqueue:
        transaction.on_commit(lambda: enqueue_run(run.pk))
    return run


def enqueue_run(run_id: int) -> None:
    """Hand the run to the task backend (database by default, RQ when configured)."""
    from vocnet.clearinghouse.tasks import run_round_task

    try:
        task = run_round_task.using(queue_name=settings.VOCNET_CLEARINGHOUSE_QUEUE)
        result = task.enqueue(run_id)
    except Exception as error:
        logger.exception("could not enqueue clearinghouse run %s", run_id)
        with transaction.atomic():
            run = RoundRun.objects.select_for_update().get(pk=run_id)
            run.status = RunStatus.FAILED
            run.error = f"작업 대기열에 넣지 못했습니다 / could not enqueue: {error}"
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            PlacementRound.objects.filter(pk=run.round_id, status=RoundStatus.RUNNING).update(
                status=RoundStatus.CLOSED
            )
        return
    RoundRun.objects.filter(pk=run_id).update(task_id=str(result.id)[:64])


@dataclass
class FollowUpInput:
    name: str
    preference_deadline: datetime
    ranking_deadline: datetime
    max_choices: int | None = None


@transaction.atomic
def round_create_follow_up(
    *, actor: UserLike, placement_round: PlacementRound, data: FollowUpInput
) -> PlacementRound:
    """A follow-up round (추가 모집) of a published round, in ``draft``: same scope, same seed.

    It takes the students the parent left unmatched (and not placed since) on the seats left
    (seats minus active placements on the day it runs). A student keeps their parent-round
    list unless they enter a new one; offers keep the parent's rankings unless ranked anew;
    ties are broken by the parent's lottery where it had one, so a student's lottery number
    holds across both rounds. Raises PermissionDenied, Conflict (parent not published),
    ValidationFailed (deadlines)."""
    authorize_change(actor, placement_round)
    parent = lock_round(placement_round)
    if parent.status != RoundStatus.PUBLISHED:
        raise transition_refused(parent, "추가 모집 차수의 바탕으로", "followed up")
    problems = _deadline_problems(data.preference_deadline, data.ranking_deadline, timezone.now())
    if problems:
        raise ValidationFailed.from_problems(problems)
    follow_up = PlacementRound(
        name=data.name.strip(),
        support_office_id=parent.support_office_id,
        preference_deadline=data.preference_deadline,
        ranking_deadline=data.ranking_deadline,
        max_choices=data.max_choices or parent.max_choices,
        parent=parent,
        seed=parent.seed,
        is_synthetic=parent.is_synthetic,
        created_by=user_row(actor),
    )
    clean_or_raise(follow_up, field_names=FIELD_NAMES)
    follow_up.save()
    record_audit(
        actor=actor,
        action="round.create_follow_up",
        obj=follow_up,
        after=snapshot(follow_up, ROUND_FIELDS),
    )
    return follow_up


def live_run(placement_round: PlacementRound) -> RoundRun | None:
    """The round's queued, running or successful run (at most one), without its payload."""
    return (
        RoundRun.objects.without_payload()
        .filter(round=placement_round, status__in=LIVE_RUN_STATUSES)
        .first()
    )
