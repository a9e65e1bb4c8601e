"""verify() and find_blocking_pair(): the first broken rule, named exactly."""

from __future__ import annotations

import pytest

from vocnet.matching import (
    BlockingPair,
    MatchingInputError,
    VerificationReport,
    find_blocking_pair,
    solve,
    verify,
)
from vocnet.matching.testing import generate_instance
from vocnet.matching.tests.builders import make_instance

# p1 ranks s3 > s2 > s1, p2 ranks s1 > s2; one seat each. Stable: s1-p2, s3-p1, s2 unmatched.
CHAIN = make_instance(
    {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": ["p1"]},
    {"p1": (1, ["s3", "s2", "s1"]), "p2": (1, ["s1", "s2"])},
)


def test_the_engine_result_is_reported_stable() -> None:
    # given the engine's matching
    assignment = solve(CHAIN).assignment
    # when verified
    report = verify(CHAIN, assignment)
    # then no rule is broken
    assert report == VerificationReport(student_count=3, matched_count=2, violation=None)
    assert report.is_stable


def test_a_blocking_pair_is_found_and_explained() -> None:
    # given s1 in p1 and s2 in p2, s3 unmatched
    assignment = {"s1": "p1", "s2": "p2", "s3": None}
    # when verified
    report = verify(CHAIN, assignment)
    # then the first student who blocks is s2 with p1: s2 wants p1 more than p2, and p1
    # ranks s2 above s1, whom it holds (s3 and p1 block too, but s3 comes later)
    assert report.violation is not None
    assert report.violation.code == "blocking_pair"
    assert report.violation.blocking == BlockingPair("s2", "p1", "p2", "s1")
    assert report.violation.message_en == (
        "Unstable: student s2 prefers placement p1 to p2, and placement p1 ranks s2 above s1, "
        "whom it holds."
    )
    assert report.violation.message_ko == (
        "불안정: 학생 s2의 지망에서 배치 p1의 순위가 배치 p2보다 높고, 배치 p1에서는 현재 "
        "배정된 학생 s1보다 학생 s2에게 더 높은 순위를 줍니다."
    )
    assert find_blocking_pair(CHAIN, assignment) == BlockingPair("s2", "p1", "p2", "s1")


def test_a_free_seat_wanted_by_an_acceptable_student_blocks() -> None:
    # given everyone unmatched
    assignment = {"s1": None, "s2": None, "s3": None}
    # when checked, then the first student and that student's first choice block, p1 being empty
    assert find_blocking_pair(CHAIN, assignment) == BlockingPair("s1", "p1", None, None)
    assert verify(CHAIN, assignment).violation.message_en == (  # type: ignore[union-attr]
        "Unstable: student s1 prefers placement p1 to staying unmatched, and placement p1 has "
        "a free seat."
    )


def test_a_placement_over_capacity_is_reported_before_stability() -> None:
    report = verify(CHAIN, {"s1": "p1", "s2": "p1", "s3": None})
    assert report.violation is not None
    assert (report.violation.code, report.violation.placement) == ("over_capacity", "p1")
    assert report.violation.message_en == "Placement p1 holds 2 students, over its capacity of 1."


@pytest.mark.parametrize(
    "assignment",
    [{"s1": None, "s2": None, "s3": "p2"}, {"s1": None, "s2": None, "s3": None, "s4": "p1"}],
    ids=["student-did-not-list-it", "placement-does-not-rank-the-student"],
)
def test_a_pair_that_is_not_mutually_acceptable_is_reported(
    assignment: dict[str, str | None],
) -> None:
    # given s3 never listed p2; or s4 listed p1, which does not rank s4
    instance = make_instance(
        {**CHAIN.students, "s4": ["p1"]},
        {"p1": (1, ["s3", "s2", "s1"]), "p2": (1, ["s1", "s2"])},
    )
    assignment = {"s4": None, **assignment}
    report = verify(instance, assignment)
    assert report.violation is not None
    assert report.violation.code == "unacceptable_pair"


def test_tied_students_do_not_block_each_other() -> None:
    # given p1 ties s1 and s2 and holds s2
    instance = make_instance({"s1": ["p1"], "s2": ["p1"]}, {"p1": (1, [["s1", "s2"]])})
    # when checked, then s1 does not block: p1 does not strictly prefer s1
    assert verify(instance, {"s1": None, "s2": "p1"}).is_stable


@pytest.mark.parametrize(
    ("assignment", "code", "message_en"),
    [
        (
            {"s1": None, "s2": None},
            "result_missing_student",
            "The result has no entry for student s3.",
        ),
        (
            {"s1": None, "s2": None, "s3": None, "s8": None},
            "result_unknown_student",
            "The result names student s8, who is not in the instance.",
        ),
        (
            {"s1": "p7", "s2": None, "s3": None},
            "result_unknown_placement",
            "The result gives student s1 unknown placement p7.",
        ),
    ],
)
def test_a_result_that_does_not_fit_the_instance_is_an_input_error(
    assignment: dict[str, str | None], code: str, message_en: str
) -> None:
    with pytest.raises(MatchingInputError) as caught:
        verify(CHAIN, assignment)
    assert (caught.value.code, caught.value.message_en) == (code, message_en)


def test_moving_one_student_in_a_solved_market_is_caught() -> None:
    # given a solved generated market, where one matched student is moved to an empty seat
    # further down the student's list (still acceptable, within capacity)
    instance = generate_instance(students=300, seed=11, unacceptable_share=0.1)
    assignment = solve(instance).assignment
    filled = {p: 0 for p in instance.placements}
    for p in assignment.values():
        if p is not None:
            filled[p] += 1
    moved = next(
        (s, q)
        for s, p in assignment.items()
        if p is not None
        for q in instance.students[s][instance.students[s].index(p) + 1 :]
        if filled[q] < instance.placements[q].capacity and s in instance.placements[q].ranking
    )
    student, worse = moved
    original = assignment[student]
    assignment[student] = worse
    # when verified, then the freed seat blocks: every blocking pair now involves it
    pair = find_blocking_pair(instance, assignment)
    assert pair is not None
    assert (pair.placement, pair.placement_drops) == (original, None)
    assert verify(instance, assignment).violation.code == "blocking_pair"  # type: ignore[union-attr]
