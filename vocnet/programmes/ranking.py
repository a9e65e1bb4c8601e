"""Aggregating reviewers' scores and ranking applications — pure Python, no Django.

Dataclasses in, dataclasses out; :class:`RankingError` carries a code and a bilingual message.
Arithmetic is exact (``fractions.Fraction``); totals are given back as ``Decimal`` rounded
half-up to 2 places for display, while ranking compares the exact values.

Rules (as data on each call, ``Call.aggregation`` and ``Call.tie_rule``):

* ``mean`` — the mean of the reviewers' totals.
* ``trimmed_mean`` — the reviewer with the highest total and the one with the lowest are left
  out, then the mean (최고·최저점 제외 평균); it needs at least 3 reviewers.
* Ties on the total: ``rubric_order`` compares the areas' aggregated scores in rubric order
  (교육플랜, then 거버넌스, …); ``earlier_submission`` puts the earlier submission first.
  Applications still equal share a rank; a shortlist whose cut-off falls inside such a tie is
  refused (the officer decides, with reasons).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

MEAN = "mean"
TRIMMED_MEAN = "trimmed_mean"
RUBRIC_ORDER = "rubric_order"
EARLIER_SUBMISSION = "earlier_submission"


class RankingError(Exception):
    def __init__(self, code: str, message_ko: str, message_en: str) -> None:
        super().__init__(f"{message_ko} / {message_en}")
        self.code = code
        self.message_ko = message_ko
        self.message_en = message_en


@dataclass(frozen=True)
class ReviewerScore:
    """One reviewer's scores of one application: points per area (sub-items summed)."""

    reviewer: str
    areas: dict[str, Decimal]

    @property
    def total(self) -> Fraction:
        return sum((Fraction(points) for points in self.areas.values()), Fraction(0))


@dataclass(frozen=True)
class ApplicationScores:
    application: str
    submitted_at: datetime
    scores: tuple[ReviewerScore, ...]


@dataclass(frozen=True)
class Ranked:
    application: str
    rank: int
    total: Decimal
    areas: dict[str, Decimal]
    reviewers: int
    tied_with: tuple[str, ...] = ()


def _display(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def aggregate(values: list[Fraction], method: str) -> Fraction:
    """The mean of ``values``, or their mean without one highest and one lowest.

    Raises RankingError: no values; fewer than 3 for a trimmed mean; an unknown method."""
    if not values:
        raise RankingError("no_scores", "채점한 평가위원이 없습니다.", "No reviewer has scored.")
    if method == MEAN:
        kept = values
    elif method == TRIMMED_MEAN:
        if len(values) < 3:
            raise RankingError(
                "too_few_reviewers",
                f"최고·최저 제외 평균에는 평가위원이 3명 이상 필요합니다({len(values)}명).",
                f"A trimmed mean needs at least 3 reviewers (got {len(values)}).",
            )
        kept = sorted(values)[1:-1]
    else:
        raise RankingError(
            "unknown_method", f"집계 방식이 아닙니다: {method}", f"Not a method: {method}"
        )
    return sum(kept, Fraction(0)) / len(kept)


def _trimmed_reviewers(scores: tuple[ReviewerScore, ...], method: str) -> list[ReviewerScore]:
    """The reviewers whose scores count: all, or all but the highest and lowest total
    (ties among them broken by reviewer key, so the result does not depend on input order)."""
    ordered = sorted(scores, key=lambda s: (s.total, s.reviewer))
    return ordered[1:-1] if method == TRIMMED_MEAN and len(ordered) >= 3 else ordered


def rank(
    applications: list[ApplicationScores],
    *,
    method: str,
    tie_rule: str,
    area_order: list[str],
) -> list[Ranked]:
    """Applications best first, with their aggregated total and area scores.

    The area scores are aggregated over the same reviewers as the total (so they add up to it).
    Raises RankingError (see :func:`aggregate`; an unknown tie rule)."""
    if tie_rule not in (RUBRIC_ORDER, EARLIER_SUBMISSION):
        raise RankingError(
            "unknown_tie_rule",
            f"동점 처리 규칙이 아닙니다: {tie_rule}",
            f"Not a tie rule: {tie_rule}",
        )
    rows: list[tuple[tuple[object, ...], ApplicationScores, Fraction, dict[str, Fraction]]] = []
    for application in applications:
        total = aggregate([s.total for s in application.scores], method)
        counted = _trimmed_reviewers(application.scores, method)
        areas = {
            area: sum((Fraction(s.areas.get(area, 0)) for s in counted), Fraction(0)) / len(counted)
            for area in area_order
        }
        if tie_rule == RUBRIC_ORDER:
            key: tuple[object, ...] = (-total, *(-areas[a] for a in area_order))
        else:
            key = (-total, application.submitted_at)
        rows.append((key, application, total, areas))
    rows.sort(key=lambda row: (row[0], row[1].application))
    ranked: list[Ranked] = []
    for index, (key, application, total, areas) in enumerate(rows):
        tied = tuple(
            other.application for k, other, _, _ in rows if k == key and other is not application
        )
        previous = ranked[-1] if ranked else None
        position = (
            previous.rank if previous is not None and rows[index - 1][0] == key else index + 1
        )
        ranked.append(
            Ranked(
                application=application.application,
                rank=position,
                total=_display(total),
                areas={area: _display(value) for area, value in areas.items()},
                reviewers=len(application.scores),
                tied_with=tied,
            )
        )
    return ranked


def shortlist(ranked: list[Ranked], size: int) -> list[str]:
    """The first ``size`` applications of a ranking.

    Raises RankingError when the cut-off falls inside a tie the tie rule could not break."""
    if size >= len(ranked):
        return [r.application for r in ranked]
    if ranked[size].rank == ranked[size - 1].rank:
        raise RankingError(
            "tie_at_cutoff",
            f"{size}위 경계에서 동점이 해소되지 않았습니다: "
            f"{', '.join((ranked[size - 1].application, *ranked[size - 1].tied_with))}. "
            "담당자가 사유와 함께 결정하세요.",
            f"An unresolved tie at the cut-off of {size}: "
            f"{', '.join((ranked[size - 1].application, *ranked[size - 1].tied_with))}. "
            "The officer decides, with reasons.",
        )
    return [r.application for r in ranked[:size]]
