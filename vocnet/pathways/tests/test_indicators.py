"""The pure indicator engine: a graduate's events → the summary counted, counts → the rates of
the definitions in ``rules``, and small-cell suppression. No database."""

from __future__ import annotations

from datetime import date

from vocnet.pathways import rules
from vocnet.pathways.indicators import (
    SUPPRESSED,
    Event,
    IndicatorCounts,
    rates,
    shown,
    summarise,
)


def test_a_graduate_hired_in_march_in_the_school_region_is_employed_on_the_reference_day() -> None:
    # Given a hire on 4 March 2025 in 시흥 and a 6-month insurance check that found them insured
    events = [
        Event("hired", date(2025, 3, 4), workplace_code="41390"),
        Event("insurance_check", date(2025, 9, 4), check_month=6, is_insured=True),
    ]
    # When summarised for the class of 2025
    summary = summarise(events, 2025, "unknown")
    # Then they count as employed on 1 April, 31 days after 1 February, retained at 6 months
    assert summary.status == "employed"
    assert summary.days_to_first_job == 31
    assert summary.workplace_code == "41390"
    assert (summary.retained_6, summary.retained_12) == (True, None)


def test_a_worker_studying_on_an_early_employment_contract_counts_as_employed() -> None:
    events = [
        Event("hired", date(2024, 10, 1), workplace_code="41390"),
        Event("enrolled", date(2025, 3, 2), route="early_employment_contract"),
    ]
    summary = summarise(events, 2025, "unknown")
    assert summary.status == "employed"
    assert summary.study_route == "early_employment_contract"
    # A hire before graduation is 0 days to the first job.
    assert summary.days_to_first_job == 0


def test_status_follows_the_reference_day_and_the_latest_event_before_it() -> None:
    # Hired, left before 1 April, enlisted as 산업기능요원 does not make a soldier
    left = [Event("hired", date(2025, 2, 3)), Event("left", date(2025, 3, 20))]
    assert summarise(left, 2025, "employed").status == "not_employed"
    later = [Event("hired", date(2025, 5, 2))]
    assert summarise(later, 2025, "employed").status == "not_employed"
    assert summarise(later, 2025, "employed").first_job_on == date(2025, 5, 2)
    soldier = [Event("enlisted", date(2025, 3, 2), service_type="active")]
    assert summarise(soldier, 2025, "").status == "enlisted"
    technical = [Event("enlisted", date(2025, 3, 2), service_type="industrial_technical")]
    assert summarise(technical, 2025, "").status == "not_employed"
    regular = [Event("enrolled", date(2025, 3, 2), route="regular")]
    assert summarise(regular, 2025, "").status == "higher_education"
    assert summarise(regular, 2025, "").study_route == ""


def test_without_events_the_recorded_destination_counts() -> None:
    assert summarise([], 2025, "university").status == "higher_education"
    assert summarise([], 2025, "military").status == "enlisted"
    assert summarise([], 2025, "other").status == "not_employed"


def test_employment_rate_is_the_national_definition() -> None:
    # 2025 national: 15,296 employed of 59,661 graduates, 29,373 in higher education; the
    # rest of the base (2,578) enlisted or exempted → 55.2 % (key_numbers.md)
    counts = IndicatorCounts(
        graduates=59_661, employed=15_296, higher_education=29_373, enlisted=2_000, exempted=578
    )
    result = rates(counts)
    assert result.employment is not None
    assert round(result.employment, 1) == 55.2
    assert result.higher_education is not None
    assert round(result.higher_education, 1) == 49.2
    assert rules.EMPLOYMENT_RATE.official
    assert not rules.RETENTION_RATE.official


def test_small_counts_and_the_rates_made_of_them_are_suppressed() -> None:
    counts = IndicatorCounts(graduates=40, employed=3, higher_education=20, work_study=0)
    suppressed = shown(counts, suppress=True)
    assert suppressed.graduates == 40
    assert suppressed.employed == SUPPRESSED
    assert suppressed.employment_rate == SUPPRESSED
    assert suppressed.higher_education_rate == 50.0
    # Zero identifies nobody and is shown.
    assert suppressed.work_study == 0
    own = shown(counts, suppress=False)
    assert own.employed == 3
    assert own.employment_rate == 15.0
