"""Fulfilment arithmetic of agreements: pure Python (standard library only), no Django.

Plain dataclasses in, plain dataclasses out; :class:`FulfilmentError` for impossible input.
The ORM adapter lives in ``vocnet.agreements.selectors`` (``progress_of``).

Definitions (docs/adr/0006-agreements.md):

* **Agreement years.** Year *k* runs from ``start + (k − 1) years`` to the day before
  ``start + k years``; the last year is cut at ``end``. A yearly target falls due on the last
  day of its year.
* **Elapsed fraction** of a year on ``as_of``: days from the year's first day to ``as_of``,
  both counted, over the days of the year, clamped to 0..1. On the last day of a year it is 1.
* **Pro-rata target to date** = Σ over the years of *target × elapsed fraction*.
* **Delivered to date** = Σ of the deliveries dated on or before ``as_of`` (corrections are
  negative deliveries).
* **Ratio** = delivered ÷ pro-rata target; ``None`` while the pro-rata target is 0.
* **Behind**: ratio below :data:`BEHIND_RATIO` once :data:`GRACE_DAYS` have passed since the
  agreement started.
* **Short periods**: within the first :data:`GRACE_DAYS` a commitment's percentage is not shown
  (``percent`` is ``None``, pages say "집계 전" and state the rule): against a pro-rata target of
  a few days, one delivery reads as thousands of per cent. The ratio itself is still computed
  (aggregates cap each ratio at 1, so they stay meaningful).
* **Aggregates** (per party, pillar, agreement, province) never add different units: their
  ratio is the plain mean of the commitments' ratios, each capped at 1, so one commitment
  delivered three times over cannot hide another that is behind. Commitments without a ratio
  (pro-rata target 0) are counted but not averaged. Totals per unit are given separately.

Arithmetic is exact (``Fraction``); results are rounded half-up only when returned:
quantities to 0.01, ratios to 0.0001.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# A commitment is behind when less than 80 % of its pro-rata target has been delivered.
BEHIND_RATIO = Fraction(4, 5)
# Nothing is flagged in the first 30 days of an agreement: deliveries take time to record.
GRACE_DAYS = 30
QUANTITY_STEP = Decimal("0.01")
RATIO_STEP = Decimal("0.0001")


class FulfilmentError(ValueError):
    """The input cannot describe an agreement (end before start, a target for a year the
    agreement does not have)."""


@dataclass(frozen=True)
class AgreementYear:
    index: int
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class TargetInput:
    year_index: int
    quantity: Decimal


@dataclass(frozen=True)
class DeliveryInput:
    delivered_on: date
    quantity: Decimal


@dataclass(frozen=True)
class CommitmentInput:
    """One commitment: ``key`` identifies it, ``party`` and ``pillar`` group it."""

    key: str
    party: str
    pillar: str
    unit: str
    targets: tuple[TargetInput, ...]
    deliveries: tuple[DeliveryInput, ...] = ()


@dataclass(frozen=True)
class CommitmentProgress:
    key: str
    party: str
    pillar: str
    unit: str
    target_total: Decimal
    pro_rata_target: Decimal
    delivered: Decimal
    ratio: Decimal | None
    is_behind: bool
    # The exact ratio, for aggregation without double rounding.
    exact_ratio: Fraction | None = None
    # Within the first GRACE_DAYS of the agreement: the pro-rata target covers a few days, so
    # the ratio is arithmetic, not a figure to show (one delivery on day 1 is "14600 %").
    is_early: bool = False

    @property
    def percent(self) -> Decimal | None:
        """The ratio in per cent, ``None`` without a ratio or while :attr:`is_early`."""
        if self.ratio is None or self.is_early:
            return None
        return (self.ratio * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class GroupProgress:
    """Commitments grouped by party, pillar or agreement: how many, how many have a ratio,
    the mean of their capped ratios, and how many are behind."""

    key: str
    commitments: int
    rated: int
    ratio: Decimal | None
    behind: int

    @property
    def percent(self) -> Decimal | None:
        return None if self.ratio is None else (self.ratio * 100).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class UnitTotal:
    unit: str
    target_total: Decimal
    pro_rata_target: Decimal
    delivered: Decimal


@dataclass(frozen=True)
class AgreementProgress:
    as_of: date
    years: tuple[AgreementYear, ...]
    commitments: tuple[CommitmentProgress, ...]
    overall: GroupProgress
    by_party: dict[str, GroupProgress]
    by_pillar: dict[str, GroupProgress]
    by_unit: tuple[UnitTotal, ...]


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def agreement_years(start: date, end: date) -> tuple[AgreementYear, ...]:
    """The agreement years from ``start`` to ``end`` (both included). Raises FulfilmentError
    when ``end`` is before ``start``."""
    if end < start:
        raise FulfilmentError(f"end {end} is before start {start}")
    years: list[AgreementYear] = []
    index = 1
    while (year_start := add_years(start, index - 1)) <= end:
        year_end = min(add_years(start, index) - timedelta(days=1), end)
        years.append(AgreementYear(index, year_start, year_end))
        index += 1
    return tuple(years)


def elapsed_fraction(year: AgreementYear, as_of: date) -> Fraction:
    """The share of ``year`` elapsed on ``as_of`` (both ends counted), clamped to 0..1."""
    elapsed = (as_of - year.start).days + 1
    return min(max(Fraction(elapsed, year.days), Fraction(0)), Fraction(1))


def _quantity(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        QUANTITY_STEP, rounding=ROUND_HALF_UP
    )


def _ratio(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        RATIO_STEP, rounding=ROUND_HALF_UP
    )


def _elapsed_by_index(years: tuple[AgreementYear, ...], as_of: date) -> dict[int, tuple[int, int]]:
    """Each year's elapsed fraction on ``as_of`` (``elapsed_fraction``) by the year's index,
    as the integers (days elapsed, clamped to 0..days; days of the year): once per
    agreement, not once per target, and no ``Fraction`` made."""
    return {
        year.index: (min(max((as_of - year.start).days + 1, 0), year.days), year.days)
        for year in years
    }


def _sums(
    commitment: CommitmentInput,
    elapsed: dict[int, tuple[int, int]],
    as_of: date,
) -> tuple[int, int, int, int, int, int]:
    """The commitment's target total, pro-rata target and delivered quantity on ``as_of``
    as three (numerator, denominator) pairs of integers, denominators positive, given
    ``_elapsed_by_index(years, as_of)``. Raises FulfilmentError for a target of a year
    outside ``years``.

    Added up as integer numerators over integer denominators (a quantity's
    ``as_integer_ratio``, exact for a ``Decimal``): the same exact values as adding
    ``Fraction``s, without a ``Fraction`` (and its gcd) per term, which was most of a list
    page's arithmetic."""
    total_n, total_d = 0, 1
    pro_n, pro_d = 0, 1
    for target in commitment.targets:
        share = elapsed.get(target.year_index)
        if share is None:
            raise FulfilmentError(
                f"commitment {commitment.key}: no agreement year {target.year_index}"
            )
        n, d = target.quantity.as_integer_ratio()
        if d == total_d:
            total_n += n
        else:
            total_n, total_d = total_n * d + n * total_d, total_d * d
        n, d = n * share[0], d * share[1]
        if d == pro_d:
            pro_n += n
        else:
            pro_n, pro_d = pro_n * d + n * pro_d, pro_d * d
    delivered_n, delivered_d = 0, 1
    for delivery in commitment.deliveries:
        if delivery.delivered_on <= as_of:
            n, d = delivery.quantity.as_integer_ratio()
            if d == delivered_d:
                delivered_n += n
            else:
                delivered_n, delivered_d = delivered_n * d + n * delivered_d, delivered_d * d
    return total_n, total_d, pro_n, pro_d, delivered_n, delivered_d


