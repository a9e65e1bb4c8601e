"""The offering pages' writes: a course offered on dated sessions (날짜별 수업) and a draft or
returned course edited by its host (과목 수정) before it is submitted (again) for approval.

A dated schedule keeps its dates on the course and occupies, for the timetable checks and the
allocation, the weekly slots its sessions fall on (per weekday, the union of their times):
conservative — two courses meeting on different Saturdays at the same hour count as
overlapping — but it needs no second definition of "overlap" (docs/adr/0031).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

from django.db import transaction

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change, restrict
from vocnet.core.users import UserLike
from vocnet.courses.models import Course, CourseSlot, CourseStatus, Instructor, Term
from vocnet.courses.rules import problem, raise_if
from vocnet.courses.services.offerings import (
    CourseInput,
    SlotInput,
    _course_problems,
    _status_problem,
    course_create,
)
from vocnet.registry.models import Department, NcsMiddle, Region, School

MAX_PLANNED_SESSIONS = 60


@dataclass(frozen=True)
class PlannedSession:
    """One dated session of a course (수업일, 시작, 종료)."""

    held_on: date
    starts_at: time
    ends_at: time


def weekly_slots_of(sessions: list[PlannedSession]) -> list[SlotInput]:
    """The weekly slots a dated schedule occupies: for each weekday its sessions fall on, the
    union of their times (intervals that overlap are merged; touching ones stay apart, as
    :func:`vocnet.courses.timetable.slots_overlap` lets them). Sessions that end before they
    start are left out (they are reported by :func:`session_problems`)."""
    by_day: dict[int, list[tuple[time, time]]] = {}
    for session in sessions:
        if session.ends_at > session.starts_at:
            by_day.setdefault(session.held_on.weekday(), []).append(
                (session.starts_at, session.ends_at)
            )
    slots: list[SlotInput] = []
    for weekday in sorted(by_day):
        intervals = sorted(by_day[weekday])
        start, end = intervals[0]
        for next_start, next_end in intervals[1:]:
            if next_start < end:
                end = max(end, next_end)
            else:
                slots.append(SlotInput(weekday, start, end))
                start, end = next_start, next_end
        slots.append(SlotInput(weekday, start, end))
    return slots


def session_problems(term: Term | None, sessions: list[PlannedSession]) -> list[FieldProblem]:
    """What is wrong with a dated schedule: none given, too many, a session that ends before
    it starts, a date outside the term, two sessions on one date whose times overlap."""
    if not sessions:
        return [
            problem(
                "planned_sessions",
                "required",
                "날짜별 수업을 하나 이상 입력하세요.",
                "Give at least one dated session.",
            )
        ]
    if len(sessions) > MAX_PLANNED_SESSIONS:
        return [
            problem(
                "planned_sessions",
                "too_many",
                f"날짜별 수업은 {MAX_PLANNED_SESSIONS}회까지 입력할 수 있습니다.",
                f"At most {MAX_PLANNED_SESSIONS} dated sessions are allowed.",
            )
        ]
    problems: list[FieldProblem] = []
    for index, session in enumerate(sessions):
        if session.ends_at <= session.starts_at:
            problems.append(
                problem(
                    f"planned_sessions[{index}].ends_at",
                    "slot_order",
                    "수업 종료 시각은 시작 시각보다 뒤여야 합니다.",
                    "A session must end after it starts.",
                )
            )
        if term is not None and not term.starts_on <= session.held_on <= term.ends_on:
            problems.append(
                problem(
                    f"planned_sessions[{index}].held_on",
                    "outside_term",
                    f"수업일은 학기 기간({term.starts_on} ~ {term.ends_on}) 안이어야 합니다.",
                    f"A session date must lie within the term ({term.starts_on} – {term.ends_on}).",
                )
            )
        for earlier in sessions[:index]:
            if (
                earlier.held_on == session.held_on
                and earlier.starts_at < session.ends_at
                and session.starts_at < earlier.ends_at
            ):
                problems.append(
                    problem(
                        f"planned_sessions[{index}]",
                        "overlapping_slots",
                        f"같은 날({session.held_on})의 수업 시간이 서로 겹칩니다.",
                        f"Two sessions on {session.held_on} overlap.",
                    )
                )
                break
    return problems


def _stored(sessions: list[PlannedSession]) -> list[dict[str, str]]:
    return [
        {
            "date": s.held_on.isoformat(),
            "starts_at": s.starts_at.strftime("%H:%M"),
            "ends_at": s.ends_at.strftime("%H:%M"),
        }
        for s in sorted(sessions, key=lambda s: (s.held_on, s.starts_at))
    ]


def _without_slot_problems(problems: list[FieldProblem]) -> list[FieldProblem]:
    # With a dated schedule the weekly slots are derived: their problems are the sessions'.
    return [p for p in problems if not p.field.startswith("slots")]


@transaction.atomic
def course_offer(
    *, actor: UserLike, data: CourseInput, planned_sessions: list[PlannedSession] | None = None
) -> Course:
    """Offer a course as :func:`course_create` does, on weekly slots (``planned_sessions`` is
    None) or on dated sessions, whose weekly slots are derived (:func:`weekly_slots_of`).

    Raises what :func:`course_create` raises, and ValidationFailed naming every problem of the
    course and of its sessions together; nothing is written then."""
    problems: list[FieldProblem] = []
    if planned_sessions is not None:
        term = Term.objects.filter(pk=data.term_id).first()
        problems = session_problems(term, planned_sessions)
        data = replace(data, slots=weekly_slots_of(planned_sessions))
    try:
        course = course_create(actor=actor, data=data)
    except ValidationFailed as error:
        if planned_sessions is None:
            raise
        raise_if(problems + _without_slot_problems(error.problems))
        raise
    raise_if(problems)  # the course written above is rolled back with this transaction
    if planned_sessions is not None:
        course.planned_sessions = _stored(planned_sessions)
        course.save(update_fields=["planned_sessions"])
    return course


def _lookup_problems(
    data: CourseInput, schools: list[School], departments: list[Department]
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if data.region_id is not None and not Region.objects.filter(pk=data.region_id).exists():
        problems.append(
            problem(
                "region_id",
                "required",
                "수업 지역(시·군)을 고르세요.",
                "Choose the city or county the course is held in.",
            )
        )
    if len(schools) != len(set(data.eligible_school_ids)):
        problems.append(
            problem("eligible_school_ids", "unknown_school", "없는 학교입니다.", "Unknown school.")
        )
    if len(departments) != len(set(data.eligible_department_ids)):
        problems.append(
            problem(
                "eligible_department_ids",
                "unknown_department",
                "없는 학과입니다.",
                "Unknown department.",
            )
        )
    return problems


@transaction.atomic
def course_update(
    *,
    actor: UserLike,
    course: Course,
    data: CourseInput,
    planned_sessions: list[PlannedSession] | None = None,
) -> Course:
    """Edit a draft or returned course of the actor's organisation (its term and host stay;
    ``data.term_id`` and ``data.host_id`` are not read). A returned course keeps its reviewer's
    reason until it is submitted again.

    Raises PermissionDenied (not the host's staff), ValidationFailed for a course in review or
    approved and for every rule :func:`course_create` checks; nothing is written then."""
    authorize_change(actor, course)
    course = Course.objects.select_for_update().select_related("term", "host").get(pk=course.pk)
    _status_problem(course, (CourseStatus.DRAFT, CourseStatus.RETURNED), "고칠", "edited")
    problems: list[FieldProblem] = []
    if planned_sessions is not None:
        problems += session_problems(course.term, planned_sessions)
        data = replace(data, slots=weekly_slots_of(planned_sessions))
    fields = list(NcsMiddle.objects.filter(code__in=data.field_codes).select_related("major"))
    eligible_fields = list(NcsMiddle.objects.filter(code__in=data.eligible_field_codes))
    instructors = list(restrict(actor, Instructor.objects.filter(pk__in=data.instructor_ids)))
    course_problems = _course_problems(data, fields, eligible_fields, instructors)
    if planned_sessions is not None:
        course_problems = _without_slot_problems(course_problems)
    schools = list(School.objects.filter(pk__in=data.eligible_school_ids))
    departments = list(Department.objects.filter(pk__in=data.eligible_department_ids))
    raise_if(problems + course_problems + _lookup_problems(data, schools, departments))
    before = snapshot(course)
    course.title = data.title.strip()
    course.description = data.description
    course.course_type = data.course_type
    course.is_cross_track = len({f.major_id for f in fields}) > 1
    course.is_online = data.is_online
    course.venue = data.venue.strip()
    course.region_id = data.region_id or course.host.region_id or course.region_id
    course.is_province_wide = data.is_province_wide
    course.capacity = data.capacity
    course.minimum_enrolment = data.minimum_enrolment
    course.eligible_grades = sorted(set(data.eligible_grades))
    course.credits = data.credits
    if data.priorities is not None:
        course.priorities = list(data.priorities)
    course.completion_threshold_percent = data.completion_threshold_percent
    course.hiring_commitment = data.hiring_commitment
    course.hiring_note = data.hiring_note
    course.planned_sessions = _stored(planned_sessions) if planned_sessions is not None else []
    course.save()
    course.fields.set(fields)
    course.eligible_fields.set(eligible_fields)
    course.eligible_schools.set(schools)
    course.eligible_departments.set(departments)
    course.instructors.set(instructors)
    CourseSlot.objects.filter(course=course).delete()
    CourseSlot.objects.bulk_create(
        CourseSlot(course=course, weekday=s.weekday, starts_at=s.starts_at, ends_at=s.ends_at)
        for s in data.slots
    )
    record_audit(
        actor=actor, action="course.update", obj=course, before=before, after=snapshot(course)
    )
    return course
