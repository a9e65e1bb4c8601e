"""One sentence per recommendation, in Korean and English: what to do with the department,
which shortage or surplus of its neighbourhood (its region and the regions next to it) that
changes, per year, and at what one-off cost."""

from __future__ import annotations

from collections.abc import Sequence

from vocnet.planning.model import Action, Department, Effect, Labels, Parameters


def _n(value: float) -> str:
    return f"{value:,.0f}"


def _people(value: float) -> str:
    """A yearly head count: one decimal under ten (0.5 graduates a year is not "0")."""
    return f"{value:,.1f}" if abs(value) < 10 and round(value) != value else f"{value:,.0f}"


def _percent(share: float | None) -> str:
    return "±∞" if share is None else f"±{share:.0%}"


def _who(department: Department) -> str:
    name = department.name or department.id
    return f"{department.school_name} {name}".strip()


def explain(
    department: Department,
    *,
    action: Action,
    new_intake: int,
    conversion: tuple[str, int, float] | None,
    effects: Sequence[Effect],
    parameters: Parameters,
    labels: Labels,
    receivers: Sequence[Department] = (),
) -> tuple[str, str]:
    """(Korean, English) sentence for one department's recommendation.

    ``effects[0]`` is the department's own field in its neighbourhood, ``effects[1]`` the
    conversion target's (when converting); ``receivers`` are the departments of the same
    school that grow or convert (where a shrink's places go)."""
    who = _who(department)
    field_ko, field_en = labels.field_name(department.field)
    region_ko, region_en = labels.region(department.region)
    where_ko = f"{region_ko} 및 인접 시·군"
    where_en = f"{region_en} and its neighbours"
    own = effects[0]
    current = department.intake
    delta = new_intake - current
    graduates = parameters.graduates_per_place * abs(delta)
    unit_ko, unit_en = labels.cost_unit

    if action is Action.CONVERT and conversion is not None:
        target, places, cost = conversion
        target_ko, target_en = labels.field_name(target)
        gain = effects[1] if len(effects) > 1 else own
        cost_ko, cost_en = f"{_n(cost)}{unit_ko}", f"{_n(cost)} {unit_en}".strip()
        return (
            f"{who}: 정원 {places}명을 {target_ko} 분야로 전환합니다(자기 분야 {current}명→"
            f"{new_intake}명). {where_ko}의 {target_ko} 부족 인원이 연 {_n(gain.unmet_before)}명"
            f"에서 {_n(gain.unmet_after)}명으로 줄고, 일회성 전환 비용은 {cost_ko}입니다.",
            f"{who}: convert {places} places to {target_en} (own field {current} → "
            f"{new_intake}). The shortage of {target_en} in {where_en} falls from "
            f"{_n(gain.unmet_before)} to {_n(gain.unmet_after)} a year, at a one-off "
            f"conversion cost of {cost_en}.",
        )
    if action is Action.GROW:
        if own.unmet_after < own.unmet_before - 0.5:
            fall = own.unmet_before - own.unmet_after
            # The neighbourhood's shortage falls by what every change there adds; say so when
            # this department's own graduates are not the whole of it.
            together = fall > graduates + 0.5
            cause_ko = (
                f"이 학과를 포함한 {where_ko}의 조정으로 부족 인원이"
                if together
                else f"{where_ko}의 부족 인원이"
            )
            cause_en = (
                f"Together with the other changes in {where_en}, the shortage falls"
                if together
                else f"The shortage in {where_en} falls"
            )
            return (
                f"{who}: 입학 정원을 {current}명에서 {new_intake}명으로 {delta}명 늘립니다. "
                f"졸업 후 해마다 {field_ko} 인력이 약 {_people(graduates)}명 더 나옵니다. "
                f"{cause_ko} 연 {_n(own.unmet_before)}명에서 {_n(own.unmet_after)}명으로 "
                "줄어듭니다.",
                f"{who}: raise the intake from {current} to {new_intake} (+{delta}). From "
                f"graduation on, about {_people(graduates)} more {field_en} graduates a year. "
                f"{cause_en} from {_n(own.unmet_before)} to {_n(own.unmet_after)} a year.",
            )
        if own.surplus_after > 0.5:
            balance_ko = (
                f"{where_ko}의 {field_ko} 졸업생은 수요보다 연 {_n(own.surplus_after)}명 많습니다."
            )
            balance_en = (
                f"{field_en} graduates in {where_en} then exceed demand by "
                f"{_n(own.surplus_after)} a year."
            )
        else:
            balance_ko = f"{where_ko}의 {field_ko} 수요와 공급은 맞습니다."
            balance_en = f"Supply and demand of {field_en} in {where_en} still match."
        return (
            f"{who}: 입학 정원을 {current}명에서 {new_intake}명으로 {delta}명 늘려 학교 "
            f"총정원을 허용 범위({_percent(parameters.total_change)}) 안에 둡니다. {balance_ko}",
            f"{who}: raise the intake from {current} to {new_intake} (+{delta}) to keep the "
            f"school's total within its range ({_percent(parameters.total_change)}). "
            f"{balance_en}",
        )
    if action is Action.SHRINK:
        if own.surplus_after < own.surplus_before - 0.5:
            return (
                f"{who}: 입학 정원을 {current}명에서 {new_intake}명으로 {-delta}명 줄입니다. "
                f"{where_ko}의 {field_ko} 졸업생이 수요보다 연 {_n(own.surplus_before)}명 많아, "
                f"줄이면 남는 인원이 연 {_n(own.surplus_after)}명이 됩니다.",
                f"{who}: cut the intake from {current} to {new_intake} (−{-delta}). {field_en} "
                f"graduates in {where_en} exceed demand by {_n(own.surplus_before)} a year; "
                f"after the cut the surplus is {_n(own.surplus_after)} a year.",
            )
        names = ", ".join(d.name or d.id for d in receivers[:3])
        if names:
            return (
                f"{who}: 입학 정원을 {current}명에서 {new_intake}명으로 {-delta}명 줄여, 학교 "
                f"총정원 범위({_percent(parameters.total_change)}) 안에서 같은 학교 {names}의 "
                "증원·전환에 정원을 돌립니다.",
                f"{who}: cut the intake from {current} to {new_intake} (−{-delta}) to free "
                f"places, within the school's total ({_percent(parameters.total_change)}), for "
                f"{names} at the same school.",
            )
        return (
            f"{who}: 입학 정원을 {current}명에서 {new_intake}명으로 {-delta}명 줄입니다.",
            f"{who}: cut the intake from {current} to {new_intake} (−{-delta}).",
        )
    # Keep.
    if own.unmet_after > 0.5:
        if new_intake >= department.max_intake:
            reason_ko = f"학과 최대 정원({department.max_intake}명)에 이미 닿아"
            reason_en = f"the department is at its maximum ({department.max_intake})"
        else:
            reason_ko = "학교 총정원 상한과 교원 여건 안에서는"
            reason_en = "the school's total-intake ceiling and its teachers leave no room"
        return (
            f"{who}: 현재 정원 {current}명을 유지합니다. {where_ko}에 {field_ko} 부족이 연 "
            f"{_n(own.unmet_after)}명 남지만, {reason_ko} 더 늘리지 않습니다.",
            f"{who}: keep the intake at {current}. A shortage of {_n(own.unmet_after)} "
            f"{field_en} a year remains in {where_en}, but {reason_en}.",
        )
    if own.surplus_after > 0.5:
        if new_intake <= department.min_intake:
            reason_ko = f"학과 최소 정원({department.min_intake}명) 때문에"
            reason_en = f"the department is at its minimum ({department.min_intake})"
        else:
            reason_ko = f"학교 총정원 하한({_percent(parameters.total_change)}) 때문에"
            reason_en = f"the school's total must stay within {_percent(parameters.total_change)}"
        return (
            f"{who}: 현재 정원 {current}명을 유지합니다. {where_ko}의 {field_ko} 졸업생이 연 "
            f"{_n(own.surplus_after)}명 남지만, {reason_ko} 더 줄이지 않습니다.",
            f"{who}: keep the intake at {current}. {field_en} graduates in {where_en} exceed "
            f"demand by {_n(own.surplus_after)} a year, but {reason_en}.",
        )
    return (
        f"{who}: 현재 정원 {current}명을 유지합니다. {where_ko}의 {field_ko} 수요와 공급이 "
        "맞습니다.",
        f"{who}: keep the intake at {current}; supply and demand of {field_en} in {where_en} "
        "match.",
    )
