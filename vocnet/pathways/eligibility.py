"""Pure computation of the support a graduate may claim (issue 18 §3) from their pathway
events: 고졸 취업연계 장려금 after 3 and after 12 months, 재직자 특별전형 after 3 years in
work (and the day it is reached), 조기취업형 계약학과. No Django import (``.importlinter``,
pure-engines); the ORM adapter is ``services.eligibility.as_fact`` and the rules with their
sources are data in ``data/eligibility_rules.py`` (every one marked unverified).

Employment is read as spells: a hire or a job change opens one (closing the one before),
leaving work or active military service closes it. A spell covers ``[start, end)`` — the
leave date is the day the insurance ends (고용보험 상실일, the day after the last day of
work), so a spell reaches a tenure when ``start + tenure <= end``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from vocnet.pathways import rules
from vocnet.pathways.data.eligibility_rules import (
    EARLY_EMPLOYMENT_CONTRACT,
    ELIGIBILITY_RULES,
    INCENTIVE_3,
    INCENTIVE_12,
    INCUMBENT_SPECIAL,
    EligibilityRule,
)

# Event kinds (the values of ``models.EventKind``).
HIRED, JOB_CHANGE, LEFT_WORK, ENLISTED = "hired", "job_change", "left", "enlisted"
INSURANCE_CHECK, ENROLLED = "insurance_check", "enrolled"
INDUSTRIAL_TECHNICAL = "industrial_technical"  # 산업기능요원 serve while working
# On one day, an ending comes before a beginning (leaving and being hired the same day is a
# job change, not a hire undone).
_ORDER = {LEFT_WORK: 0, ENLISTED: 1, HIRED: 2, JOB_CHANGE: 2}

# Statuses of one rule for one graduate.
ELIGIBLE = "eligible"  # reached and the conditions hold: may claim / apply now
SOON = "soon"  # the conditions hold and the day is reached within the rule's soon_days
LATER = "later"  # the conditions hold; the day is further away
NOT_ELIGIBLE = "not_eligible"
UNKNOWN = "unknown"  # a fact the rule needs is not recorded (hours, firm size)
USED = "used"  # already enrolled on that route
STATUSES = (ELIGIBLE, SOON, LATER, USED, UNKNOWN, NOT_ELIGIBLE)


@dataclass(frozen=True)
class Fact:
    """One event of a graduate as the rules read it. ``employer`` identifies the employer
    (a company id or a name), ``firm_size`` is a registry ``CompanySize`` value ("" unknown).
    """

    kind: str
    on: date
    employer: str = ""
    firm_size: str = ""
    weekly_hours: int | None = None
    check_month: int | None = None
    is_insured: bool | None = None
    route: str = ""
    service_type: str = ""


@dataclass
class Spell:
    """One period of work at one employer, ``[start, end)``; ``end`` None: still working."""

    start: date
    employer: str
    firm_size: str
    weekly_hours: int | None
    first_job: bool
    end: date | None = None
    uninsured_on: date | None = None  # an insurance check in the spell said not insured

    def days(self, today: date) -> int:
        """Days worked in the spell up to ``today``."""
        end = min(self.end or today, today)
        return max(0, (end - self.start).days)


@dataclass(frozen=True)
class Eligibility:
    """One rule's verdict for one graduate: the status, the day it is (or was) reached, and
    why, in Korean and English."""

    rule: EligibilityRule
    status: str
    reached_on: date | None
    reason_ko: str
    reason_en: str

    @property
    def code(self) -> str:
        return self.rule.rule.code

    @property
    def verified(self) -> bool:
        return self.rule.rule.verified


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later; the month's last day when that day does
    not exist (31 January + 1 month = 28 or 29 February; 29 February + 12 months = 28
    February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def spells(facts: Iterable[Fact]) -> list[Spell]:
    """The graduate's periods of work in date order (see the module's docstring)."""
    ordered = sorted(facts, key=lambda f: (f.on, _ORDER.get(f.kind, 3)))
    result: list[Spell] = []
    current: Spell | None = None
    for fact in ordered:
        ends = fact.kind == LEFT_WORK or (
            fact.kind == ENLISTED and fact.service_type != INDUSTRIAL_TECHNICAL
        )
        if (fact.kind in (HIRED, JOB_CHANGE) or ends) and current is not None:
            current.end = fact.on
            current = None
        if fact.kind in (HIRED, JOB_CHANGE):
            current = Spell(
                start=fact.on,
                employer=fact.employer,
                firm_size=fact.firm_size,
                weekly_hours=fact.weekly_hours,
                first_job=not result,
            )
            result.append(current)
        elif fact.kind == INSURANCE_CHECK and current is not None and fact.is_insured is False:
            current.uninsured_on = current.uninsured_on or fact.on
    return result


def _incentive(item: EligibilityRule, periods: list[Spell], today: date) -> Eligibility:
    """고졸 취업연계 장려금 at ``item.months_employed`` months: the first spell that reached the
    tenure on the conditions; else the current spell's day; else why not."""
    months = item.months_employed
    if not periods:
        return Eligibility(item, NOT_ELIGIBLE, None, "취업 기록이 없습니다.", "No job is recorded.")
    for spell in periods:
        reached = add_months(spell.start, months)
        if (
            _fails(item, spell) is None
            and reached <= today
            and (spell.end is None or reached <= spell.end)
        ):
            return Eligibility(
                item,
                ELIGIBLE,
                reached,
                f"{spell.start.isoformat()} 입사, {months}개월 재직을 채웠습니다.",
                f"Hired on {spell.start.isoformat()}; {months} months completed.",
            )
    latest = periods[-1]
    reached = add_months(latest.start, months)
    problem = _fails(item, latest)
    if problem is not None:
        status, ko, en = problem
        return Eligibility(item, status, None, ko, en)
    if latest.end is not None:
        return Eligibility(
            item,
            NOT_ELIGIBLE,
            None,
            f"{months}개월을 채우기 전에 퇴직·입대했습니다({latest.end.isoformat()}).",
            f"Left work or enlisted before {months} months ({latest.end.isoformat()}).",
        )
    status = SOON if (reached - today).days <= item.soon_days else LATER
    return Eligibility(
        item,
        status,
        reached,
        f"지금 직장에 {reached.isoformat()}까지 다니면 {months}개월을 채웁니다.",
        f"Reaches {months} months on {reached.isoformat()} if still at the current job.",
    )


