"""Domain errors of field training: refused transitions, a full offer, broken labour rules.

Every message is Korean and English and names the state, the field or the rule, so the user
knows what to change.
"""

from __future__ import annotations

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed
from vocnet.core.korean import with_particle
from vocnet.placements.rules import Violation

# (Korean, English) names of what is refused, by entity and action.
ENTITIES: dict[str, tuple[str, str]] = {
    "vetting": ("참여기업 심사", "host vetting"),
    "offer": ("현장실습 제안", "offer"),
    "placement": ("현장실습 배치", "placement"),
    "contract": ("표준협약서", "contract"),
}

ACTIONS: dict[str, tuple[str, str]] = {
    "inspect": ("현장 점검 기록", "inspected"),
    "decide": ("결정", "decided"),
    "edit": ("수정", "edited"),
    "publish": ("게시", "published"),
    "close": ("마감", "closed"),
    "withdraw": ("철회", "withdrawn"),
    "accept": ("수락", "accepted"),
    "cancel": ("취소", "cancelled"),
    "start": ("실습 시작 처리", "started"),
    "complete": ("수료 처리", "completed"),
    "terminate": ("중도 종료", "terminated"),
    "draft_contract": ("협약서 작성", "given a contract"),
    "sign": ("서명", "signed"),
    "amend": ("변경", "amended"),
    "log_hours": ("실습 시간 기록", "given diary entries"),
    "record_education": ("안전교육 기록", "given a safety-education record"),
}


def transition_refused(entity: str, status_label: str, status: str, action: str) -> Conflict:
    """409 ``transition_not_allowed``: "a <entity> that is <state> cannot be <action>"."""
    entity_ko, entity_en = ENTITIES[entity]
    action_ko, action_en = ACTIONS[action]
    return Conflict(
        code="transition_not_allowed",
        message_ko=(
            f"현재 상태가 '{status_label}'인 {with_particle(entity_ko, '은/는')} "
            f"{action_ko}할 수 없습니다."
        ),
        message_en=f"A {entity_en} whose status is '{status}' cannot be {action_en}.",
    )


def conflict(code: str, message_ko: str, message_en: str, field: str = "") -> Conflict:
    problems = [FieldProblem(field, code, message_ko, message_en)] if field else []
    return Conflict(code=code, message_ko=message_ko, message_en=message_en, problems=problems)


def problem(field: str, code: str, message_ko: str, message_en: str) -> FieldProblem:
    return FieldProblem(field, code, message_ko, message_en)


class LabourRulesBroken(ValidationFailed):
    """422 ``labour_rules_broken``: the terms break the labour rules of field training; each
    problem names the field, the rule (its code) and the article in Korean and English."""

    @classmethod
    def from_violations(cls, violations: list[Violation]) -> LabourRulesBroken:
        problems = [FieldProblem(v.field, v.code, v.message_ko, v.message_en) for v in violations]
        first = violations[0]
        return cls(
            code="labour_rules_broken",
            message_ko=f"현장실습 법정 기준 위반: {first.field} — {first.message_ko}",
            message_en=f"Breaks the legal limits of field training: {first.field} — "
            f"{first.message_en}",
            problems=problems,
        )


def offer_full(seats: int) -> Conflict:
    """409 ``offer_full``: every seat of the offer is taken."""
    return conflict(
        "offer_full",
        f"이 제안의 모집 인원 {seats}명이 모두 찼습니다. 다른 제안을 고르세요.",
        f"All {seats} seats of this offer are taken; choose another offer.",
        field="offer_id",
    )


def student_already_placed() -> Conflict:
    """409 ``student_already_placed``: the student already has an active placement."""
    return conflict(
        "student_already_placed",
        "이 학생은 이미 배정되었거나 실습 중입니다. 학생 한 명은 한 번에 한 곳에만 배치됩니다.",
        "This student already has an active placement; a student is placed on one offer at a time.",
        field="student_id",
    )
