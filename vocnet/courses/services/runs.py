"""Allocation runs (배정 실행): the adapter from ORM rows to the pure allocation's snapshot,
the start (province, after the window), the task's body with its lease, and the confirmation
that turns a successful run into enrolments.

The guarantees are the clearinghouse's (docs/adr/0010, 0014): the snapshot, its SHA-256,
the seed, the engine's version and the stability proof are stored with the result; a run is
claimed once (a conditional UPDATE), keeps a heartbeat while it computes, and a run whose
worker died is failed by the lease sweep and can be started again. A run is only a proposal
until an officer confirms it, and the confirmation is refused if the applications changed
since the run read them (the hash no longer matches).
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from vocnet.core.errors import Conflict, permission_denied
from vocnet.core.leases import Heartbeat, beat, lease_cutoff, lease_expired_text
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.courses.allocation import (
    SNAPSHOT_FORMAT,
    AllocationError,
    Prechecks,
    gc_paused,
    prechecks,
    run_allocation,
    snapshot_hash,
    timed,
)
from vocnet.courses.models import (
    AllocationRun,
    ApplicationStatus,
    Course,
    CourseApplication,
    CourseChoice,
    CourseSlot,
    CourseStatus,
    Enrolment,
    RunStatus,
    Term,
)
from vocnet.courses.rules import problem, raise_if, seoul

logger = logging.getLogger(__name__)

LIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def _fetch(queryset: Any) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query with one ``fetchall``: the query is the ORM's, but
    Django's iterator would fetch 100 rows at a time and build each row through its
    converters — at 300,000 choices most of the snapshot's time. Only for columns without
    converters (integers, text)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@dataclass(frozen=True)
class FollowUp:
    """What a follow-up round (추가 배정) leaves out: the students who already hold a course
    of the term and the seats already taken in each course."""

    assigned: frozenset[int]
    taken: dict[int, int]


def follow_up_state(term: Term) -> FollowUp:
    """The term's enrolments as the follow-up round sees them."""
    taken: dict[int, int] = {}
    assigned: set[int] = set()
    for course_id, student_id in _fetch(
        Enrolment.objects.filter(course__term=term).values_list("course_id", "student_id")
    ):
        taken[course_id] = taken.get(course_id, 0) + 1
        assigned.add(student_id)
    return FollowUp(assigned=frozenset(assigned), taken=taken)


