"""Where computed KPIs come from: one function per ``KpiMethod``, taking the designated school
and the year and giving the counts (numerator, denominator) and the value, or None when
vocnet holds no data for it.

Enrolment (registry), graduate destinations (pathways) and commitment fulfilment
(agreements) sit below this app and are read here. Field training lives in ``placements``,
a layer above: it fills its source through :func:`register_kpi_source` in its
``AppConfig.ready()`` (the hook pattern of docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from vocnet.agreements.models import Agreement
from vocnet.agreements.selectors.progress import progress_for
from vocnet.pathways.models import DestinationKind, GraduateDestination
from vocnet.registry.models import Department


@dataclass(frozen=True)
class KpiValue:
    numerator: int | None
    denominator: int | None
    value: Decimal | None


# (school organisation id, year, agreement id or None) → value, or None (no data).
KpiSource = Callable[[int, int, int | None], KpiValue | None]
_SOURCES: dict[str, KpiSource] = {}


def register_kpi_source(method: str, source: KpiSource) -> None:
    """Install the source of one computed KPI method (called from an AppConfig.ready())."""
    _SOURCES[method] = source


def kpi_source(method: str) -> KpiSource | None:
    return _SOURCES.get(method)


def percent(numerator: int, denominator: int) -> Decimal | None:
    if denominator <= 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def ratio(numerator: int, denominator: int) -> KpiValue | None:
    if denominator <= 0:
        return None
    return KpiValue(numerator, denominator, percent(numerator, denominator))


def enrolment_fill(school_id: int, year: int, agreement_id: int | None) -> KpiValue | None:
    """충원율: first-year students ÷ intake capacity over the school's active departments (the
    registry's current figures; it keeps no history, so ``year`` is the year of reading)."""
    totals = Department.objects.filter(school_id=school_id, is_active=True).aggregate(
        enrolled=Sum("enrolled_grade_1"), capacity=Sum("intake_capacity")
    )
    return ratio(int(totals["enrolled"] or 0), int(totals["capacity"] or 0))


def _destinations(school_id: int, year: int) -> dict[str, int]:
    # Graduates of February ``year`` whose destination is known.
    return GraduateDestination.objects.filter(
        department__school_id=school_id, graduation_year=year
    ).aggregate(
        known=Count("pk", filter=~Q(kind=DestinationKind.UNKNOWN)),
        employed=Count("pk", filter=Q(kind=DestinationKind.EMPLOYED)),
        university=Count("pk", filter=Q(kind=DestinationKind.UNIVERSITY)),
    )


def employment(school_id: int, year: int, agreement_id: int | None) -> KpiValue | None:
    """취업률: employed ÷ graduates of February ``year`` with a known destination."""
    counts = _destinations(school_id, year)
    return ratio(counts["employed"], counts["known"])


def higher_education(school_id: int, year: int, agreement_id: int | None) -> KpiValue | None:
    """진학률: to university ÷ graduates of February ``year`` with a known destination."""
    counts = _destinations(school_id, year)
    return ratio(counts["university"], counts["known"])


def commitment_fulfilment(school_id: int, year: int, agreement_id: int | None) -> KpiValue | None:
    """협약 약속 이행률: the consortium agreement's commitments on track (not behind) ÷ those
    with a target due, on 31 December of ``year`` (agreements' progress rules)."""
    if agreement_id is None:
        return None
    agreement = Agreement.objects.filter(pk=agreement_id).first()
    if agreement is None or agreement.start_date is None or agreement.end_date is None:
        return None
    as_of = min(date(year, 12, 31), agreement.end_date)
    if as_of < agreement.start_date:
        return None
    progress = progress_for([agreement], as_of).get(agreement.pk)
    if progress is None:
        return None
    overall = progress[0].overall
    return ratio(overall.rated - overall.behind, overall.rated)


register_kpi_source("enrolment_fill", enrolment_fill)
register_kpi_source("employment", employment)
register_kpi_source("higher_education", higher_education)
register_kpi_source("commitment_fulfilment", commitment_fulfilment)
