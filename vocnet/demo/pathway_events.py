"""Synthetic pathway events of the demo graduates (issue 18 §7), drawn at rates stated here,
every row labelled synthetic, and the graduates' summaries computed from them by the pure
engine (``vocnet.pathways.indicators.summarise``), exactly as the services would.

Rates (vocnet's assumptions unless a source is named; the demo is no statistic):

* employed graduates: 20 % hired in the 3rd year's second semester (September–January), the
  rest in February–March; employment insurance checked 3, 6 and 12 months after the hire
  (source: insurance records), still insured with probability 0.92, 0.83 and 0.68 — the 6-
  and 12-month figures near the national 1st and 2nd 유지취업률 of 2024 graduates (83.1 %,
  68.2 %, key_numbers.md); a quarter of those who leave are hired again 1–3 months later;
* workplace: in the school's own 시·군 with a probability that varies by region, from 30 % to
  70 % (drawn once per region from the seed), else 70 % elsewhere in Gyeonggi, 30 % in Seoul
  or Incheon;
* work-then-study: about 5 % of all graduates (19 % of the employed) enrol on a route —
  조기취업형 계약학과 for the early hires, otherwise 재직자 특별전형 (only after 3 years in
  work), 채용조건형·재교육형 계약학과, 사내대학, 방송통신대·사이버대;
* higher education: enrolled on 2 March of the graduation year (regular admission); 35 % in
  two-year colleges complete two years later;
* the employer's size follows its (synthetic) name — 정밀산업, 전자부품, 물류서비스 small or
  medium, 바이오텍 mid-sized, 소프트웨어 large — so the eligibility pages (issue 18 §3) have
  graduates on both sides of the incentive's rule, without drawing anything more;
* military: enlisted in February or March (active service);
* neither working nor studying: 40 % hold a short job after the reference day and leave it
  within six months.

Events after ``today`` are not drawn. No event names a person.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

from vocnet.pathways.indicators import Event, summarise
from vocnet.pathways.models import GraduateDestination, PathwayEvent
from vocnet.pathways.services.events import summary_fields
from vocnet.registry.models import DataOrigin

EARLY_HIRE = 0.20
INSURED_AT = {3: 0.92, 6: 0.83, 12: 0.68}
REHIRED = 0.25
WORK_STUDY_OF_EMPLOYED = 0.19
SAME_CITY_RANGE = (0.30, 0.70)
ELSEWHERE_IN_PROVINCE = 0.70
OUTSIDE = ("11110", "11680", "11440", "28237", "28185")  # Seoul and Incheon districts
OTHER_SHORT_JOB = 0.40
TWO_YEAR_COLLEGE = 0.35
SYNTHETIC_EVENT_NOTE = "합성(데모) (synthetic)"
EMPLOYERS = (
    "(합성) 정밀산업",
    "(합성) 전자부품",
    "(합성) 바이오텍",
    "(합성) 물류서비스",
    "(합성) 소프트웨어",
)
# The employers' sizes (registry CompanySize values): a fixed choice, drawing nothing.
EMPLOYER_SIZES = {
    "(합성) 정밀산업": "sme",
    "(합성) 전자부품": "sme",
    "(합성) 바이오텍": "midsize",
    "(합성) 물류서비스": "micro",
    "(합성) 소프트웨어": "large",
}
KSIC = ("29", "26", "21", "52", "58", "25", "30")
ROUTES_LATER = ("hiring_contract", "retraining_contract", "corporate_university", "open_cyber")
ROUTE_WEIGHTS = (0.25, 0.15, 0.15, 0.45)


@dataclass(frozen=True)
class DemoEvent:
    kind: str
    on: date
    employer_name: str = ""
    ksic_code: str = ""
    workplace: str = ""
    employment_type: str = ""
    weekly_hours: int | None = None
    wage_band: str = ""
    firm_size: str = ""
    check_month: int | None = None
    is_insured: bool | None = None
    source: str = ""
    service_type: str = ""
    route: str = ""
    institution_name: str = ""

    def as_event(self) -> Event:
        return Event(
            self.kind,
            self.on,
            check_month=self.check_month,
            is_insured=self.is_insured,
            workplace_code=self.workplace,
            route=self.route,
            service_type=self.service_type,
        )


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


@dataclass
class Regions:
    """The workplace draw: each demo region's chance of keeping its graduates."""

    codes: Sequence[str]
    same_city: dict[str, float]

    @classmethod
    def draw(cls, codes: Sequence[str], rng: random.Random) -> Regions:
        low, high = SAME_CITY_RANGE
        return cls(codes, {code: rng.uniform(low, high) for code in sorted(codes)})

    def workplace(self, school_code: str, rng: random.Random) -> str:
        if school_code and rng.random() < self.same_city.get(school_code, 0.5):
            return school_code
        if rng.random() < ELSEWHERE_IN_PROVINCE and len(self.codes) > 1:
            return rng.choice([c for c in self.codes if c != school_code] or list(self.codes))
        return rng.choice(OUTSIDE)


