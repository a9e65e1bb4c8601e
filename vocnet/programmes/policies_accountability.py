"""Permission rules of KPI results, performance reports and evaluations (registered in
``vocnet.core.permissions``). They are seen with their designation; KPI results and reports
are written by the designated school's staff and the province; evaluations are decided by
those who manage the designation (the province, the issuing officers). Published reports are
also public pages, read through ``selectors_accountability.published_report`` (no login)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.programmes.models import Evaluation, KpiDefinition, KpiResult, PerformanceReport
from vocnet.programmes.policies_designations import designation_change_q, designation_view_q
from vocnet.registry.models import Role


def reporting_q(actor: Actor, prefix: str = "") -> Q:
    """Designations whose KPIs and report the actor writes: their own school's, and every one
    for the province and the issuing officers."""
    return designation_change_q(actor, prefix) | Q(
        **{f"{prefix}school_designation__school_id__in": actor.organisations(Role.SCHOOL_STAFF)}
    )


@register(KpiDefinition)
class KpiDefinitionPolicy(ModelPolicy):
    """Reference data: readable by every signed-in user, changed by data migration only."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return queryset if action is Action.VIEW else queryset.none()


class _ReportingPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(designation_view_q(actor, "designation__"))
        return queryset.filter(reporting_q(actor, "designation__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province or context.get("school_id") in actor.organisations(
            Role.SCHOOL_STAFF
        )


@register(KpiResult)
class KpiResultPolicy(_ReportingPolicy):
    pass


@register(PerformanceReport)
class PerformanceReportPolicy(_ReportingPolicy):
    pass


@register(Evaluation)
class EvaluationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(designation_view_q(actor, "designation__"))
        return queryset.filter(designation_change_q(actor, "designation__"))
