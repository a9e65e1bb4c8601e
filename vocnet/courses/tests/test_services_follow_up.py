"""The follow-up round (추가 배정): only students without a course and courses with a seat left,
first-round courses kept, the first round's proofs, and never two overlapping courses."""

from __future__ import annotations

import random
from datetime import time
from typing import Any

import pytest

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.courses import services
from vocnet.courses.allocation import course_slots, snapshot_hash
from vocnet.courses.models import AllocationRun, Enrolment, RunStatus
from vocnet.courses.services.runs import follow_up_state, term_snapshot
from vocnet.courses.tests.factories import (
    ApprovedCourseFactory,
    ClosedTermFactory,
    confirmed_application,
)
from vocnet.courses.timetable import overlapping_pairs
from vocnet.matching import ENGINE_VERSION
from vocnet.registry.tests import factories as f
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _confirmed_round(officer: Any, term: Any, seed: int = 5) -> AllocationRun:
    run = services.allocation_start(actor=officer, term=term, seed=seed, enqueue=False)
    done = services.allocation_execute(run_id=run.pk)
    assert done is not None
    assert done.status == RunStatus.SUCCEEDED, done.error
    return services.allocation_confirm(actor=officer, run=done)


def _follow_up(officer: Any, term: Any, seed: int = 9) -> AllocationRun:
    run = services.allocation_follow_up_start(actor=officer, term=term, seed=seed, enqueue=False)
    done = services.allocation_execute(run_id=run.pk)
    assert done is not None
    assert done.status == RunStatus.SUCCEEDED, done.error
    return done


def _held(term: Any) -> dict[int, list[int]]:
    held: dict[int, list[int]] = {}
    for student, course in Enrolment.objects.filter(course__term=term).values_list(
        "student_id", "course_id"
    ):
        held.setdefault(student, []).append(course)
    return held


def test_follow_up_gives_seats_left_to_students_without_a_course(world: World) -> None:
    # Given a confirmed first round: one full Tuesday course, a Saturday course with seats
    term = ClosedTermFactory(max_courses=1)
    full = ApprovedCourseFactory(term=term, capacity=1)
    roomy = ApprovedCourseFactory(term=term, capacity=3, slots=[(5, time(9), time(12))])
    confirmed_application(term, world.student_a, [full])
    confirmed_application(term, world.student_b, [full])
    officer = world.user("province_officer")
    _confirmed_round(officer, term)
    first_round = set(Enrolment.objects.values_list("pk", "student_id", "course_id"))
    assert len(first_round) == 1
    # and a late application confirmed by a school after the first round
    late = f.StudentFactory(department=world.objects["department_b"])
    confirmed_application(term, late, [roomy])
    # When the follow-up round runs
    run = _follow_up(officer, term)
    # Then it read only the students without a course and the courses with a seat left
    snapshot = run.input_snapshot
    assert snapshot["follow_up"] is True
    assert [row[0] for row in snapshot["courses"]] == [roomy.pk]
    assert snapshot["courses"][0][1]["capacity"] == 3
    unassigned = {world.student_a.pk, world.student_b.pk} - {row[1] for row in first_round}
    assert {row[0] for row in snapshot["students"]} == unassigned | {late.pk}
    # with the first round's guarantees
    state = follow_up_state(term)
    assert run.round_number == 2
    assert run.input_hash == snapshot_hash(term_snapshot(term, 9, state))
    assert (run.seed, run.engine_version) == (9, ENGINE_VERSION)
    assert run.stability["is_stable"] is True
    # When it is confirmed, the late student gets the Saturday course; the first round stays
    services.allocation_confirm(actor=officer, run=run)
    after = set(Enrolment.objects.values_list("pk", "student_id", "course_id"))
    assert first_round <= after
    assert (late.pk, roomy.pk) in {(s, c) for _, s, c in after}
    assert Enrolment.objects.filter(course=full).count() == 1


def test_follow_up_before_the_first_round_is_confirmed_is_refused(world: World) -> None:
    term = ClosedTermFactory()
    ApprovedCourseFactory(term=term)
    before = AllocationRun.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        services.allocation_follow_up_start(
            actor=world.user("province_officer"), term=term, enqueue=False
        )
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("term_id", "first_round_not_confirmed")
    assert "추가 배정" in problem.message_ko
    assert "follow-up" in problem.message_en
    assert AllocationRun.objects.count() == before


def test_only_the_province_starts_a_follow_up(world: World) -> None:
    term = ClosedTermFactory()
    with pytest.raises(PermissionDenied):
        services.allocation_follow_up_start(
            actor=world.user("support_office_officer"), term=term, enqueue=False
        )
    assert AllocationRun.objects.count() == 0


def test_a_stale_first_round_run_cannot_be_confirmed_after_another(world: World) -> None:
    term = ClosedTermFactory()
    course = ApprovedCourseFactory(term=term)
    confirmed_application(term, world.student_a, [course])
    officer = world.user("province_officer")
    stale = services.allocation_start(actor=officer, term=term, seed=1, enqueue=False)
    stale_done = services.allocation_execute(run_id=stale.pk)
    assert stale_done is not None
    # The stale run's sibling is confirmed first (a run is started again after the first)
    AllocationRun.objects.filter(pk=stale.pk).update(status=RunStatus.FAILED)
    _confirmed_round(officer, term, seed=2)
    AllocationRun.objects.filter(pk=stale.pk).update(status=RunStatus.SUCCEEDED)
    count = Enrolment.objects.count()
    with pytest.raises(Conflict) as caught:
        services.allocation_confirm(actor=officer, run=stale_done)
    assert caught.value.code == "round_confirmed"
    assert Enrolment.objects.count() == count


@pytest.mark.parametrize("seed", range(6))
def test_no_student_ever_holds_two_overlapping_courses_after_a_follow_up(
    world: World, seed: int
) -> None:
    """Random terms (courses on few weekdays and hours, so many overlap), a first round,
    late applications, a follow-up round: the whole timetable is checked pairwise, every
    course stays within its capacity, and every first-round enrolment is still there."""
    rng = random.Random(seed)
    term = ClosedTermFactory(max_courses=2)
    courses = []
    for _ in range(8):
        slots = []
        for weekday in rng.sample(range(2), rng.choice((1, 2))):
            start = rng.choice((9, 10, 13))
            slots.append((weekday, time(start), time(start + rng.choice((1, 2, 3)))))
        courses.append(ApprovedCourseFactory(term=term, capacity=rng.randint(1, 3), slots=slots))
    department = world.objects["department_b"]
    students = [f.StudentFactory(department=department) for _ in range(14)]
    for student in students[:10]:
        confirmed_application(term, student, rng.sample(courses, rng.randint(1, 4)))
    officer = world.user("province_officer")
    _confirmed_round(officer, term, seed=seed)
    first_round = set(Enrolment.objects.values_list("student_id", "course_id"))
    for student in students[10:]:
        confirmed_application(term, student, rng.sample(courses, rng.randint(1, 5)))
    services.allocation_confirm(actor=officer, run=_follow_up(officer, term, seed=seed + 100))
    held = _held(term)
    timetable = course_slots(term_snapshot(term, 0))
    assert overlapping_pairs(held, timetable) == []
    assert first_round <= set(Enrolment.objects.values_list("student_id", "course_id"))
    for course in courses:
        assert Enrolment.objects.filter(course=course).count() <= course.capacity
    for taken in held.values():
        assert len(taken) <= 2
