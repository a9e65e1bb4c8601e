"""Deferred acceptance on small instances whose outcome can be worked out by hand."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from vocnet.matching import (
    ENGINE_VERSION,
    MatchResult,
    _lookup,
    deferred_acceptance,
    engine,
    solve,
    verify,
)
from vocnet.matching._runtime import _hugepage_switch
from vocnet.matching.testing import generate_instance
from vocnet.matching.tests.builders import make_instance


def test_students_get_their_first_choices_when_placements_prefer_the_other_way() -> None:
    # given two students and two placements whose preferences are opposed
    instance = make_instance(
        {"s1": ["p1", "p2"], "s2": ["p2", "p1"]},
        {"p1": (1, ["s2", "s1"]), "p2": (1, ["s1", "s2"])},
    )
    # when solved
    result = solve(instance)
    # then the student-optimal side wins: both get their first choice
    assert result == MatchResult(
        assignment={"s1": "p1", "s2": "p2"}, seed=None, lottery=None, engine_version="1.0.0"
    )


def test_a_better_ranked_student_displaces_a_held_one_down_a_chain() -> None:
    # given p1 ranks s3 > s2 > s1 and p2 ranks s1 > s2, one seat each
    instance = make_instance(
        {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": ["p1"]},
        {"p1": (1, ["s3", "s2", "s1"]), "p2": (1, ["s1", "s2"])},
    )
    # when solved
    assignment = solve(instance).assignment
    # then s3 takes p1, s1 falls back to p2, and s2 loses p1 to s3 and p2 to s1
    assert assignment == {"s1": "p2", "s2": None, "s3": "p1"}


def test_unranked_applicants_are_unacceptable_and_other_ranked_ids_are_ignored() -> None:
    # given p1 leaves out applicant s2, and p2 ranks s9 (no such student) and s2 (did not apply)
    instance = make_instance(
        {"s1": ["p1", "p2"], "s2": ["p1"], "s3": ["p1", "p2"], "s4": ["p2"]},
        {"p1": (2, ["s1", "s3"]), "p2": (1, ["s9", "s2", "s4", "s3", "s1"])},
    )
    # when solved
    assignment = solve(instance).assignment
    # then s2 stays unmatched (wanted nowhere it applied), and p2's extra ids change nothing
    assert assignment == {"s1": "p1", "s2": None, "s3": "p1", "s4": "p2"}


def test_capacity_is_filled_by_the_best_ranked_applicants() -> None:
    # given five students all wanting p1 (two seats), then p2 (one seat)
    students = {f"s{i}": ["p1", "p2"] for i in range(1, 6)}
    instance = make_instance(
        students, {"p1": (2, ["s5", "s4", "s3", "s2", "s1"]), "p2": (1, ["s1", "s2", "s3"])}
    )
    # when solved
    assignment = solve(instance).assignment
    # then p1 takes its top two, p2 its best among the rest, and s2 and s3 stay out
    assert assignment == {"s1": "p2", "s2": None, "s3": None, "s4": "p1", "s5": "p1"}


def test_an_empty_instance_and_empty_lists_give_unmatched_students() -> None:
    # given no students at all, and separately students with nothing acceptable
    empty = make_instance({}, {})
    idle = make_instance({"s1": [], "s2": ["p1"]}, {"p1": (1, []), "p2": (3, ["s1"])})
    # when solved, then nobody is matched and every student has a key, in the given order
    assert solve(empty).assignment == {}
    assert list(solve(idle).assignment.items()) == [("s1", None), ("s2", None)]


def test_the_result_lists_students_in_the_instance_order_and_records_the_engine() -> None:
    # given students listed in a non-alphabetical order
    instance = make_instance(
        {"zeta": ["a"], "alpha": ["a"], "mid": ["b"]}, {"a": (1, ["alpha", "zeta"]), "b": (1, [])}
    )
    # when solved
    result = solve(instance)
    # then the keys keep that order, and no lottery was needed
    assert list(result.assignment) == ["zeta", "alpha", "mid"]
    assert result.assignment == {"zeta": None, "alpha": "a", "mid": None}
    assert (result.seed, result.lottery, result.engine_version) == (None, None, ENGINE_VERSION)


@pytest.mark.parametrize("sequential_below", [0, 1, 50, 10**9])
def test_rounds_and_one_by_one_proposals_reach_the_same_matching(sequential_below: int) -> None:
    # given a congested generated market turned into the engine's arrays
    instance = generate_instance(students=600, seed=3, mean_capacity=3, unacceptable_share=0.1)
    expected = solve(instance).assignment
    placements = list(instance.placements)
    ranks = {p: {s: r for r, s in enumerate(pl.ranking)} for p, pl in instance.placements.items()}
    placement_of: list[int] = []
    rank_of: list[int] = []
    start: list[int] = []
    end: list[int] = []
    for student, choices in instance.students.items():
        start.append(len(placement_of))
        for choice in choices:
            if student in ranks[choice]:
                placement_of.append(placements.index(choice))
                rank_of.append(ranks[choice][student])
        end.append(len(placement_of))
    # when deferred acceptance switches to one-by-one play at different points
    held_at = deferred_acceptance(
        np.array(placement_of, dtype=np.int64),
        np.array(rank_of, dtype=np.int64),
        np.array(start, dtype=np.int64),
        np.array(end, dtype=np.int64),
        np.array([p.capacity for p in instance.placements.values()], dtype=np.int64),
        sequential_below=sequential_below,
    )
    # then every switch point gives the same, stable matching
    got = {
        s: (placements[i] if i >= 0 else None)
        for s, i in zip(expected, held_at.tolist(), strict=True)
    }
    assert got == expected
    assert verify(instance, got).is_stable


@pytest.mark.parametrize(
    ("alphabet", "longest"),
    [("ab", 7), ("0123456789", 12), ("학생배치ab", 12), ("a😀é", 30)],
    ids=["ascii-one-word", "ascii-two-words", "hangul", "astral"],
)
def test_fast_and_plain_id_lookup_agree_on_awkward_ids(alphabet: str, longest: int) -> None:
    # given keys of lengths 0 to `longest`, and strings that are keys, prefixes of keys,
    # longer variants and strangers
    rng = np.random.default_rng(len(alphabet))

    def word(length: int) -> str:
        return "".join(rng.choice(list(alphabet), size=length))

    keys = list(dict.fromkeys(word(int(n)) for n in rng.integers(0, longest + 1, 300)))
    strings = [rng.choice(keys) for _ in range(400)]
    strings += [k[:-1] for k in keys if k] + [k + alphabet[0] for k in keys] + ["", "zz"]
    # when looked up both ways
    plain = _lookup.positions(strings, keys, fast=False)
    fast = _lookup._positions_numpy(strings, keys, is_ascii="".join(keys + strings).isascii())
    # then the numpy path did run, the answers are identical and every hit is a true hit
    assert fast is not None
    assert fast.tolist() == plain.tolist()
    assert all(keys[i] == s for s, i in zip(strings, plain.tolist(), strict=True) if i >= 0)


def test_ids_longer_than_the_fast_path_takes_use_the_plain_lookup() -> None:
    # given a key of 70 characters
    keys = ["k" * 70, "short"]
    # when looked up on the fast path, then it hands over to the dict and still finds it
    assert _lookup._positions_numpy(["short"], keys, is_ascii=True) is None
    assert _lookup.positions(["short", "k" * 70, "k" * 71], keys, fast=True).tolist() == [1, 0, -1]


def test_ids_with_nul_use_the_plain_lookup_and_stay_exact() -> None:
    # given ids that differ only by a trailing NUL, which numpy string arrays would drop
    keys = ["a", "a\x00", "b"]
    # when looked up on the fast path, then the NUL is not lost
    assert _lookup.positions(["a\x00", "a", "c"], keys, fast=True).tolist() == [1, 0, -1]


def test_solve_gives_the_same_matching_with_the_fast_lookup_on_small_instances(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given small generated instances solved with the plain lookup
    instances = [
        generate_instance(students=80, seed=seed, unacceptable_share=0.2) for seed in range(5)
    ]
    plain = [solve(instance).assignment for instance in instances]
    # when the fast lookup is forced on every size
    monkeypatch.setattr(_lookup, "FAST_PATH_MIN_STRINGS", 0)
    fast = [solve(instance).assignment for instance in instances]
    # then nothing changes
    assert fast == plain


def test_solve_puts_the_process_settings_it_changes_back() -> None:
    # given the collector on and numpy's huge-page advice on
    switch = _hugepage_switch()
    assert switch is not None
    previous = switch(True)
    try:
        assert gc.isenabled()
        # when solving
        solve(generate_instance(students=50, seed=1))
        # then both are as they were
        assert gc.isenabled()
        assert switch(True) is True
    finally:
        switch(previous)


def test_the_ranking_lookup_gives_the_same_matching_in_small_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given generated markets solved with the scratch table holding all placements at once
    instances = [
        generate_instance(
            students=300, seed=seed, unacceptable_share=0.2, unapplied_ranked_share=0.1
        )
        for seed in range(3)
    ]
    whole = [solve(instance).assignment for instance in instances]
    # when the table only holds one or two placements at a time
    monkeypatch.setattr(engine, "_SCRATCH_ENTRIES", 500)
    batched = [solve(instance).assignment for instance in instances]
    # then nothing changes
    assert batched == whole