def _pro_rata_and_delivered(
    commitment: CommitmentInput,
    elapsed: dict[int, tuple[int, int]],
    as_of: date,
) -> tuple[Fraction, Fraction, Fraction]:
    """The commitment's target total, pro-rata target and delivered quantity on ``as_of``,
    exact (``_sums`` as ``Fraction``s)."""
    total_n, total_d, pro_n, pro_d, delivered_n, delivered_d = _sums(commitment, elapsed, as_of)
    return (
        Fraction(total_n, total_d),
        Fraction(pro_n, pro_d),
        Fraction(delivered_n, delivered_d),
    )


def _grace_over(years: tuple[AgreementYear, ...], as_of: date) -> bool:
    return bool(years) and (as_of - years[0].start).days >= GRACE_DAYS


def _is_behind(exact: Fraction | None, grace_over: bool) -> bool:
    return exact is not None and grace_over and exact < BEHIND_RATIO


def commitment_progress(
    commitment: CommitmentInput,
    years: tuple[AgreementYear, ...],
    as_of: date,
) -> CommitmentProgress:
    """Progress of one commitment on ``as_of``. Raises FulfilmentError for a target of a
    year outside ``years``."""
    return _commitment_progress(commitment, years, _elapsed_by_index(years, as_of), as_of)


