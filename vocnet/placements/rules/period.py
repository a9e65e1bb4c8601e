"""Training types (현장실습 유형) and the longest period of each.

The types are data (``data/training_types.csv``): 학습중심 현장실습 and 산업체 채용형 현장실습. Each
row states its longest period in calendar months, where that limit comes from and whether it
was verified, and which support schemes (현장실습 지원금, 기업현장교육 지원금) pay for it. The
statute sets no maximum length; the 3-month limit is the Ministry's practice as reported when
learning-centred training replaced early-employment training (2017-12-01, press reports — the
current operating guideline was not read), so every limit is marked ``unverified``. The limits
are configurable: the service passes ``VOCNET_FIELD_TRAINING_MAX_MONTHS`` (a dict by type code)
over the defaults.
"""

from __future__ import annotations

import calendar
import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from vocnet.core.korean import with_particle
from vocnet.placements.rules.types import Rule, Violation

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "training_types.csv"
DEFAULT_TYPE = "learning_centred"

PERIOD_LIMIT = Rule(
    "period_too_long",
    "교육부 직업계고 현장실습 운영 지침(미확인)",
    "Ministry of Education field-training operating guidelines (unverified)",
    "현장실습 유형별 최장 기간 이내",
    "Within the longest period of the training type",
)
UNKNOWN_TYPE = Rule(
    "unknown_training_type",
    "교육부 직업계고 현장실습 운영 지침(미확인)",
    "Ministry of Education field-training operating guidelines (unverified)",
    "알려진 현장실습 유형만 입력",
    "Only known training types",
)


@dataclass(frozen=True)
class TrainingType:
    code: str
    name_ko: str
    name_en: str
    max_months: int
    max_months_basis: str
    max_months_verification: str
    support_schemes: tuple[str, ...]
    support_basis: str
    support_verification: str


@cache
def training_types() -> dict[str, TrainingType]:
    """Every type by code, in the order of the data file."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: TrainingType(
                row["code"],
                row["name_ko"],
                row["name_en"],
                int(row["max_months"]),
                row["max_months_basis"],
                row["max_months_verification"],
                tuple(s for s in row["support_schemes"].split(",") if s),
                row["support_basis"],
                row["support_verification"],
            )
            for row in csv.DictReader(handle)
        }


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def latest_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` months starting on ``start``."""
    return add_months(start, months) - timedelta(days=1)


def check_period(
    training_type: str,
    start: date,
    end: date,
    *,
    field: str,
    max_months: Mapping[str, int] | None = None,
) -> list[Violation]:
    """:data:`UNKNOWN_TYPE` for a type not in the data file; :data:`PERIOD_LIMIT` when the
    period runs past the type's longest period (``max_months`` overrides the data file)."""
    known = training_types()
    kind = known.get(training_type)
    if kind is None:
        return [
            Violation(
                UNKNOWN_TYPE,
                "training_type",
                f"알 수 없는 현장실습 유형입니다: {training_type}",
                f"Unknown training type: {training_type}",
            )
        ]
    months = (max_months or {}).get(training_type, kind.max_months)
    last = latest_end(start, months)
    if end <= last:
        return []
    return [
        Violation(
            PERIOD_LIMIT,
            field,
            f"{with_particle(kind.name_ko, '은/는')} 최장 {months}개월입니다: "
            f"{start:%Y-%m-%d}에 시작하면 "
            f"{last:%Y-%m-%d}까지입니다 — {PERIOD_LIMIT.article_ko}.",
            f"{kind.name_en} lasts at most {months} months: starting on {start:%Y-%m-%d} it "
            f"ends by {last:%Y-%m-%d} — {PERIOD_LIMIT.article_en}.",
        )
    ]
