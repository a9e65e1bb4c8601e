"""The fulfilment arithmetic (pure: no database, no Django), with exact values."""

from __future__ import annotations

import ast
import random
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from vocnet.agreements import fulfilment
from vocnet.agreements.fulfilment import (
    AgreementYear,
    CommitmentInput,
    DeliveryInput,
    FulfilmentError,
    TargetInput,
    add_years,
    agreement_progress,
    agreement_years,
    elapsed_fraction,
)

START, END = date(2025, 3, 1), date(2028, 2, 29)


def _commitment(
    key: str = "c1",
    per_year: tuple[str, ...] = ("10", "10", "10"),
    deliveries: tuple[tuple[date, str], ...] = (),
    party: str = "school",
    pillar: str = "cross_track",
    unit: str = "seats",
) -> CommitmentInput:
    return CommitmentInput(
        key=key,
        party=party,
        pillar=pillar,
        unit=unit,
        targets=tuple(TargetInput(i, Decimal(q)) for i, q in enumerate(per_year, start=1)),
        deliveries=tuple(DeliveryInput(day, Decimal(q)) for day, q in deliveries),
    )


def _one(commitment: CommitmentInput, as_of: date) -> fulfilment.CommitmentProgress:
    return agreement_progress(
        start=START, end=END, commitments=[commitment], as_of=as_of
    ).commitments[0]


def test_agreement_years_run_from_the_start_date_and_the_last_is_cut_at_the_end() -> None:
    # given an agreement from 1 March 2025 to 29 February 2028 (a leap day)
    # when its years are derived
    years = agreement_years(START, END)

    # then there are three, each ending the day before the next starts
    assert years == (
        AgreementYear(1, date(2025, 3, 1), date(2026, 2, 28)),
        AgreementYear(2, date(2026, 3, 1), date(2027, 2, 28)),
        AgreementYear(3, date(2027, 3, 1), date(2028, 2, 29)),
    )
    assert [year.days for year in years] == [365, 365, 366]


def test_a_short_last_year_is_cut_at_the_end_date() -> None:
    assert agreement_years(date(2025, 9, 1), date(2026, 12, 31)) == (
        AgreementYear(1, date(2025, 9, 1), date(2026, 8, 31)),
        AgreementYear(2, date(2026, 9, 1), date(2026, 12, 31)),
    )


def test_a_leap_day_start_moves_to_28_february_in_common_years() -> None:
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_elapsed_fraction_counts_both_ends_and_is_clamped() -> None:
    year = AgreementYear(1, date(2025, 3, 1), date(2026, 2, 28))

    assert elapsed_fraction(year, date(2025, 2, 1)) == 0
    assert elapsed_fraction(year, date(2025, 3, 1)) == fulfilment.Fraction(1, 365)
    assert elapsed_fraction(year, date(2025, 8, 28)) == fulfilment.Fraction(181, 365)
    assert elapsed_fraction(year, date(2026, 2, 28)) == 1
    assert elapsed_fraction(year, date(2027, 1, 1)) == 1


def test_pro_rata_target_and_ratio_in_the_middle_of_the_first_year() -> None:
    # given 10 seats a year and 3 delivered by 28 August 2025 (day 181 of 365)
    commitment = _commitment(deliveries=((date(2025, 5, 2), "1"), (date(2025, 8, 28), "2")))

    # when progress is computed on 28 August 2025
    progress = _one(commitment, date(2025, 8, 28))

    # then the pro-rata target is 10 × 181/365 = 4.9589… and 3 is 60.50 % of it: behind
    assert progress.target_total == Decimal("30.00")
    assert progress.pro_rata_target == Decimal("4.96")
    assert progress.delivered == Decimal("3.00")
    assert progress.ratio == Decimal("0.6050")
    assert progress.percent == Decimal("60.5")
    assert progress.is_behind is True


def test_exactly_eighty_percent_is_on_track_and_just_below_is_behind() -> None:
    # given the whole first year elapsed: the pro-rata target is exactly 10
    on_track = _one(_commitment(deliveries=((date(2025, 6, 1), "8"),)), date(2026, 2, 28))
    behind = _one(_commitment(deliveries=((date(2025, 6, 1), "7.99"),)), date(2026, 2, 28))

    assert on_track.pro_rata_target == Decimal("10.00")
    assert on_track.ratio == Decimal("0.8000")
    assert on_track.is_behind is False
    assert behind.ratio == Decimal("0.7990")
    assert behind.is_behind is True


