"""Reads of designations and grants, always through the permission layer: the designations a
user may see, one grant with its ledger, and the execution dashboard (집행률) by school,
programme, source and category."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Sum

from vocnet.core.permissions import get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.programmes.models import (
    BudgetCategory,
    Designation,
    Disbursement,
    FundingSource,
    Grant,
    GrantPlanLine,
    Spending,
)


def designations_visible(user: UserLike) -> Any:
    """Designations the user may see (province: all; officers: their calls'; the school and
    its consortium: theirs), with what their list shows."""
    return restrict(
        user,
        Designation.objects.select_related(
            "programme", "school_designation__school__organisation", "agreement", "decision__call"
        ).order_by(
            "-school_designation__year", "school_designation__school__organisation__name_ko"
        ),
    )


def designation_detail(user: UserLike, designation_id: int) -> Designation:
    """One visible designation, or NotFound."""
    return get_visible(
        user,
        Designation.objects.select_related(
            "programme", "school_designation__school__organisation", "agreement", "decision__call"
        ),
        designation_id,
        ("지정", "Designation"),
    )


def grant_detail(user: UserLike, grant_id: int) -> Grant:
    """One visible grant, or NotFound."""
    return get_visible(
        user,
        Grant.objects.select_related(
            "designation__programme", "designation__school_designation__school__organisation"
        ),
        grant_id,
        ("사업비", "Grant"),
    )


def rate(spent: int, base: int) -> Decimal | None:
    """``spent`` as a percentage of ``base`` to one decimal (half up); None when base is 0."""
    if base <= 0:
        return None
    return (Decimal(spent) * 100 / Decimal(base)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class ExecutionRow:
    """One line of the dashboard. ``rate`` is spent ÷ disbursed for schools, programmes and
    sources; for categories (disbursements are made per source) it is spent ÷ planned."""

    key: str
    label: str
    planned: int = 0
    disbursed: int = 0
    spent: int = 0
    by_plan: bool = False
    is_synthetic: bool = False

    @property
    def rate(self) -> Decimal | None:
        return rate(self.spent, self.planned if self.by_plan else self.disbursed)

    @property
    def balance(self) -> int:
        return self.disbursed - self.spent


@dataclass
class GrantLedger:
    """One grant's plan, disbursed and spent amounts per source and per category."""

    grant: Grant
    by_source: list[ExecutionRow]
    by_category: list[ExecutionRow]
    total: ExecutionRow
    disbursements: list[Disbursement]
    spendings: list[Spending]
    settled_sources: set[str] = field(default_factory=set)


@dataclass
class ExecutionDashboard:
    fiscal_year: int | None
    years: list[int]
    by_school: list[ExecutionRow]
    by_programme: list[ExecutionRow]
    by_source: list[ExecutionRow]
    by_category: list[ExecutionRow]
    total: ExecutionRow

    @property
    def chart(self) -> dict[str, Any]:
        """Execution rate per school for the bar chart (static/js/charts.js)."""
        return {
            "label": "집행률(%)",
            "unit": "%",
            "labels": [row.label for row in self.by_school],
            "values": [float(row.rate or 0) for row in self.by_school],
        }


def _sums(queryset: Any, keys: Iterable[str]) -> list[dict[str, Any]]:
    return list(queryset.values(*keys).annotate(total=Sum("amount_krw")).order_by())


