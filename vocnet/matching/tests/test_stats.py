"""compute_statistics(): matched share, rank distribution and unfilled seats, exactly."""

from __future__ import annotations

import pytest

from vocnet.matching import MatchingInputError, MatchStatistics, compute_statistics, solve
from vocnet.matching.tests.builders import make_instance

INSTANCE = make_instance(
    {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": ["p1"], "s4": ["p3", "p1"]},
    {"p1": (1, ["s3", "s2", "s1"]), "p2": (2, ["s1", "s2"]), "p3": (3, [])},
)


def test_statistics_of_a_solved_instance() -> None:
    # given the engine's matching: s1 and s2 in p2 (their second choice), s3 in p1, s4 out
    assignment = solve(INSTANCE).assignment
    assert assignment == {"s1": "p2", "s2": "p2", "s3": "p1", "s4": None}
    # when described
    statistics = compute_statistics(INSTANCE, assignment)
    # then every figure is exact
    assert statistics == MatchStatistics(
        student_count=4,
        matched_count=3,
        seat_count=6,
        rank_distribution={1: 1, 2: 2},
        unfilled_seats={"p1": 0, "p2": 0, "p3": 3},
    )
    assert statistics.matched_share == 0.75
    assert statistics.unmatched_count == 1
    assert statistics.unfilled_seat_count == 3
    assert statistics.as_dict() == {
        "student_count": 4,
        "matched_count": 3,
        "unmatched_count": 1,
        "matched_share": 0.75,
        "seat_count": 6,
        "unfilled_seat_count": 3,
        "rank_distribution": {1: 1, 2: 2},
        "unfilled_seats": {"p1": 0, "p2": 0, "p3": 3},
    }


def test_statistics_of_nobody_matched_and_of_no_students() -> None:
    nobody = compute_statistics(INSTANCE, dict.fromkeys(INSTANCE.students))
    assert (nobody.matched_share, nobody.rank_distribution, nobody.unfilled_seat_count) == (
        0.0,
        {},
        6,
    )
    empty = compute_statistics(make_instance({}, {}), {})
    assert (empty.student_count, empty.matched_share, empty.seat_count) == (0, 0.0, 0)


def test_a_placement_over_capacity_shows_negative_unfilled_seats() -> None:
    statistics = compute_statistics(INSTANCE, {"s1": "p1", "s2": "p1", "s3": "p1", "s4": None})
    assert statistics.unfilled_seats == {"p1": -2, "p2": 2, "p3": 3}
    assert statistics.unfilled_seat_count == 5


def test_a_student_matched_outside_the_list_has_no_rank() -> None:
    with pytest.raises(MatchingInputError) as caught:
        compute_statistics(INSTANCE, {"s1": None, "s2": None, "s3": "p3", "s4": None})
    assert (caught.value.code, caught.value.student, caught.value.placement) == (
        "result_unlisted_placement",
        "s3",
        "p3",
    )
    assert (
        caught.value.message_en
        == "The result gives student s3 placement p3, which the student did not list."
    )
