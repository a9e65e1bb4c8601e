"""What a real clearinghouse needs: a recorded lottery for ties, eligibility, a follow-up round."""

from __future__ import annotations

import pytest

from vocnet.matching import (
    MatchingInputError,
    MatchResult,
    apply_eligibility,
    follow_up_round,
    solve,
    tie_broken_rankings,
    verify,
)
from vocnet.matching.testing import generate_instance, reference_assignment
from vocnet.matching.tests.builders import make_instance

# p1 (one seat) ties s1, s2 and s3; s1 and s2 also like p2 (one seat), which ties them too.
TIED = make_instance(
    {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": ["p1"]},
    {"p1": (1, [["s1", "s2", "s3"]]), "p2": (1, [["s2", "s1"]])},
)


def test_an_explicit_lottery_breaks_every_tie_the_same_way() -> None:
    # given the lottery s3, s2, s1 (earlier wins)
    lottery = ["s3", "s2", "s1"]
    # when solved
    result = solve(TIED, lottery=lottery)
    # then s3 wins p1, s2 beats s1 for p2, and the lottery is recorded
    assert result == MatchResult(
        assignment={"s1": None, "s2": "p2", "s3": "p1"},
        seed=None,
        lottery=("s3", "s2", "s1"),
        engine_version="1.0.0",
    )
    assert tie_broken_rankings(TIED, lottery) == {"p1": ["s3", "s2", "s1"], "p2": ["s2", "s1"]}


def test_a_seed_draws_a_recorded_lottery_that_replays_the_run() -> None:
    # given a seed
    first = solve(TIED, seed=2026)
    # when solved again with the same seed, and replayed from the recorded lottery
    again = solve(TIED, seed=2026)
    assert first.lottery is not None
    replay = solve(TIED, lottery=first.lottery)
    # then the lottery is a permutation of all students and the matchings agree
    assert first.seed == 2026
    assert sorted(first.lottery) == ["s1", "s2", "s3"]
    assert again == first
    assert replay.assignment == first.assignment
    assert verify(TIED, first.assignment).is_stable


def test_without_a_seed_one_is_drawn_and_recorded_but_only_for_ties() -> None:
    drawn = solve(TIED)
    assert drawn.seed is not None
    assert solve(TIED, seed=drawn.seed) == drawn
    untied = make_instance({"s1": ["p1"]}, {"p1": (1, ["s1"])})
    assert (solve(untied).seed, solve(untied).lottery) == (None, None)


def test_the_engine_matches_the_reference_on_tied_rankings_broken_by_the_lottery() -> None:
    # given generated instances where a third of the ranking entries are ties
    for seed in range(8):
        instance = generate_instance(
            students=120, seed=seed, tie_share=0.35, unacceptable_share=0.1
        )
        # when solved with a seed
        result = solve(instance, seed=seed)
        # then the reference, fed the same lottery, agrees, and the matching is stable as given
        assert result.lottery is not None
        assert result.assignment == reference_assignment(instance, result.lottery)
        assert verify(instance, result.assignment).is_stable


@pytest.mark.parametrize(
    "lottery",
    [["s1", "s2"], ["s1", "s2", "s3", "s4"], ["s1", "s1", "s2"]],
    ids=["short", "long", "repeat"],
)
def test_a_lottery_that_is_not_an_order_of_all_students_is_rejected(lottery: list[str]) -> None:
    with pytest.raises(MatchingInputError) as caught:
        solve(TIED, lottery=lottery)
    assert caught.value.code == "invalid_lottery"
    assert caught.value.message_en == "The lottery must list every student exactly once."


def test_ineligible_pairs_leave_both_sides_before_matching() -> None:
    # given a rule that s3 may not go to p1 (say, p1 needs an age the student lacks)
    asked: list[tuple[str, str]] = []

    def is_eligible(student: str, placement: str) -> bool:
        asked.append((student, placement))
        return (student, placement) != ("s3", "p1")

    # when the rule filters the instance, and when solve applies it
    filtered = apply_eligibility(TIED, is_eligible)
    result = solve(TIED, lottery=["s3", "s2", "s1"], is_eligible=is_eligible)
    # then the pair is gone from s3's list and from p1's tie, each listed pair asked once
    # per use, and s3's lottery luck no longer takes p1
    assert filtered.students == {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": []}
    assert list(filtered.placements["p1"].ranking) == [["s1", "s2"]]
    assert filtered.placements["p2"] is TIED.placements["p2"]
    assert asked[:5] == [("s1", "p1"), ("s1", "p2"), ("s2", "p1"), ("s2", "p2"), ("s3", "p1")]
    assert len(asked) == 10
    assert result.assignment == {"s1": "p2", "s2": "p1", "s3": None}


def test_the_follow_up_round_fills_free_seats_without_moving_anyone() -> None:
    # given round 1: p1 (2 seats) takes s1; p2 (1 seat) takes s2; s3 and s4 wanted only p2
    instance = make_instance(
        {"s1": ["p1"], "s2": ["p2"], "s3": ["p2"], "s4": ["p2"]},
        {"p1": (2, ["s4", "s1", "s3"]), "p2": (1, ["s2", "s3", "s4"])},
    )
    first = solve(instance)
    assert first.assignment == {"s1": "p1", "s2": "p2", "s3": None, "s4": None}
    # when s3 and s4 apply again, now to p1 (one seat left) and the full p2
    second = follow_up_round(instance, first, preferences={"s3": ["p2", "p1"], "s4": ["p1"]})
    # then p1's last seat goes to the better ranked s4; nobody from round 1 moved
    assert second.assignment == {"s1": "p1", "s2": "p2", "s3": None, "s4": "p1"}


def test_the_follow_up_round_reuses_round_one_lists_and_lottery() -> None:
    # given a tied instance solved with a lottery
    first = solve(TIED, lottery=["s1", "s2", "s3"])
    assert first.assignment == {"s1": "p1", "s2": "p2", "s3": None}
    # when the follow-up round runs with the same lists (nothing is free for s3)
    second = follow_up_round(TIED, first)
    # then nothing changes and the lottery is carried over
    assert second == first


@pytest.mark.parametrize(
    ("preferences", "code"),
    [
        ({"s9": ["p1"]}, "unknown_student"),
        ({"s1": ["p2"]}, "student_already_matched"),
        ({"s3": ["p7"]}, "unknown_placement"),
    ],
)
def test_follow_up_preferences_must_belong_to_unmatched_students(
    preferences: dict[str, list[str]], code: str
) -> None:
    first = solve(TIED, lottery=["s1", "s2", "s3"])
    with pytest.raises(MatchingInputError) as caught:
        follow_up_round(TIED, first, preferences=preferences)
    assert caught.value.code == code
