"""The follow-up round (추가 배정) of a term: the seats the confirmed rounds left, offered to
the students who got no course.

It keeps the first round's guarantees — the snapshot, its SHA-256, the seed, the engine's
version and the stability proof are stored; the run is a proposal until the province confirms
it, and the confirmation is refused if the input moved — and adds three of its own:

- only students without any course of the term take part, with their confirmed choices as
  ranked (a school may confirm an application late; it joins here);
- only courses with a seat left take part, with the seats left as their capacity;
- nobody loses a course: the round writes new enrolments and never touches the others, and a
  student is still never given two courses whose slots overlap (the allocation's rounds, as
  in the first round, and the pairwise check of the whole timetable).
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import Max

from vocnet.core.errors import Conflict
from vocnet.core.models import record_audit
from vocnet.core.users import UserLike, user_row
from vocnet.courses.models import AllocationRun, RunStatus, Term
from vocnet.courses.rules import problem, raise_if
from vocnet.courses.services.runs import LIVE, _authorize, enqueue_allocation


@transaction.atomic
def allocation_follow_up_start(
    *, actor: UserLike, term: Term, seed: int | None = None, enqueue: bool = True
) -> AllocationRun:
    """Queue the follow-up round of ``term`` (the province) as a background task: the next
    round after the last confirmed one.

    Refused (ValidationFailed, field ``term_id``, ``first_round_not_confirmed``) before a
    round of the term was confirmed, and (Conflict ``run_exists``) while a run is queued or
    running. Nothing is written on a refusal."""
    _authorize(actor)
    term = Term.objects.select_for_update().get(pk=term.pk)
    last = term.runs.filter(status=RunStatus.CONFIRMED).aggregate(last=Max("round_number"))["last"]
    if last is None:
        raise_if(
            [
                problem(
                    "term_id",
                    "first_round_not_confirmed",
                    "첫 배정이 확정된 뒤에 추가 배정을 실행할 수 있습니다.",
                    "A follow-up round runs only after the first round was confirmed.",
                )
            ]
        )
    if term.runs.filter(status__in=LIVE).exists():
        raise Conflict(
            code="run_exists",
            message_ko="이 학기에 대기 중이거나 실행 중인 배정이 이미 있습니다.",
            message_en="This term already has a queued or running allocation.",
        )
    run = AllocationRun.objects.create(
        term=term,
        round_number=last + 1,
        seed=seed if seed is not None else secrets.randbits(62),
        created_by=user_row(actor),
    )
    record_audit(
        actor=actor,
        action="allocation.follow_up_start",
        obj=run,
        after={"seed": run.seed, "round_number": run.round_number},
    )
    if enqueue:
        transaction.on_commit(lambda: enqueue_allocation(run.pk))
    return run
