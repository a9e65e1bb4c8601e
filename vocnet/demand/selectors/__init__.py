"""Reads of the demand app. Every function that returns rows takes the user and goes through
``vocnet.core.permissions``."""

from vocnet.demand.selectors.declarations import (
    DeclarationFilters,
    can_declare,
    changeable_ids,
    declaration_for_change,
    declaration_get,
    declaration_list,
    declaring_organisation_choices,
)
from vocnet.demand.selectors.gap import GROUPINGS, GapAnalysis, GapFilters, gap_analysis
from vocnet.demand.selectors.gap_drilldown import DrillDown, gap_drilldown
from vocnet.demand.selectors.home import HomeItem, home_items
from vocnet.demand.selectors.scenarios import (
    Comparison,
    RecommendationFilters,
    can_plan,
    recommendation_list,
    scenario_compare,
    scenario_get,
    scenario_list,
)

__all__ = [
    "GROUPINGS",
    "Comparison",
    "DeclarationFilters",
    "DrillDown",
    "GapAnalysis",
    "GapFilters",
    "HomeItem",
    "RecommendationFilters",
    "can_declare",
    "can_plan",
    "changeable_ids",
    "declaration_for_change",
    "declaration_get",
    "declaration_list",
    "declaring_organisation_choices",
    "gap_analysis",
    "gap_drilldown",
    "home_items",
    "recommendation_list",
    "scenario_compare",
    "scenario_get",
    "scenario_list",
]
