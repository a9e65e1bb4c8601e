"""Validators of official identifiers used in the registry.

Each returns ``None`` for a valid value and raises ``django.core.exceptions.ValidationError``
with a bilingual message naming the rule otherwise.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_BUSINESS_NUMBER_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def normalise_business_number(value: str) -> str:
    """Strip the usual ``123-45-67890`` hyphens and blanks."""
    return re.sub(r"[\s-]", "", value or "")


def business_number_is_valid(value: str) -> bool:
    """True when ``value`` is a 10-digit 사업자등록번호 whose last digit is its check digit.

    The check digit (국세청 검증 규칙): weights 1,3,7,1,3,7,1,3,5 over the first nine digits,
    plus the tens digit of (9th digit × 5); the check digit is (10 − sum mod 10) mod 10.
    """
    digits = normalise_business_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    numbers = [int(d) for d in digits]
    total = sum(n * w for n, w in zip(numbers[:9], _BUSINESS_NUMBER_WEIGHTS, strict=True))
    total += (numbers[8] * 5) // 10
    return (10 - total % 10) % 10 == numbers[9]


def business_number_check_digit(first_nine: str) -> int:
    """The check digit that completes nine digits to a valid business number."""
    numbers = [int(d) for d in first_nine]
    total = sum(n * w for n, w in zip(numbers, _BUSINESS_NUMBER_WEIGHTS, strict=True))
    total += (numbers[8] * 5) // 10
    return (10 - total % 10) % 10


def validate_business_number(value: str) -> None:
    if not business_number_is_valid(value):
        raise ValidationError(
            "사업자등록번호는 10자리 숫자이며 마지막 자리가 검증번호와 일치해야 합니다. / "
            "A business registration number has 10 digits and its last digit must match "
            "the check digit.",
            code="business_number_invalid",
        )


def validate_neis_code(value: str) -> None:
    """NEIS 표준학교코드: seven digits."""
    if not re.fullmatch(r"\d{7}", value or ""):
        raise ValidationError(
            "학교코드(NEIS 표준학교코드)는 7자리 숫자여야 합니다. / "
            "The school code (NEIS standard school code) must be 7 digits.",
            code="neis_code_invalid",
        )


def validate_sigungu_code(value: str) -> None:
    if not re.fullmatch(r"41\d{3}", value or ""):
        raise ValidationError(
            "시군구 코드는 41로 시작하는 5자리 숫자여야 합니다(경기도). / "
            "A sigungu code is 5 digits starting with 41 (Gyeonggi).",
            code="sigungu_code_invalid",
        )


def validate_phone(value: str) -> None:
    if value and not re.fullmatch(r"0\d{1,2}-\d{3,4}-\d{4}", value):
        raise ValidationError(
            "전화번호는 031-123-4567 형식이어야 합니다. / "
            "A phone number must look like 031-123-4567.",
            code="phone_invalid",
        )
