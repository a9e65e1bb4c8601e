"""The pure aggregation and ranking (no database): exact values."""

from __future__ import annotations

import ast
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from vocnet.programmes.ranking import (
    ApplicationScores,
    RankingError,
    ReviewerScore,
    aggregate,
    rank,
    shortlist,
)

AREAS = ["education_plan", "governance", "infrastructure", "basics", "bonus"]
T = datetime(2025, 4, 1, 9, 0)


def scores(reviewer: str, education: int, governance: int, rest: int = 10) -> ReviewerScore:
    return ReviewerScore(
        reviewer,
        {
            "education_plan": Decimal(education),
            "governance": Decimal(governance),
            "infrastructure": Decimal(rest),
            "basics": Decimal(0),
        },
    )


def test_mean_and_trimmed_mean_are_exact() -> None:
    values = [Fraction(70), Fraction(80), Fraction(90), Fraction(95)]
    assert aggregate(values, "mean") == Fraction(335, 4)
    assert aggregate(values, "trimmed_mean") == Fraction(85)


def test_trimmed_mean_needs_three_reviewers() -> None:
    with pytest.raises(RankingError) as caught:
        aggregate([Fraction(1), Fraction(2)], "trimmed_mean")
    assert caught.value.code == "too_few_reviewers"
    assert "3명 이상" in caught.value.message_ko
    assert "at least 3" in caught.value.message_en


def test_trimmed_mean_drops_the_highest_and_lowest_reviewer_from_the_areas_too() -> None:
    # given three reviewers of one application: totals 60, 75, 90
    application = ApplicationScores(
        "A-01", T, (scores("r1", 20, 30), scores("r2", 35, 30), scores("r3", 40, 40))
    )
    # when ranked by trimmed mean
    [ranked] = rank([application], method="trimmed_mean", tie_rule="rubric_order", area_order=AREAS)
    # then only r2 counts, and the areas add up to the total
    assert ranked.total == Decimal("75.00")
    assert ranked.areas["education_plan"] == Decimal("35.00")
    assert ranked.reviewers == 3


def test_mean_rounds_half_up_for_display_only() -> None:
    application = ApplicationScores(
        "A-01", T, (scores("r1", 30, 30, 0), scores("r2", 30, 30, 0), scores("r3", 30, 31, 0))
    )
    [ranked] = rank([application], method="mean", tie_rule="rubric_order", area_order=AREAS)
    assert ranked.total == Decimal("60.33")


def test_equal_totals_are_ordered_by_education_plan_first_under_rubric_order() -> None:
    # given with the same total 80; A-02 is stronger on the education plan
    a = ApplicationScores("A-01", T, (scores("r1", 30, 40),))
    b = ApplicationScores("A-02", T, (scores("r1", 40, 30),))
    ranked = rank([a, b], method="mean", tie_rule="rubric_order", area_order=AREAS)
    assert [(r.application, r.rank) for r in ranked] == [("A-02", 1), ("A-01", 2)]


def test_equal_totals_are_ordered_by_submission_under_earlier_submission() -> None:
    a = ApplicationScores("A-01", datetime(2025, 4, 2), (scores("r1", 30, 40),))
    b = ApplicationScores("A-02", datetime(2025, 4, 1), (scores("r1", 40, 30),))
    ranked = rank([a, b], method="mean", tie_rule="earlier_submission", area_order=AREAS)
    assert [r.application for r in ranked] == ["A-02", "A-01"]


def test_an_unbroken_tie_shares_the_rank_and_refuses_a_cut_off_inside_it() -> None:
    a = ApplicationScores("A-01", T, (scores("r1", 30, 40),))
    b = ApplicationScores("A-02", T, (scores("r1", 30, 40),))
    c = ApplicationScores("A-03", T, (scores("r1", 40, 40),))
    ranked = rank([a, b, c], method="mean", tie_rule="rubric_order", area_order=AREAS)
    assert [(r.application, r.rank, r.tied_with) for r in ranked] == [
        ("A-03", 1, ()),
        ("A-01", 2, ("A-02",)),
        ("A-02", 2, ("A-01",)),
    ]
    assert shortlist(ranked, 1) == ["A-03"]
    assert shortlist(ranked, 3) == ["A-03", "A-01", "A-02"]
    with pytest.raises(RankingError) as caught:
        shortlist(ranked, 2)
    assert caught.value.code == "tie_at_cutoff"


def test_gyeonggi_pre_screen_shortlists_3_of_9() -> None:
    applications = [
        ApplicationScores(
            f"A-{n:02d}",
            T,
            tuple(scores(f"r{k}", 20 + n + k, 25 + n, 5) for k in range(1, 6)),
        )
        for n in range(1, 10)
    ]
    ranked = rank(applications, method="trimmed_mean", tie_rule="rubric_order", area_order=AREAS)
    assert shortlist(ranked, 3) == ["A-09", "A-08", "A-07"]
    # education 30..34 by reviewer, trimmed to 31..33 → 32; governance 34; 5
    assert ranked[0].total == Decimal("71.00")


def test_the_ranking_module_imports_no_django() -> None:
    source = Path(__file__).resolve().parents[1].joinpath("ranking.py").read_text()
    modules = {
        alias.name if isinstance(node, ast.Import) else node.module or ""
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not {m for m in modules if m.split(".")[0] in ("django", "vocnet")}
