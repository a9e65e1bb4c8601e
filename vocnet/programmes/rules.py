"""Rules shared by the programmes services: bilingual problems, the call window in Seoul time,
and the default rubric read from its data file."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from vocnet.core.errors import FieldProblem, ValidationFailed

SEOUL = ZoneInfo("Asia/Seoul")
DEFAULT_RUBRIC_FILE = Path(__file__).resolve().parent / "data" / "default_rubric.csv"


def problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationFailed.from_problems(problems)


def seoul(moment: datetime) -> str:
    """``moment`` in Asia/Seoul to the minute, as the call's notice states it."""
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")


def window_text(opens_at: datetime, closes_at: datetime) -> str:
    return f"{seoul(opens_at)} – {seoul(closes_at)} (Asia/Seoul)"


def text_problems(field: str, value: str, max_length: int, *, required: bool) -> list[FieldProblem]:
    if required and not value.strip():
        return [problem(field, "required", "필수 항목입니다.", "This field is required.")]
    if len(value) > max_length:
        return [
            problem(
                field,
                "too_long",
                f"최대 {max_length}자까지 입력할 수 있습니다.",
                f"At most {max_length} characters are allowed.",
            )
        ]
    return []


@dataclass(frozen=True)
class RubricRow:
    """One row of the default rubric. ``area_points`` is the published total of the area
    (None for the 가점, whose size was not found); ``origin`` says whether the item itself is
    published or vocnet's proposal."""

    area: str
    area_name_ko: str
    area_points: Decimal | None
    code: str
    name_ko: str
    name_en: str
    max_points: Decimal
    is_bonus: bool
    origin: str


@cache
def default_rubric() -> tuple[RubricRow, ...]:
    """The default rubric (the Ministry's areas 교육플랜 40 · 거버넌스 40 · 인프라 10 · 기본사항 10
    · 가점, with vocnet's proposed sub-items; data/SOURCES.md)."""
    with DEFAULT_RUBRIC_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(
            RubricRow(
                area=row["area"],
                area_name_ko=row["area_name_ko"],
                area_points=Decimal(row["area_points"]) if row["area_points"] else None,
                code=row["code"],
                name_ko=row["name_ko"],
                name_en=row["name_en"],
                max_points=Decimal(row["max_points"]),
                is_bonus=row["is_bonus"] == "true",
                origin=row["origin"],
            )
            for row in csv.DictReader(handle)
        )
