"""Domain errors of agreements: a refused lifecycle transition names the current state and
the requested action in Korean and English."""

from __future__ import annotations

from vocnet.core.errors import Conflict

# English names of the states and actions, for the bilingual messages (the Korean ones are
# the model's choice labels and the ACTIONS below).
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "draft": ("작성 중", "a draft"),
    "circulated": ("서명 진행 중", "circulated for signature"),
    "active": ("시행 중", "active"),
    "amended": ("변경 협약 진행 중", "being amended"),
    "completed": ("종료", "completed"),
    "terminated": ("해지", "terminated"),
}

ACTIONS: dict[str, tuple[str, str]] = {
    "edit": ("수정", "edited"),
    "circulate": ("회람(서명 요청)", "circulated"),
    "sign": ("서명", "signed"),
    "amend": ("변경", "amended"),
    "withdraw_amendment": ("변경 철회", "have its amendment withdrawn"),
    "complete": ("종료 처리", "completed"),
    "terminate": ("해지", "terminated"),
    "record_delivery": ("이행 실적 기록", "given deliveries"),
}


def transition_refused(status: str, action: str) -> Conflict:
    """409 ``transition_not_allowed``: "an agreement that is <state> cannot be <action>"."""
    status_ko, status_en = STATUS_NAMES.get(status, (status, status))
    action_ko, action_en = ACTIONS[action]
    return Conflict(
        code="transition_not_allowed",
        message_ko=f"현재 상태가 '{status_ko}'인 협약은 {action_ko}할 수 없습니다.",
        message_en=f"An agreement that is {status_en} cannot be {action_en}.",
    )


def conflict(code: str, message_ko: str, message_en: str) -> Conflict:
    return Conflict(code=code, message_ko=message_ko, message_en=message_en)
