"""Placements: who may be placed, and the placement's lifecycle (the direct path's seat is
taken when the host company accepts an application: ``services.applications``).

matched → (contract signed by all four parties) contracted → in_progress → completed;
matched or contracted → cancelled (before the start); in_progress → terminated (early, with a
reason). Rounds of the clearinghouse create matched placements on their own side.

No overbooking (issue 6 item 7): ``applications.application_accept`` locks the offer's row
(``SELECT … FOR UPDATE``) and counts its active placements inside the same transaction, so
concurrent accepts of one offer are serialised and exactly ``seats`` of them succeed; the rest
get Conflict ``offer_full`` (409). The partial unique constraint on active placements per
student backs the "one placement at a time" rule under concurrency too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, authorize_change
from vocnet.core.users import UserLike
from vocnet.placements.eligibility import FIELD_TRAINING_GRADE
from vocnet.placements.errors import (
    conflict,
    problem,
    transition_refused,
)
from vocnet.placements.models import (
    FieldTrainingOffer,
    Placement,
    PlacementStatus,
)
from vocnet.placements.policies import companies, schools
from vocnet.placements.services.terms import agreed_terms
from vocnet.registry.models import Student


def eligibility_problems(
    student: Student, offer: FieldTrainingOffer, field_justification: str = ""
) -> list[FieldProblem]:
    """Why ``student`` may not take ``offer`` — the same rules as a clearinghouse round
    (ADR 0017): not enrolled; not in the field-training grade (:data:`FIELD_TRAINING_GRADE`,
    the Ministry's practice, unverified); a department whose NCS field differs from the
    offer's (직업교육훈련 촉진법 제8조: the host is chosen by the student's major) — unless the
    field is related (the same NCS major group, as the planner's "same major": vocnet policy,
    stricter than 제8조's wording) and the school recorded ``field_justification``. "No other
    placement" is checked under the offer's lock (Conflict ``student_already_placed``)."""
    problems: list[FieldProblem] = []
    if not student.is_enrolled:
        problems.append(
            problem(
                "student_id",
                "not_enrolled",
                "재학 중인 학생만 현장실습에 배치할 수 있습니다.",
                "Only an enrolled student can be placed.",
            )
        )
    elif student.grade != FIELD_TRAINING_GRADE:
        problems.append(
            problem(
                "student_id",
                "not_third_year",
                f"현장실습에는 {FIELD_TRAINING_GRADE}학년 학생만 배치할 수 있습니다"
                "(교육부 직업계고 현장실습 운영 지침, 미확인 — vocnet 정책). "
                f"이 학생은 {student.grade}학년입니다.",
                f"Only year-{FIELD_TRAINING_GRADE} students can be placed in field training "
                "(Ministry of Education operating guidelines, unverified — vocnet policy); "
                f"this student is in year {student.grade}.",
            )
        )
    if student.department.ncs_middle_id != offer.ncs_middle_id:
        related = student.department.ncs_middle.major_id == offer.ncs_middle.major_id
        if related and field_justification.strip():
            pass  # a related field, with the school's recorded reason (vocnet policy)
        elif related:
            problems.append(
                problem(
                    "field_justification",
                    "related_field_needs_justification",
                    "학생 학과의 NCS 중분류가 제안과 다르지만 같은 대분류(관련 분야)입니다. 학교가 "
                    "전공과의 적합성 사유를 기록하면 배치할 수 있습니다(직업교육훈련 촉진법 제8조; "
                    "관련 분야 = 같은 NCS 대분류는 vocnet 정책).",
                    "The NCS field of the student's department differs from the offer's but is "
                    "in the same NCS major group (a related field): the school can place the "
                    "student by recording why it fits the major (VET Promotion Act, Art. 8; "
                    "related = same NCS major group is vocnet policy).",
                )
            )
        else:
            problems.append(
                problem(
                    "student_id",
                    "field_mismatch",
                    "학생 학과의 NCS 분야가 제안의 분야와 다르고 관련 분야(같은 NCS 대분류)도 "
                    "아닙니다(직업교육훈련 촉진법 제8조: 전공과의 적합성).",
                    "The NCS field of the student's department differs from the offer's and is "
                    "not related (same NCS major group) either (VET Promotion Act, Art. 8: fit "
                    "with the student's major).",
                )
            )
    return problems


def _lock(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update()
        .select_related("offer", "student")
        .get(pk=placement.pk)
    )


def _reason_required(reason: str) -> None:
    if not reason.strip():
        raise ValidationFailed.from_problems(
            [
                problem(
                    "reason",
                    "required",
                    "사유를 적어야 합니다.",
                    "A reason is required.",
                )
            ]
        )


def _move(
    actor: UserLike, placement: Placement, status: str, action: str, **fields: Any
) -> Placement:
    before = {"status": placement.status}
    placement.status = status
    for name, value in fields.items():
        setattr(placement, name, value)
    placement.save(update_fields=["status", "updated_at", *fields])
    record_audit(
        actor=actor,
        action=f"placements.placement_{action}",
        obj=placement,
        before=before,
        after={"status": status, **{k: str(v) for k, v in fields.items()}},
    )
    return placement


@transaction.atomic
def placement_cancel(*, actor: UserLike, placement: Placement, reason: str) -> Placement:
    """Cancel a matched or contracted placement before the training starts (the seat is
    freed). Raises PermissionDenied, ValidationFailed (``reason``), Conflict."""
    authorize_change(actor, placement)
    _reason_required(reason)
    placement = _lock(placement)
    if placement.status not in (PlacementStatus.MATCHED, PlacementStatus.CONTRACTED):
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "cancel"
        )
    return _move(
        actor, placement, PlacementStatus.CANCELLED, "cancel",
        ended_at=timezone.now(), ended_reason=reason.strip(),
    )  # fmt: skip