def _commitment_progress(
    commitment: CommitmentInput,
    years: tuple[AgreementYear, ...],
    elapsed: dict[int, tuple[int, int]],
    as_of: date,
) -> CommitmentProgress:
    target_total, pro_rata, delivered = _pro_rata_and_delivered(commitment, elapsed, as_of)
    exact = delivered / pro_rata if pro_rata > 0 else None
    grace_over = _grace_over(years, as_of)
    return CommitmentProgress(
        key=commitment.key,
        party=commitment.party,
        pillar=commitment.pillar,
        unit=commitment.unit,
        target_total=_quantity(target_total),
        pro_rata_target=_quantity(pro_rata),
        delivered=_quantity(delivered),
        ratio=None if exact is None else _ratio(exact),
        is_behind=_is_behind(exact, grace_over),
        exact_ratio=exact,
        is_early=not grace_over,
    )


def _group(key: str, count: int, exact_ratios: list[Fraction | None], behind: int) -> GroupProgress:
    ratios = [min(exact, Fraction(1)) for exact in exact_ratios if exact is not None]
    mean = sum(ratios, Fraction(0)) / len(ratios) if ratios else None
    return GroupProgress(
        key=key,
        commitments=count,
        rated=len(ratios),
        ratio=None if mean is None else _ratio(mean),
        behind=behind,
    )


def aggregate(key: str, progresses: Iterable[CommitmentProgress]) -> GroupProgress:
    """One group's figures: the mean of the capped ratios of the commitments that have one."""
    items = list(progresses)
    return _group(
        key,
        len(items),
        [p.exact_ratio for p in items],
        sum(1 for p in items if p.is_behind),
    )


def overall_progress(
    *,
    start: date,
    end: date,
    commitments: Iterable[CommitmentInput],
    as_of: date,
    key: str = "agreement",
) -> GroupProgress:
    """``agreement_progress(...).overall`` without the per-commitment quantities, the
    other groupings and the units (for lists, which show the overall figure only). Raises
    FulfilmentError as ``agreement_progress`` does."""
    years = agreement_years(start, end)
    grace_over = _grace_over(years, as_of)
    elapsed = _elapsed_by_index(years, as_of)
    exact_ratios: list[Fraction | None] = []
    behind = 0
    for commitment in commitments:
        # delivered ÷ pro-rata made a Fraction once, and "behind" (below 4/5 once the grace
        # days are over) compared in integers: 5 × delivered < 4 × pro-rata.
        _tn, _td, pro_n, pro_d, delivered_n, delivered_d = _sums(commitment, elapsed, as_of)
        if pro_n > 0:
            exact_ratios.append(Fraction(delivered_n * pro_d, delivered_d * pro_n))
            behind += grace_over and (
                BEHIND_RATIO.denominator * delivered_n * pro_d
                < BEHIND_RATIO.numerator * delivered_d * pro_n
            )
        else:
            exact_ratios.append(None)
    return _group(key, len(exact_ratios), exact_ratios, behind)


def group_by(
    progresses: Iterable[CommitmentProgress], key: Callable[[CommitmentProgress], str]
) -> dict[str, GroupProgress]:
    """Aggregates per ``key`` in the order the keys first appear."""
    groups: dict[str, list[CommitmentProgress]] = {}
    for progress in progresses:
        groups.setdefault(key(progress), []).append(progress)
    return {name: aggregate(name, items) for name, items in groups.items()}


def unit_totals(progresses: Iterable[CommitmentProgress]) -> tuple[UnitTotal, ...]:
    """Targets and deliveries added up per unit (never across units)."""
    sums: dict[str, list[Decimal]] = {}
    for progress in progresses:
        row = sums.setdefault(progress.unit, [Decimal(0), Decimal(0), Decimal(0)])
        row[0] += progress.target_total
        row[1] += progress.pro_rata_target
        row[2] += progress.delivered
    return tuple(UnitTotal(unit, *values) for unit, values in sums.items())


def agreement_progress(
    *,
    start: date,
    end: date,
    commitments: Iterable[CommitmentInput],
    as_of: date,
    key: str = "agreement",
) -> AgreementProgress:
    """Progress of every commitment of one agreement on ``as_of``, and the aggregates per
    party, per pillar, per unit and overall. Raises FulfilmentError (see above)."""
    years = agreement_years(start, end)
    elapsed = _elapsed_by_index(years, as_of)
    items = tuple(_commitment_progress(c, years, elapsed, as_of) for c in commitments)
    return AgreementProgress(
        as_of=as_of,
        years=years,
        commitments=items,
        overall=aggregate(key, items),
        by_party=group_by(items, lambda p: p.party),
        by_pillar=group_by(items, lambda p: p.pillar),
        by_unit=unit_totals(items),
    )