def _fails(item: EligibilityRule, spell: Spell) -> tuple[str, str, str] | None:
    """Why ``spell`` does not meet the incentive's conditions, or None."""
    if spell.uninsured_on is not None:
        return (
            NOT_ELIGIBLE,
            f"고용보험 확인에서 가입 상태가 아니었습니다({spell.uninsured_on.isoformat()}).",
            f"An insurance check found the graduate uninsured ({spell.uninsured_on.isoformat()}).",
        )
    if spell.weekly_hours is not None and spell.weekly_hours < item.min_weekly_hours:
        return (
            NOT_ELIGIBLE,
            f"주 소정근로시간이 {spell.weekly_hours}시간으로 {item.min_weekly_hours}시간보다 "
            "적습니다.",
            f"{spell.weekly_hours} hours a week, under {item.min_weekly_hours}.",
        )
    if spell.firm_size and spell.firm_size not in item.firm_sizes:
        return (
            NOT_ELIGIBLE,
            "중소·중견기업이 아닙니다(대기업).",
            "The employer is not a small, medium or mid-sized firm.",
        )
    if spell.weekly_hours is None or not spell.firm_size:
        missing_ko = " · ".join(
            name
            for name, absent in (
                ("주 소정근로시간", spell.weekly_hours is None),
                ("기업 규모", not spell.firm_size),
            )
            if absent
        )
        missing_en = ", ".join(
            name
            for name, absent in (
                ("weekly hours", spell.weekly_hours is None),
                ("firm size", not spell.firm_size),
            )
            if absent
        )
        return (
            UNKNOWN,
            f"판단에 필요한 기록이 없습니다: {missing_ko}.",
            f"Not recorded, needed to decide: {missing_en}.",
        )
    return None


