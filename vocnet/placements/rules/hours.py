"""Hours of field training: daily and weekly caps, the extension by agreement, night, breaks.

직업교육훈련 촉진법 제9조의2 ① (and 근로기준법 제69조 for 15–17-year-olds): at most 7 hours a
day and 35 hours a week; by agreement of the parties up to 1 hour a day and 5 hours a week
more. 제9조의2 ② (근로기준법 제70조 ②): no training between 22:00 and 06:00. 근로기준법 제54조,
applied to trainees by 직업교육훈련 촉진법 제24조: a break of at least 30 minutes for 4 hours and
1 hour for 8 hours.
"""

from __future__ import annotations

from datetime import time

from vocnet.placements.rules.types import Rule, Violation

DAILY_LIMIT_MINUTES = 7 * 60
DAILY_EXTENSION_MINUTES = 60
WEEKLY_LIMIT_MINUTES = 35 * 60
WEEKLY_EXTENSION_MINUTES = 5 * 60
NIGHT_STARTS = time(22, 0)
NIGHT_ENDS = time(6, 0)

_HOURS_KO = "직업교육훈련 촉진법 제9조의2 ①"
_HOURS_EN = "Vocational Education and Training Promotion Act, Art. 9-2(1)"

DAILY_HOURS = Rule(
    "daily_hours",
    _HOURS_KO,
    _HOURS_EN,
    "하루 7시간 이내(근로기준법 제69조)",
    "At most 7 hours a day (Labor Standards Act, Art. 69)",
)
"""직업교육훈련 촉진법 제9조의2 ①: at most 7 hours of training a day."""

WEEKLY_HOURS = Rule(
    "weekly_hours",
    _HOURS_KO,
    _HOURS_EN,
    "주 35시간 이내(근로기준법 제69조)",
    "At most 35 hours a week (Labor Standards Act, Art. 69)",
)
"""직업교육훈련 촉진법 제9조의2 ①: at most 35 hours of training a week."""

EXTENSION_AGREEMENT = Rule(
    "extension_without_agreement",
    _HOURS_KO + " 단서",
    _HOURS_EN + ", proviso",
    "연장은 당사자 합의가 기록된 경우에만",
    "Any extension only with a recorded agreement of the parties",
)
"""직업교육훈련 촉진법 제9조의2 ① 단서: hours beyond 7 a day or 35 a week need an agreement of
the parties, recorded on the offer."""

DAILY_EXTENSION = Rule(
    "daily_extension",
    _HOURS_KO + " 단서",
    _HOURS_EN + ", proviso",
    "합의 연장은 하루 1시간까지(최대 8시간)",
    "An agreed extension is at most 1 hour a day (8 hours in all)",
)
"""직업교육훈련 촉진법 제9조의2 ① 단서: the extension is at most 1 hour a day."""

WEEKLY_EXTENSION = Rule(
    "weekly_extension",
    _HOURS_KO + " 단서",
    _HOURS_EN + ", proviso",
    "합의 연장은 주 5시간까지(최대 40시간)",
    "An agreed extension is at most 5 hours a week (40 hours in all)",
)
"""직업교육훈련 촉진법 제9조의2 ① 단서: the extension is at most 5 hours a week."""

NIGHT = Rule(
    "night_training",
    "직업교육훈련 촉진법 제9조의2 ②",
    "Vocational Education and Training Promotion Act, Art. 9-2(2)",
    "오후 10시부터 오전 6시까지 실습 금지(근로기준법 제70조 ②)",
    "No training between 22:00 and 06:00 (Labor Standards Act, Art. 70(2))",
)
"""직업교육훈련 촉진법 제9조의2 ②: no training between 22:00 and 06:00 (no exception)."""

BREAKS = Rule(
    "breaks",
    "근로기준법 제54조(직업교육훈련 촉진법 제24조 준용)",
    "Labor Standards Act, Art. 54 (applied by the VET Promotion Act, Art. 24)",
    "4시간에 30분, 8시간에 1시간 이상 휴게",
    "A break of 30 minutes per 4 hours, 1 hour per 8 hours",
)
"""근로기준법 제54조 via 직업교육훈련 촉진법 제24조: 30 minutes' break for 4 hours of work, 1 hour
for 8 hours, within the working time."""

TIME_ORDER = Rule(
    "time_order",
    "직업교육훈련 촉진법 제9조의2 ②",
    "Vocational Education and Training Promotion Act, Art. 9-2(2)",
    "시작 시각이 종료 시각보다 앞서야 함(자정을 넘는 실습 불가)",
    "The start must come before the end (no training across midnight)",
)
"""A day's training starts before it ends; training across midnight would be night training
(직업교육훈련 촉진법 제9조의2 ②)."""