def test_nothing_is_behind_in_the_first_thirty_days() -> None:
    # given nothing delivered
    commitment = _commitment()

    # when checked on day 30 (29 days after the start) and on day 31
    day_30 = _one(commitment, date(2025, 3, 30))
    day_31 = _one(commitment, date(2025, 3, 31))

    # then only the later one is flagged
    assert day_30.ratio == Decimal("0.0000")
    assert day_30.is_behind is False
    assert day_31.is_behind is True


def test_a_commitment_whose_targets_start_later_has_no_ratio_yet() -> None:
    # given graduate hires only from year 3
    commitment = _commitment(per_year=("0", "0", "4"), unit="persons")

    progress = _one(commitment, date(2026, 6, 1))

    assert progress.pro_rata_target == Decimal("0.00")
    assert progress.ratio is None
    assert progress.is_behind is False


def test_deliveries_after_the_date_do_not_count_and_corrections_subtract() -> None:
    commitment = _commitment(
        deliveries=(
            (date(2025, 6, 1), "10"),
            (date(2025, 6, 2), "-2"),
            (date(2025, 12, 1), "5"),
        )
    )

    progress = _one(commitment, date(2025, 11, 30))

    assert progress.delivered == Decimal("8.00")


def test_targets_of_several_years_add_up_pro_rata() -> None:
    # given 100,000,000 won in year 1 and 200,000,000 in year 2, on 30 August 2026
    commitment = _commitment(
        per_year=("100000000", "200000000", "0"),
        deliveries=((date(2025, 12, 1), "100000000"), (date(2026, 7, 1), "50000000")),
        unit="krw",
    )

    progress = _one(commitment, date(2026, 8, 30))

    # then year 1 counts fully and year 2 for 183 of 365 days:
    # 100,000,000 + 200,000,000 × 183/365 = 200,273,972.60…
    assert progress.pro_rata_target == Decimal("200273972.60")
    assert progress.delivered == Decimal("150000000.00")
    assert progress.ratio == Decimal("0.7490")
    assert progress.is_behind is True


def test_aggregates_average_capped_ratios_and_never_add_units() -> None:
    # given, on the last day of year 1: seats 5 of 10 (50 %), hires 30 of 10 (300 %, counts
    # as 100 %), funding 50,000,000 of 100,000,000 won (50 %) and a target not yet started
    as_of = date(2026, 2, 28)
    commitments = [
        _commitment("seats", deliveries=((as_of, "5"),), party="company", pillar="cross_track"),
        _commitment(
            "hires",
            deliveries=((as_of, "30"),),
            party="company",
            pillar="industry_linkage",
            unit="persons",
        ),
        _commitment(
            "money",
            per_year=("100000000", "100000000", "100000000"),
            deliveries=((as_of, "50000000"),),
            party="city",
            pillar="regional_cooperation",
            unit="krw",
        ),
        _commitment("later", per_year=("0", "5", "5"), party="city", pillar="cross_track"),
    ]

    # when the agreement's progress is computed
    progress = agreement_progress(start=START, end=END, commitments=commitments, as_of=as_of)

    # then the overall ratio is (0.5 + 1 + 0.5) / 3, the unrated commitment is counted only
    assert progress.overall.commitments == 4
    assert progress.overall.rated == 3
    assert progress.overall.ratio == Decimal("0.6667")
    assert progress.overall.behind == 2
    assert progress.by_party["company"].ratio == Decimal("0.7500")
    assert progress.by_party["city"].ratio == Decimal("0.5000")
    assert progress.by_pillar["cross_track"].ratio == Decimal("0.5000")
    assert progress.by_pillar["cross_track"].commitments == 2
    assert progress.by_pillar["industry_linkage"].ratio == Decimal("1.0000")
    assert [(u.unit, u.target_total, u.delivered) for u in progress.by_unit] == [
        ("seats", Decimal("40.00"), Decimal("5.00")),
        ("persons", Decimal("30.00"), Decimal("30.00")),
        ("krw", Decimal("300000000.00"), Decimal("50000000.00")),
    ]


def test_an_agreement_without_rated_commitments_has_no_ratio() -> None:
    progress = agreement_progress(start=START, end=END, commitments=[], as_of=date(2026, 1, 1))

    assert progress.overall.ratio is None
    assert progress.overall.commitments == 0


_MIXED = [
    _commitment("behind", deliveries=((date(2025, 6, 1), "2"), (date(2025, 9, 1), "1.5"))),
    _commitment("over", per_year=("3", "3", "3"), deliveries=((date(2025, 4, 1), "30"),)),
    _commitment("unrated", per_year=("0", "0", "7")),
    _commitment("none", per_year=()),
    _commitment(
        "corrected",
        per_year=("1.25", "2.5", "0.75"),
        deliveries=((date(2025, 5, 1), "2"), (date(2025, 5, 2), "-1"), (date(2027, 1, 1), "9")),
    ),
]


