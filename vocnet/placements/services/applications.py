"""Applications (현장실습 지원): the company consents before a direct placement (issue 15 §2).

apply (the student, their school or the province) → interview recorded (optional; the host
company) → accepted or declined (the host company, or the province). Only
:func:`application_accept` takes a seat, and it keeps the no-overbooking guarantee of the
direct path (issue 6 item 7): it locks the offer's row (``SELECT … FOR UPDATE``) and counts
its active placements in the same transaction, so of any number of concurrent accepts exactly
``seats`` succeed and the rest get Conflict ``offer_full``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.placements.errors import (
    conflict,
    offer_full,
    problem,
    student_already_placed,
    transition_refused,
)
from vocnet.placements.models import (
    OPEN_APPLICATION_STATUSES,
    ApplicationStatus,
    FieldTrainingOffer,
    OfferStatus,
    Placement,
    PlacementApplication,
    PlacementOrigin,
    PlacementStatus,
)
from vocnet.placements.policies import schools
from vocnet.placements.services.placements import eligibility_problems
from vocnet.registry.models import Student

MAX_TEXT = 1000


def _offer_open(offer: FieldTrainingOffer, field: str) -> None:
    if offer.status != OfferStatus.PUBLISHED:
        raise transition_refused("offer", offer.get_status_display(), offer.status, "accept")
    if offer.start_date <= timezone.localdate():
        raise conflict(
            "offer_started",
            "이미 시작한 제안에는 학생을 배치할 수 없습니다.",
            "Students cannot be placed on an offer that has started.",
            field=field,
        )


def _too_long(field: str, value: str) -> list[FieldProblem]:
    if len(value) <= MAX_TEXT:
        return []
    return [
        problem(
            field,
            "too_long",
            f"{MAX_TEXT}자 이내로 적으세요(지금 {len(value)}자).",
            f"At most {MAX_TEXT} characters (now {len(value)}).",
        )
    ]


@transaction.atomic
def application_submit(
    *,
    actor: UserLike,
    offer: FieldTrainingOffer,
    student: Student,
    note: str = "",
    field_justification: str = "",
) -> PlacementApplication:
    """Apply for ``student`` to ``offer`` (the student, staff of the student's school, the
    province). The eligibility of a placement applies already (enrolled, the field-training
    grade, the field, 직업교육훈련 촉진법 제8조; a related field with the school's
    ``field_justification``). Raises PermissionDenied; ValidationFailed (``student_id``:
    ``not_enrolled``, ``not_third_year``, ``field_mismatch``; ``field_justification``:
    ``related_field_needs_justification``, ``school_only``; ``note``: ``too_long``);
    Conflict ``transition_not_allowed`` (offer not published), ``offer_started``,
    ``student_already_placed``, ``already_applied``. Takes no seat."""
    authorize_create(
        actor, PlacementApplication, school_id=student.school_id, student_id=student.pk
    )
    justification = field_justification.strip()
    problems = eligibility_problems(student, offer, justification) + _too_long("note", note.strip())
    problems += _too_long("field_justification", justification)
    who = actor_for(actor)
    if justification and not (who.is_province or student.school_id in schools(who)):
        problems.append(
            problem(
                "field_justification",
                "school_only",
                "관련 분야 배치 사유는 학생의 학교(또는 교육청)만 기록할 수 있습니다.",
                "Only the student's school (or the province) can record why a related field fits.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    _offer_open(offer, "offer_id")
    if Placement.objects.active().filter(student=student).exists():
        raise student_already_placed()
    try:
        with transaction.atomic():
            application = PlacementApplication.objects.create(
                offer=offer,
                student=student,
                note=note.strip(),
                field_justification=justification,
                applied_by=user_row(actor),
            )
    except IntegrityError:
        raise conflict(
            "already_applied",
            "이 학생은 이 제안에 이미 지원했습니다(기업의 결정을 기다리는 중).",
            "This student has already applied to this offer (awaiting the company's decision).",
            field="student_id",
        ) from None
    record_audit(
        actor=actor,
        action="placements.application_submit",
        obj=application,
        after={"offer": offer.pk, "student": student.pk},
    )
    return application


def _lock_open(
    application: PlacementApplication, action_ko: str, action_en: str
) -> PlacementApplication:
    locked = (
        PlacementApplication.objects.select_for_update()
        .select_related("offer", "student")
        .get(pk=application.pk)
    )
    if locked.status not in OPEN_APPLICATION_STATUSES:
        raise conflict(
            "application_closed",
            f"'{locked.get_status_display()}' 상태인 지원은 {action_ko}할 수 없습니다.",
            f"An application whose status is '{locked.status}' cannot be {action_en}.",
            field="status",
        )
    return locked


@transaction.atomic
def application_record_interview(
    *,
    actor: UserLike,
    application: PlacementApplication,
    interview_at: datetime,
    place: str,
    outcome: str = "",
) -> PlacementApplication:
    """The host company records the interview: when, where and (once held) the outcome.
    Raises PermissionDenied unless the actor is the company's staff or the province;
    Conflict ``application_closed``; ValidationFailed (``place`` required, ``outcome`` only
    for an interview not in the future, texts too long)."""
    authorize_change(actor, application)
    locked = _lock_open(application, "면접 기록", "given an interview")
    place, outcome = place.strip(), outcome.strip()
    problems: list[FieldProblem] = []
    if not place:
        problems.append(
            problem("place", "required", "면접 장소를 적어야 합니다.", "Give the place.")
        )
    if len(place) > 200:
        problems.append(
            problem("place", "too_long", "200자 이내로 적으세요.", "At most 200 characters.")
        )
    if outcome and interview_at > timezone.now():
        problems.append(
            problem(
                "outcome",
                "interview_not_held",
                "면접 결과는 면접 일시가 지난 뒤에 적을 수 있습니다.",
                "The outcome can be recorded only once the interview time has passed.",
            )
        )
    problems += _too_long("outcome", outcome)
    if problems:
        raise ValidationFailed.from_problems(problems)
    before = {"status": locked.status}
    locked.interview_at, locked.interview_place, locked.interview_outcome = (
        interview_at, place, outcome
    )  # fmt: skip
    locked.status = ApplicationStatus.INTERVIEW
    locked.save(update_fields=["interview_at", "interview_place", "interview_outcome", "status"])
    record_audit(
        actor=actor,
        action="placements.application_interview",
        obj=locked,
        before=before,
        after={"interview_at": str(interview_at), "place": place, "outcome": outcome},
    )
    return locked


@transaction.atomic
def application_decline(
    *, actor: UserLike, application: PlacementApplication, reason: str
) -> PlacementApplication:
    """The host company declines, with a reason the school reads. Raises PermissionDenied,
    ValidationFailed (``reason``), Conflict ``application_closed``."""
    authorize_change(actor, application)
    reason = reason.strip()
    problems = _too_long("reason", reason)
    if not reason:
        problems.append(
            problem("reason", "required", "거절 사유를 적어야 합니다.", "Give the reason.")
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    locked = _lock_open(application, "거절", "declined")
    before = {"status": locked.status}
    locked.status = ApplicationStatus.DECLINED
    locked.decided_by, locked.decided_at, locked.decision_reason = (
        user_row(actor), timezone.now(), reason
    )  # fmt: skip
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    record_audit(
        actor=actor,
        action="placements.application_decline",
        obj=locked,
        before=before,
        after={"status": locked.status, "reason": reason},
    )
    return locked


@transaction.atomic
def application_accept(*, actor: UserLike, application: PlacementApplication) -> Placement:
    """The host company accepts: the student is placed (origin ``direct``, status
    ``matched``) and a seat is taken.

    Concurrency-safe: the offer row is locked and its active placements counted in this
    transaction. Raises PermissionDenied unless the actor is the company's staff or the
    province; ValidationFailed (the student is no longer eligible); Conflict
    ``application_closed``, ``transition_not_allowed`` (offer not published),
    ``offer_started``, ``offer_full`` when every seat is taken, ``student_already_placed``
    when the student has an active placement."""
    authorize_change(actor, application)
    offer = FieldTrainingOffer.objects.select_for_update().get(pk=application.offer_id)
    locked = _lock_open(application, "수락", "accepted")
    student = Student.objects.select_related("department__ncs_middle").get(pk=locked.student_id)
    problems = eligibility_problems(student, offer, locked.field_justification)
    if problems:
        raise ValidationFailed.from_problems(problems)
    _offer_open(offer, "application_id")
    if Placement.objects.active().filter(offer=offer).count() >= offer.seats:
        raise offer_full(offer.seats)
    if Placement.objects.active().filter(student=student).exists():
        raise student_already_placed()
    try:
        with transaction.atomic():
            placement = Placement.objects.create(
                student=student,
                offer=offer,
                origin=PlacementOrigin.DIRECT,
                status=PlacementStatus.MATCHED,
                created_by=user_row(actor),
            )
    except IntegrityError:
        raise student_already_placed() from None
    locked.status = ApplicationStatus.ACCEPTED
    locked.decided_by, locked.decided_at, locked.placement = (
        user_row(actor), timezone.now(), placement
    )  # fmt: skip
    locked.save(update_fields=["status", "decided_by", "decided_at", "placement"])
    record_audit(
        actor=actor,
        action="placements.placement_accept",
        obj=placement,
        after={
            "student": student.pk,
            "offer": offer.pk,
            "origin": placement.origin,
            "application": locked.pk,
        },
    )
    return placement


@transaction.atomic
def application_withdraw(
    *, actor: UserLike, application: PlacementApplication
) -> PlacementApplication:
    """The student or their school withdraws an application awaiting the company's decision.
    Raises PermissionDenied, Conflict ``application_closed``."""
    authorize_create(
        actor,
        PlacementApplication,
        school_id=application.student.school_id,
        student_id=application.student_id,
    )
    locked = _lock_open(application, "철회", "withdrawn")
    locked.status = ApplicationStatus.WITHDRAWN
    locked.save(update_fields=["status"])
    record_audit(
        actor=actor,
        action="placements.application_withdraw",
        obj=locked,
        after={"status": locked.status},
    )
    return locked