def _job(rng: random.Random, kind: str, day: date, workplace: str) -> DemoEvent:
    employer = rng.choice(EMPLOYERS)
    return DemoEvent(
        kind,
        day,
        employer_name=employer,
        firm_size=EMPLOYER_SIZES[employer],
        ksic_code=rng.choice(KSIC),
        workplace=workplace,
        employment_type=rng.choices(["regular", "fixed_term", "part_time"], [75, 15, 10])[0],
        weekly_hours=40 if rng.random() < 0.9 else rng.randint(30, 52),
        wage_band=rng.choices(["under_200", "200_250", "250_300", "300_plus"], [20, 45, 25, 10])[0],
    )


def _employed(
    rng: random.Random, year: int, school_code: str, regions: Regions, today: date
) -> list[DemoEvent]:
    early = rng.random() < EARLY_HIRE
    hired_on = (
        _day(rng, date(year - 1, 9, 1), date(year, 1, 31))
        if early
        else _day(rng, date(year, 2, 1), date(year, 3, 31))
    )
    events = [_job(rng, "hired", hired_on, regions.workplace(school_code, rng))]
    working = True
    for month, chance in INSURED_AT.items():
        checked_on = add_months(hired_on, month)
        if checked_on > today:
            break
        previous = INSURED_AT.get({6: 3, 12: 6}.get(month, 0), 1.0)
        if working and rng.random() > chance / previous:
            left_on = checked_on - timedelta(days=rng.randint(5, 60))
            events.append(DemoEvent("left", left_on))
            working = False
            if rng.random() < REHIRED:
                rehired = left_on + timedelta(days=rng.randint(20, 40))
                if rehired < checked_on:
                    events.append(
                        _job(rng, "job_change", rehired, regions.workplace(school_code, rng))
                    )
                    working = True
        events.append(
            DemoEvent(
                "insurance_check",
                checked_on,
                check_month=month,
                is_insured=working,
                source="insurance_db",
            )
        )
    if working and rng.random() < WORK_STUDY_OF_EMPLOYED:
        if early:
            route, enrolled_on = "early_employment_contract", date(year, 3, 2)
        elif date(year + 3, 3, 2) <= today and rng.random() < 0.3:
            route, enrolled_on = "incumbent_special", date(year + 3, 3, 2)
        else:
            route = rng.choices(ROUTES_LATER, ROUTE_WEIGHTS)[0]
            enrolled_on = date(year + 1, 3, 2)
        if enrolled_on <= today:
            events.append(
                DemoEvent("enrolled", enrolled_on, route=route, institution_name="(합성) 대학")
            )
    return events


