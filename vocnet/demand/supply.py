"""The supply model: graduates each department will send to the labour market, by year.

A department's students of grade *g* in school year *B* (starting in March) graduate in
February of *B* + 4 − *g* and enter the labour market that year; each school year a share
``annual_retention`` of them stays. So, for year *Y* = *B* + *n*:

    n = 1: grade-3 students × r      n = 2: grade 2 × r²      n = 3: grade 1 × r³
    n ≥ 4: the yearly intake × r³    (students not yet admitted)

and of those graduates a share ``labour_market_share`` looks for work (the rest go on to
study). Sources and confidence of the two shares: ``data/SOURCES.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ANNUAL_RETENTION = 0.97
LABOUR_MARKET_SHARE = 0.495
# How many years ahead demand may be declared (the usual horizon is three of them).
DECLARATION_YEARS_AHEAD = 5


def current_school_year(today: date) -> int:
    """The Korean school year running on ``today``: it starts on 1 March."""
    return today.year if today.month >= 3 else today.year - 1


@dataclass(frozen=True)
class SupplyModel:
    base_year: int
    annual_retention: float = ANNUAL_RETENTION
    labour_market_share: float = LABOUR_MARKET_SHARE

    def graduates(
        self, year: int, *, intake: int, grade_1: int, grade_2: int, grade_3: int
    ) -> float:
        """Expected graduates of one department in ``year`` (0 for the past)."""
        ahead = year - self.base_year
        r = self.annual_retention
        if ahead <= 0:
            return 0.0
        if ahead == 1:
            return grade_3 * r
        if ahead == 2:
            return grade_2 * r**2
        if ahead == 3:
            return grade_1 * r**3
        return intake * r**3

    def available(self, graduates: float) -> float:
        """Of ``graduates``, those who look for work."""
        return graduates * self.labour_market_share

    @property
    def graduates_per_place(self) -> float:
        """Graduates for work per intake place, once a cohort admitted from now graduates."""
        return self.annual_retention**3 * self.labour_market_share

    @property
    def first_planned_year(self) -> int:
        """The first year whose graduates an intake decided now can change."""
        return self.base_year + 4
