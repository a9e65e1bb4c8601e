"""Korean particles (조사) chosen by the word they follow: "기업으로", "보호자로", "시흥시가",
"학교를", "7시간은" — never the template forms "(으)로", "이(가)", "을(를)", "은(는)", "와/과".

The choice is made by the last sound of the word: the final consonant (받침) of its last Hangul
syllable; ``으로``/``로`` takes ``로`` after a vowel *and* after ㄹ ("서울로", "시흥시로",
"기업으로"). A word ending in a digit is read as Korean reads the number ("1" 일, "2" 이,
"10" 십, "100" 백, "1,000" 천, "10000" 만); one ending in a Latin letter as its Korean letter
name ("L" 엘, "M" 엠, "N" 엔, "R" 알; every other letter ends in a vowel: "A" 에이, "C" 씨).
A closing parenthetical, quotes and punctuation at the end are skipped ("'시흥시'가", "한도(%)는"
chooses by 도). A word whose last sound cannot be told (another script, only symbols) takes
the form after a consonant; that case is rare in vocnet, whose names are Korean.

Standard library only (no Django): the pure engines (``vocnet.placements.rules``) use it too.
"""

from __future__ import annotations

import re

# After a consonant → after a vowel.
PAIRS: dict[str, str] = {
    "이": "가",
    "을": "를",
    "은": "는",
    "과": "와",
    "으로": "로",
    "으로서": "로서",
    "으로써": "로써",
    "이나": "나",
    "이랑": "랑",
    "아": "야",
    "이에요": "예요",
    "이었": "였",
}
_VOWEL_FORMS = {vowel: consonant for consonant, vowel in PAIRS.items()}

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # ㄹ as a final consonant (index in the 28 finals, 0 = none)
_NONE = 0
_SOME = -1  # a final consonant other than ㄹ, when only that matters

# The final of the Korean reading of each digit: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT_FINALS = {
    "0": _SOME,
    "1": _RIEUL,
    "2": _NONE,
    "3": _SOME,
    "4": _NONE,
    "5": _NONE,
    "6": _SOME,
    "7": _RIEUL,
    "8": _RIEUL,
    "9": _NONE,
}
# 십 (ㅂ), 백 (ㄱ), 천 (ㄴ), 만 (ㄴ) and every larger unit (억, 조 also end in consonants).
_TRAILING_ZERO_FINAL = _SOME
_LETTER_FINALS = {"l": _RIEUL, "r": _RIEUL, "m": _SOME, "n": _SOME}
_SKIPPED_AT_END = set(" \t\n)]}>'\"’”」』〉》.,;:!?·…-")


def _strip_end(text: str) -> str:
    """``text`` without what a particle does not follow: a closing parenthetical
    ("한도(%)" → "한도", as Korean writing attaches the particle to the word before it, unless
    nothing comes before), then closing quotes and punctuation."""
    text = text.rstrip()
    while text.endswith(")") and "(" in text:
        inner_start = text.rindex("(")
        if not text[:inner_start].strip():
            break
        text = text[:inner_start].rstrip()
    while text and text[-1] in _SKIPPED_AT_END:
        text = text[:-1]
    return text


def final_consonant(word: str) -> int | None:
    """The final consonant of the last sound of ``word``: 0 for none (a vowel), 8 for ㄹ, any
    other positive number or -1 for another consonant; ``None`` when it cannot be told."""
    text = _strip_end(str(word))
    if not text:
        return None
    last = text[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        return (code - _HANGUL_FIRST) % 28
    if last.isdigit() and last.isascii():
        digits = "".join(ch for ch in text if ch.isdigit() or ch == ",").replace(",", "")
        if last == "0" and digits.strip("0"):
            return _TRAILING_ZERO_FINAL
        return _DIGIT_FINALS[last]
    if last.isascii() and last.isalpha():
        return _LETTER_FINALS.get(last.lower(), _NONE)
    return None


def particle(word: str, pair: str) -> str:
    """The form of ``pair`` ("이/가", "을/를", "은/는", "과/와", "으로/로"…, either order)
    that follows ``word``."""
    first, _, second = pair.partition("/")
    consonant_form = first if first in PAIRS else _VOWEL_FORMS.get(first, first)
    vowel_form = PAIRS.get(consonant_form, second or first)
    final = final_consonant(word)
    if final is None:
        return consonant_form
    if consonant_form.startswith("으로"):
        return vowel_form if final in (_NONE, _RIEUL) else consonant_form
    return vowel_form if final == _NONE else consonant_form


def with_particle(word: object, pair: str) -> str:
    """``word`` followed by the right form of ``pair``: ``with_particle("시흥시", "이/가")``
    is "시흥시가"."""
    text = str(word)
    return text + particle(text, pair)


# The template forms people must never read (a particle left for the reader to choose).
PARTICLE_TEMPLATE = re.compile(
    r"\(으\)로|\(이\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|은\(는\)|는\(은\)|와\(과\)|과\(와\)"
    r"|와/과|과/와|이/가|가/이|을/를|를/을|은/는|는/은"
)


def particle_templates(text: str) -> list[str]:
    """The particle template forms in ``text`` ("이(가)", "(으)로", "와/과"…), each with a
    little of the text before it, for a test's message."""
    return [text[max(0, m.start() - 12) : m.end()] for m in PARTICLE_TEMPLATE.finditer(text)]
