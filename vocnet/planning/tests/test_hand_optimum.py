"""A tiny instance whose optimum is worked out by hand, and variants of it.

The instance: regions 가시 (A) and 나시 (B) are neighbours. School 가고 in A has a
자동차(F1) department (intake 40, min 20, max 50) that may convert places to 전자기기개발(F2) at
1 (백만원) per place plus 10 to start; school 나고 in B has an F2 department (intake 20, min 10,
max 30). Demand in 2030: 25 of F1 in A, 40 of F2 in B. Every intake place gives one graduate
for work (retention = labour-market share = 1), school totals may move ±10 %, unmet demand
costs 1 a person, surplus 0.5, conversion 0.1 per 백만원, nothing else costs.

Today (the baseline): A makes 40 F1 graduates for 25 jobs (surplus 15 → 7.5) and B makes 20
F2 graduates for 40 jobs (unmet 20 → 20): 27.5.

The optimum: 나고 may reach 22 (20 + 10 %), and each place closes one unmet job for free, so
it grows to 22, leaving 18 F2 jobs open. A is B's neighbour, so F2 graduates of 가고 can take
them: each converted place saves 1 and costs 0.1 (+ 1 once), so 가고 converts exactly 18 (one
more would be surplus: −0.5 − 0.1). Its own F1 intake goes to 25, the jobs in A (above: 0.5 a
place; below: 1 a place). 가고's total 25 + 18 = 43 lies in [36, 44]; the department's in
[20, 50]. Objective 0.1 × (18 × 1 + 10) = 2.8, where not converting costs at least 23.5
(가고 cannot go below 36: 11 surplus × 0.5 + 18 unmet).
"""

from __future__ import annotations

import dataclasses

import pytest

from vocnet.planning import (
    Action,
    ConversionOption,
    Demand,
    Department,
    Infeasible,
    InvalidProblem,
    Labels,
    Parameters,
    PlanningProblem,
    PlanStatus,
    RegionFieldOutcome,
    TeacherCapacity,
    plan,
)

PARAMETERS = Parameters(
    total_change=0.1,
    unmet_weight=1.0,
    surplus_weight=0.5,
    conversion_cost_weight=0.1,
    change_weight=0.0,
    neighbour_weight=0.0,
    retention=1.0,
    labour_market_share=1.0,
    mip_gap=0.0,
)
LABELS = Labels(
    regions={"A": ("가시", "Ga-si"), "B": ("나시", "Na-si"), "C": ("다군", "Da-gun")},
    fields={"F1": ("자동차", "Automobiles"), "F2": ("전자기기개발", "Electronics development")},
    cost_unit=("백만원", "million KRW"),
)
AUTOMOTIVE = Department(
    id="d1",
    school="S1",
    region="A",
    field="F1",
    intake=40,
    min_intake=20,
    max_intake=50,
    conversions=(ConversionOption("F2", cost_per_place=1.0, fixed_cost=10.0),),
    name="자동차과",
    school_name="가고",
)
ELECTRONICS = Department(
    id="d2",
    school="S2",
    region="B",
    field="F2",
    intake=20,
    min_intake=10,
    max_intake=30,
    name="전자과",
    school_name="나고",
)


