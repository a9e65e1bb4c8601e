"""The pure allocation: no student ever holds two overlapping courses (a property over random
terms), capacities hold, priorities order applicants, and a snapshot replays to the same
result. No database."""

from __future__ import annotations

from collections import Counter
from datetime import time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from vocnet.courses.allocation import prechecks, run_allocation, snapshot_hash
from vocnet.courses.timetable import courses_overlap


def _course(
    slots: list[list[Any]],
    capacity: int = 1,
    *,
    host_school: int = 0,
    fields: list[str] | None = None,
    priorities: list[str] | None = None,
    grades: list[int] | None = None,
    minimum: int = 1,
) -> dict[str, Any]:
    return {
        "capacity": capacity,
        "minimum": minimum,
        "host_school": host_school,
        "fields": fields or [],
        "priorities": priorities or [],
        "grades": grades or [],
        "schools": [],
        "departments": [],
        "eligible_fields": [],
        "slots": slots,
    }


def _student(
    sid: int, choices: list[int], school: int = 1, grade: int = 2, field: str = ""
) -> list[Any]:
    return [sid, school, school * 10, field, grade, choices]


def _snapshot(
    courses: dict[int, Any], students: list[list[Any]], seed: int = 7, max_courses: int = 2
) -> dict[str, Any]:
    return {
        "format": 1,
        "seed": seed,
        "max_courses": max_courses,
        "courses": sorted([cid, c] for cid, c in courses.items()),
        "students": sorted(students),
    }


slot_strategy = st.tuples(st.integers(0, 2), st.integers(9, 16), st.integers(1, 3)).map(
    lambda t: [t[0], f"{t[1]:02d}:00", f"{t[1] + t[2]:02d}:00"]
)


@st.composite
def terms(draw: Any) -> dict[str, Any]:
    course_count = draw(st.integers(1, 12))
    courses = {
        index + 1: _course(
            draw(st.lists(slot_strategy, min_size=1, max_size=2, unique_by=lambda s: s[0])),
            draw(st.integers(1, 3)),
            host_school=draw(st.integers(1, 3)),
            fields=draw(st.lists(st.sampled_from(["1501", "1901", "2001"]), max_size=2)),
        )
        for index in range(course_count)
    }
    ids = list(courses)
    students = [
        _student(
            100 + index,
            draw(st.lists(st.sampled_from(ids), min_size=1, max_size=5, unique=True)),
            school=draw(st.integers(1, 3)),
            grade=draw(st.integers(1, 3)),
            field=draw(st.sampled_from(["1501", "1901", "2001"])),
        )
        for index in range(draw(st.integers(1, 30)))
    ]
    return _snapshot(
        courses, students, seed=draw(st.integers(0, 2**31)), max_courses=draw(st.integers(1, 4))
    )


def _slots(snapshot: dict[str, Any]) -> dict[int, list[tuple[int, time, time]]]:
    return {
        cid: [(s[0], time.fromisoformat(s[1]), time.fromisoformat(s[2])) for s in c["slots"]]
        for cid, c in snapshot["courses"]
    }


@settings(max_examples=300, deadline=None)
@given(terms())
def test_no_student_is_ever_given_two_overlapping_courses(snapshot: dict[str, Any]) -> None:
    # Given any term of courses with random weekly slots and random ranked applications
    # When it is allocated
    outcome = run_allocation(snapshot)
    # Then no pair of a student's courses overlaps (checked pairwise here, independently),
    # no student has more courses than the term allows, no course is over capacity, every
    # course was the student's choice, and every round was stable
    slots = _slots(snapshot)
    held: dict[int, list[int]] = {}
    for student, course, _rank, _round in outcome.enrolments:
        held.setdefault(student, []).append(course)
    for courses in held.values():
        assert len(courses) <= snapshot["max_courses"]
        assert len(set(courses)) == len(courses)
        for i, first in enumerate(courses):
            for second in courses[i + 1 :]:
                assert not courses_overlap(slots[first], slots[second])
    capacity = {cid: c["capacity"] for cid, c in snapshot["courses"]}
    for course, taken in Counter(row[1] for row in outcome.enrolments).items():
        assert taken <= capacity[course]
    choices = {row[0]: row[5] for row in snapshot["students"]}
    for student, course, rank, _round in outcome.enrolments:
        assert choices[student][rank - 1] == course
    assert outcome.stability["is_stable"] is True


