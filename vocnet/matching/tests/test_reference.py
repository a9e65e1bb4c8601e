"""Identical results to the PyPI package ``matching`` 1.4.3 (HospitalResident, resident-optimal)."""

from __future__ import annotations

import pytest

from vocnet.matching import solve
from vocnet.matching.testing import generate_instance, reference_assignment, reference_preferences
from vocnet.matching.tests.builders import make_instance

SIZES = [1, 2, 3, 5, 8, 13, 21, 40, 75, 120, 200]


@pytest.mark.parametrize("students", SIZES)
@pytest.mark.parametrize("seed", range(6))
def test_the_engine_matches_the_reference_on_generated_markets(students: int, seed: int) -> None:
    # given a generated market with unacceptable applicants, rankings naming non-applicants,
    # lists of varying length (some empty) and tight capacities
    instance = generate_instance(
        students=students,
        seed=seed * 1000 + students,
        mean_capacity=1 + seed % 4,
        seats_per_student=(0.5, 0.9, 1.2)[seed % 3],
        unacceptable_share=0.15,
        unapplied_ranked_share=0.1,
        variable_list_length=True,
        choices=6,
    )
    # when solved by both
    ours = solve(instance).assignment
    theirs = reference_assignment(instance)
    # then the matchings are identical
    assert ours == theirs


def test_the_reference_input_keeps_only_mutually_acceptable_pairs() -> None:
    # given p1 leaves applicant s2 unranked and ranks s3 (who did not apply) and "ghost";
    # p2 leaves applicant s3 unranked; nobody applies to p3; s4 applies nowhere
    instance = make_instance(
        {"s1": ["p1", "p2"], "s2": ["p1", "p2"], "s3": ["p2"], "s4": []},
        {"p1": (2, ["ghost", "s3", "s1"]), "p2": (1, ["s2", "s1"]), "p3": (1, ["s1"])},
    )
    # when prepared for matching 1.4.3
    residents, hospitals, capacities = reference_preferences(instance)
    # then each side lists exactly the pairs the other side accepts; empty players are dropped
    assert residents == {"s1": ["p1", "p2"], "s2": ["p2"]}
    assert hospitals == {"p1": ["s1"], "p2": ["s2", "s1"]}
    assert capacities == {"p1": 2, "p2": 1}


def test_a_market_of_two_thousand_students_matches_the_reference() -> None:
    instance = generate_instance(
        students=2000, seed=77, unacceptable_share=0.05, unapplied_ranked_share=0.02
    )
    assert solve(instance).assignment == reference_assignment(instance)