def minutes_of(value: time) -> int:
    return value.hour * 60 + value.minute


def span_minutes(start: time, end: time) -> int:
    return minutes_of(end) - minutes_of(start)


def training_minutes(start: time, end: time, break_minutes: int) -> int:
    """Minutes of training in a day: the span less the breaks (never below 0)."""
    return max(span_minutes(start, end) - break_minutes, 0)


def format_minutes_ko(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}시간" + (f" {rest}분" if rest else "")


def format_minutes_en(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" + (f" {rest} min" if rest else "")


def _cite(rule: Rule) -> tuple[str, str]:
    return f" — {rule.article_ko}", f" — {rule.article_en}"


def check_time_order(
    start: time, end: time, *, field: str, day_ko: str, day_en: str
) -> list[Violation]:
    """A violation of :data:`TIME_ORDER` when the day does not start before it ends."""
    if minutes_of(start) < minutes_of(end):
        return []
    ko, en = _cite(TIME_ORDER)
    return [
        Violation(
            TIME_ORDER,
            field,
            f"{day_ko}의 종료 시각({end:%H:%M})이 시작 시각({start:%H:%M})보다 늦어야 합니다"
            f"(자정을 넘는 실습은 야간 실습입니다){ko}.",
            f"{day_en}: the end ({end:%H:%M}) must come after the start ({start:%H:%M}); "
            f"training across midnight is night training{en}.",
        )
    ]


def check_night(
    start: time, end: time, *, prefix: str, day_ko: str, day_en: str
) -> list[Violation]:
    """:data:`NIGHT`: a start before 06:00 or an end after 22:00 is refused (22:00 is fine)."""
    violations = []
    ko, en = _cite(NIGHT)
    if start < NIGHT_ENDS:
        violations.append(
            Violation(
                NIGHT,
                f"{prefix}.start",
                f"{day_ko} 시작 시각({start:%H:%M})은 야간(22:00~06:00)입니다. "
                f"06:00 이후에 시작해야 합니다{ko}.",
                f"{day_en}: the start {start:%H:%M} is at night (22:00–06:00); "
                f"training may start at 06:00 at the earliest{en}.",
            )
        )
    if end > NIGHT_STARTS:
        violations.append(
            Violation(
                NIGHT,
                f"{prefix}.end",
                f"{day_ko} 종료 시각({end:%H:%M})은 야간(22:00~06:00)입니다. "
                f"22:00까지 끝나야 합니다{ko}.",
                f"{day_en}: the end {end:%H:%M} is at night (22:00–06:00); "
                f"training must end by 22:00{en}.",
            )
        )
    return violations


def check_daily_hours(
    minutes: int, *, has_extension_agreement: bool, field: str, day_ko: str, day_en: str
) -> list[Violation]:
    """Up to 7 h: fine. Up to 8 h: only with a recorded agreement (:data:`EXTENSION_AGREEMENT`).
    Beyond 8 h: refused always (:data:`DAILY_EXTENSION`); without an agreement the message
    is :data:`DAILY_HOURS`."""
    if minutes <= DAILY_LIMIT_MINUTES:
        return []
    got_ko, got_en = format_minutes_ko(minutes), format_minutes_en(minutes)
    cap = DAILY_LIMIT_MINUTES + DAILY_EXTENSION_MINUTES
    if minutes > cap and has_extension_agreement:
        ko, en = _cite(DAILY_EXTENSION)
        return [
            Violation(
                DAILY_EXTENSION,
                field,
                f"{day_ko} 실습 시간({got_ko})은 합의로 연장해도 하루 8시간을 넘습니다{ko}.",
                f"{day_en}: {got_en} of training exceeds 8 hours a day even with the agreed "
                f"extension{en}.",
            )
        ]
    if minutes > cap:
        ko, en = _cite(DAILY_HOURS)
        return [
            Violation(
                DAILY_HOURS,
                field,
                f"{day_ko} 실습 시간({got_ko})은 하루 7시간을 넘습니다"
                f"(합의가 있어도 8시간까지){ko}.",
                f"{day_en}: {got_en} of training exceeds 7 hours a day (8 at most, and only "
                f"by agreement){en}.",
            )
        ]
    if has_extension_agreement:
        return []
    ko, en = _cite(EXTENSION_AGREEMENT)
    return [
        Violation(
            EXTENSION_AGREEMENT,
            field,
            f"{day_ko} 실습 시간({got_ko})은 하루 7시간을 넘습니다. 1시간까지의 연장은 "
            f"당사자 합의를 기록한 경우에만 할 수 있습니다{ko}.",
            f"{day_en}: {got_en} of training exceeds 7 hours a day; an extension of up to "
            f"1 hour needs a recorded agreement of the parties{en}.",
        )
    ]


def check_weekly_hours(
    minutes: int, *, has_extension_agreement: bool, field: str
) -> list[Violation]:
    """Up to 35 h: fine. Up to 40 h: only with a recorded agreement. Beyond 40 h: refused."""
    if minutes <= WEEKLY_LIMIT_MINUTES:
        return []
    got_ko, got_en = format_minutes_ko(minutes), format_minutes_en(minutes)
    cap = WEEKLY_LIMIT_MINUTES + WEEKLY_EXTENSION_MINUTES
    if minutes > cap:
        rule = WEEKLY_EXTENSION if has_extension_agreement else WEEKLY_HOURS
        ko, en = _cite(rule)
        return [
            Violation(
                rule,
                field,
                f"주간 실습 시간({got_ko})은 주 35시간을 넘습니다(합의가 있어도 40시간까지){ko}.",
                f"{got_en} of training a week exceeds 35 hours (40 at most, and only by "
                f"agreement){en}.",
            )
        ]
    if has_extension_agreement:
        return []
    ko, en = _cite(EXTENSION_AGREEMENT)
    return [
        Violation(
            EXTENSION_AGREEMENT,
            field,
            f"주간 실습 시간({got_ko})은 주 35시간을 넘습니다. 5시간까지의 연장은 당사자 "
            f"합의를 기록한 경우에만 할 수 있습니다{ko}.",
            f"{got_en} of training a week exceeds 35 hours; an extension of up to 5 hours "
            f"needs a recorded agreement of the parties{en}.",
        )
    ]


def check_breaks(
    start: time, end: time, break_minutes: int, *, field: str, day_ko: str, day_en: str
) -> list[Violation]:
    """:data:`BREAKS`: 4 hours of work or more need 30 minutes' break, 8 hours or more 60."""
    span = span_minutes(start, end)
    work = span - break_minutes
    needed = 60 if work >= 8 * 60 else (30 if work >= 4 * 60 else 0)
    if break_minutes >= needed:
        return []
    ko, en = _cite(BREAKS)
    return [
        Violation(
            BREAKS,
            field,
            f"{day_ko} 실습 {format_minutes_ko(work)}에는 휴게 시간이 {needed}분 이상 있어야 "
            f"합니다(입력: {break_minutes}분){ko}.",
            f"{day_en}: {format_minutes_en(work)} of training needs a break of at least "
            f"{needed} minutes (got {break_minutes}){en}.",
        )
    ]


AGREED_SCHEDULE = Rule(
    "beyond_agreed_schedule",
    "직업교육훈련 촉진법 제9조 ④·제27조 ① 2",
    "Vocational Education and Training Promotion Act, Art. 9(4) and 27(1)2",
    "표준협약서에 정한 실습 요일·시간 안에서만 실습",
    "Training only on the days and for the hours the signed standard contract states",
)
"""직업교육훈련 촉진법 제9조 ④: the contract states the hours of the training; 제27조 ① 2 fines a
host that does not honour the contract's period and method. A diary day on a weekday the signed
schedule does not have, or longer than that weekday's agreed time, breaks the contract even
when it stays within the legal caps."""


def check_agreed_schedule(
    weekday: int, minutes: int, agreed: dict[int, int], *, field: str, day_ko: str, day_en: str
) -> list[Violation]:
    """A day outside the signed schedule (``agreed``: weekday → agreed minutes): a weekday
    with no agreed training, or more minutes than agreed for it."""
    ko, en = _cite(AGREED_SCHEDULE)
    if weekday not in agreed:
        return [
            Violation(
                AGREED_SCHEDULE,
                field,
                f"서명한 협약서의 실습 요일이 아닌 날입니다: {day_ko}{ko}.",
                f"{day_en} is not a training day of the signed contract{en}.",
            )
        ]
    if minutes > agreed[weekday]:
        return [
            Violation(
                AGREED_SCHEDULE,
                field,
                f"{day_ko} 실습 시간이 서명한 협약서의 시간보다 깁니다: "
                f"{format_minutes_ko(minutes)} > {format_minutes_ko(agreed[weekday])}{ko}.",
                f"{day_en}: {format_minutes_en(minutes)} of training exceeds the "
                f"{format_minutes_en(agreed[weekday])} of the signed contract{en}.",
            )
        ]
    return []