def agreed_start_date(placement: Placement) -> date:
    """The start date of the latest signed contract version (an amendment may move it), or
    the offer's when none is signed."""
    return agreed_terms(placement).start_date


@transaction.atomic
def placement_start(*, actor: UserLike, placement: Placement) -> Placement:
    """Start the training of a contracted placement, on or after the start date. Raises
    PermissionDenied, Conflict ``transition_not_allowed`` unless contracted (the contract is
    signed by all four parties), ``not_started_yet`` before the start date; ValidationFailed
    ``safety_education_missing`` without a recorded safety education (제9조의5)."""
    authorize_change(actor, placement)
    placement = _lock(placement)
    if placement.status != PlacementStatus.CONTRACTED:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "start"
        )
    start = agreed_start_date(placement)
    if timezone.localdate() < start:
        raise conflict(
            "not_started_yet",
            f"실습 시작일({start:%Y-%m-%d}) 전에는 시작 처리할 수 없습니다.",
            f"The training cannot start before its start date ({start:%Y-%m-%d}).",
        )
    if not placement.safety_educations.exists():
        raise ValidationFailed.from_problems(
            [
                problem(
                    "safety_education",
                    "safety_education_missing",
                    "실습 시작 전 안전·노동인권 교육(교육한 사람, 일자, 내용)을 기록해야 시작할 수 "
                    "있습니다 — 직업교육훈련 촉진법 제9조의5.",
                    "Record the safety and labour-rights education (who, when, what) before the "
                    "training starts — VET Promotion Act, Art. 9-5.",
                )
            ]
        )
    return _move(actor, placement, PlacementStatus.IN_PROGRESS, "start", started_at=timezone.now())


@transaction.atomic
def placement_complete(*, actor: UserLike, placement: Placement) -> Placement:
    """Complete a placement in progress, on or after the end date of its signed contract
    (:func:`agreed_terms`: an amendment may have moved it). Raises PermissionDenied,
    Conflict ``transition_not_allowed`` / ``not_ended_yet``."""
    authorize_change(actor, placement)
    placement = _lock(placement)
    if placement.status != PlacementStatus.IN_PROGRESS:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "complete"
        )
    end = agreed_terms(placement).end_date
    if timezone.localdate() < end:
        raise conflict(
            "not_ended_yet",
            f"실습 종료일({end:%Y-%m-%d}) 전에는 수료 처리할 수 없습니다. "
            "일찍 끝내려면 중도 종료하세요.",
            f"The training cannot be completed before its end date "
            f"({end:%Y-%m-%d}); terminate it early instead.",
        )
    return _move(actor, placement, PlacementStatus.COMPLETED, "complete", ended_at=timezone.now())


@transaction.atomic
def placement_terminate(
    *,
    actor: UserLike,
    placement: Placement,
    reason: str,
    notice_on: date | None = None,
    notice: str = "",
) -> Placement:
    """End a placement in progress early, with a reason (중도 종료). 직업교육훈련 촉진법 제9조의4
    (후단): a host company ending the training must tell the school in advance — when the
    company ends it, the date of that notice (``notice_on``, not after today) is required and
    recorded with its text. Raises PermissionDenied, ValidationFailed (``reason``,
    ``notice_on``), Conflict ``transition_not_allowed``."""
    authorize_change(actor, placement)
    _reason_required(reason)
    placement = _lock(placement)
    if placement.status != PlacementStatus.IN_PROGRESS:
        raise transition_refused(
            "placement", placement.get_status_display(), placement.status, "terminate"
        )
    who = actor_for(actor)
    by_company = (
        not who.is_province
        and placement.offer.company_id in companies(who)
        and placement.student.school_id not in schools(who)
    )
    if (by_company and notice_on is None) or (notice_on and notice_on > timezone.localdate()):
        raise ValidationFailed.from_problems(
            [
                problem(
                    "notice_on",
                    "advance_notice_required",
                    "기업이 현장실습을 중도에 그만두려면 학교에 미리 알려야 합니다. 학교에 통보한 "
                    "날짜(오늘 이전)를 적으세요 — 직업교육훈련 촉진법 제9조의4.",
                    "A host company ending the training must tell the school in advance: give "
                    "the date it told the school (today or earlier) — VET Promotion Act, "
                    "Art. 9-4.",
                )
            ]
        )
    return _move(
        actor, placement, PlacementStatus.TERMINATED, "terminate",
        ended_at=timezone.now(), ended_reason=reason.strip(), termination_notice_on=notice_on,
        termination_notice=(notice.strip() or reason.strip()) if notice_on else "",
    )  # fmt: skip
