"""Per-language presentation helpers: names of reference data, and KRW amounts.

Korean is the service's language; English is a switch. Data is not translated: a name is
shown in English only where the row carries one (``name_en``), otherwise in Korean. Amounts
follow each language's own habit: ``1,234,000원`` / ``KRW 1,234,000``, and in compact form the
Korean myriad units (만·억·조) against the English thousands (m, bn, tn).

The template filters of the same names live in ``vocnet.core.templatetags.vocnet``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import npgettext

from vocnet.core.korean import with_particle

EMPTY = "—"

# Korean counts in powers of 10⁴; each unit is written with the next lower one (12억 3,400만).
_KOREAN_UNITS = ((10**12, "조"), (10**8, "억"), (10**4, "만"))
_ENGLISH_UNITS = ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))


def is_english() -> bool:
    return (translation.get_language() or "").startswith("en")


def localized_name(obj: Any, field: str = "name") -> str:
    """``obj.<field>_en`` when English is active and it is not empty, else ``obj.<field>_ko``.

    ``field`` picks the pair: ``"name"`` (``name_ko``/``name_en``), ``"short_name"``,
    ``"full_name"``. ``obj`` may be a model instance, any object or a mapping; ``None`` gives
    an empty string.
    """
    if obj is None:
        return ""

    def get(attribute: str) -> Any:
        if isinstance(obj, Mapping):
            return obj.get(attribute)
        return getattr(obj, attribute, None)

    if is_english():
        english = get(f"{field}_en")
        if english:
            return str(english)
    korean = get(f"{field}_ko")
    return "" if korean is None else str(korean)


def _whole_won(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(Decimal(str(value)).to_integral_value())
    except (InvalidOperation, ValueError, TypeError):
        return None


def _grouped(number: int) -> str:
    return number_format(number, decimal_pos=0, use_l10n=True, force_grouping=True)


def krw(value: Any) -> str:
    """A KRW amount in whole won: ``1,234,000원`` in Korean, ``KRW 1,234,000`` in English;
    ``None`` (or anything that is not a number) gives ``—``."""
    amount = _whole_won(value)
    if amount is None:
        return EMPTY
    return f"KRW {_grouped(amount)}" if is_english() else f"{_grouped(amount)}원"


def _korean_compact(amount: int) -> str:
    if amount < 10**4:
        return f"{_grouped(amount)}원"
    unit = next(size for size, _name in _KOREAN_UNITS if amount >= size)
    # Two units at most: round away what the lower unit cannot show, then look again, as
    # 9,999만 9,999원 rounds up to 1억.
    step = max(unit // 10**4, 10**4)
    rounded = (amount + step // 2) // step * step
    unit, name = next((size, name) for size, name in _KOREAN_UNITS if rounded >= size)
    text = f"{_grouped(rounded // unit)}{name}"
    lower = [(size, name) for size, name in _KOREAN_UNITS if size < unit][:1]
    if lower:
        lower_size, lower_name = lower[0]
        rest = rounded % unit // lower_size
        if rest:
            text += f" {_grouped(rest)}{lower_name}"
    return f"{text}원"


def _english_compact(amount: int) -> str:
    for index, (unit, name) in enumerate(_ENGLISH_UNITS):
        if amount < unit:
            continue
        scaled = Decimal(amount) / unit
        places = 2 if scaled < 10 else 1 if scaled < 100 else 0
        shown = scaled.quantize(Decimal(1).scaleb(-places))
        if shown >= 1000 and index > 0:
            unit, name = _ENGLISH_UNITS[index - 1]
            shown = (Decimal(amount) / unit).quantize(Decimal("0.01"))
        text = f"{shown:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"KRW {text} {name}"
    return f"KRW {_grouped(amount)}"


def krw_compact(value: Any) -> str:
    """A large KRW amount, short: ``12억 3,400만원`` in Korean (two units at most, rounded to
    the lower one), ``KRW 1.23 bn`` in English (three significant figures); amounts below
    10,000 won (Korean) or a million won (English) are written in full. ``None`` gives ``—``."""
    amount = _whole_won(value)
    if amount is None:
        return EMPTY
    sign = "-" if amount < 0 else ""
    compact = _english_compact(abs(amount)) if is_english() else _korean_compact(abs(amount))
    if sign and compact.startswith("KRW "):
        return f"KRW -{compact[4:]}"
    return sign + compact


def josa(word: Any, pair: str) -> str:
    """``word`` with the Korean particle of ``pair`` its last sound takes ("시흥시가",
    ``vocnet.core.korean``) when the interface is Korean; the word alone in English, whose
    text around it carries no particle. For text built into a translated string."""
    if is_english():
        return str(word)
    return with_particle(word, pair)


def duration(minutes: Any) -> str:
    """Minutes as hours and minutes: ``7시간 30분`` / ``7 h 30 min``; ``45분`` / ``45 min``
    under an hour; ``—`` without a value."""
    if minutes is None or minutes == "":
        return EMPTY
    try:
        total = int(minutes)
    except (TypeError, ValueError):
        return EMPTY
    hours, rest = divmod(abs(total), 60)
    sign = "-" if total < 0 else ""
    if is_english():
        parts = ([f"{hours} h"] if hours else []) + ([f"{rest} min"] if rest or not hours else [])
    else:
        parts = ([f"{hours}시간"] if hours else []) + ([f"{rest}분"] if rest or not hours else [])
    return sign + " ".join(parts)


def share_percent(value: Any, digits: int = 1) -> str:
    """A share (0.495) as a percentage a person reads: ``49.5%`` (trailing ``.0`` dropped);
    ``—`` without a value."""
    if value is None or value == "":
        return EMPTY
    try:
        percent = float(value) * 100
    except (TypeError, ValueError):
        return EMPTY
    text = f"{percent:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{percent:.0f}"
    return f"{text}%"


# The units a figure is counted in (issue 16 §4: no bare number on a card). Each is a Korean
# counter and an English noun with its plural; the context keeps "개" of departments apart
# from "개" of companies in the English catalogue.
FIGURE_UNITS: dict[str, Callable[[int], str]] = {
    "people": lambda n: npgettext("unit people", "%(count)s명", "%(count)s명", n),
    "schools": lambda n: npgettext("unit schools", "%(count)s개교", "%(count)s개교", n),
    "departments": lambda n: npgettext("unit departments", "%(count)s개", "%(count)s개", n),
    "companies": lambda n: npgettext("unit companies", "%(count)s개", "%(count)s개", n),
    "organisations": lambda n: npgettext("unit organisations", "%(count)s곳", "%(count)s곳", n),
    "agreements": lambda n: npgettext("unit agreements", "%(count)s건", "%(count)s건", n),
    "commitments": lambda n: npgettext("unit commitments", "%(count)s개", "%(count)s개", n),
    "cases": lambda n: npgettext("unit cases", "%(count)s건", "%(count)s건", n),
    "seats": lambda n: npgettext("unit seats", "%(count)s자리", "%(count)s자리", n),
    "hours": lambda n: npgettext("unit hours", "%(count)s시간", "%(count)s시간", n),
}


def with_unit(value: Any, unit: str) -> str:
    """A figure with its unit: ``1,234명`` / ``1,234 people`` for ``unit="people"`` (see
    ``FIGURE_UNITS``), ``won`` as ``krw``, ``percent`` as ``12.5%``; ``—`` without a value.
    Counts are rounded to whole numbers. An unknown unit raises ``KeyError``: a card never
    falls back to a bare number."""
    if unit == "won":
        return krw(value)
    if value is None or value == "":
        return EMPTY
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if unit == "percent":
        text = f"{number:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}%"
    whole = int(number.to_integral_value())
    return FIGURE_UNITS[unit](whole) % {"count": _grouped(whole)}
