"""Endpoints of credits recognised by the home school, the learning record, the hires of a
company-tailored class and the follow-up round: thin — parse, call one selector or service,
return. Registered on the courses router (imported at the end of ``courses.api``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Status
from ninja.pagination import paginate

from vocnet.api.pagination import BoundedPagination
from vocnet.courses import selectors, selectors_credits, services
from vocnet.courses.api import router
from vocnet.courses.models import Enrolment, TailoredHire
from vocnet.courses.schemas_credits import (
    CourseCreditDecideIn,
    CourseCreditDecisionOut,
    CourseCreditQueueOut,
    CourseFollowUpIn,
    CourseFollowUpOut,
    CourseHireOut,
    CourseHiresIn,
    CourseLearningRecordOut,
    CourseRecordRowOut,
)


def _queue_row(enrolment: Enrolment) -> CourseCreditQueueOut:
    return CourseCreditQueueOut(
        id=enrolment.pk,
        student_id=enrolment.student_id,
        student=enrolment.student.name,
        course_id=enrolment.course_id,
        course=enrolment.course.title,
        host=enrolment.course.host.name_ko,
        term=enrolment.course.term.name,
        credits=enrolment.course.credits,
        completed_at=enrolment.completed_at,
        is_synthetic=enrolment.is_synthetic,
    )


@router.get("/courses/credits/queue", response=list[CourseCreditQueueOut])
@paginate(BoundedPagination)
def credit_queue(request: HttpRequest) -> Any:
    """Completed courses with credits that the caller's school has not decided yet (its own
    students only; empty for everyone but school staff)."""
    return [_queue_row(e) for e in selectors_credits.credit_queue(request.user)]


@router.post("/courses/credits/decisions", response={201: list[CourseCreditDecisionOut]})
def decide_credits(request: HttpRequest, payload: CourseCreditDecideIn) -> Any:
    """Recognise (or decline, with a reason) the credits of completed courses — all of them or
    none; the home school's staff only."""
    decisions = services.credits_decide(
        actor=request.user,
        enrolment_ids=payload.enrolment_ids,
        recognise=payload.recognise,
        reason=payload.reason,
    )
    return Status(
        201,
        [
            CourseCreditDecisionOut(
                enrolment_id=d.enrolment_id,
                decision=d.decision,
                credits=d.credits,
                reason=d.reason,
                decided_at=d.decided_at,
            )
            for d in decisions
        ],
    )


@router.get("/courses/students/{student_id}/record", response=CourseLearningRecordOut)
def learning_record(request: HttpRequest, student_id: int) -> Any:
    """A student's learning record: every course completed and the credits recognised."""
    record = selectors_credits.learning_record(request.user, student_id)
    rows = []
    for enrolment in record.rows:
        decision = getattr(enrolment, "credit_recognition", None)
        rows.append(
            CourseRecordRowOut(
                enrolment_id=enrolment.pk,
                course_id=enrolment.course_id,
                course=enrolment.course.title,
                host=enrolment.course.host.name_ko,
                term=enrolment.course.term.name,
                course_credits=enrolment.course.credits,
                completed_at=enrolment.completed_at,
                certificate_code=enrolment.certificate_code,
                credit_decision=decision.decision if decision else None,
                credits_recognised=decision.credits if decision else 0,
                credit_reason=decision.reason if decision else "",
            )
        )
    return CourseLearningRecordOut(
        student_id=record.student.pk,
        student=record.student.name,
        school=record.student.school.organisation.name_ko,
        recognised_credits=record.recognised_credits,
        pending_decisions=record.pending,
        courses=rows,
    )


def _hire_out(hire: TailoredHire) -> CourseHireOut:
    return CourseHireOut(
        id=hire.pk,
        course_id=hire.course_id,
        student_id=hire.enrolment.student_id,
        student=hire.enrolment.student.name,
        hired_on=hire.hired_on,
        note=hire.note,
    )


@router.post("/courses/{course_id}/hires", response={201: list[CourseHireOut]})
def record_hires(request: HttpRequest, course_id: int, payload: CourseHiresIn) -> Any:
    """Record the students of a company-tailored class its company hired (the host only)."""
    course = selectors_credits.tailored_course(request.user, course_id)
    hires = services.hires_record(
        actor=request.user,
        course=course,
        student_ids=payload.student_ids,
        hired_on=payload.hired_on,
        note=payload.note,
    )
    return Status(201, [_hire_out(h) for h in hires])


@router.post("/courses/terms/{term_id}/follow-up-runs", response={201: CourseFollowUpOut})
def start_follow_up(request: HttpRequest, term_id: int, payload: CourseFollowUpIn) -> Any:
    """Queue the follow-up round for the seats left (the province, after a confirmed round)."""
    term = selectors.term_detail(request.user, term_id)
    run = services.allocation_follow_up_start(actor=request.user, term=term, seed=payload.seed)
    return Status(
        201,
        CourseFollowUpOut(
            id=run.pk,
            term_id=run.term_id,
            round_number=run.round_number,
            status=run.status,
            seed=run.seed,
        ),
    )
