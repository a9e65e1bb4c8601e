"""Column specs and fast cell parsers of every Excel/CSV import.

Each parser reproduces one model rule (max length, choices, range, pattern) without
``full_clean()``, so 50,000 rows validate in well under a second. A parser takes a non-empty
raw cell (``str`` from CSV; ``str``/``float``/``int``/``bool``/``date`` from .xlsx) and
returns the clean value or raises :class:`CellError` naming the rule in Korean and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import TextChoices
from django.utils import translation


class CellError(Exception):
    """A cell broke its column's rule; the message does not repeat the row or the column."""

    def __init__(self, code: str, rule_ko: str, rule_en: str) -> None:
        super().__init__(f"{rule_ko} / {rule_en}")
        self.code = code
        self.rule_ko = rule_ko
        self.rule_en = rule_en


class _Keep:
    """Marker: an empty optional cell that leaves the stored value (or the model default)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def shown(raw: object, limit: int = 30) -> str:
    text = as_text(raw)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_text(raw: object) -> str:
    """A cell as the user sees it: numbers without a trailing ``.0``, dates as ISO."""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()


def is_empty(raw: object) -> bool:
    return raw is None or raw == "" or (isinstance(raw, str) and not raw.strip())


class CellParser:
    """Base of the parsers. ``empty`` is what an empty optional cell means."""

    rule_ko: str = ""
    rule_en: str = ""
    empty: Any = ""
    # A code Excel must keep as text, or it drops leading zeros (NCS 0101) and shows long
    # numbers in exponent form; the template formats its column as text.
    is_code: bool = False

    def parse(self, raw: object) -> Any:
        raise NotImplementedError

    def allowed(self) -> list[tuple[str, str]]:
        """(code, label) pairs for the guide sheet; empty unless a choice."""
        return []


class Text(CellParser):
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length
        self.rule_ko = f"최대 {max_length}자"
        self.rule_en = f"at most {max_length} characters"

    def parse(self, raw: object) -> str:
        text = as_text(raw)
        if len(text) > self.max_length:
            raise CellError(
                "max_length",
                f"최대 {self.max_length}자까지 입력할 수 있습니다(입력 {len(text)}자)",
                f"at most {self.max_length} characters are allowed (got {len(text)})",
            )
        return text


class Digits(CellParser):
    """A code of digits. ``pad`` restores the leading zeros Excel drops from a number cell
    (``101`` → ``0101``); only for fixed-length codes, where that is unambiguous."""

    is_code = True

    def __init__(self, min_length: int, max_length: int | None = None, pad: bool = False) -> None:
        self.min_length = min_length
        self.max_length = max_length or min_length
        self.pad = pad and self.min_length == self.max_length
        if self.min_length == self.max_length:
            self.rule_ko = f"{self.min_length}자리 숫자"
            self.rule_en = f"{self.min_length} digits"
        else:
            self.rule_ko = f"{self.min_length}~{self.max_length}자리 숫자"
            self.rule_en = f"{self.min_length} to {self.max_length} digits"
        self._pattern = re.compile(rf"\d{{{self.min_length},{self.max_length}}}")

    def parse(self, raw: object) -> str:
        text = as_text(raw)
        if self.pad and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            text = text.zfill(self.min_length)
        if not self._pattern.fullmatch(text):
            raise CellError(
                "invalid_digits",
                f"{self.rule_ko}여야 합니다(입력: {shown(raw)})",
                f"must be {self.rule_en} (got '{shown(raw)}')",
            )
        return text


class Pattern(CellParser):
    is_code = True

    def __init__(
        self, pattern: str, code: str, rule_ko: str, rule_en: str, *, max_length: int
    ) -> None:
        self._pattern = re.compile(pattern)
        self.code = code
        self.rule_ko = rule_ko
        self.rule_en = rule_en
        self.max_length = max_length

    def parse(self, raw: object) -> str:
        text = as_text(raw)
        if len(text) > self.max_length or not self._pattern.fullmatch(text):
            raise CellError(
                self.code,
                f"{self.rule_ko}이어야 합니다(입력: {shown(raw)})",
                f"must be {self.rule_en} (got '{shown(raw)}')",
            )
        return text


class Integer(CellParser):
    def __init__(self, minimum: int, maximum: int, empty: Any = KEEP) -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.empty = empty
        self.rule_ko = f"{minimum:,}~{maximum:,} 사이의 정수"
        self.rule_en = f"a whole number from {minimum:,} to {maximum:,}"

    def parse(self, raw: object) -> int:
        value: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        elif isinstance(raw, float) and raw.is_integer():
            value = int(raw)
        elif isinstance(raw, str):
            text = raw.strip().replace(",", "")
            if re.fullmatch(r"[+-]?\d+", text):
                value = int(text)
            elif re.fullmatch(r"[+-]?\d+\.0*", text):
                value = int(text.split(".")[0])
        if value is None:
            raise CellError(
                "not_integer",
                f"정수여야 합니다(입력: {shown(raw)})",
                f"must be a whole number (got '{shown(raw)}')",
            )
        if not self.minimum <= value <= self.maximum:
            raise CellError(
                "out_of_range",
                f"{self.rule_ko}여야 합니다(입력: {value:,})",
                f"must be {self.rule_en} (got {value:,})",
            )
        return value


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


class Choice(CellParser):
    """One of a model's choices, written as its code (``meister``) or Korean label
    (``마이스터고``)."""

    def __init__(self, choices: type[TextChoices], empty: Any = "") -> None:
        # The files are Korean whatever the page's language: labels are read in Korean.
        with translation.override("ko"):
            self.choices = [(str(value), str(label)) for value, label in choices.choices]
        self.empty = empty
        self._lookup: dict[str, str] = {}
        for value, label in self.choices:
            self._lookup[_fold(value)] = value
            self._lookup[_fold(label)] = value
        listed = ", ".join(f"{value}={label}" for value, label in self.choices)
        self._listed = listed
        self.rule_ko = "허용 코드 또는 한글 이름 중 하나"
        self.rule_en = "one of the allowed codes or their Korean names"

    def parse(self, raw: object) -> str:
        value = self._lookup.get(_fold(as_text(raw)))
        if value is None:
            raise CellError(
                "invalid_choice",
                f"허용되지 않는 값입니다: {shown(raw)} (허용: {self._listed})",
                f"not an allowed value: '{shown(raw)}' (allowed: {self._listed})",
            )
        return value

    def allowed(self) -> list[tuple[str, str]]:
        return self.choices


class DateValue(CellParser):
    """A date cell, or text as 2008-03-15, 2008.03.15, 2008/03/15 or 20080315."""

    rule_ko = "날짜(YYYY-MM-DD)"
    rule_en = "a date (YYYY-MM-DD)"
    empty = None
    _text = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?|(\d{4})(\d{2})(\d{2})")

    def parse(self, raw: object) -> date:
        if isinstance(raw, datetime):
            value: date | None = raw.date()
        elif isinstance(raw, date):
            value = raw
        else:
            value = None
            match = self._text.fullmatch(as_text(raw))
            if match:
                parts = [int(p) for p in match.groups() if p is not None]
                try:
                    value = date(parts[0], parts[1], parts[2])
                except ValueError:
                    value = None
        if value is None or not 1900 <= value.year <= 2100:
            raise CellError(
                "invalid_date",
                f"YYYY-MM-DD 형식의 날짜여야 합니다(입력: {shown(raw)})",
                f"must be a YYYY-MM-DD date (got '{shown(raw)}')",
            )
        return value


_TRUE_WORDS = {"y", "yes", "true", "1", "o", "○", "예", "네", "참"}
_FALSE_WORDS = {"n", "no", "false", "0", "x", "×", "아니오", "아니요", "거짓"}


class Boolean(CellParser):
    rule_ko = "Y 또는 N(예/아니오)"
    rule_en = "Y or N"
    empty = KEEP

    def parse(self, raw: object) -> bool:
        if isinstance(raw, bool):
            return raw
        word = _fold(as_text(raw))
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        raise CellError(
            "invalid_boolean",
            f"Y 또는 N(예/아니오)이어야 합니다(입력: {shown(raw)})",
            f"must be Y or N (got '{shown(raw)}')",
        )


class Email(Text):
    _validator = EmailValidator()

    def __init__(self) -> None:
        super().__init__(254)
        self.rule_ko = "이메일 주소(최대 254자)"
        self.rule_en = "an e-mail address (at most 254 characters)"

    def parse(self, raw: object) -> str:
        text = super().parse(raw)
        try:
            self._validator(text)
        except ValidationError:
            raise CellError(
                "invalid_email",
                f"올바른 이메일 주소가 아닙니다(입력: {shown(raw)})",
                f"not a valid e-mail address (got '{shown(raw)}')",
            ) from None
        return text


class Url(Text):
    _validator = URLValidator()

    def __init__(self) -> None:
        super().__init__(200)
        self.rule_ko = "http:// 또는 https://로 시작하는 주소(최대 200자)"
        self.rule_en = "an address starting with http:// or https:// (at most 200 characters)"

    def parse(self, raw: object) -> str:
        text = super().parse(raw)
        try:
            self._validator(text)
        except ValidationError:
            raise CellError(
                "invalid_url",
                f"http:// 또는 https://로 시작하는 올바른 주소가 아닙니다(입력: {shown(raw)})",
                f"not a valid address starting with http:// or https:// (got '{shown(raw)}')",
            ) from None
        return text


@dataclass(frozen=True)
class Column:
    """One column of an import file: its Korean header, English key and rule."""

    key: str
    header_ko: str
    parser: CellParser
    required: bool = False
    note_ko: str = ""
    note_en: str = ""
    example: str = ""

    @property
    def header(self) -> str:
        """The template header, e.g. ``학교코드(NEIS) / neis_code``."""
        return f"{self.header_ko} / {self.key}"

    @property
    def rule_ko(self) -> str:
        return " ".join(filter(None, (self.parser.rule_ko, self.note_ko)))

    @property
    def rule_en(self) -> str:
        return " ".join(filter(None, (self.parser.rule_en, self.note_en)))


def fold_header(text: str) -> str:
    """A header folded for comparison: no blanks or underscores, case-insensitive."""
    return re.sub(r"[\s_]+", "", text).casefold()


def header_variants(column: Column) -> set[str]:
    """The header spellings a file may use for ``column`` (the template's, the Korean part,
    the English key), folded."""
    return {fold_header(column.header), fold_header(column.header_ko), fold_header(column.key)}
