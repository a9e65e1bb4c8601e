"""Time in work, 재직자 특별전형 eligibility and the cohort's stages: pure functions."""

from __future__ import annotations

from datetime import date, timedelta

from vocnet.pathways.indicators import Event
from vocnet.pathways.tenure import cohort_stage, tenure

ON = date(2025, 6, 1)


def test_three_years_in_one_job_make_a_graduate_eligible_on_the_day_they_are_reached() -> None:
    # Given a graduate hired on 2 March 2022 and still working
    result = tenure([Event("hired", date(2022, 3, 2))], ON)
    # Then 3 calendar years are reached on 2 March 2025 (as the eligibility engine counts)
    assert result.days == (ON - date(2022, 3, 2)).days
    assert result.is_working is True
    assert result.eligible_on == date(2025, 3, 2)
    assert result.is_eligible is True


def test_spells_are_added_and_a_working_graduate_gets_the_day_ahead() -> None:
    events = [
        Event("hired", date(2022, 3, 2)),
        Event("left", date(2023, 3, 2)),
        Event("hired", date(2024, 1, 1)),
    ]
    result = tenure(events, ON)
    assert result.days == 365 + (ON - date(2024, 1, 1)).days
    # 3 years from the current job's start, less the 365 days of the first job
    assert result.eligible_on == date(2027, 1, 1) - timedelta(days=365)
    assert result.is_eligible is False


def test_a_graduate_who_left_short_of_three_years_has_no_eligibility_day() -> None:
    result = tenure([Event("hired", date(2022, 3, 2)), Event("left", date(2023, 3, 2))], ON)
    assert (result.days, result.is_working, result.eligible_on) == (365, False, None)


def test_enlistment_ends_a_spell_but_industrial_technical_service_does_not() -> None:
    active = tenure([Event("hired", date(2022, 3, 2)), Event("enlisted", date(2023, 3, 2))], ON)
    technical = tenure(
        [
            Event("hired", date(2022, 3, 2)),
            Event("enlisted", date(2023, 3, 2), service_type="industrial_technical"),
        ],
        ON,
    )
    assert active.is_working is False
    assert technical.is_working is True
    assert technical.is_eligible is True


def test_cohort_stages_follow_the_enrolment_and_completion_events() -> None:
    enrolled = [Event("enrolled", date(2025, 3, 2), route="incumbent_special")]
    assert cohort_stage(enrolled, None, ON) == ("enrolled", date(2025, 3, 2), None)
    assert cohort_stage(enrolled, None, date(2026, 6, 1))[0] == "continuing"
    done = [*enrolled, Event("completed", date(2029, 2, 20))]
    assert cohort_stage(done, None, date(2029, 3, 1)) == (
        "completed",
        date(2025, 3, 2),
        date(2029, 2, 20),
    )
    # Without an enrolment event the university's recorded day counts
    assert cohort_stage([], date(2025, 3, 4), ON) == ("enrolled", date(2025, 3, 4), None)


def test_computing_tenure_loads_no_django() -> None:
    import subprocess
    import sys

    script = (
        "import datetime as d, sys\n"
        "from vocnet.pathways.indicators import Event\n"
        "from vocnet.pathways.tenure import tenure, cohort_stage\n"
        "tenure([Event('hired', d.date(2022, 3, 2))], d.date(2025, 6, 1))\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == "[]"


def test_the_universities_day_is_the_eligibility_engines_day() -> None:
    from vocnet.pathways.eligibility import ELIGIBLE, Fact, assess

    # Given a graduate hired on 29 February 2024 (a leap day) who changed jobs in 2025
    hired, changed = date(2024, 2, 29), date(2025, 5, 1)
    on = date(2027, 3, 1)
    events = [Event("hired", hired), Event("job_change", changed)]
    facts = [Fact("hired", hired), Fact("job_change", changed)]

    # Then the universities' page and the eligibility engine give the same day
    verdicts = assess(facts, graduation_year=2024, today=on)
    incumbent = next(v for v in verdicts.items if v.rule.rule.code == "incumbent_special")
    assert tenure(events, on).eligible_on == incumbent.reached_on == date(2027, 3, 1)
    assert incumbent.status == ELIGIBLE
