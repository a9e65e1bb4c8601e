"""Writes of the demand app (issue 7): declarations, scenarios, and the adapter that turns
ORM rows into the planner's problem (``planner_input``)."""

from vocnet.demand.services.declarations import (
    DeclarationInput,
    declaration_create,
    declaration_delete,
    declaration_update,
    declaration_years,
)
from vocnet.demand.services.scenarios import (
    ScenarioInput,
    scenario_create,
    scenario_delete,
    scenario_run,
    scenario_update,
)

__all__ = [
    "DeclarationInput",
    "ScenarioInput",
    "declaration_create",
    "declaration_delete",
    "declaration_update",
    "declaration_years",
    "scenario_create",
    "scenario_delete",
    "scenario_run",
    "scenario_update",
]