def term_snapshot(term: Term, seed: int, follow_up: FollowUp | None = None) -> dict[str, Any]:
    """The allocation's input for ``term``: its approved courses and the confirmed
    applications, in canonical order (see :mod:`vocnet.courses.allocation`). Seven flat
    queries whatever the size of the term.

    For a follow-up round (``follow_up``), only the courses with a seat left take part, with
    the seats left as their capacity, and only the students without a course of the term;
    the other students keep what they hold and are not in the snapshot."""
    approved = Course.objects.filter(term=term, status=CourseStatus.APPROVED)
    courses: dict[int, dict[str, Any]] = {}
    for pk, capacity, minimum, host, priorities, grades in approved.values_list(
        "pk", "capacity", "minimum_enrolment", "host_id", "priorities", "eligible_grades"
    ):
        if follow_up is not None:
            capacity -= follow_up.taken.get(pk, 0)
            if capacity <= 0:
                continue
            # Whether the course opens was decided by the first round.
            minimum = 0
        courses[pk] = {
            "capacity": capacity,
            "minimum": minimum,
            "host_school": host,
            "fields": [],
            "priorities": list(priorities),
            "grades": sorted(grades),
            "schools": [],
            "departments": [],
            "eligible_fields": [],
            "slots": [],
        }
    # The term's approved courses as a subquery: 1,500 ids as parameters cost more than the
    # join.
    in_term = {"course__term": term, "course__status": CourseStatus.APPROVED}
    for name, model, column in (
        ("fields", Course.fields.through, "ncsmiddle__code"),
        ("schools", Course.eligible_schools.through, "school_id"),
        ("departments", Course.eligible_departments.through, "department_id"),
        ("eligible_fields", Course.eligible_fields.through, "ncsmiddle__code"),
    ):
        for course_id, value in _fetch(
            model.objects.filter(**in_term).values_list("course_id", column)
        ):
            if course_id in courses:
                courses[course_id][name].append(value)
    for course_id, weekday, start, end in CourseSlot.objects.filter(**in_term).values_list(
        "course_id", "weekday", "starts_at", "ends_at"
    ):
        if course_id in courses:
            courses[course_id]["slots"].append([weekday, f"{start:%H:%M}", f"{end:%H:%M}"])
    for course in courses.values():
        for name in ("fields", "schools", "departments", "eligible_fields", "slots"):
            course[name].sort()
    students: dict[int, list[Any]] = {}
    confirmed = CourseApplication.objects.filter(term=term, status=ApplicationStatus.CONFIRMED)
    for student_id, school, department, field_code, grade in _fetch(
        confirmed.values_list(
            "student_id",
            "student__school_id",
            "student__department_id",
            "student__department__ncs_middle__code",
            "student__grade",
        )
    ):
        students[student_id] = [student_id, school, department, field_code, grade, []]
    for student_id, course_id in _fetch(
        CourseChoice.objects.filter(
            application__term=term, application__status=ApplicationStatus.CONFIRMED
        )
        .order_by("application__student_id", "rank")
        .values_list("application__student_id", "course_id")
    ):
        students[student_id][5].append(course_id)
    if follow_up is not None:
        # A student's choices stay as they ranked them (the rank of the course they get is
        # the rank they gave it); the allocation skips the courses not in the snapshot.
        students = {sid: row for sid, row in students.items() if sid not in follow_up.assigned}
    snapshot: dict[str, Any] = {
        "format": SNAPSHOT_FORMAT,
        "seed": seed,
        "max_courses": term.max_courses,
        "courses": sorted([k, v] for k, v in courses.items()),
        "students": [students[k] for k in sorted(students)],
    }
    if follow_up is not None:
        snapshot["follow_up"] = True
    return snapshot


def term_prechecks(term: Term) -> Prechecks:
    """What an officer should look at before a run (courses under their minimum enrolment,
    students without an eligible choice), on the term's current applications."""
    return prechecks(term_snapshot(term, seed=0))


def _authorize(actor: UserLike) -> None:
    authorize_create(actor, AllocationRun)


@transaction.atomic
def allocation_start(
    *, actor: UserLike, term: Term, seed: int | None = None, enqueue: bool = True
) -> AllocationRun:
    """Queue the allocation of ``term`` as a background task (the province).

    Refused (ValidationFailed, field ``term_id``) before the application window closed, and
    (Conflict ``run_exists``) while a run is queued or running or after a run was confirmed.
    The seed is drawn when not given and stored with the run. ``enqueue=False`` leaves the
    task to the caller (the demo and the benchmark run its body at once)."""
    _authorize(actor)
    term = Term.objects.select_for_update().get(pk=term.pk)
    if timezone.now() < term.applications_close_at:
        raise_if(
            [
                problem(
                    "term_id",
                    "window_open",
                    f"수강 신청 마감({seoul(term.applications_close_at)}, 한국 시간) 전에는 "
                    "배정을 실행할 수 없습니다.",
                    "The allocation runs only after applications close "
                    f"({seoul(term.applications_close_at)}, Asia/Seoul).",
                )
            ]
        )
    if term.runs.filter(status__in=(*LIVE, RunStatus.CONFIRMED)).exists():
        raise Conflict(
            code="run_exists",
            message_ko="이 학기에 대기 중·실행 중이거나 확정된 배정이 이미 있습니다.",
            message_en="This term already has a queued, running or confirmed allocation.",
        )
    run = AllocationRun.objects.create(
        term=term,
        seed=seed if seed is not None else secrets.randbits(62),
        created_by=user_row(actor),
    )
    record_audit(actor=actor, action="allocation.start", obj=run, after={"seed": run.seed})
    if enqueue:
        transaction.on_commit(lambda: enqueue_allocation(run.pk))
    return run


