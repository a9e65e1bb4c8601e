"""Field rules shared by the agreement services and the delivery import, each returning
bilingual :class:`FieldProblem` s instead of raising, so every broken rule is reported at once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from vocnet.agreements.fulfilment import add_years
from vocnet.agreements.models import Unit
from vocnet.core.errors import FieldProblem

MAX_QUANTITY = Decimal(10) ** 12
MAX_YEARS = 10
EARLIEST_START = date(2000, 1, 1)


def problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def as_decimal(value: object) -> Decimal | None:
    """``value`` as a finite Decimal, or None when it is not a number."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def quantity_problems(
    field: str, value: Decimal, unit: str, *, allow_negative: bool = False
) -> list[FieldProblem]:
    """A quantity: at most two decimals, whole won for KRW, within ±10^12; a target may be 0,
    a delivery may not (a correction is negative and needs ``allow_negative``)."""
    if abs(value) > MAX_QUANTITY:
        return [
            problem(
                field,
                "out_of_range",
                "1조(10^12)를 넘을 수 없습니다.",
                "Must not exceed 10^12.",
            )
        ]
    problems: list[FieldProblem] = []
    if value != value.quantize(Decimal("0.01")):
        problems.append(
            problem(
                field,
                "too_many_decimals",
                "소수점 아래 둘째 자리까지 입력할 수 있습니다.",
                "At most two decimal places are allowed.",
            )
        )
    if unit == Unit.KRW and value != value.to_integral_value():
        problems.append(
            problem(
                field,
                "krw_whole",
                "금액(원)은 원 단위 정수여야 합니다.",
                "An amount in KRW must be a whole number of won.",
            )
        )
    if allow_negative:
        if value == 0:
            problems.append(
                problem(
                    field,
                    "zero_quantity",
                    "0이 아닌 수량이어야 합니다(정정은 음수로 입력).",
                    "Must not be 0 (enter a correction as a negative quantity).",
                )
            )
    elif value < 0:
        problems.append(problem(field, "negative", "0 이상이어야 합니다.", "Must be 0 or more."))
    return problems


def period_problems(start: date, end: date, prefix: str = "") -> list[FieldProblem]:
    """The agreement period: from 2000 on, ending after it starts, at most 10 years long."""
    problems: list[FieldProblem] = []
    if start < EARLIEST_START:
        problems.append(
            problem(
                f"{prefix}start_date",
                "too_early",
                "시작일은 2000-01-01 이후여야 합니다.",
                "The start date must be on or after 2000-01-01.",
            )
        )
    if end <= start:
        problems.append(
            problem(
                f"{prefix}end_date",
                "end_before_start",
                "종료일은 시작일보다 뒤여야 합니다.",
                "The end date must be after the start date.",
            )
        )
    elif end >= add_years(start, MAX_YEARS):
        problems.append(
            problem(
                f"{prefix}end_date",
                "too_long",
                f"협약 기간은 {MAX_YEARS}년을 넘을 수 없습니다.",
                f"An agreement may run for at most {MAX_YEARS} years.",
            )
        )
    return problems


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