def execution_dashboard(user: UserLike, fiscal_year: int | None = None) -> ExecutionDashboard:
    """Planned, disbursed and spent KRW and the execution rate of the grants the user may see,
    for one fiscal year (None: every year), by school, programme, source and category.
    Four queries whatever the number of grants."""
    grants_qs = restrict(user, Grant.objects.all())
    years = sorted(set(grants_qs.values_list("fiscal_year", flat=True)), reverse=True)
    if fiscal_year is not None:
        grants_qs = grants_qs.filter(fiscal_year=fiscal_year)
    grants = {
        row["pk"]: row
        for row in grants_qs.values(
            "pk",
            "is_synthetic",
            "designation__school_designation__school_id",
            "designation__school_designation__school__organisation__name_ko",
            "designation__programme__code",
            "designation__programme__name_ko",
        )
    }
    ids = list(grants)
    plan = _sums(GrantPlanLine.objects.filter(grant_id__in=ids), ("grant_id", "source", "category"))
    paid = _sums(Disbursement.objects.filter(grant_id__in=ids), ("grant_id", "source"))
    spent = _sums(Spending.objects.filter(grant_id__in=ids), ("grant_id", "source", "category"))

    schools: dict[Any, ExecutionRow] = {}
    programmes: dict[Any, ExecutionRow] = {}
    sources = {code: ExecutionRow(code, str(label)) for code, label in FundingSource.choices}
    categories = {
        code: ExecutionRow(code, str(label), by_plan=True) for code, label in BudgetCategory.choices
    }
    total = ExecutionRow("total", "합계")

    def rows_of(grant_id: int) -> tuple[ExecutionRow, ExecutionRow]:
        meta = grants[grant_id]
        school_key = meta["designation__school_designation__school_id"]
        school = schools.setdefault(
            school_key,
            ExecutionRow(
                str(school_key),
                meta["designation__school_designation__school__organisation__name_ko"],
            ),
        )
        school.is_synthetic = school.is_synthetic or meta["is_synthetic"]
        programme = programmes.setdefault(
            meta["designation__programme__code"],
            ExecutionRow(
                meta["designation__programme__code"], meta["designation__programme__name_ko"]
            ),
        )
        return school, programme

    for line in plan:
        amount = int(line["total"] or 0)
        for row in (
            *rows_of(line["grant_id"]),
            sources[line["source"]],
            categories[line["category"]],
            total,
        ):
            row.planned += amount
    for line in paid:
        amount = int(line["total"] or 0)
        for row in (*rows_of(line["grant_id"]), sources[line["source"]], total):
            row.disbursed += amount
    for line in spent:
        amount = int(line["total"] or 0)
        for row in (
            *rows_of(line["grant_id"]),
            sources[line["source"]],
            categories[line["category"]],
            total,
        ):
            row.spent += amount
    return ExecutionDashboard(
        fiscal_year=fiscal_year,
        years=years,
        by_school=sorted(schools.values(), key=lambda r: r.label),
        by_programme=sorted(programmes.values(), key=lambda r: r.label),
        by_source=list(sources.values()),
        by_category=list(categories.values()),
        total=total,
    )


def grant_ledger(user: UserLike, grant_id: int) -> GrantLedger:
    """One visible grant with its ledger (NotFound otherwise)."""
    grant = grant_detail(user, grant_id)
    sources = {code: ExecutionRow(code, str(label)) for code, label in FundingSource.choices}
    categories = {
        code: ExecutionRow(code, str(label), by_plan=True) for code, label in BudgetCategory.choices
    }
    total = ExecutionRow("total", "합계")
    for line in grant.plan_lines.all():
        for row in (sources[line.source], categories[line.category], total):
            row.planned += line.amount_krw
    disbursements = list(grant.disbursements.all())
    for payment in disbursements:
        for row in (sources[payment.source], total):
            row.disbursed += payment.amount_krw
    spendings = list(grant.spendings.all())
    for spending in spendings:
        for row in (sources[spending.source], categories[spending.category], total):
            row.spent += spending.amount_krw
    return GrantLedger(
        grant=grant,
        by_source=[row for row in sources.values() if row.planned or row.disbursed or row.spent],
        by_category=list(categories.values()),
        total=total,
        disbursements=disbursements,
        spendings=spendings,
        settled_sources=set(grant.settlements.values_list("source", flat=True)),
    )


def spending_evidence(user: UserLike, spending_id: int) -> Spending:
    """One visible spending record (for its evidence download), or NotFound."""
    return get_visible(user, Spending.objects.all(), spending_id, ("집행", "Spending"))
