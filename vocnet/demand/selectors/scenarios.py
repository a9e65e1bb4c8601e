"""Reads of restructuring scenarios, through the permission layer, and their comparison."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.permissions import actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.demand.models import Scenario, ScenarioRecommendation, ScenarioStatus
from vocnet.registry.models import SupportOffice

MAX_COMPARED = 4


def scenario_list(*, user: UserLike) -> QuerySet[Scenario]:
    """Scenarios the user may see (the province and the support offices: all)."""
    return (
        restrict(user, Scenario.objects.all())
        .select_related("organisation", "support_office", "created_by")
        .defer("result")
        .order_by("-created_at", "-pk")
    )


def can_plan(*, user: UserLike) -> bool:
    """Whether the user may make scenarios (the province and support offices)."""
    actor = actor_for(user)
    return actor.is_authenticated and (actor.is_province or bool(actor.support_office_ids))


def scenario_office_choices(*, user: UserLike) -> QuerySet[SupportOffice] | None:
    """The support offices a scenario can be scoped to: every office for the province; None
    for a support office, whose scenarios cover its own regions."""
    if not actor_for(user).is_province:
        return None
    return SupportOffice.objects.order_by("name_ko")


def scenario_get(*, user: UserLike, scenario_id: int) -> Scenario:
    return get_visible(
        user,
        Scenario.objects.select_related("organisation", "support_office", "created_by"),
        scenario_id,
        ("시나리오", "Scenario"),
    )


@dataclass
class ComparedDepartment:
    """One department's recommendation in each compared scenario (None where absent)."""

    department_id: int
    school: str
    department: str
    field: str
    current: int
    cells: list[dict[str, Any] | None]

    @property
    def differs(self) -> bool:
        keys = {
            (c["action"], c["new"], c["converted_field"], c["converted"]) if c else None
            for c in self.cells
        }
        return len(keys) > 1


@dataclass
class Comparison:
    scenarios: list[Scenario]
    departments: list[ComparedDepartment] = field(default_factory=list)
    same: int = 0


def scenario_compare(*, user: UserLike, scenario_ids: list[int]) -> Comparison:
    """Two to four scenarios side by side: parameters, objective, and every department whose
    recommendation differs between them (``same`` counts those that do not). Raises
    ValidationFailed for fewer than two or more than four, NotFound for one not visible."""
    ids = list(dict.fromkeys(scenario_ids))
    if not 2 <= len(ids) <= MAX_COMPARED:
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    "ids",
                    "compare_count",
                    f"비교할 시나리오를 2~{MAX_COMPARED}개 고르세요.",
                    f"Choose 2 to {MAX_COMPARED} scenarios to compare.",
                )
            ]
        )
    scenarios = [scenario_get(user=user, scenario_id=pk) for pk in ids]
    rows: dict[int, ComparedDepartment] = {}
    for index, scenario in enumerate(scenarios):
        if scenario.status != ScenarioStatus.SOLVED or not scenario.result:
            continue
        for item in scenario.result.get("recommendations", []):
            row = rows.setdefault(
                item["department_id"],
                ComparedDepartment(
                    item["department_id"],
                    item["school"],
                    item["department"],
                    item["field"],
                    item["current"],
                    [None] * len(scenarios),
                ),
            )
            row.cells[index] = item
    differing = [row for row in rows.values() if row.differs]
    differing.sort(key=lambda r: (r.school, r.department))
    return Comparison(scenarios, differing, len(rows) - len(differing))


@dataclass(frozen=True)
class RecommendationFilters:
    """Filters of the recommendation lists (all optional): ``scenario`` and ``school`` ids,
    ``action`` (grow, shrink, convert, keep)."""

    scenario: int | None = None
    school: int | None = None
    action: str | None = None


def recommendation_list(
    *, user: UserLike, filters: RecommendationFilters
) -> QuerySet[ScenarioRecommendation]:
    """The department recommendations of saved scenarios that ``user`` may see: every one for
    the province and support offices, a school's own departments' in solved scenarios for its
    staff, none for anyone else (``policies``). Newest scenario first."""
    qs = (
        restrict(user, ScenarioRecommendation.objects.all())
        .select_related(
            "scenario__organisation",
            "scenario__support_office",
            "department__school__organisation",
            "department__ncs_middle",
            "converted_field",
        )
        .defer(
            # A scenario's plan (~90 kB of JSON) is not shown beside its recommendations: loading
            # and decoding it for each of a page's 50 rows cost ~100 ms a page (ADR 0020).
            "scenario__parameters",
            "scenario__result",
            "scenario__summary",
            "scenario__problems",
        )
    )
    if filters.scenario:
        qs = qs.filter(scenario_id=filters.scenario)
    if filters.school:
        qs = qs.filter(department__school_id=filters.school)
    if filters.action:
        qs = qs.filter(action=filters.action)
    return qs.order_by(
        "-scenario__created_at",
        "-scenario_id",
        "department__school__organisation__name_ko",
        "department__name_ko",
    )
