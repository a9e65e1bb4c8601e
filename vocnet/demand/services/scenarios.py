"""Writes of restructuring scenarios: create (and run), run again on today's data, rename,
delete. Running builds the planning problem from the ORM (``planner_input``), solves it with
the pure planner (``vocnet.planning``) and stores the plan as JSON on the scenario."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for, authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.core.validation import clean_or_raise
from vocnet.demand.models import Scenario, ScenarioRecommendation, ScenarioStatus
from vocnet.demand.parameters import ScenarioParameters, validate_parameters
from vocnet.demand.policies import planning_organisation
from vocnet.demand.services.planner_input import PlanningInput, planning_input
from vocnet.planning import Infeasible, InvalidProblem, PlanResult, SolverFailed, plan
from vocnet.registry.models import NcsMiddle, SupportOffice

RESULT_VERSION = 1


@dataclass
class ScenarioInput:
    name: str
    description: str = ""
    parameters: ScenarioParameters = field(default_factory=ScenarioParameters)
    is_synthetic: bool = False
    # The support office whose schools are planned for; None: a support-office officer's own
    # office, the whole province for the province.
    support_office_id: int | None = None


def _averages(result: PlanResult, key: str, years: int) -> list[dict[str, Any]]:
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for outcome in result.outcomes:
        group = totals[getattr(outcome, key)]
        for name in (
            "demand",
            "unmet_before",
            "unmet_after",
            "surplus_before",
            "surplus_after",
        ):
            group[name] += getattr(outcome, name) / max(years, 1)
    supply: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    seen: set[tuple[str, str]] = set()
    for outcome in result.outcomes:
        pair = (outcome.region, outcome.field)
        if pair in seen:
            continue
        seen.add(pair)
        supply[getattr(outcome, key)]["supply_before"] += outcome.supply_before
        supply[getattr(outcome, key)]["supply_after"] += outcome.supply_after
    return [
        {key: code, **{k: round(v, 2) for k, v in values.items()},
         **{k: round(v, 2) for k, v in supply[code].items()}}
        for code, values in sorted(totals.items())
    ]  # fmt: skip


def result_json(data: PlanningInput, result: PlanResult) -> dict[str, Any]:
    """The plan as stored on the scenario (and served by the API)."""
    actions = Counter(item.action.value for item in result.recommendations)
    recommendations = []
    for item in result.recommendations:
        info = data.departments[item.department]
        recommendations.append(
            {
                "department_id": info.department_id,
                "school_id": info.school_id,
                "school": info.school,
                "department": info.department,
                "region": item.region,
                "field": item.field,
                "action": item.action.value,
                "current": item.current_intake,
                "new": item.new_intake,
                "converted_field": item.converted_field,
                "converted": item.converted_intake,
                "cost": item.conversion_cost,
                "graduates_change": round(item.graduates_change, 2),
                "explanation_ko": item.explanation_ko,
                "explanation_en": item.explanation_en,
            }
        )

    def breakdown(value: Any) -> dict[str, float]:
        return {
            **{name: round(float(getattr(value, name)), 3) for name in value.__dataclass_fields__},
            "total": round(value.total, 3),
        }

    years = len(result.years)
    return {
        "version": RESULT_VERSION,
        "support_office_id": data.support_office_id,
        "status": result.status.value,
        "mip_gap": round(result.mip_gap, 5),
        "seconds": round(result.seconds, 3),
        "base_year": data.supply.base_year,
        "first_year": data.supply.first_planned_year,
        "years": list(result.years),
        "graduates_per_place": round(data.supply.graduates_per_place, 4),
        "size": result.size.__dict__,
        "objective": breakdown(result.objective),
        "baseline": breakdown(result.baseline),
        "counts": {
            "departments": len(result.recommendations),
            "grow": actions.get("grow", 0),
            "shrink": actions.get("shrink", 0),
            "convert": actions.get("convert", 0),
            "keep": actions.get("keep", 0),
            "places_added": sum(
                max(r.new_intake - r.current_intake, 0) for r in result.recommendations
            ),
            "places_removed": sum(
                max(r.current_intake - r.new_intake, 0) for r in result.recommendations
            ),
            "places_converted": sum(r.converted_intake for r in result.recommendations),
            "unplaced_departments": data.unplaced_departments,
            "demand_total": data.demand_total,
        },
        "fields": _averages(result, "field", years),
        "regions": _averages(result, "region", years),
        "recommendations": recommendations,
    }


def _run(scenario: Scenario, *, actor: UserLike, today: date | None) -> None:
    parameters = ScenarioParameters.from_json(scenario.parameters)
    data = planning_input(
        user=actor,
        parameters=parameters,
        today=today,
        support_office_id=scenario.support_office_id,
    )
    scenario.problems = []
    try:
        result = plan(data.problem)
    except Infeasible as exc:
        scenario.status, scenario.result = ScenarioStatus.INFEASIBLE, None
        scenario.problems = [problem.as_dict() for problem in exc.problems]
    except (InvalidProblem, SolverFailed) as exc:
        scenario.status, scenario.result = ScenarioStatus.FAILED, None
        scenario.problems = [
            {"subject": "__all__", "code": exc.code, "message_ko": exc.message_ko,
             "message_en": exc.message_en},
            *(problem.as_dict() for problem in exc.problems),
        ]  # fmt: skip
    else:
        scenario.status = ScenarioStatus.SOLVED
        scenario.result = result_json(data, result)
    scenario.summary = summary_of(scenario.result)
    scenario.solved_at = timezone.now()


def _store_recommendations(scenario: Scenario) -> None:
    """Replace the scenario's recommendation rows by those of its result (none unless
    solved)."""
    scenario.recommendations.all().delete()
    items = (scenario.result or {}).get("recommendations", [])
    if scenario.status != ScenarioStatus.SOLVED or not items:
        return
    fields = dict(NcsMiddle.objects.values_list("code", "pk"))
    ScenarioRecommendation.objects.bulk_create(
        [
            ScenarioRecommendation(
                scenario=scenario,
                department_id=item["department_id"],
                action=item["action"],
                current_intake=item["current"],
                new_intake=item["new"],
                converted_field_id=fields.get(item["converted_field"] or ""),
                converted_intake=item["converted"],
                conversion_cost=item["cost"],
                graduates_change=item["graduates_change"],
                explanation_ko=item["explanation_ko"],
                explanation_en=item["explanation_en"],
            )
            for item in items
        ],
        batch_size=1000,
    )


def summary_of(result: dict[str, Any] | None) -> dict[str, Any]:
    if not result:
        return {}
    return {
        "objective": result["objective"]["total"],
        "baseline": result["baseline"]["total"],
        "unmet": result["objective"]["unmet"],
        "unmet_before": result["baseline"]["unmet"],
        "surplus": result["objective"]["surplus"],
        "surplus_before": result["baseline"]["surplus"],
        "conversion_cost": result["objective"]["conversion_cost"],
        "counts": result["counts"],
        "years": result["years"],
        "first_year": result["first_year"],
        "status": result["status"],
        "mip_gap": result["mip_gap"],
        "seconds": result["seconds"],
    }


def _clean(scenario: Scenario) -> None:
    problems: list[FieldProblem] = []
    if not scenario.name.strip():
        problems.append(
            FieldProblem("name", "blank", "시나리오 이름을 적으세요.", "Name the scenario.")
        )
    try:
        clean_or_raise(scenario, exclude=["organisation", "created_by"])
    except ValidationFailed as exc:
        problems.extend(exc.problems)
    if problems:
        raise ValidationFailed.from_problems(problems)


def _scope(actor: UserLike, requested: int | None) -> int | None:
    """The support office a new scenario plans for: the one requested, else a support-office
    officer's own; None (the whole province) for the province. Raises ValidationFailed for
    an office that does not exist."""
    if requested is None:
        own = sorted(actor_for(actor).support_office_ids)
        return None if actor_for(actor).is_province or not own else own[0]
    if not SupportOffice.objects.filter(pk=requested).exists():
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    "support_office_id",
                    "unknown_support_office",
                    f"없는 교육지원청입니다: {requested}",
                    f"No such support office: {requested}",
                )
            ]
        )
    return requested


@transaction.atomic
def scenario_create(*, actor: UserLike, data: ScenarioInput, today: date | None = None) -> Scenario:
    """Save a scenario and run it at once. A support-office officer plans for the schools of
    their office's regions only; the province for every school, or for one office's
    (``support_office_id``). Raises PermissionDenied for anyone else and for an officer naming
    another office, ValidationFailed naming each bad parameter or an unknown office. A
    scenario whose constraints conflict is saved with status ``infeasible`` and the conflicts
    named per school."""
    organisation_id = planning_organisation(actor)
    office_id = _scope(actor, data.support_office_id)
    authorize_create(actor, Scenario, organisation_id=organisation_id, support_office_id=office_id)
    validate_parameters(data.parameters, prefix="parameters.")
    scenario = Scenario(
        name=data.name.strip(),
        description=data.description.strip(),
        organisation_id=organisation_id,
        support_office_id=office_id,
        created_by=user_row(actor),
        parameters=data.parameters.as_json(),
        is_synthetic=data.is_synthetic,
    )
    _clean(scenario)
    _run(scenario, actor=actor, today=today)
    scenario.save()
    _store_recommendations(scenario)
    record_audit(
        actor=actor,
        action="scenario.create",
        obj=scenario,
        after=snapshot(
            scenario, ["name", "parameters", "status", "organisation_id", "support_office_id"]
        ),
    )
    return scenario


@transaction.atomic
def scenario_run(*, actor: UserLike, scenario: Scenario, today: date | None = None) -> Scenario:
    """Plan the scenario again, in its own scope, on today's departments and declarations
    (the plan and its recommendation rows are replaced). Raises PermissionDenied unless the
    actor may change the scenario."""
    authorize_change(actor, scenario)
    before = snapshot(scenario, ["status", "solved_at"])
    _run(scenario, actor=actor, today=today)
    scenario.save()
    _store_recommendations(scenario)
    record_audit(
        actor=actor,
        action="scenario.run",
        obj=scenario,
        before=before,
        after=snapshot(scenario, ["status", "solved_at"]),
    )
    return scenario


@transaction.atomic
def scenario_update(*, actor: UserLike, scenario: Scenario, changes: Mapping[str, Any]) -> Scenario:
    """Rename or re-describe a scenario (its parameters and plan stay: make a new scenario
    to plan under other parameters, so saved plans remain comparable)."""
    authorize_change(actor, scenario)
    before = snapshot(scenario, ["name", "description"])
    for name in ("name", "description"):
        if name in changes:
            setattr(scenario, name, str(changes[name]).strip())
    _clean(scenario)
    scenario.save(update_fields=["name", "description", "updated_at"])
    record_audit(
        actor=actor,
        action="scenario.update",
        obj=scenario,
        before=before,
        after=snapshot(scenario, ["name", "description"]),
    )
    return scenario


@transaction.atomic
def scenario_delete(*, actor: UserLike, scenario: Scenario) -> None:
    authorize_change(actor, scenario)
    record_audit(
        actor=actor,
        action="scenario.delete",
        obj=scenario,
        before=snapshot(scenario, ["name", "status", "organisation_id"]),
    )
    scenario.delete()


def parameters_with(base: ScenarioParameters, **changes: Any) -> ScenarioParameters:
    """``base`` with some parameters changed (for forms and the demo)."""
    return replace(base, **changes)
