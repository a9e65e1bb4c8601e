"""Harmful or dangerous work: categories barred to under-18s and those needing extra checks.

근로기준법 제65조 bars under-18s from harmful or dangerous work; 직업교육훈련 촉진법 제24조 applies
it, and 제72조 (underground work), to field training. The categories are data
(``data/hazard_categories.csv``); most come from 근로기준법 시행령 제40조 별표 4 as far as it
could be stated without the text at hand and are marked ``unverified`` there.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vocnet.core.korean import particle
from vocnet.placements.rules.types import Rule, Violation

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "hazard_categories.csv"
BARRED = "barred"
EXTRA_INSPECTION = "extra_inspection"

HAZARDOUS_WORK = Rule(
    "hazardous_work",
    "근로기준법 제65조(직업교육훈련 촉진법 제24조 준용)",
    "Labor Standards Act, Art. 65 (applied by the VET Promotion Act, Art. 24)",
    "18세 미만 유해·위험 작업 금지",
    "No harmful or dangerous work for under-18s",
)
"""근로기준법 제65조 via 직업교육훈련 촉진법 제24조: no harmful or dangerous work for under-18s
(the categories of 시행령 제40조 별표 4; 제72조 for underground work)."""

UNKNOWN_HAZARD = Rule(
    "unknown_hazard_category",
    "근로기준법 제65조(직업교육훈련 촉진법 제24조 준용)",
    "Labor Standards Act, Art. 65 (applied by the VET Promotion Act, Art. 24)",
    "알려진 유해·위험 작업 구분만 입력",
    "Only known hazard categories",
)


@dataclass(frozen=True)
class HazardCategory:
    code: str
    name_ko: str
    name_en: str
    effect: str
    basis: str
    verification: str
    under_age: str = "18"
    age_basis: str = ""

    @property
    def is_barred(self) -> bool:
        return self.effect == BARRED


@cache
def hazard_categories() -> dict[str, HazardCategory]:
    """Every category by code, in the order of the data file."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: HazardCategory(
                row["code"],
                row["name_ko"],
                row["name_en"],
                row["effect"],
                row["basis"],
                row["verification"],
                row.get("under_age") or "18",
                row.get("age_basis") or "",
            )
            for row in csv.DictReader(handle)
        }


def _unverified_ko(category: HazardCategory) -> str:
    return "; 조문 미확인" if category.verification != "verified" else ""


def _unverified_en(category: HazardCategory) -> str:
    return "; not verified against the text" if category.verification != "verified" else ""


def check_hazards(codes: tuple[str, ...] | list[str], *, field: str) -> list[Violation]:
    """:data:`HAZARDOUS_WORK` for each barred category listed; :data:`UNKNOWN_HAZARD` for a
    code not in the data file. Categories needing extra inspection pass."""
    known = hazard_categories()
    violations = []
    for index, code in enumerate(codes):
        category = known.get(code)
        path = f"{field}[{index}]"
        if category is None:
            violations.append(
                Violation(
                    UNKNOWN_HAZARD,
                    path,
                    f"알 수 없는 유해·위험 작업 구분입니다: {code}",
                    f"Unknown hazard category: {code}",
                )
            )
        elif category.is_barred:
            violations.append(
                Violation(
                    HAZARDOUS_WORK,
                    path,
                    f"'{category.name_ko}'{particle(category.name_ko, '은/는')} "
                    f"{category.under_age}세 미만 현장실습생에게 "
                    "금지된 유해·위험 작업입니다"
                    f"({category.basis}{_unverified_ko(category)}) — "
                    f"{HAZARDOUS_WORK.article_ko}.",
                    f"'{category.name_en}' is harmful or dangerous work barred to trainees under "
                    f"{category.under_age} ({category.basis}{_unverified_en(category)}) — "
                    f"{HAZARDOUS_WORK.article_en}.",
                )
            )
    return violations


def extra_inspection_categories(codes: tuple[str, ...] | list[str]) -> list[HazardCategory]:
    """The listed categories that call for the safety agency's extra check."""
    known = hazard_categories()
    return [known[c] for c in codes if c in known and known[c].effect == EXTRA_INSPECTION]
