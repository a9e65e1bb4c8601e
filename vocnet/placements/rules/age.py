"""Age in field training: who still needs a guardian to sign the contract.

민법 제4조: a person comes of age at 19 (full years; 민법 제158조 counts the day of birth). 민법
제5조 ①: a minor needs the consent of their legal representative for a legal act, so a minor's
표준협약서 is signed by a guardian too. A student of 19 or more signs alone; whether the notified
표준협약서 form still asks for the guardian then was not read (unverified) — vocnet does not
require it. A student whose birth date is unknown is treated as a minor. The labour
protections of 근로기준법 제65·69·70조 (under 18) are applied to every trainee regardless of age
(직업교육훈련 촉진법 제9조의2, 제24조), so they need no birth date.
"""

from __future__ import annotations

from datetime import date

ADULT_AGE = 19
"""민법 제4조: 사람은 19세로 성년에 이르게 된다."""


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on ``day`` (the birthday itself counts)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def needs_guardian(birth_date: date | None, day: date) -> bool:
    """Whether a guardian must consent (sign) on ``day``: a minor, or age unknown (민법 제5조 ①)."""
    return birth_date is None or age_on(birth_date, day) < ADULT_AGE
