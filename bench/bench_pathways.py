"""Benchmark of the pathway indicators (issue 18 §7): the province's indicator page over
≈50,000 graduates and ≈200,000 pathway events, uncached, on SQLite.

Target: ≤ 300 ms per page for the province (every graduate, small cells suppressed). Prints
the build figures, then per breakdown the median and worst of a few renders through the
Django test client (signed in as the province officer, the cache cleared before each), and
the ratio to the target; asserts no time.

    .venv/bin/python bench/bench_pathways.py [--graduates 50000] [--events 200000] [--keep]

Everything lives in a fresh temporary directory: a migrated SQLite database with the
reference lists, the test World's personas, 31 regions × 4 schools × 5 departments, the
graduates drawn at the national rates (``vocnet.demo.pathways.national_shares``) and their
events drawn at the demo's stated rates (``vocnet.demo.pathway_events``). The indicator page
reads the graduates' stored summaries, never the events; when the drawn events fall short
of ``--events``, filler rows (repeated insurance checks, labelled synthetic) bring the table
to that size so that its size is the one stated.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300
YEARS = (2021, 2022, 2023, 2024, 2025)
DIMENSIONS = ("school", "department", "field", "region", "programme", "year")


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["VOCNET_VAR_DIR"] = str(workdir)
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(graduates: int, events: int, seed: int) -> dict[str, Any]:
    from datetime import date

    from django.db import connection, transaction

    from vocnet.demo.pathway_events import load_pathway_events
    from vocnet.demo.pathways import national_shares
    from vocnet.pathways.indicators import FROM_DESTINATION
    from vocnet.pathways.models import GraduateDestination, PathwayEvent
    from vocnet.registry.models import DataOrigin, NcsMiddle, Region
    from vocnet.registry.tests import factories as f
    from vocnet.testing import build_world

    started = time.perf_counter()
    rng = random.Random(seed)
    world = build_world()
    fields = list(NcsMiddle.objects.order_by("code")[:20])
    departments: list[Any] = []
    for region in Region.objects.order_by("sigungu_code"):
        for _ in range(4):
            school = f.SchoolFactory(organisation__region=region)
            for index in range(5):
                departments.append(
                    f.DepartmentFactory(school=school, ncs_middle=fields[(index * 7) % len(fields)])
                )
    per = graduates // (len(departments) * len(YEARS))
    rows: list[tuple[Any, ...]] = []
    for department in departments:
        for year in YEARS:
            kinds, weights = national_shares(max(year, 2023)).weights()
            for number, kind in enumerate(rng.choices(kinds, weights, k=per), start=1):
                rows.append((department.pk, year, f"B{year}-{number:04d}", kind))
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO pathways_graduatedestination (department_id, graduation_year, "
                "graduate_key, kind, note, data_origin, pathway_status, workplace_sigungu_code, "
                "study_route, created_at, updated_at) VALUES (%s, %s, %s, %s, '', %s, %s, '', '', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                [(*row, DataOrigin.SYNTHETIC.value, FROM_DESTINATION[row[3]]) for row in rows],
            )
        codes = dict(Region.objects.values_list("pk", "sigungu_code"))
        keyed = [
            (pk, year, kind, codes.get(region_id, ""))
            for pk, year, kind, region_id in GraduateDestination.objects.order_by("pk").values_list(
                "pk", "graduation_year", "kind", "department__school__organisation__region_id"
            )
        ]
        drawn = load_pathway_events(keyed, seed=seed, today=date(2026, 12, 1))
        filler = max(0, events - drawn)
        if filler:
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO pathways_pathwayevent (graduate_id, kind, occurred_on, "
                    "employer_name, ksic_code, workplace_sigungu_code, employment_type, wage_band, "
                    "check_month, is_insured, source, service_type, route, institution_name, note, "
                    "data_origin, created_at) VALUES (%s, 'insurance_check', '2026-01-05', '', '', "
                    "'', '', '', 12, 1, 'insurance_db', '', '', '', 'bench filler', 'synthetic', "
                    "CURRENT_TIMESTAMP)",
                    [(keyed[i % len(keyed)][0],) for i in range(filler)],
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "world": world,
        "departments": len(departments),
        "graduates": GraduateDestination.objects.count(),
        "events_drawn": drawn,
        "events": PathwayEvent.objects.count(),
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def measure(world: Any, repeats: int) -> dict[str, dict[str, float]]:
    from django.core.cache import cache
    from django.test import Client

    from vocnet.testing import sign_in

    client = Client()
    sign_in(client, world.user("province_officer"))
    client.get("/pathways/indicators/")  # the session, the actor, the templates
    results: dict[str, dict[str, float]] = {}
    for dimension in DIMENSIONS:
        times = []
        for _ in range(repeats):
            cache.clear()
            started = time.perf_counter()
            response = client.get(f"/pathways/indicators/?dimension={dimension}")
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        results[dimension] = {
            "median_ms": round(statistics.median(times), 1),
            "worst_ms": round(max(times), 1),
            "ratio_to_target": round(statistics.median(times) / TARGET_MS, 2),
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graduates", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-pathways-"))
    try:
        setup_django(workdir)
        built = build(args.graduates, args.events, args.seed)
        world = built.pop("world")
        print("built:", built)
        for dimension, figures in measure(world, args.repeats).items():
            print(f"  province indicators by {dimension:<10} {figures}")
        print(f"target: ≤ {TARGET_MS} ms per page, uncached")
    finally:
        if args.keep:
            print("kept:", workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
