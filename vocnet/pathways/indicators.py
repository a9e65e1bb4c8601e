"""Pure computation of the pathway indicators (issue 18, §2): a graduate's events → the
summary the indicators count, and counts → rates, with small-cell suppression. No Django
import (``.importlinter``, pure-engines); the ORM adapter is in ``services.py`` and the
counting query in ``selectors.py``.

Definitions and their sources are in ``rules.py`` (``EMPLOYMENT_RATE`` is the national
statistic's; the others are vocnet's and say so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from vocnet.pathways import rules

# Event kinds (the values of ``models.EventKind``).
HIRED, INSURANCE_CHECK, JOB_CHANGE, LEFT_WORK = "hired", "insurance_check", "job_change", "left"
ENLISTED, ENROLLED, COMPLETED, EXEMPTED = "enlisted", "enrolled", "completed", "exempted"
INDUSTRIAL_TECHNICAL = "industrial_technical"  # 산업기능요원: serves while working

# Statuses on the reference day (``models.PathwayStatus``).
EMPLOYED, HIGHER_EDUCATION, ENLISTED_STATUS = "employed", "higher_education", "enlisted"
EXEMPTED_STATUS, NOT_EMPLOYED, UNKNOWN = "exempted", "not_employed", "unknown"
# A graduate without events is counted from the destination the school recorded.
FROM_DESTINATION = {
    "employed": EMPLOYED,
    "university": HIGHER_EDUCATION,
    "military": ENLISTED_STATUS,
    "other": NOT_EMPLOYED,
    "unknown": UNKNOWN,
}


@dataclass(frozen=True)
class Event:
    kind: str
    on: date
    check_month: int | None = None
    is_insured: bool | None = None
    workplace_code: str = ""
    route: str = ""
    service_type: str = ""


@dataclass(frozen=True)
class PathwaySummary:
    """What the indicators count of one graduate (stored on the graduate's row)."""

    status: str
    first_job_on: date | None = None
    days_to_first_job: int | None = None
    retained_6: bool | None = None
    retained_12: bool | None = None
    workplace_code: str = ""
    study_route: str = ""
    # Whether the job held on the reference day is in the school's 시·군 / province (None: not
    # employed then, or the workplace is not known).
    in_school_city: bool | None = None
    in_school_province: bool | None = None


def summarise(
    events: Iterable[Event], graduation_year: int, destination: str, school_code: str = ""
) -> PathwaySummary:
    """The summary of one graduate of ``graduation_year`` from their events; without events,
    the status follows the school's recorded ``destination`` (``FROM_DESTINATION``).

    Status on the reference day (``rules.reference_date``), latest event first wins within a
    kind: working (hired or changed job, not left since) → employed, even while studying;
    else studying (enrolled, not completed) → higher education; else enlisted (not as
    산업기능요원) → enlisted; else exempted; else not employed. Retention at 6 and 12 months
    is the latest insurance check of that month (None: not checked). The workplace is the
    job's on the reference day; the study route the first enrolment on a work-then-study
    route at any time."""
    ordered = sorted(events, key=lambda e: (e.on, e.kind))
    if not ordered:
        return PathwaySummary(FROM_DESTINATION.get(destination, UNKNOWN))
    first_job = next((e.on for e in ordered if e.kind in (HIRED, JOB_CHANGE)), None)
    retained = {
        e.check_month: e.is_insured
        for e in ordered
        if e.kind == INSURANCE_CHECK and e.check_month and e.is_insured is not None
    }
    study_route = next(
        (e.route for e in ordered if e.kind == ENROLLED and e.route in rules.WORK_STUDY_ROUTES),
        "",
    )
    reference = rules.reference_date(graduation_year)
    status, workplace = _status_on([e for e in ordered if e.on <= reference])
    in_city = in_province = None
    if workplace and school_code:
        in_city = workplace == school_code
        in_province = workplace[:2] == school_code[:2]
    days = None
    if first_job is not None:
        days = max(0, (first_job - rules.graduation_date(graduation_year)).days)
    return PathwaySummary(
        status=status,
        first_job_on=first_job,
        days_to_first_job=days,
        retained_6=retained.get(6),
        retained_12=retained.get(12),
        workplace_code=workplace,
        study_route=study_route,
        in_school_city=in_city,
        in_school_province=in_province,
    )


def _status_on(events: list[Event]) -> tuple[str, str]:
    """The status after ``events`` (in date order) and the workplace of the job then held."""
    working = studying = enlisted = exempted = False
    workplace = ""
    for event in events:
        if event.kind in (HIRED, JOB_CHANGE):
            working, workplace = True, event.workplace_code
        elif event.kind == LEFT_WORK:
            working, workplace = False, ""
        elif event.kind in (ENROLLED, COMPLETED):
            studying = event.kind == ENROLLED
        elif event.kind == ENLISTED:
            enlisted = event.service_type != INDUSTRIAL_TECHNICAL
        elif event.kind == EXEMPTED:
            exempted = True
    if working:
        return EMPLOYED, workplace
    for flag, status in (
        (studying, HIGHER_EDUCATION),
        (enlisted, ENLISTED_STATUS),
        (exempted, EXEMPTED_STATUS),
    ):
        if flag:
            return status, ""
    return NOT_EMPLOYED, ""


@dataclass
class IndicatorCounts:
    """Counts of one group of graduates, summed from their summaries."""

    graduates: int = 0
    employed: int = 0
    higher_education: int = 0
    enlisted: int = 0
    exempted: int = 0
    retention_6_checked: int = 0
    retained_6: int = 0
    retention_12_checked: int = 0
    retained_12: int = 0
    workplace_known: int = 0
    same_city: int = 0
    same_province: int = 0
    work_study: int = 0
    first_jobs: int = 0
    days_to_first_job: int = 0  # the sum over ``first_jobs``
    synthetic: int = 0

    def add(self, other: IndicatorCounts) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    @property
    def employment_base(self) -> int:
        """The national denominator: graduates − higher education − enlisted − exempted."""
        return self.graduates - self.higher_education - self.enlisted - self.exempted


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator * 100 / denominator if denominator > 0 else None


@dataclass(frozen=True)
class Rates:
    """Percentages (None: no base) and the mean days to the first job."""

    employment: float | None
    higher_education: float | None
    retention_6: float | None
    retention_12: float | None
    same_city: float | None
    same_province: float | None
    work_study: float | None
    days_to_first_job: float | None


def rates(counts: IndicatorCounts) -> Rates:
    """The indicators of ``rules.DEFINITIONS`` from ``counts``."""
    return Rates(
        employment=_ratio(counts.employed, counts.employment_base),
        higher_education=_ratio(counts.higher_education, counts.graduates),
        retention_6=_ratio(counts.retained_6, counts.retention_6_checked),
        retention_12=_ratio(counts.retained_12, counts.retention_12_checked),
        same_city=_ratio(counts.same_city, counts.workplace_known),
        same_province=_ratio(counts.same_province, counts.workplace_known),
        work_study=_ratio(counts.work_study, counts.graduates),
        days_to_first_job=(
            counts.days_to_first_job / counts.first_jobs if counts.first_jobs else None
        ),
    )


SUPPRESSED = "<5"


def is_small(count: int) -> bool:
    """A count that identifies people: 1 to 4 (``rules.SUPPRESSION``)."""
    return 0 < count < rules.SUPPRESS_BELOW


def shown_count(count: int, *, suppress: bool) -> int | str:
    """``count``, or "<5" when suppressing and it is small."""
    return SUPPRESSED if suppress and is_small(count) else count


def shown_rate(value: float | None, *parts: int, suppress: bool) -> float | str | None:
    """``value`` rounded to one decimal, or "<5" when suppressing and any count it was
    computed from is small (a rate would give the small count away)."""
    if suppress and any(is_small(part) for part in parts):
        return SUPPRESSED
    return None if value is None else round(value, 1)


@dataclass(frozen=True)
class ShownRow:
    """One group's figures as a page or an export shows them (suppressed where asked)."""

    graduates: int | str
    employed: int | str
    higher_education: int | str
    enlisted: int | str
    exempted: int | str
    employment_rate: float | str | None
    higher_education_rate: float | str | None
    retention_6: float | str | None
    retention_12: float | str | None
    same_city: float | str | None
    same_province: float | str | None
    work_study: int | str
    work_study_rate: float | str | None
    days_to_first_job: float | str | None
    synthetic: bool


def shown(counts: IndicatorCounts, *, suppress: bool) -> ShownRow:
    """``counts`` and their rates, with small cells replaced by "<5" when ``suppress``."""
    r = rates(counts)
    c = counts
    days = None if r.days_to_first_job is None else round(r.days_to_first_job, 1)
    return ShownRow(
        graduates=shown_count(c.graduates, suppress=suppress),
        employed=shown_count(c.employed, suppress=suppress),
        higher_education=shown_count(c.higher_education, suppress=suppress),
        enlisted=shown_count(c.enlisted, suppress=suppress),
        exempted=shown_count(c.exempted, suppress=suppress),
        employment_rate=shown_rate(r.employment, c.employed, c.employment_base, suppress=suppress),
        higher_education_rate=shown_rate(
            r.higher_education, c.higher_education, c.graduates, suppress=suppress
        ),
        retention_6=shown_rate(
            r.retention_6, c.retained_6, c.retention_6_checked, suppress=suppress
        ),
        retention_12=shown_rate(
            r.retention_12, c.retained_12, c.retention_12_checked, suppress=suppress
        ),
        same_city=shown_rate(r.same_city, c.same_city, c.workplace_known, suppress=suppress),
        same_province=shown_rate(
            r.same_province, c.same_province, c.workplace_known, suppress=suppress
        ),
        work_study=shown_count(c.work_study, suppress=suppress),
        work_study_rate=shown_rate(r.work_study, c.work_study, c.graduates, suppress=suppress),
        days_to_first_job=(SUPPRESSED if suppress and is_small(c.first_jobs) else days),
        synthetic=c.synthetic > 0,
    )