def problem(**changes: object) -> PlanningProblem:
    base = PlanningProblem(
        departments=(AUTOMOTIVE, ELECTRONICS),
        demand=(Demand("A", "F1", 2030, 25), Demand("B", "F2", 2030, 40)),
        neighbours={"A": frozenset({"B"}), "B": frozenset({"A"})},
        parameters=PARAMETERS,
        labels=LABELS,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_the_hand_computed_optimum_converts_18_places_and_grows_the_neighbour_by_2() -> None:
    # Given the instance of the module docstring
    # When it is planned
    result = plan(problem())

    # Then the plan is the optimum worked out by hand
    automotive, electronics = result.recommendation("d1"), result.recommendation("d2")
    assert (automotive.action, automotive.new_intake) == (Action.CONVERT, 25)
    assert (automotive.converted_field, automotive.converted_intake) == ("F2", 18)
    assert automotive.conversion_cost == 28.0
    assert (electronics.action, electronics.new_intake) == (Action.GROW, 22)
    assert result.status is PlanStatus.OPTIMAL
    assert result.objective.total == pytest.approx(2.8)
    assert result.objective.unmet == pytest.approx(0.0)
    assert result.objective.surplus == pytest.approx(0.0)
    assert result.objective.conversion_cost == pytest.approx(28.0)
    assert result.objective.changed_places == 17.0  # |25 − 40| + |22 − 20|
    assert result.objective.cross_border == pytest.approx(18.0)
    assert result.baseline.total == pytest.approx(27.5)
    assert (result.baseline.unmet, result.baseline.surplus) == pytest.approx((20.0, 15.0))


def test_each_recommendation_is_explained_in_korean_and_english() -> None:
    # Given the hand-checked plan
    result = plan(problem())

    # When its sentences are read
    automotive, electronics = result.recommendation("d1"), result.recommendation("d2")

    # Then each says what to do, which shortage it closes, and at what cost
    assert automotive.explanation_ko == (
        "가고 자동차과: 정원 18명을 전자기기개발(F2) 분야로 전환합니다(자기 분야 40명→25명). "
        "가시 및 인접 시·군의 전자기기개발(F2) 부족 인원이 연 20명에서 0명으로 줄고, 일회성 "
        "전환 비용은 28백만원입니다."
    )
    assert automotive.explanation_en == (
        "가고 자동차과: convert 18 places to Electronics development (F2) (own field 40 → 25). "
        "The shortage of Electronics development (F2) in Ga-si and its neighbours falls from "
        "20 to 0 a year, at a one-off conversion cost of 28 million KRW."
    )
    assert electronics.explanation_ko == (
        "나고 전자과: 입학 정원을 20명에서 22명으로 2명 늘립니다. 졸업 후 해마다 "
        "전자기기개발(F2) 인력이 약 2명 더 나옵니다. 이 학과를 포함한 나시 및 인접 시·군의 "
        "조정으로 부족 인원이 연 20명에서 0명으로 줄어듭니다."
    )
    # The shortage falls by 20 while this department adds about 2 graduates: the sentence
    # says the fall comes from the changes together (the conversion next door), never as if
    # 2 graduates closed a gap of 20.
    assert electronics.explanation_en == (
        "나고 전자과: raise the intake from 20 to 22 (+2). From graduation on, about 2 more "
        "Electronics development (F2) graduates a year. Together with the other changes in "
        "Na-si and its neighbours, the shortage falls from 20 to 0 a year."
    )


def test_outcomes_give_demand_supply_unmet_and_surplus_before_and_after() -> None:
    # Given the hand-checked plan
    result = plan(problem())

    # Then each (region, field, year) reads as computed by hand
    assert [dataclasses.astuple(o) for o in result.outcomes] == [
        dataclasses.astuple(o)
        for o in (
            RegionFieldOutcome("A", "F1", 2030, 25, 40, 25, 0, 0, 15, 0),
            RegionFieldOutcome("A", "F2", 2030, 0, 0, 18, 0, 0, 0, 0),
            RegionFieldOutcome("B", "F2", 2030, 40, 20, 22, 20, 0, 0, 0),
        )
    ]


def test_a_school_that_reaches_no_region_with_demand_cannot_close_its_shortage() -> None:
    # Given 가고 in 다군 (C), which touches neither A nor B
    far = dataclasses.replace(AUTOMOTIVE, region="C")

    # When planned
    result = plan(problem(departments=(far, ELECTRONICS)))

    # Then converting would not help B, so 가고 only shrinks to its floor (36 = 40 − 10 %):
    # unmet 25 (F1 in A) + 18 (F2 in B) = 43, surplus 36 × 0.5 = 18 → 61 (today 65)
    automotive = result.recommendation("d1")
    assert (automotive.action, automotive.new_intake, automotive.converted_intake) == (
        Action.SHRINK,
        36,
        0,
    )
    assert result.objective.total == pytest.approx(61.0)
    assert result.baseline.total == pytest.approx(65.0)
    assert automotive.explanation_ko == (
        "가고 자동차과: 입학 정원을 40명에서 36명으로 4명 줄입니다. 다군 및 인접 시·군의 "
        "자동차(F1) 졸업생이 수요보다 연 40명 많아, 줄이면 남는 인원이 연 36명이 됩니다."
    )


def test_teacher_capacity_limits_the_conversion() -> None:
    # Given 가고's teachers can take only 10 places of F2
    teachers = (TeacherCapacity("S1", "F2", 10),)

    # When planned
    result = plan(problem(teachers=teachers))

    # Then 10 places convert and F1 keeps 26 so 가고 stays at its floor of 36:
    # F1 surplus 1 × 0.5 + F2 unmet (40 − 22 − 10 = 8) + 0.1 × (10 + 10) = 10.5
    automotive = result.recommendation("d1")
    assert (automotive.new_intake, automotive.converted_intake) == (26, 10)
    assert result.objective.total == pytest.approx(10.5)


def test_a_minimum_conversion_size_changes_the_whole_plan() -> None:
    # Given conversions of at least 20 places
    parameters = dataclasses.replace(PARAMETERS, min_conversion=20)

    # When planned
    result = plan(problem(parameters=parameters))

    # Then 가고 converts 20 and keeps 24 (its ceiling 44), and 나고 stays at 20 so F2 has
    # exactly 40: F1 unmet 1 + 0.1 × (20 + 10) = 4.0
    automotive, electronics = result.recommendation("d1"), result.recommendation("d2")
    assert (automotive.new_intake, automotive.converted_intake) == (24, 20)
    assert (electronics.action, electronics.new_intake) == (Action.KEEP, 20)
    assert result.objective.total == pytest.approx(4.0)


def test_graduates_working_across_a_border_cost_the_neighbour_weight() -> None:
    # Given a cost of 0.05 per graduate working in a neighbouring region
    parameters = dataclasses.replace(PARAMETERS, neighbour_weight=0.05)

    # When planned
    result = plan(problem(parameters=parameters))

    # Then the plan is unchanged and the 18 commuters add 0.9
    assert result.recommendation("d1").converted_intake == 18
    assert result.objective.weighted_cross_border == pytest.approx(0.9)
    assert result.objective.total == pytest.approx(3.7)


def test_departments_minimums_above_the_school_ceiling_are_reported_by_school() -> None:
    # Given 가고 with a second department whose minimum (20) is above its intake (10):
    # minimums 40 + 20 = 60 against a ceiling of 55 (50 + 10 %)
    strict = dataclasses.replace(AUTOMOTIVE, min_intake=40, conversions=())
    extra = Department("d3", "S1", "A", "F3", 10, 20, 30, school_name="가고")

    # When planned
    with pytest.raises(Infeasible) as raised:
        plan(problem(departments=(strict, extra, ELECTRONICS)))

    # Then the error names the school and the rule
    (conflict,) = raised.value.problems
    assert (conflict.subject, conflict.code) == ("S1", "minimums_above_school_total")
    assert conflict.message_ko == (
        "가고: 학과 최소 정원의 합(60명)이 학교 총정원 상한(55명, 현재 50명의 +10%)보다 큽니다"
    )
    assert raised.value.code == "planning_infeasible"


def test_a_conflict_the_quick_checks_miss_is_found_by_solving_each_school_alone() -> None:
    # Given a department that must keep 30 places but whose teachers take none of its own
    # field and at most 15 of each of two fields it may convert to (one conversion only)
    stuck = Department(
        "d1",
        "S1",
        "A",
        "F1",
        30,
        30,
        30,
        conversions=(ConversionOption("G1"), ConversionOption("G2")),
        school_name="가고",
    )
    roomy = Department("d3", "S1", "A", "F3", 100, 0, 200, school_name="가고")
    teachers = (
        TeacherCapacity("S1", "F1", 0),
        TeacherCapacity("S1", "G1", 15),
        TeacherCapacity("S1", "G2", 15),
    )

    # When planned
    with pytest.raises(Infeasible) as raised:
        plan(problem(departments=(stuck, roomy, ELECTRONICS), teachers=teachers))

    # Then the school is named
    (conflict,) = raised.value.problems
    assert (conflict.subject, conflict.code) == ("S1", "constraints_conflict")
    assert conflict.message_en.startswith("가고: its department bounds")


def test_malformed_input_lists_every_broken_rule() -> None:
    # Given a department with min above max, a duplicate id, negative demand, a one-way
    # neighbour and a retention of 0
    broken = dataclasses.replace(AUTOMOTIVE, min_intake=60)
    duplicate = dataclasses.replace(ELECTRONICS, id="d1")
    bad = problem(
        departments=(broken, duplicate),
        demand=(Demand("A", "F1", 2030, -1),),
        neighbours={"A": frozenset({"B"})},
        parameters=dataclasses.replace(PARAMETERS, retention=0.0),
    )

    # When planned
    with pytest.raises(InvalidProblem) as raised:
        plan(bad)

    # Then every rule is named, parameters first
    assert [p.code for p in raised.value.problems] == [
        "invalid_parameter",
        "minimum_above_maximum",
        "duplicate_department",
        "negative_demand",
        "asymmetric_neighbours",
    ]