def draw_pathway(
    rng: random.Random,
    *,
    year: int,
    destination: str,
    school_code: str,
    regions: Regions,
    today: date,
) -> list[DemoEvent]:
    """The synthetic events of one graduate of ``year`` whose recorded destination is
    ``destination``, at the rates of the module."""
    if destination == "employed":
        events = _employed(rng, year, school_code, regions, today)
    elif destination == "university":
        events = [
            DemoEvent("enrolled", date(year, 3, 2), route="regular", institution_name="(합성) 대학")
        ]
        if rng.random() < TWO_YEAR_COLLEGE and date(year + 2, 2, 20) <= today:
            events.append(DemoEvent("completed", date(year + 2, 2, 20), route="regular"))
    elif destination == "military":
        events = [
            DemoEvent(
                "enlisted", _day(rng, date(year, 2, 2), date(year, 3, 31)), service_type="active"
            )
        ]
    elif destination == "other" and rng.random() < OTHER_SHORT_JOB:
        hired_on = _day(rng, date(year, 4, 2), date(year, 9, 30))
        events = [_job(rng, "hired", hired_on, regions.workplace(school_code, rng))]
        left_on = hired_on + timedelta(days=rng.randint(30, 170))
        events.append(DemoEvent("left", left_on))
        checked_on = add_months(hired_on, 3)
        events.append(
            DemoEvent(
                "insurance_check",
                checked_on,
                check_month=3,
                is_insured=checked_on < left_on,
                source="insurance_db",
            )
        )
    else:
        events = []
    return [event for event in events if event.on <= today]


EVENT_COLUMNS = (
    "graduate",
    "kind",
    "occurred_on",
    "employer_name",
    "ksic_code",
    "workplace_sigungu_code",
    "employment_type",
    "weekly_hours",
    "wage_band",
    "firm_size",
    "check_month",
    "is_insured",
    "source",
    "service_type",
    "route",
    "institution_name",
    "note",
    "data_origin",
    "created_at",
)
SUMMARY_COLUMNS = (
    "pathway_status",
    "first_job_on",
    "days_to_first_job",
    "retained_6",
    "retained_12",
    "workplace_sigungu_code",
    "study_route",
    "works_in_school_city",
    "works_in_school_province",
)


def load_pathway_events(
    graduates: Sequence[tuple[int, int, str, str]], *, seed: int, today: date | None = None
) -> int:
    """Draw and insert the events of ``graduates`` (pk, graduation year, destination, the
    school's 시군구 code) and store each one's summary. Returns the number of events. Two
    ``executemany`` statements (a seeding tool, like the destinations' loader)."""
    today = today or timezone.localdate()
    rng = random.Random(f"vocnet-pathway-events:{seed}")
    regions = Regions.draw(sorted({code for *_rest, code in graduates if code}), rng)
    event_rows: list[tuple[Any, ...]] = []
    summaries: list[tuple[Any, ...]] = []
    connection = connections[router.db_for_write(PathwayEvent)]
    now = PathwayEvent._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    for pk, year, destination, school_code in graduates:
        events = draw_pathway(
            rng,
            year=year,
            destination=destination,
            school_code=school_code,
            regions=regions,
            today=today,
        )
        for e in events:
            event_rows.append(
                (
                    pk,
                    e.kind,
                    e.on,
                    e.employer_name,
                    e.ksic_code,
                    e.workplace,
                    e.employment_type,
                    e.weekly_hours,
                    e.wage_band,
                    e.firm_size,
                    e.check_month,
                    e.is_insured,
                    e.source,
                    e.service_type,
                    e.route,
                    e.institution_name,
                    SYNTHETIC_EVENT_NOTE,
                    DataOrigin.SYNTHETIC.value,
                    now,
                )
            )
        fields = summary_fields(
            summarise([e.as_event() for e in events], year, destination, school_code)
        )
        summaries.append((*(fields[name] for name in SUMMARY_COLUMNS), pk))
    _write(connection, event_rows, summaries)
    return len(event_rows)


def _column(model: Any, name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), name
    return str(field.column)


def _write(
    connection: Any, events: list[tuple[Any, ...]], summaries: list[tuple[Any, ...]]
) -> None:
    quote = connection.ops.quote_name
    meta = PathwayEvent._meta
    columns = ", ".join(quote(_column(PathwayEvent, name)) for name in EVENT_COLUMNS)
    marks = ", ".join(["%s"] * len(EVENT_COLUMNS))
    graduates = GraduateDestination._meta
    assignments = ", ".join(
        f"{quote(_column(GraduateDestination, name))} = %s" for name in SUMMARY_COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})", events
        )
        cursor.executemany(
            f"UPDATE {quote(graduates.db_table)} SET {assignments} WHERE {quote('id')} = %s",
            summaries,
        )