@pytest.mark.parametrize(
    "as_of",
    [
        date(2025, 2, 1),
        START,
        date(2025, 3, 20),
        date(2025, 3, 31),
        date(2025, 9, 1),
        date(2026, 2, 28),
        date(2027, 6, 30),
        END,
        date(2030, 1, 1),
    ],
)
@pytest.mark.parametrize("count", [0, 1, 3, 5])
def test_overall_progress_is_agreement_progress_overall(as_of: date, count: int) -> None:
    commitments = _MIXED[:count]

    assert (
        fulfilment.overall_progress(
            start=START, end=END, commitments=commitments, as_of=as_of, key="a"
        )
        == agreement_progress(
            start=START, end=END, commitments=commitments, as_of=as_of, key="a"
        ).overall
    )


def test_overall_progress_raises_like_agreement_progress() -> None:
    with pytest.raises(FulfilmentError):
        fulfilment.overall_progress(
            start=START,
            end=END,
            commitments=[_commitment(per_year=("1", "1", "1", "1"))],
            as_of=date(2026, 1, 1),
        )


def test_impossible_input_raises_fulfilment_error() -> None:
    with pytest.raises(FulfilmentError):
        agreement_years(date(2026, 1, 1), date(2025, 1, 1))
    with pytest.raises(FulfilmentError):
        agreement_progress(
            start=START,
            end=END,
            commitments=[_commitment(per_year=("1", "1", "1", "1"))],
            as_of=date(2026, 1, 1),
        )


def test_the_fulfilment_module_does_not_import_django() -> None:
    # given the module's source
    path = Path(fulfilment.__file__)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    ]

    # then nothing it imports is Django, and importing it loads no Django module
    assert [name for name in imported if name.split(".")[0] == "django"] == []
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, vocnet.agreements.fulfilment; "
            "print(any(m.split('.')[0] == 'django' for m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=path.parents[2],
    )
    assert loaded.stdout.strip() == "False"


def _reference_pro_rata_and_delivered(
    commitment: CommitmentInput, years: tuple[AgreementYear, ...], as_of: date
) -> tuple[Fraction, Fraction, Fraction]:
    """The sums as they were computed before the integer arithmetic: a ``Fraction`` per term."""
    elapsed = {year.index: elapsed_fraction(year, as_of) for year in years}
    pro_rata = Fraction(0)
    target_total = Fraction(0)
    for target in commitment.targets:
        quantity = Fraction(target.quantity)
        target_total += quantity
        pro_rata += quantity * elapsed[target.year_index]
    delivered = sum(
        (Fraction(d.quantity) for d in commitment.deliveries if d.delivered_on <= as_of),
        Fraction(0),
    )
    return target_total, pro_rata, delivered


def test_the_integer_sums_equal_the_fraction_sums() -> None:
    # given commitments of every shape: fractional and whole quantities, corrections, several
    # years, a short last year, deliveries before and after the day
    rng = random.Random(38)
    start, end = date(2024, 2, 29), date(2027, 6, 30)
    years = agreement_years(start, end)
    quantities = ("0", "1", "2.5", "0.01", "7.99", "-2", "100000000", "33.333", "12.50")
    commitments = []
    for case in range(300):
        commitment = CommitmentInput(
            key=str(case),
            party="p",
            pillar="x",
            unit="u",
            targets=tuple(
                TargetInput(year.index, Decimal(rng.choice(quantities)))
                for year in years
                if rng.random() < 0.8
            ),
            deliveries=tuple(
                DeliveryInput(
                    start + timedelta(days=rng.randrange(0, 1300)),
                    Decimal(rng.choice(quantities)),
                )
                for _ in range(rng.randrange(0, 6))
            ),
        )
        as_of = start + timedelta(days=rng.randrange(-10, 1400))

        # then the integer arithmetic gives exactly the Fractions of the reference
        assert fulfilment._pro_rata_and_delivered(
            commitment, fulfilment._elapsed_by_index(years, as_of), as_of
        ) == _reference_pro_rata_and_delivered(commitment, years, as_of)
        commitments.append(commitment)

    # and the lists' overall figure (its ratios and "behind" in integers) is the overall
    # figure of the per-commitment progress, in groups of ten commitments on every day
    for offset in range(0, 300, 10):
        group = commitments[offset : offset + 10]
        as_of = start + timedelta(days=offset * 4 - 20)
        assert (
            fulfilment.overall_progress(start=start, end=end, commitments=group, as_of=as_of)
            == agreement_progress(start=start, end=end, commitments=group, as_of=as_of).overall
        )
