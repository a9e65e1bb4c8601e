"""Rules shared by the courses services: bilingual problems, the window in Seoul time and the
codes of a course's priorities. Weekly slots live in the pure ``vocnet.courses.timetable``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from vocnet.core.errors import FieldProblem, ValidationFailed

SEOUL = ZoneInfo("Asia/Seoul")

# Codes of a course's priorities (선발 우선순위), applied in the course's order; the seeded
# lottery always comes last and is not listed.
PRIORITY_CODES = ("host_school", "grade", "field_match")


def problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationFailed.from_problems(problems)


def seoul(moment: datetime) -> str:
    """``moment`` in Asia/Seoul to the minute."""
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")
