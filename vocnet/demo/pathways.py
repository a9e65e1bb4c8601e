"""The pathways demo: synthetic, labelled destinations of the graduating classes of 2023, 2024
and 2025 of every department of the registry demo, drawn at the national rates of those years.

Run after the registry demo (``manage.py load_demo`` calls it through
``vocnet/demo/domains.py``). Deterministic for a seed; idempotent. The rates come from the
national graduate statistic of vocational high schools (직업계고 졸업자 취업통계, MOE/KEDI,
reference date 1 April) as quoted in ``../shared/data/key_numbers.md``; how each share is
derived, and which are vocnet's assumptions, is in ``vocnet/pathways/data/SOURCES.md``:

* 진학 (university) = the year's 진학률: 47.0 % (2023), 48.0 % (2024), 49.2 % (2025);
* 취업 (employed) = 취업률 × (1 − 진학 − 4.4 %), since the official 취업률 leaves out those who
  went on to study, did military service or were excluded (4.4 % = the remainder of 2024:
  1 − 48.0 % − 26.3 % employed − 21.3 % 미취업); 2025 gives 25.7 % (reported: 15,296 of
  59,661 = 25.6 %);
* 입대 (military) 3.5 % and 확인 안 됨 (unknown) 0.9 % — vocnet's split of that 4.4 %;
* 기타 (other: neither working nor studying) = the rest: 20.8 % in 2025 (reported: 20.8 %).

Of the employed, 60 % work in their department's NCS field, 30 % in another and 10 % have
no field recorded; 70 % name a demo company of the school's region — assumptions, as no
source gives them. A class is the department's grade-3 enrolment of today ± 5 % (the demo
has no past enrolment). Every row is ``data_origin = synthetic`` and no row names a student.

Each graduate then gets synthetic dated events (hire, insurance checks, job change, leaving,
enlistment, enrolment with its route, completion) at the rates stated in
``vocnet/demo/pathway_events.py``, and the summary the indicators count (issue 18 §7).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connections, models, router, transaction
from django.utils import timezone

from vocnet.demo.pathway_events import load_pathway_events
from vocnet.pathways.indicators import FROM_DESTINATION
from vocnet.pathways.models import DestinationKind, GraduateDestination, PathwayEvent
from vocnet.registry.models import Company, DataOrigin, Department, Region

DEFAULT_SEED = 2025
DEMO_YEARS = (2023, 2024, 2025)
DEMO_ORIGINS = (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)
SYNTHETIC_NOTE = "합성(데모) 진로 (synthetic)"
# Graduation year → (진학률, 취업률), national, key_numbers.md.
NATIONAL_RATES = {2023: (0.470, 0.557), 2024: (0.480, 0.553), 2025: (0.492, 0.552)}
OUTSIDE_THE_RATE = 0.044  # military service and excluded graduates (derived, see above)
MILITARY = 0.035  # vocnet's split of OUTSIDE_THE_RATE (assumption)
IN_FIELD, OTHER_FIELD = 0.60, 0.30  # of the employed (assumption); the rest: not recorded
COMPANY_KNOWN = 0.70  # of the employed (assumption)


class PathwaysDemoError(Exception):
    """The registry demo is not there; the message says what to run first."""


@dataclass(frozen=True)
class Shares:
    """The share of a graduating class in each destination (they sum to 1)."""

    employed: float
    university: float
    military: float
    other: float
    unknown: float

    def weights(self) -> tuple[list[str], list[float]]:
        kinds = [
            DestinationKind.EMPLOYED,
            DestinationKind.UNIVERSITY,
            DestinationKind.MILITARY,
            DestinationKind.OTHER,
            DestinationKind.UNKNOWN,
        ]
        return [str(k) for k in kinds], [
            self.employed,
            self.university,
            self.military,
            self.other,
            self.unknown,
        ]


def national_shares(year: int) -> Shares:
    """The destinations of ``year``'s graduates at the national rates (see the module)."""
    university, employment_rate = NATIONAL_RATES[year]
    employed = employment_rate * (1 - university - OUTSIDE_THE_RATE)
    return Shares(
        employed=employed,
        university=university,
        military=MILITARY,
        other=1 - university - employed - OUTSIDE_THE_RATE,
        unknown=OUTSIDE_THE_RATE - MILITARY,
    )


def pathways_demo_present() -> bool:
    return GraduateDestination.objects.filter(data_origin=DataOrigin.SYNTHETIC).exists()


def reset_pathways_demo() -> None:
    """Delete the demo's destinations and events (recorded ones stay)."""
    PathwayEvent.objects.filter(data_origin=DataOrigin.SYNTHETIC).delete()
    GraduateDestination.objects.filter(data_origin=DataOrigin.SYNTHETIC).delete()


