"""The pure snapshot: canonical order, hash, replay — without a database."""

from __future__ import annotations

import json

import pytest

from vocnet.clearinghouse.snapshot import (
    SnapshotError,
    build_snapshot,
    canonical_bytes,
    instance_from_snapshot,
    result_json,
    run_snapshot,
    snapshot_hash,
    verification_json,
)
from vocnet.matching import ENGINE_VERSION


def _market() -> dict[str, object]:
    # Three students, two placements; placement 7 ties students 101 and 102.
    return build_snapshot(
        students={"102": ["7", "3"], "101": ["7"], "9": ["3", "7"]},
        placements={"7": (1, [["102", "101"]]), "3": (1, [["9"], ["102"]])},
        seed=42,
    )


def test_snapshot_orders_students_placements_and_ties_by_numeric_id() -> None:
    # given students and placements in an arbitrary order
    # when the snapshot is built
    snapshot = _market()
    # then both lists are in numeric id order, ties too, and choices keep their own order
    assert snapshot == {
        "format": 1,
        "seed": 42,
        "lottery": None,
        "students": [["9", ["3", "7"]], ["101", ["7"]], ["102", ["7", "3"]]],
        "placements": [
            ["3", {"capacity": 1, "ranking": ["9", "102"]}],
            ["7", {"capacity": 1, "ranking": [["101", "102"]]}],
        ],
    }


def test_the_hash_is_the_sha256_of_the_canonical_form_whatever_the_input_order() -> None:
    # given the same market built from dictionaries in two different orders
    first = _market()
    second = build_snapshot(
        students={"9": ["3", "7"], "101": ["7"], "102": ["7", "3"]},
        placements={"3": (1, [["9"], ["102"]]), "7": (1, [["101", "102"]])},
        seed=42,
    )
    # when both are hashed
    # then the canonical bytes and the hashes are equal, and the hash is 64 hex digits
    assert canonical_bytes(first) == canonical_bytes(second)
    assert snapshot_hash(first) == snapshot_hash(second)
    assert len(snapshot_hash(first)) == 64
    assert canonical_bytes(first).startswith(b'{"format":1,"lottery":null,"placements":[["3",')


def test_a_different_seed_gives_a_different_hash() -> None:
    # given two snapshots that differ only in their seed
    other = dict(_market(), seed=43)
    # then their hashes differ
    assert snapshot_hash(other) != snapshot_hash(_market())


def test_the_same_snapshot_gives_the_same_result_every_time() -> None:
    # given a market with a tie, broken by the lottery drawn from the seed
    snapshot = _market()
    # when it is run twice, once after a JSON round trip that reorders the object keys
    # (as PostgreSQL's jsonb does)
    first = run_snapshot(snapshot)
    reordered = json.loads(json.dumps(snapshot, sort_keys=True))
    second = run_snapshot(reordered)
    # then result, lottery and proof are identical
    assert result_json(first.result) == result_json(second.result)
    assert first.result.seed == 42
    assert first.result.lottery is not None
    assert verification_json(first.report) == verification_json(second.report)


def test_run_snapshot_reports_a_stable_result_with_statistics_and_stage_timings() -> None:
    # given the market without ties: student 9 wants 3, student 102 wants 7 then 3
    snapshot = build_snapshot(
        students={"9": ["3"], "102": ["7", "3"]},
        placements={"3": (1, [["9"], ["102"]]), "7": (1, [])},
        seed=1,
    )
    # when it is run
    timings: dict[str, float] = {}
    outcome = run_snapshot(snapshot, timings)
    # then 9 gets 3, 102 (unacceptable to 7) stays unmatched, and the proof says stable
    assert outcome.result.assignment == {"9": "3", "102": None}
    assert outcome.result.lottery is None
    assert outcome.engine_version == ENGINE_VERSION
    assert verification_json(outcome.report) == {
        "checker": "vocnet.matching.verify",
        "is_stable": True,
        "student_count": 2,
        "matched_count": 1,
        "violation": None,
    }
    assert outcome.statistics.rank_distribution == {1: 1}
    assert outcome.statistics.unfilled_seats == {"3": 0, "7": 1}
    assert sorted(timings) == ["build", "solve", "stats", "verify"]


def test_an_inherited_lottery_is_used_instead_of_the_seed() -> None:
    # given a tie at placement 7 and a lottery that puts 102 before 101
    snapshot = build_snapshot(
        students={"101": ["7"], "102": ["7"]},
        placements={"7": (1, [["101", "102"]])},
        seed=5,
        lottery=["102", "101"],
    )
    # when it is run
    outcome = run_snapshot(snapshot)
    # then 102 wins the tie
    assert outcome.result.assignment == {"101": None, "102": "7"}
    assert outcome.result.lottery == ("102", "101")


@pytest.mark.parametrize(
    "bad",
    [
        {"format": 2, "students": [], "placements": []},
        {"format": 1, "students": {"1": ["2"]}, "placements": []},
        {"format": 1, "students": [], "placements": [["2", {"ranking": []}]]},
    ],
)
def test_a_malformed_snapshot_is_refused_with_a_bilingual_error(bad: dict[str, object]) -> None:
    # given a snapshot of another format or shape
    # when its instance is built, then SnapshotError names the problem in both languages
    with pytest.raises(SnapshotError) as raised:
        instance_from_snapshot(bad)
    assert raised.value.code == "invalid_snapshot"
    assert raised.value.message_ko
    assert raised.value.message_en