@settings(max_examples=50, deadline=None)
@given(terms())
def test_a_snapshot_replays_to_the_same_result(snapshot: dict[str, Any]) -> None:
    assert run_allocation(snapshot).enrolments == run_allocation(snapshot).enrolments
    assert snapshot_hash(snapshot) == snapshot_hash(dict(snapshot))


def test_a_student_never_gets_a_course_overlapping_one_from_an_earlier_round() -> None:
    # Given two overlapping Tuesday courses and one Saturday course, seats for all
    courses = {
        1: _course([[1, "16:00", "18:00"]], 5),
        2: _course([[1, "17:00", "19:00"]], 5),
        3: _course([[5, "09:00", "12:00"]], 5),
    }
    snapshot = _snapshot(courses, [_student(100, [1, 2, 3])], max_courses=3)
    # When allocated in up to three rounds
    outcome = run_allocation(snapshot)
    # Then the student gets the first Tuesday choice, then Saturday; never the second Tuesday
    assert outcome.enrolments == [(100, 1, 1, 1), (100, 3, 3, 2)]
    assert [r["placed"] for r in outcome.stability["rounds"]] == [1, 1]


def test_one_course_per_student_when_the_term_allows_one() -> None:
    courses = {1: _course([[0, "09:00", "10:00"]], 5), 2: _course([[1, "09:00", "10:00"]], 5)}
    outcome = run_allocation(_snapshot(courses, [_student(100, [2, 1])], max_courses=1))
    assert outcome.enrolments == [(100, 2, 1, 1)]


def test_host_school_students_come_first_then_grade_then_field() -> None:
    courses = {1: _course([[0, "09:00", "10:00"]], 1, host_school=9, fields=["1501"])}
    # The host school's first-grader beats a third-grader of another school
    host_first = _snapshot(
        courses, [_student(100, [1], school=2, grade=3), _student(101, [1], school=9, grade=1)]
    )
    assert [row[0] for row in run_allocation(host_first).enrolments] == [101]
    # Between two other schools' students, the higher grade wins
    by_grade = _snapshot(courses, [_student(100, [1], grade=3), _student(101, [1], grade=2)])
    assert [row[0] for row in run_allocation(by_grade).enrolments] == [100]
    # Same school kind and grade: the student of a department in the course's field wins
    by_field = _snapshot(
        courses, [_student(100, [1], field="2001"), _student(101, [1], field="1501")]
    )
    assert [row[0] for row in run_allocation(by_field).enrolments] == [101]


def test_ties_are_broken_by_the_seeded_lottery() -> None:
    courses = {1: _course([[0, "09:00", "10:00"]], 1)}
    students = [_student(100 + i, [1]) for i in range(10)]
    winners = {
        run_allocation(_snapshot(courses, students, seed=s)).enrolments[0][0] for s in range(20)
    }
    assert len(winners) > 1  # different seeds, different winners
    first = run_allocation(_snapshot(courses, students, seed=3)).enrolments
    assert run_allocation(_snapshot(courses, students, seed=3)).enrolments == first


def test_prechecks_report_courses_under_minimum_and_students_without_an_eligible_choice() -> None:
    courses = {
        1: _course([[0, "09:00", "10:00"]], 10, minimum=2),
        2: _course([[1, "09:00", "10:00"]], 10, grades=[3]),
    }
    snapshot = _snapshot(courses, [_student(100, [1]), _student(101, [2], grade=1)])
    checks = prechecks(snapshot)
    assert checks.under_minimum == [(1, 1, 2), (2, 0, 1)]
    assert checks.without_eligible_choice == [101]
    assert run_allocation(snapshot).enrolments == [(100, 1, 1, 1)]