def _demo_counts() -> dict[str, int]:
    demo = GraduateDestination.objects.filter(data_origin=DataOrigin.SYNTHETIC)
    return {
        "created": 0,
        "events": PathwayEvent.objects.filter(data_origin=DataOrigin.SYNTHETIC).count(),
        "destinations": demo.count(),
        "departments": demo.values("department_id").distinct().count(),
    }


def load_pathways_demo(*, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Load the pathways demo once: returns counts (``destinations``, ``departments``;
    ``created`` is 0 when it was already there). Raises PathwaysDemoError when the registry
    demo has not been loaded."""
    if pathways_demo_present():
        return _demo_counts()
    departments = list(
        Department.objects.filter(
            is_active=True, school__organisation__data_origin__in=DEMO_ORIGINS
        )
        .select_related("school__organisation", "ncs_middle")
        .order_by("pk")
    )
    if not departments:
        raise PathwaysDemoError(
            "등록부 데모가 없습니다. 먼저 `manage.py load_demo`를 실행하세요. / "
            "The registry demo is missing: run `manage.py load_demo` first."
        )
    rng = random.Random(f"vocnet-pathways-demo:{seed}")
    companies: dict[int | None, list[int]] = defaultdict(list)
    for pk, region_id in (
        Company.objects.filter(organisation__data_origin__in=DEMO_ORIGINS)
        .order_by("pk")
        .values_list("pk", "organisation__region_id")
    ):
        companies[region_id].append(pk)
        companies[None].append(pk)
    taught = sorted({d.ncs_middle_id for d in departments})
    shares = {year: national_shares(year).weights() for year in DEMO_YEARS}
    rows: list[tuple[Any, ...]] = []
    for department in departments:
        nearby = companies.get(department.school.organisation.region_id) or companies[None]
        for year in DEMO_YEARS:
            kinds, weights = shares[year]
            size = round(department.enrolled_grade_3 * rng.uniform(0.95, 1.05))
            for number, kind in enumerate(rng.choices(kinds, weights, k=size), start=1):
                company_id = field_id = None
                if kind == DestinationKind.EMPLOYED:
                    draw = rng.random()
                    if draw < IN_FIELD:
                        field_id = department.ncs_middle_id
                    elif draw < IN_FIELD + OTHER_FIELD:
                        index = rng.randrange(len(taught))
                        if taught[index] == department.ncs_middle_id:
                            index = (index + 1) % len(taught)
                        field_id = taught[index]
                    if nearby and rng.random() < COMPANY_KNOWN:
                        company_id = rng.choice(nearby)
                rows.append(
                    (department.pk, year, f"G{year}-{number:03d}", kind, company_id, field_id)
                )
    with transaction.atomic():
        _insert(rows)
        codes = dict(Region.objects.values_list("pk", "sigungu_code"))
        graduates = [
            (pk, year, kind, codes.get(region_id, ""))
            for pk, year, kind, region_id in GraduateDestination.objects.filter(
                data_origin=DataOrigin.SYNTHETIC
            )
            .order_by("pk")
            .values_list(
                "pk", "graduation_year", "kind", "department__school__organisation__region_id"
            )
        ]
        events = load_pathway_events(graduates, seed=seed)
    counts = _demo_counts()
    counts["created"] = len(rows)
    counts["events"] = events
    return counts


def _insert(rows: list[tuple[Any, ...]]) -> None:
    """One ``executemany`` INSERT of the demo rows (department, year, key, kind, company,
    field). A seeding tool, like the registry demo's loader: 48,000 rows through
    ``bulk_create`` took 6.5 s on SQLite (Django compiles each batch of 83 rows), this well
    under a second; the rows are valid by construction (``test_demo.py`` checks a sample
    with ``full_clean()``)."""
    connection = connections[router.db_for_write(GraduateDestination)]
    meta = GraduateDestination._meta
    names = (
        "department",
        "graduation_year",
        "graduate_key",
        "kind",
        "company",
        "ncs_middle",
        "note",
        "data_origin",
        "pathway_status",
        "workplace_sigungu_code",
        "study_route",
        "created_at",
        "updated_at",
    )
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in names]
    concrete = [field for field in fields if isinstance(field, models.Field) and field.column]
    assert len(concrete) == len(names), "every demo column is a concrete field"
    columns = ", ".join(quote(str(field.column)) for field in concrete)
    marks = ", ".join(["%s"] * len(names))
    now = concrete[-1].get_db_prep_save(timezone.now(), connection)
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (
                    *row,
                    SYNTHETIC_NOTE,
                    DataOrigin.SYNTHETIC.value,
                    FROM_DESTINATION[row[3]],
                    "",
                    "",
                    now,
                    now,
                )
                for row in rows
            ],
        )
