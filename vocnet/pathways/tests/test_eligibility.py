"""The eligibility engine (issue 18 §3) without a database: boundary dates (exactly 3 and 12
months, leap days, month ends), a job change restarting the tenure, hours under 15, firm
size, 재직자 특별전형's day summed over jobs, 조기취업형 계약학과's window."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.pathways import eligibility as e
from vocnet.pathways.data.eligibility_rules import ELIGIBILITY_RULES


def hire(on: date, **kwargs: object) -> e.Fact:
    values: dict[str, object] = {"employer": "A", "firm_size": "sme", "weekly_hours": 40}
    values.update(kwargs)
    return e.Fact("hired", on, **values)  # type: ignore[arg-type]


def verdict(facts: list[e.Fact], code: str, today: date, year: int = 2025) -> e.Eligibility:
    result = e.assess(facts, graduation_year=year, today=today)
    return next(item for item in result.items if item.code == code)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 4), 3, date(2025, 6, 4)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day has no anniversary
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 10, 15), 3, date(2026, 1, 15)),  # across the year
    ],
)
def test_calendar_months_keep_the_day_or_take_the_months_last(
    day: date, months: int, expected: date
) -> None:
    assert e.add_months(day, months) == expected


def test_the_incentive_is_claimable_on_the_day_three_months_are_complete() -> None:
    # given a graduate hired on 4 March 2025 by a small firm, 40 hours a week
    facts = [hire(date(2025, 3, 4))]
    # when assessed the day before and on 4 June
    before = verdict(facts, "incentive_3", date(2025, 6, 3))
    on_the_day = verdict(facts, "incentive_3", date(2025, 6, 4))
    # then they reach it on 4 June, "soon" the day before
    assert (before.status, before.reached_on) == (e.SOON, date(2025, 6, 4))
    assert (on_the_day.status, on_the_day.reached_on) == (e.ELIGIBLE, date(2025, 6, 4))


def test_a_hire_on_a_leap_day_reaches_twelve_months_on_28_february() -> None:
    facts = [hire(date(2024, 2, 29))]
    assert verdict(facts, "incentive_12", date(2025, 2, 27), 2024).status == e.SOON
    result = verdict(facts, "incentive_12", date(2025, 2, 28), 2024)
    assert (result.status, result.reached_on) == (e.ELIGIBLE, date(2025, 2, 28))


def test_leaving_on_the_day_three_months_are_reached_still_counts() -> None:
    # The leave date is the day the insurance ends (the day after the last day of work).
    facts = [hire(date(2025, 3, 4)), e.Fact("left", date(2025, 6, 4))]
    assert verdict(facts, "incentive_3", date(2025, 7, 1)).status == e.ELIGIBLE
    facts = [hire(date(2025, 3, 4)), e.Fact("left", date(2025, 6, 3))]
    result = verdict(facts, "incentive_3", date(2025, 7, 1))
    assert result.status == e.NOT_ELIGIBLE
    assert "2025-06-03" in result.reason_ko


def test_a_job_change_restarts_the_incentives_count() -> None:
    # given a graduate who changed job after two months
    facts = [
        hire(date(2025, 3, 4)),
        e.Fact("job_change", date(2025, 5, 10), employer="B", firm_size="sme", weekly_hours=40),
    ]
    # when assessed on 4 June (3 months after the first hire)
    result = verdict(facts, "incentive_3", date(2025, 6, 4))
    # then the count starts at the new job
    assert (result.status, result.reached_on) == (e.LATER, date(2025, 8, 10))


def test_a_job_change_after_three_months_keeps_the_first_claim() -> None:
    facts = [
        hire(date(2025, 3, 4)),
        e.Fact("job_change", date(2025, 7, 1), employer="B", firm_size="sme", weekly_hours=40),
    ]
    result = verdict(facts, "incentive_3", date(2025, 7, 2))
    assert (result.status, result.reached_on) == (e.ELIGIBLE, date(2025, 6, 4))


@pytest.mark.parametrize(("hours", "status"), [(14, e.NOT_ELIGIBLE), (15, e.ELIGIBLE)])
def test_fewer_than_fifteen_hours_a_week_are_not_eligible(hours: int, status: str) -> None:
    result = verdict([hire(date(2025, 3, 4), weekly_hours=hours)], "incentive_3", date(2025, 9, 1))
    assert result.status == status
    if status == e.NOT_ELIGIBLE:
        assert "14시간" in result.reason_ko
        assert "under 15" in result.reason_en


def test_a_large_firm_is_not_eligible_and_an_unknown_size_is_said() -> None:
    large = verdict([hire(date(2025, 3, 4), firm_size="large")], "incentive_3", date(2025, 9, 1))
    assert large.status == e.NOT_ELIGIBLE
    unknown = verdict([hire(date(2025, 3, 4), firm_size="")], "incentive_3", date(2025, 9, 1))
    assert unknown.status == e.UNKNOWN
    assert "기업 규모" in unknown.reason_ko
    assert "firm size" in unknown.reason_en
    midsize = verdict(
        [hire(date(2025, 3, 4), firm_size="midsize")], "incentive_3", date(2025, 9, 1)
    )
    assert midsize.status == e.ELIGIBLE


def test_an_insurance_check_finding_no_insurance_refuses_the_incentive() -> None:
    facts = [
        hire(date(2025, 3, 4)),
        e.Fact("insurance_check", date(2025, 6, 4), check_month=3, is_insured=False),
    ]
    assert verdict(facts, "incentive_3", date(2025, 7, 1)).status == e.NOT_ELIGIBLE


def test_no_job_no_incentive() -> None:
    result = verdict([], "incentive_3", date(2025, 7, 1))
    assert result.status == e.NOT_ELIGIBLE


def test_incumbent_admission_is_reached_three_years_after_the_hire() -> None:
    facts = [hire(date(2025, 3, 4))]
    assert verdict(facts, "incumbent_special", date(2028, 3, 3)).status == e.SOON
    result = verdict(facts, "incumbent_special", date(2028, 3, 4))
    assert (result.status, result.reached_on) == (e.ELIGIBLE, date(2028, 3, 4))
    far = verdict(facts, "incumbent_special", date(2026, 1, 1))
    assert (far.status, far.reached_on) == (e.LATER, date(2028, 3, 4))


def test_incumbent_admission_sums_jobs_and_leaves_the_gap_out() -> None:
    # given 100 days at a first job, a 30-day gap, then a second job
    facts = [
        hire(date(2025, 3, 1)),
        e.Fact("left", date(2025, 6, 9)),  # 100 days worked
        e.Fact("hired", date(2025, 7, 9), employer="B", firm_size="large", weekly_hours=40),
    ]
    result = verdict(facts, "incumbent_special", date(2026, 1, 1))
    # then 3 years are reached 100 days before the second job's third anniversary
    assert result.reached_on == date(2028, 3, 31)  # 2028-07-09 − 100 days


def test_incumbent_admission_needs_a_job_now_and_active_service_ends_work() -> None:
    facts = [hire(date(2025, 3, 4)), e.Fact("enlisted", date(2026, 5, 1), service_type="active")]
    assert verdict(facts, "incumbent_special", date(2028, 6, 1)).status == e.NOT_ELIGIBLE
    technical = [
        hire(date(2025, 3, 4)),
        e.Fact("enlisted", date(2026, 5, 1), service_type="industrial_technical"),
    ]
    assert verdict(technical, "incumbent_special", date(2028, 6, 1)).status == e.ELIGIBLE


def test_enrolled_on_the_route_is_used() -> None:
    facts = [
        hire(date(2025, 3, 4)),
        e.Fact("enrolled", date(2028, 3, 5), route="incumbent_special"),
    ]
    assert verdict(facts, "incumbent_special", date(2028, 4, 1)).status == e.USED


@pytest.mark.parametrize(
    ("hired_on", "status"),
    [
        (date(2024, 8, 31), e.NOT_ELIGIBLE),
        (date(2024, 9, 1), e.ELIGIBLE),
        (date(2025, 2, 28), e.ELIGIBLE),
        (date(2025, 3, 1), e.NOT_ELIGIBLE),
    ],
)
def test_early_employment_contract_window_is_the_third_years_second_semester(
    hired_on: date, status: str
) -> None:
    assert verdict([hire(hired_on)], "early_employment_contract", date(2025, 4, 1)).status == status


def test_early_employment_contract_window_ends_on_a_leap_february() -> None:
    result = verdict([hire(date(2024, 2, 29))], "early_employment_contract", date(2024, 4, 1), 2024)
    assert result.status == e.ELIGIBLE


def test_early_employment_contract_needs_the_same_company() -> None:
    facts = [
        hire(date(2024, 10, 1)),
        e.Fact("job_change", date(2025, 5, 1), employer="B", firm_size="sme", weekly_hours=40),
    ]
    assert verdict(facts, "early_employment_contract", date(2025, 6, 1)).status == e.NOT_ELIGIBLE


def test_events_after_today_are_ignored_and_every_rule_is_answered_once() -> None:
    result = e.assess([hire(date(2025, 9, 1))], graduation_year=2025, today=date(2025, 6, 1))
    assert [item.code for item in result.items] == [r.rule.code for r in ELIGIBILITY_RULES]
    assert all(item.status == e.NOT_ELIGIBLE for item in result.items)


def test_every_rule_has_a_source_a_checked_date_and_is_marked_unverified() -> None:
    for item in ELIGIBILITY_RULES:
        assert item.rule.source
        assert item.rule.checked_on == date(2026, 12, 7)
        assert item.rule.verified is False


def test_running_the_engine_loads_no_django() -> None:
    # given a fresh interpreter without Django settings (the contract sees static imports;
    # this sees what running the engine loads)
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import datetime as d, sys\n"
        "from vocnet.pathways.eligibility import Fact, assess\n"
        "assess([Fact('hired', d.date(2025, 3, 4), firm_size='sme', weekly_hours=40)],"
        " graduation_year=2025, today=d.date(2026, 1, 1))\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    root = Path(__file__).resolve().parents[3]
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=True,
    )
    # then no django module was loaded
    assert completed.stdout.strip().splitlines()[-1] == "[]"