def _incumbent(
    item: EligibilityRule, periods: list[Spell], routes: set[str], today: date
) -> Eligibility:
    """재직자 특별전형: ``item.years_in_work`` years summed over the spells, employed now."""
    if INCUMBENT_SPECIAL.rule.code in routes:
        return Eligibility(
            item,
            USED,
            None,
            "이미 재직자 특별전형으로 진학했습니다.",
            "Already enrolled through this admission.",
        )
    current = periods[-1] if periods and periods[-1].end is None else None
    if current is None:
        return Eligibility(
            item,
            NOT_ELIGIBLE,
            None,
            "지금 재직 중이 아닙니다(지원할 때 재직 중이어야 합니다).",
            "Not employed now (applicants must be employed when applying).",
        )
    before = sum(spell.days(today) for spell in periods[:-1])
    reached = add_months(current.start, 12 * item.years_in_work) - timedelta(days=before)
    if reached <= today:
        return Eligibility(
            item,
            ELIGIBLE,
            reached,
            f"재직 {item.years_in_work}년을 {reached.isoformat()}에 채웠습니다.",
            f"{item.years_in_work} years in work reached on {reached.isoformat()}.",
        )
    status = SOON if (reached - today).days <= item.soon_days else LATER
    return Eligibility(
        item,
        status,
        reached,
        f"계속 재직하면 {reached.isoformat()}에 {item.years_in_work}년을 채웁니다.",
        f"Reaches {item.years_in_work} years in work on {reached.isoformat()} if still employed.",
    )


def _early_contract(
    item: EligibilityRule, periods: list[Spell], routes: set[str], graduation_year: int
) -> Eligibility:
    """조기취업형 계약학과: the first job began in the 3rd year's second semester and the
    graduate still works there."""
    if EARLY_EMPLOYMENT_CONTRACT.rule.code in routes:
        return Eligibility(
            item,
            USED,
            None,
            "이미 조기취업형 계약학과로 진학했습니다.",
            "Already enrolled in an early-employment contract department.",
        )
    first = periods[0] if periods else None
    window_end = date(graduation_year, 3, 1) - timedelta(days=1)
    if first is None or not rules.earliest_hire(graduation_year) <= first.start <= window_end:
        return Eligibility(
            item,
            NOT_ELIGIBLE,
            None,
            "3학년 2학기에 취업한 기록이 없습니다.",
            "No hire in the 3rd year's second semester is recorded.",
        )
    if first.end is not None:
        return Eligibility(
            item,
            NOT_ELIGIBLE,
            None,
            f"3학년 2학기에 취업한 기업을 떠났습니다({first.end.isoformat()}).",
            f"Left the company that hired them in the 3rd year ({first.end.isoformat()}).",
        )
    return Eligibility(
        item,
        ELIGIBLE,
        first.start,
        f"3학년 2학기({first.start.isoformat()})에 취업해 계속 다니고 있습니다. 그 기업이 계약학과 "
        "참여 기업인지 대학에 확인하세요.",
        f"Hired in the 3rd year ({first.start.isoformat()}) and still there; ask the university "
        "whether the company is a partner of its contract department.",
    )


@dataclass(frozen=True)
class GraduateEligibility:
    """Every rule's verdict for one graduate, in ``ELIGIBILITY_RULES`` order."""

    items: tuple[Eligibility, ...] = field(default_factory=tuple)

    def has(self, *statuses: str) -> bool:
        return any(item.status in statuses for item in self.items)


def assess(facts: Iterable[Fact], *, graduation_year: int, today: date) -> GraduateEligibility:
    """What a graduate of ``graduation_year`` may claim on ``today`` from their events
    (``ELIGIBILITY_RULES``; every rule is unverified, see ``data/eligibility_rules.py``).
    Events after ``today`` are ignored."""
    known = [fact for fact in facts if fact.on <= today]
    periods = spells(known)
    routes = {fact.route for fact in known if fact.kind == ENROLLED and fact.route}
    verdicts = {
        INCENTIVE_3.rule.code: _incentive(INCENTIVE_3, periods, today),
        INCENTIVE_12.rule.code: _incentive(INCENTIVE_12, periods, today),
        INCUMBENT_SPECIAL.rule.code: _incumbent(INCUMBENT_SPECIAL, periods, routes, today),
        EARLY_EMPLOYMENT_CONTRACT.rule.code: _early_contract(
            EARLY_EMPLOYMENT_CONTRACT, periods, routes, graduation_year
        ),
    }
    return GraduateEligibility(tuple(verdicts[item.rule.code] for item in ELIGIBILITY_RULES))
