"""Applying in the window, the school's confirmation, and a run from start to enrolments:
snapshot, hash, seed, engine version, stability and overlap proofs; refusals write nothing."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.courses import selectors, services
from vocnet.courses.allocation import snapshot_hash
from vocnet.courses.models import (
    AllocationRun,
    CourseApplication,
    CourseChoice,
    Enrolment,
    RunStatus,
)
from vocnet.courses.services.runs import term_snapshot
from vocnet.courses.tests.factories import (
    ApprovedCourseFactory,
    ClosedTermFactory,
    TermFactory,
    confirmed_application,
)
from vocnet.courses.timetable import courses_overlap
from vocnet.matching import ENGINE_VERSION
from vocnet.registry.tests import factories as f
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        CourseApplication.objects.count(),
        CourseChoice.objects.count(),
        AllocationRun.objects.count(),
        Enrolment.objects.count(),
    )


def test_student_ranks_courses_in_the_window(world: World) -> None:
    term = TermFactory()
    first, second = ApprovedCourseFactory(term=term), ApprovedCourseFactory(term=term)
    application = services.application_submit(
        actor=world.user("student"), term=term, course_ids=[second.pk, first.pk]
    )
    assert application.student == world.student_a
    assert [c.course_id for c in application.choices.order_by("rank")] == [second.pk, first.pk]
    # A second submission in the window replaces the first
    services.application_submit(actor=world.user("student"), term=term, course_ids=[first.pk])
    assert list(application.choices.values_list("course_id", flat=True)) == [first.pk]


def test_application_after_the_window_is_refused_and_writes_nothing(world: World) -> None:
    term = ClosedTermFactory()
    course = ApprovedCourseFactory(term=term)
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        services.application_submit(actor=world.user("student"), term=term, course_ids=[course.pk])
    assert [(p.field, p.code) for p in caught.value.problems] == [("term_id", "outside_window")]
    assert "2025-02-01 18:00" in caught.value.message_ko
    assert "2025-02-01 18:00" in caught.value.message_en
    assert _counts() == before


def test_more_choices_than_the_term_allows_are_refused(world: World) -> None:
    term = TermFactory(max_choices=2)
    courses = [ApprovedCourseFactory(term=term) for _ in range(3)]
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        services.application_submit(
            actor=world.user("student"), term=term, course_ids=[c.pk for c in courses]
        )
    assert ("course_ids", "too_many_choices") in {(p.field, p.code) for p in caught.value.problems}
    assert _counts() == before


def test_course_the_student_is_not_eligible_for_is_refused(world: World) -> None:
    term = TermFactory()
    course = ApprovedCourseFactory(term=term, eligible_grades=[world.student_a.grade % 3 + 1])
    with pytest.raises(ValidationFailed) as caught:
        services.application_submit(actor=world.user("student"), term=term, course_ids=[course.pk])
    assert caught.value.problems[0].code == "not_eligible"
    assert CourseApplication.objects.count() == 0


def test_only_staff_only_of_the_students_school_confirm(world: World) -> None:
    term = TermFactory()
    course = ApprovedCourseFactory(term=term)
    application = services.application_submit(
        actor=world.user("student"), term=term, course_ids=[course.pk]
    )
    for persona in ("school_staff_b", "student", "company_staff"):
        with pytest.raises(PermissionDenied):
            services.application_confirm(actor=world.user(persona), application=application)
    services.application_confirm(actor=world.user("school_staff_a"), application=application)
    application.refresh_from_db()
    assert application.status == "confirmed"


def test_students_see_only_their_own_applications(world: World) -> None:
    term = TermFactory()
    course = ApprovedCourseFactory(term=term)
    own = confirmed_application(term, world.student_a, [course])
    confirmed_application(term, world.student_b, [course])
    assert list(selectors.applications_visible(world.user("student"))) == [own]
    assert list(selectors.applications_visible(world.user("guardian"))) == [own]
    assert list(selectors.applications_visible(world.user("school_staff_a"))) == [own]
    assert list(selectors.applications_visible(world.user("company_staff"))) == []


def test_allocation_is_refused_while_the_window_is_open(world: World) -> None:
    term = TermFactory()
    with pytest.raises(ValidationFailed) as caught:
        services.allocation_start(actor=world.user("province_officer"), term=term)
    assert caught.value.problems[0].code == "window_open"
    assert AllocationRun.objects.count() == 0


def _allocated_term(world: World) -> tuple[Any, list[Any]]:
    term = ClosedTermFactory()
    school = world.school_a.organisation
    tuesday = ApprovedCourseFactory(term=term, host=school, capacity=1)
    tuesday_late = ApprovedCourseFactory(
        term=term, host=school, capacity=5, slots=[(1, time(17), time(19))]
    )
    saturday = ApprovedCourseFactory(
        term=term, host=school, capacity=5, slots=[(5, time(9), time(12))]
    )
    students = [world.student_a, world.student_b] + [
        f.StudentFactory(department=world.objects["department_b"]) for _ in range(3)
    ]
    for student in students:
        confirmed_application(term, student, [tuesday, tuesday_late, saturday])
    return term, [tuesday, tuesday_late, saturday]


def test_a_run_stores_its_proofs_and_its_confirmation_creates_enrolments(world: World) -> None:
    # Given a closed term with confirmed applications to two overlapping Tuesday courses and
    # one on Saturday
    term, courses = _allocated_term(world)
    officer = world.user("province_officer")
    # When the province starts the run, the task runs it, and the province confirms it
    run = services.allocation_start(actor=officer, term=term, seed=42, enqueue=False)
    run = services.allocation_execute(run_id=run.pk)
    assert run is not None
    # Then the run kept its input, hash, seed, engine version and proofs
    assert run.status == RunStatus.SUCCEEDED
    assert (
        run.input_hash
        == snapshot_hash(term_snapshot(term, 42))
        == snapshot_hash(run.input_snapshot)
    )
    assert (run.seed, run.engine_version) == (42, ENGINE_VERSION)
    assert run.stability["is_stable"] is True
    assert run.stability["overlapping_pairs"] == 0
    assert set(run.timings) >= {"snapshot", "prepare", "engine", "verify", "store", "total"}
    services.allocation_confirm(actor=officer, run=run)
    enrolments = list(Enrolment.objects.all())
    # The host school's student wins the one seat of the first course; everyone gets Saturday;
    # nobody holds both Tuesday courses
    assert len(enrolments) == 10
    held: dict[int, list[Any]] = {}
    for enrolment in enrolments:
        held.setdefault(enrolment.student_id, []).append(enrolment.course)
    assert courses[0] in held[world.student_a.pk]
    for taken in held.values():
        assert len(taken) == 2
        first, second = taken
        assert not courses_overlap(
            [s.as_tuple for s in first.slots.all()], [s.as_tuple for s in second.slots.all()]
        )


def test_a_task_delivered_twice_runs_once(world: World) -> None:
    term, _ = _allocated_term(world)
    run = services.allocation_start(actor=world.user("province_officer"), term=term, enqueue=False)
    assert services.allocation_execute(run_id=run.pk) is not None
    assert services.allocation_execute(run_id=run.pk) is None


def test_a_second_run_while_one_is_queued_is_refused(world: World) -> None:
    term, _ = _allocated_term(world)
    officer = world.user("province_officer")
    services.allocation_start(actor=officer, term=term, enqueue=False)
    with pytest.raises(Conflict):
        services.allocation_start(actor=officer, term=term, enqueue=False)
    assert AllocationRun.objects.count() == 1


def test_confirmation_is_refused_when_the_applications_changed(world: World) -> None:
    term, courses = _allocated_term(world)
    officer = world.user("province_officer")
    run = services.allocation_start(actor=officer, term=term, enqueue=False)
    run = services.allocation_execute(run_id=run.pk)
    assert run is not None
    confirmed_application(term, f.StudentFactory(), [courses[2]])
    with pytest.raises(Conflict) as caught:
        services.allocation_confirm(actor=officer, run=run)
    assert caught.value.code == "input_changed"
    assert Enrolment.objects.count() == 0
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED


def test_only_the_province_starts_and_confirms(world: World) -> None:
    term, _ = _allocated_term(world)
    with pytest.raises(PermissionDenied):
        services.allocation_start(actor=world.user("support_office_officer"), term=term)
    assert AllocationRun.objects.count() == 0


def test_prechecks_name_courses_under_minimum(world: World) -> None:
    term, courses = _allocated_term(world)
    courses[2].minimum_enrolment = 5
    courses[2].capacity = 10
    courses[2].save()
    lonely = ApprovedCourseFactory(term=term, minimum_enrolment=3)
    checks = services.term_prechecks(term)
    assert checks.under_minimum == [(lonely.pk, 0, 3)]
    assert checks.without_eligible_choice == []
