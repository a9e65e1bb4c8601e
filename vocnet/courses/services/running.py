"""Running a course: sessions, attendance ticked by the host, completion (이수) by the
course's attendance threshold with a certificate verification code."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change
from vocnet.core.users import UserLike, user_row
from vocnet.courses.models import Attendance, Course, CourseSession, Enrolment
from vocnet.courses.rules import problem, raise_if
from vocnet.courses.services.deliveries import (
    session_deliveries_record,
    tailored_class_deliveries_record,
)

# Letters and digits that cannot be misread for one another on paper (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def certificate_code() -> str:
    """A 12-character verification code, e.g. ``7KQ2-M9XA-4TRC``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def attendance_record(
    *, actor: UserLike, course: Course, held_on: date, present_enrolment_ids: list[int]
) -> CourseSession:
    """Record one session of ``course`` held on ``held_on`` (the next number) and tick every
    enrolled student present or absent. Only the host's staff record attendance.

    Raises PermissionDenied, and ValidationFailed when a ticked enrolment is not of this
    course or the session date lies outside the term; nothing is written then."""
    authorize_change(actor, course)
    enrolled = set(course.enrolments.values_list("pk", flat=True))
    problems = []
    strangers = sorted(set(present_enrolment_ids) - enrolled)
    if strangers:
        problems.append(
            problem(
                "present_enrolment_ids",
                "not_enrolled",
                f"이 과목의 수강생이 아닙니다: {strangers}",
                f"Not enrolments of this course: {strangers}",
            )
        )
    term = course.term
    if not term.starts_on <= held_on <= term.ends_on:
        problems.append(
            problem(
                "held_on",
                "outside_term",
                f"수업일은 학기 기간({term.starts_on} ~ {term.ends_on}) 안이어야 합니다.",
                f"The session date must lie within the term ({term.starts_on} – {term.ends_on}).",
            )
        )
    raise_if(problems)
    number = CourseSession.objects.filter(course=course).count() + 1
    session = CourseSession.objects.create(course=course, number=number, held_on=held_on)
    present = set(present_enrolment_ids)
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            enrolment_id=enrolment_id,
            is_present=enrolment_id in present,
            recorded_by=user_row(actor),
        )
        for enrolment_id in sorted(enrolled)
    )
    record_audit(
        actor=actor,
        action="course.attendance",
        obj=session,
        after={"present": sorted(present), "enrolled": len(enrolled)},
    )
    # Industry-instructor hours count as the company's delivery (services/deliveries.py).
    session_deliveries_record(actor=actor, session=session)
    return session


@transaction.atomic
def completion_decide(*, actor: UserLike, course: Course) -> list[Enrolment]:
    """Mark complete (이수) every enrolled student whose attendance reaches the course's
    threshold (present sessions ÷ sessions held ≥ ``completion_threshold_percent`` %), with a
    certificate verification code; returns the newly completed enrolments. The host's staff
    only. Raises ValidationFailed when no session was recorded."""
    authorize_change(actor, course)
    held = CourseSession.objects.filter(course=course).count()
    if held == 0:
        raise_if(
            [
                problem(
                    "sessions",
                    "no_sessions",
                    "기록된 수업 회차가 없어 이수를 판정할 수 없습니다.",
                    "No session was recorded, so completion cannot be decided.",
                )
            ]
        )
    rows = course.enrolments.filter(completed_at__isnull=True).annotate(
        present=Count("attendance", filter=Q(attendance__is_present=True))
    )
    completed: list[Enrolment] = []
    now = timezone.now()
    for enrolment in rows:
        if enrolment.present * 100 >= course.completion_threshold_percent * held:
            enrolment.completed_at = now
            enrolment.certificate_code = certificate_code()
            completed.append(enrolment)
    Enrolment.objects.bulk_update(completed, ["completed_at", "certificate_code"])
    record_audit(
        actor=actor,
        action="course.completion",
        obj=course,
        after={"completed": [e.pk for e in completed], "sessions": held},
    )
    # A completed company-tailored class counts as the company's curriculum module.
    tailored_class_deliveries_record(actor=actor, course=course)
    return completed
