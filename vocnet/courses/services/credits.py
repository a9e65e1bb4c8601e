"""Credits recognised by the home school (학점 인정): after a student completes (이수) a course
that carries credits, the staff of the student's own school recognise the credits or decline
them with a reason. One decision per completed course; a batch is decided at once or not at
all."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.courses.models import CreditDecision, CreditRecognition, Enrolment
from vocnet.courses.rules import problem, raise_if

MAX_BATCH = 500
REASON_MAX_LENGTH = 500


def _batch_problems(enrolment_ids: list[int], recognise: bool, reason: str) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not enrolment_ids:
        problems.append(
            problem(
                "enrolment_ids",
                "required",
                "학점을 결정할 이수 과목을 하나 이상 고르세요.",
                "Choose at least one completed course to decide its credits.",
            )
        )
    if len(enrolment_ids) > MAX_BATCH:
        problems.append(
            problem(
                "enrolment_ids",
                "too_many",
                f"한 번에 최대 {MAX_BATCH}건까지 결정할 수 있습니다.",
                f"At most {MAX_BATCH} courses can be decided at once.",
            )
        )
    if len(set(enrolment_ids)) != len(enrolment_ids):
        problems.append(
            problem(
                "enrolment_ids",
                "duplicate",
                "같은 이수 과목이 두 번 들어 있습니다.",
                "A completed course is listed twice.",
            )
        )
    if not recognise and not reason.strip():
        problems.append(
            problem(
                "reason",
                "required",
                "학점을 인정하지 않을 때는 사유를 적어야 합니다.",
                "A reason is required when credits are declined.",
            )
        )
    if len(reason) > REASON_MAX_LENGTH:
        problems.append(
            problem(
                "reason",
                "too_long",
                f"사유는 최대 {REASON_MAX_LENGTH}자까지 입력할 수 있습니다.",
                f"The reason has at most {REASON_MAX_LENGTH} characters.",
            )
        )
    return problems


def _enrolment_problems(enrolment: Enrolment, decided: set[int]) -> list[FieldProblem]:
    title = enrolment.course.title
    if enrolment.completed_at is None:
        return [
            problem(
                "enrolment_ids",
                "not_completed",
                f"'{title}' 과목을 아직 이수하지 않아 학점을 결정할 수 없습니다.",
                f"Course {enrolment.course_id} is not completed yet, so its credits cannot be "
                "decided.",
            )
        ]
    if enrolment.course.credits == 0:
        return [
            problem(
                "enrolment_ids",
                "no_credits",
                f"'{title}' 과목에는 학점이 없습니다.",
                f"Course {enrolment.course_id} carries no credits.",
            )
        ]
    if enrolment.pk in decided:
        return [
            problem(
                "enrolment_ids",
                "already_decided",
                f"'{title}' 과목의 학점은 이미 결정되었습니다.",
                f"The credits of course {enrolment.course_id} were already decided.",
            )
        ]
    return []


@transaction.atomic
def credits_decide(
    *,
    actor: UserLike,
    enrolment_ids: list[int],
    recognise: bool,
    reason: str = "",
) -> list[CreditRecognition]:
    """Recognise (``recognise=True``: the course's credits) or decline (with ``reason``) the
    credits of the completed enrolments ``enrolment_ids``; returns the decisions, in the
    order given.

    Only the staff of each student's home school decide (PermissionDenied otherwise, also
    for an enrolment that does not exist). Raises ValidationFailed naming the field and the
    rule — no course chosen, too many, a course listed twice, a decline without a reason, a
    course not completed, without credits, or already decided — and writes nothing then:
    the batch is all or nothing."""
    problems = _batch_problems(enrolment_ids, recognise, reason)
    enrolments = {
        e.pk: e
        for e in Enrolment.objects.select_for_update(of=("self",))
        .select_related("course", "student")
        .filter(pk__in=enrolment_ids)
    }
    for pk in enrolment_ids:
        enrolment = enrolments.get(pk)
        authorize_create(
            actor,
            CreditRecognition,
            school_id=enrolment.student.school_id if enrolment else None,
        )
    decided = set(
        CreditRecognition.objects.filter(enrolment_id__in=enrolments).values_list(
            "enrolment_id", flat=True
        )
    )
    for pk in dict.fromkeys(enrolment_ids):
        problems += _enrolment_problems(enrolments[pk], decided)
    raise_if(problems)
    now = timezone.now()
    decisions = CreditRecognition.objects.bulk_create(
        CreditRecognition(
            enrolment=enrolments[pk],
            decision=CreditDecision.RECOGNISED if recognise else CreditDecision.DECLINED,
            credits=enrolments[pk].course.credits if recognise else 0,
            reason="" if recognise else reason.strip(),
            decided_by=user_row(actor),
            decided_at=now,
            is_synthetic=enrolments[pk].is_synthetic,
        )
        for pk in enrolment_ids
    )
    Enrolment.objects.filter(pk__in=enrolment_ids).update(
        credits_recognised_at=now if recognise else None
    )
    for decision in decisions:
        record_audit(
            actor=actor,
            action="course_credits.recognise" if recognise else "course_credits.decline",
            obj=decision.enrolment,
            after={
                "decision": decision.decision,
                "credits": decision.credits,
                "reason": decision.reason,
            },
        )
    return decisions
