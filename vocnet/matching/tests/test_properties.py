"""Properties on random tiny markets: the result is stable, and no stable matching is better
for any student (checked against every matching, enumerated by brute force)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from vocnet.matching import Instance, Placement, RankingEntry, solve, tie_broken_rankings, verify
from vocnet.matching.testing import reference_assignment

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


@st.composite
def tiny_markets(draw: st.DrawFn, *, ties: bool) -> tuple[Instance, list[str]]:
    """At most 5 students and 3 placements of 1–2 seats, with a lottery over the students."""
    students = [f"s{i}" for i in range(draw(st.integers(0, 5)))]
    placements = [f"p{j}" for j in range(draw(st.integers(0, 3)))]
    choices = {
        s: draw(st.lists(st.sampled_from(placements), unique=True)) if placements else []
        for s in students
    }
    ranked_pool = [*students, "ghost"]  # "ghost" is no student: it must be ignored
    built: dict[str, Placement] = {}
    for p in placements:
        ranked = draw(st.lists(st.sampled_from(ranked_pool), unique=True))
        ranking: list[RankingEntry] = []
        position = 0
        while position < len(ranked):
            size = draw(st.integers(1, 3)) if ties else 1
            group = ranked[position : position + size]
            ranking.append(group[0] if len(group) == 1 else group)
            position += size
        built[p] = Placement(capacity=draw(st.integers(1, 2)), ranking=ranking)
    lottery = draw(st.permutations(students))
    return Instance(students=choices, placements=built), list(lottery)


def _strict_instance(instance: Instance, lottery: Sequence[str]) -> Instance:
    rankings = tie_broken_rankings(instance, lottery)
    return Instance(
        students=instance.students,
        placements={
            p: Placement(capacity=placement.capacity, ranking=rankings[p])
            for p, placement in instance.placements.items()
        },
    )


def _all_stable_matchings(instance: Instance) -> list[dict[str, str | None]]:
    """Every stable matching of a strict instance, by enumerating all assignments."""
    options = [
        [None, *(p for p in choices if s in instance.placements[p].ranking)]
        for s, choices in instance.students.items()
    ]
    stable = []
    for combination in itertools.product(*options):
        assignment = dict(zip(instance.students, combination, strict=True))
        if verify(instance, assignment).is_stable:
            stable.append(assignment)
    return stable


def _choice_rank(instance: Instance, student: str, placement: str | None) -> int:
    choices = list(instance.students[student])
    return choices.index(placement) if placement is not None else len(choices)


@PROPERTY_SETTINGS
@given(tiny_markets(ties=True))
def test_the_result_is_stable_for_the_rankings_as_given(market: tuple[Instance, list[str]]) -> None:
    # given a tiny market with ties and a lottery
    instance, lottery = market
    # when solved
    result = solve(instance, lottery=lottery)
    # then no blocking pair exists, even counting ties as ties
    assert verify(instance, result.assignment).is_stable


@PROPERTY_SETTINGS
@given(tiny_markets(ties=True))
def test_no_stable_matching_is_better_for_any_student(market: tuple[Instance, list[str]]) -> None:
    # given a tiny market, its ties broken by the lottery
    instance, lottery = market
    strict = _strict_instance(instance, lottery)
    # when solved, and every stable matching of the tie-broken market is enumerated
    ours = solve(instance, lottery=lottery).assignment
    stable = _all_stable_matchings(strict)
    # then ours is one of them, and each student does at least as well as in any of them
    assert ours in stable
    for other in stable:
        for student in instance.students:
            assert _choice_rank(strict, student, ours[student]) <= _choice_rank(
                strict, student, other[student]
            )


@PROPERTY_SETTINGS
@given(tiny_markets(ties=False))
def test_tiny_markets_match_the_reference(market: tuple[Instance, list[str]]) -> None:
    instance, _ = market
    assert solve(instance).assignment == reference_assignment(instance)