def enqueue_allocation(run_id: int) -> None:
    """Hand the run to the task backend; a failure to enqueue fails the run (it can be
    started again)."""
    from vocnet.courses.tasks import allocate_term_task

    try:
        allocate_term_task.using(queue_name=settings.VOCNET_CLEARINGHOUSE_QUEUE).enqueue(run_id)
    except Exception as error:
        logger.exception("could not enqueue course allocation %s", run_id)
        AllocationRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
            status=RunStatus.FAILED,
            error=f"작업 대기열에 넣지 못했습니다 / could not enqueue: {error}",
            finished_at=timezone.now(),
        )


def _running(run_id: int) -> Any:
    return AllocationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING)


def allocation_execute(*, run_id: int) -> AllocationRun | None:
    """The task's body: claim the queued run, snapshot the term, allocate, prove, store.

    None when the run was not queued any more (a task delivered twice runs once). A run whose
    result is unstable or gives a student two overlapping courses is stored as failed, with
    the reason, and can never be confirmed. Any other exception is stored and raised again."""
    started = time.perf_counter()
    started_cpu = time.process_time()
    claimed = AllocationRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), heartbeat_at=timezone.now()
    )
    if not claimed:
        return None
    run = AllocationRun.objects.select_related("term").defer("input_snapshot").get(pk=run_id)
    timings: dict[str, float] = {}
    try:
        with Heartbeat(lambda: beat(_running(run_id))), gc_paused():
            with timed(timings, "snapshot"):
                snapshot = term_snapshot(run.term, run.seed, _follow_up_of(run))
                input_hash = snapshot_hash(snapshot)
            _running(run_id).update(input_hash=input_hash, heartbeat_at=timezone.now())
            outcome = run_allocation(snapshot, timings)
        with timed(timings, "store"), gc_paused():
            stored = _running(run_id).update(
                status=RunStatus.SUCCEEDED,
                input_snapshot=snapshot,
                engine_version=outcome.engine_version,
                result=[list(row) for row in outcome.enrolments],
                stability=outcome.stability,
                statistics=outcome.statistics,
                timings=timings,
                finished_at=timezone.now(),
            )
        if stored:
            timings["total"] = round(time.perf_counter() - started, 6)
            timings["total_cpu"] = round(time.process_time() - started_cpu, 6)
            AllocationRun.objects.filter(pk=run_id).update(timings=timings)
        else:
            logger.warning("course allocation %s lost its lease; result not stored", run_id)
    except AllocationError as error:
        _running(run_id).update(
            status=RunStatus.FAILED,
            error=f"{error.code}: {error.message_ko} / {error.message_en}",
            timings=timings,
            finished_at=timezone.now(),
        )
    except Exception as error:
        _running(run_id).update(
            status=RunStatus.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise
    # The snapshot and the result are stored, not read back: the caller wants the status.
    return (
        AllocationRun.objects.select_related("term")
        .defer("input_snapshot", "result")
        .get(pk=run_id)
    )


def _follow_up_of(run: AllocationRun) -> FollowUp | None:
    """A follow-up round's view of the term's enrolments (None for the first round)."""
    return follow_up_state(run.term) if run.round_number > 1 else None


@transaction.atomic
def allocation_confirm(*, actor: UserLike, run: AllocationRun) -> AllocationRun:
    """Confirm a successful run (the province): its result becomes the term's enrolments.

    Refused (Conflict ``input_changed``) when the term's courses or confirmed applications
    differ from what the run read, and (ValidationFailed) unless the run succeeded. Nothing is
    written on a refusal."""
    if not actor_for(actor).is_province:
        raise permission_denied()
    run = (
        AllocationRun.objects.select_for_update()
        .select_related("term")
        .defer("input_snapshot")
        .get(pk=run.pk)
    )
    if run.status != RunStatus.SUCCEEDED:
        raise_if(
            [
                problem(
                    "status",
                    "wrong_status",
                    "완료(확정 전) 상태의 배정만 확정할 수 있습니다.",
                    "Only a succeeded run can be confirmed.",
                )
            ]
        )
    if (
        run.term.runs.filter(status=RunStatus.CONFIRMED, round_number__gte=run.round_number)
        .exclude(pk=run.pk)
        .exists()
    ):
        raise Conflict(
            code="round_confirmed",
            message_ko="이 차수의 배정은 이미 다른 실행으로 확정되었습니다.",
            message_en="This round was already confirmed with another run.",
        )
    timings = dict(run.timings)
    with timed(timings, "confirm_check"), gc_paused():
        snapshot = term_snapshot(run.term, run.seed, _follow_up_of(run))
        changed = snapshot_hash(snapshot) != run.input_hash
    if changed:
        raise Conflict(
            code="input_changed",
            message_ko="배정 실행 뒤 과목이나 확인된 수강 신청이 바뀌었습니다. 다시 실행하세요.",
            message_en="Courses or confirmed applications changed after the run; run it again.",
        )
    with timed(timings, "confirm_write"), gc_paused():
        enrolments_write(run)
    run.status = RunStatus.CONFIRMED
    run.confirmed_at = timezone.now()
    run.confirmed_by = user_row(actor)
    run.timings = timings
    run.save(update_fields=["status", "confirmed_at", "confirmed_by", "timings"])
    record_audit(
        actor=actor,
        action="allocation.confirm",
        obj=run,
        after={"enrolments": len(run.result or []), "input_hash": run.input_hash},
    )
    return run


ENROLMENT_BATCH = 500
"""Rows per INSERT: 6 parameters a row stays far below SQLite's 32,766 variables."""


def enrolments_write(run: AllocationRun) -> None:
    """Write the run's enrolments with multi-row INSERTs of ``ENROLMENT_BATCH`` rows: tens of
    thousands of rows, where ``bulk_create`` would spend most of its time building model
    instances and ``executemany`` one statement per row."""
    table = Enrolment._meta.db_table
    columns = (
        "run_id",
        "course_id",
        "student_id",
        "choice_rank",
        "certificate_code",
        "is_synthetic",
    )
    head = (
        f"INSERT INTO {connection.ops.quote_name(table)} "
        f"({', '.join(connection.ops.quote_name(c) for c in columns)}) VALUES "
    )
    row_sql = f"({', '.join(['%s'] * len(columns))})"
    synthetic = run.term.is_synthetic
    rows = run.result or []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ENROLMENT_BATCH):
            batch = rows[start : start + ENROLMENT_BATCH]
            params: list[Any] = []
            for student, course, rank, _round in batch:
                params += (run.pk, course, student, rank, "", synthetic)
            cursor.execute(head + ", ".join([row_sql] * len(batch)), params)


def allocations_expire_stale() -> int:
    """The lease sweep: fail every running run whose heartbeat is older than the lease (it
    can be started again); returns how many."""
    expired = 0
    for run_id, heartbeat in AllocationRun.objects.filter(
        status=RunStatus.RUNNING, heartbeat_at__lt=lease_cutoff()
    ).values_list("pk", "heartbeat_at"):
        expired += AllocationRun.objects.filter(
            pk=run_id, status=RunStatus.RUNNING, heartbeat_at__lt=lease_cutoff()
        ).update(
            status=RunStatus.FAILED,
            error=lease_expired_text(heartbeat),
            finished_at=timezone.now(),
        )
    return expired
