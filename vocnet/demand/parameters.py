"""The parameters of a restructuring scenario, as a user sets them (percentages, 백만원), and
their rules. ``services.planner_input`` turns them into the planner's ``Parameters``.

Defaults are vocnet's starting point, not policy: ±10 % per school is the kind of change a
province approves in one round; the costs are rough orders of magnitude (a converted place
needs equipment and retrained teachers; another NCS major costs more than a related field).
The yearly limits (issue 17 §4) keep a plan to what a school can carry out in one year: a
department moves by at most ``department_change_percent`` of its intake (and converts at most
that many places), a school changes at most ``max_changed_departments`` departments, and a
department converts only to a related field (``vocnet.registry.relatedness``: the same NCS
major, or a pair of related majors that is vocnet policy and says so) unless
``related_conversions_only`` is off. These defaults are vocnet's, stated as such on the page.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.korean import with_particle
from vocnet.demand.supply import ANNUAL_RETENTION, LABOUR_MARKET_SHARE

MAX_PRIORITY_FIELDS = 20


@dataclass(frozen=True)
class ScenarioParameters:
    total_change_percent: float = 10.0
    department_min_percent: float = 50.0
    department_max_percent: float = 150.0
    unmet_weight: float = 1.0
    surplus_weight: float = 0.5
    conversion_cost_same_major: float = 10.0  # 백만원 per converted place
    conversion_cost_other_major: float = 30.0
    conversion_fixed_cost: float = 0.0  # 백만원 per conversion; > 0 makes solving slower
    conversion_cost_weight: float = 0.05  # objective units per 백만원
    conversion_targets: int = 2
    min_conversion: int = 0
    department_change_percent: float = 20.0
    max_changed_departments: int = 1
    related_conversions_only: bool = True
    change_weight: float = 0.05
    neighbour_weight: float = 0.05
    annual_retention: float = ANNUAL_RETENTION
    labour_market_share: float = LABOUR_MARKET_SHARE
    teacher_headroom_percent: float = 25.0
    new_field_teacher_places: int = 60
    priority_fields: dict[str, float] = field(default_factory=dict)
    demand_years: tuple[int, ...] = ()
    time_limit_seconds: float = 20.0

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["demand_years"] = list(self.demand_years)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScenarioParameters:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        if "demand_years" in values:
            values["demand_years"] = tuple(values["demand_years"])
        return cls(**values)


# name → (minimum, maximum, Korean label, English label)
_RANGES: dict[str, tuple[float, float, str, str]] = {
    "total_change_percent": (0, 50, "학교 총정원 변동 한도(%)", "school total change (%)"),
    "department_min_percent": (0, 100, "학과 최소 정원(현재 대비 %)", "department minimum (%)"),
    "department_max_percent": (100, 300, "학과 최대 정원(현재 대비 %)", "department maximum (%)"),
    "unmet_weight": (0, 100, "미충족 수요 가중치", "unmet-demand weight"),
    "surplus_weight": (0, 100, "과잉 공급 가중치", "surplus weight"),
    "conversion_cost_same_major": (0, 10_000, "전환 비용(같은 대분류)", "conversion cost (same)"),
    "conversion_cost_other_major": (0, 10_000, "전환 비용(다른 대분류)", "conversion cost (other)"),
    "conversion_fixed_cost": (0, 100_000, "전환 고정 비용", "fixed conversion cost"),
    "conversion_cost_weight": (0, 10, "전환 비용 가중치", "conversion-cost weight"),
    "conversion_targets": (0, 5, "학과별 전환 후보 분야 수", "conversion targets per department"),
    "min_conversion": (0, 100, "최소 전환 정원", "minimum conversion"),
    "department_change_percent": (
        0,
        100,
        "학과별 연간 변경 한도(현재 정원 대비 %)",
        "yearly change per department (% of its intake)",
    ),
    "max_changed_departments": (
        0,
        20,
        "학교별 연간 변경 학과 수",
        "departments changed per school and year",
    ),
    "change_weight": (0, 10, "정원 변경 가중치", "change weight"),
    "neighbour_weight": (0, 10, "인접 시·군 취업 가중치", "neighbour weight"),
    "annual_retention": (0.5, 1, "연간 재학 유지율", "annual retention"),
    "labour_market_share": (0.05, 1, "취업 희망 비율", "labour-market share"),
    "teacher_headroom_percent": (0, 200, "교원 여유(%)", "teacher headroom (%)"),
    "new_field_teacher_places": (0, 500, "새 분야 교원 수용 정원", "new-field teacher places"),
    "time_limit_seconds": (1, 120, "계산 제한 시간(초)", "time limit (s)"),
}


def validate_parameters(parameters: ScenarioParameters, *, prefix: str = "") -> None:
    """Raise ValidationFailed naming each parameter out of range (in Korean and English)."""
    problems: list[FieldProblem] = []
    for name, (low, high, ko, en) in _RANGES.items():
        value = getattr(parameters, name)
        if (
            not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not (low <= value <= high)
        ):
            problems.append(
                FieldProblem(
                    f"{prefix}{name}",
                    "out_of_range",
                    f"{with_particle(ko, '은/는')} {low:g}~{high:g} 사이여야 합니다.",
                    f"The {en} must be between {low:g} and {high:g}.",
                )
            )
    if len(parameters.priority_fields) > MAX_PRIORITY_FIELDS or any(
        not (isinstance(code, str) and len(code) == 4 and code.isdigit())
        or not 0 <= float(weight) <= 10
        for code, weight in parameters.priority_fields.items()
    ):
        problems.append(
            FieldProblem(
                f"{prefix}priority_fields",
                "invalid_priority_fields",
                f"우선 분야는 NCS 중분류 코드(4자리)와 0~10의 가중치로 {MAX_PRIORITY_FIELDS}개"
                "까지입니다.",
                f"Priority fields are up to {MAX_PRIORITY_FIELDS} NCS middle codes (4 digits) "
                "with a weight from 0 to 10.",
            )
        )
    if len(parameters.demand_years) > 10 or any(
        not 2000 <= year <= 2100 for year in parameters.demand_years
    ):
        problems.append(
            FieldProblem(
                f"{prefix}demand_years",
                "invalid_years",
                "수요 연도는 2000~2100년 사이로 10개까지입니다.",
                "Demand years are up to ten years between 2000 and 2100.",
            )
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
