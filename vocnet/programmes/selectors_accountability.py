"""Reads of accountability: the designation's KPI results, reports and evaluations (through
the permission layer), and the public yearly performance report (published reports only, no
login; small cells suppressed by ``disclosure``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from vocnet.core.errors import not_found
from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.programmes.disclosure import PublicFigure, public_figure
from vocnet.programmes.kpi_sources import percent
from vocnet.programmes.models import (
    Designation,
    Disbursement,
    Evaluation,
    KpiResult,
    PerformanceReport,
    Spending,
)


@dataclass(frozen=True)
class PublicKpi:
    name: str
    unit: str
    is_computed: bool
    figure: PublicFigure


@dataclass(frozen=True)
class PublicReport:
    report: PerformanceReport
    designation: Designation
    school: str
    kpis: list[PublicKpi]
    disbursed: int
    spent: int
    rate: Decimal | None
    evaluations: list[Evaluation]


def published_report(designation_id: int, year: int) -> PublicReport:
    """A published yearly report, for anyone (the public disclosure); NotFound when it is not
    published. Counts under 5 appear as "<5" and rates resting on them are withheld."""
    report = (
        PerformanceReport.objects.select_related(
            "designation__programme", "designation__school_designation__school__organisation"
        )
        .filter(designation_id=designation_id, year=year)
        .first()
    )
    if report is None:
        raise not_found("성과 공개", "Performance report")
    designation = report.designation
    results = KpiResult.objects.filter(designation=designation, year=year).select_related(
        "definition"
    )
    kpis = [
        PublicKpi(
            name=r.definition.name_ko,
            unit=r.definition.unit,
            is_computed=r.is_computed,
            figure=public_figure(r.numerator, r.denominator, r.value, r.definition.unit),
        )
        for r in results
    ]
    disbursed = Disbursement.objects.filter(
        grant__designation=designation, grant__fiscal_year=year
    ).aggregate(total=Sum("amount_krw"))["total"]
    spent = Spending.objects.filter(
        grant__designation=designation, grant__fiscal_year=year
    ).aggregate(total=Sum("amount_krw"))["total"]
    return PublicReport(
        report=report,
        designation=designation,
        school=designation.school_designation.school.organisation.name_ko,
        kpis=kpis,
        disbursed=int(disbursed or 0),
        spent=int(spent or 0),
        rate=percent(int(spent or 0), int(disbursed or 0)),
        evaluations=list(
            Evaluation.objects.filter(
                designation=designation,
                programme_year__lte=year - designation.school_designation.year + 1,
            )
        ),
    )


def kpi_results(user: UserLike, designation: Designation) -> Any:
    return restrict(
        user, KpiResult.objects.filter(designation=designation).select_related("definition")
    ).order_by("-year", "definition__position")


def reports(user: UserLike, designation: Designation) -> Any:
    return restrict(user, PerformanceReport.objects.filter(designation=designation))


def evaluations(user: UserLike, designation: Designation) -> Any:
    return restrict(user, Evaluation.objects.filter(designation=designation))
