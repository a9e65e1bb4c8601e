"""Benchmark of the student import (issue 2): 50,000 students from .xlsx and .csv on SQLite.

Target: the real import (parse + validate + write) at ≥ 5,000 rows/s. Prints the figures of
each stage, the dry run, and a second (idempotent) import; asserts no time.

    .venv/bin/python bench/bench_import.py [--rows 50000] [--seed 7] [--keep]

Everything lives in a fresh temporary directory: the SQLite database (migrated here, with the
reference lists), ~110 schools × 5 departments, and the generated files.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_ROWS_PER_SECOND = 5_000
SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍"
GIVEN = [
    "민준", "서연", "도윤", "서윤", "시우", "지우", "하준", "하은", "주원", "지호",
    "예준", "수아", "유준", "지유", "건우", "채원", "현우", "지민", "우진", "윤서",
]  # fmt: skip
DEPARTMENTS = ["미래자동차과", "스마트전기과", "소프트웨어과", "반도체장비과", "경영회계과"]
NCS_CODES = ["1501", "1901", "2001", "1903", "0203"]
HEADER = [
    "학교코드(NEIS) / school_neis_code",
    "학번 / student_number",
    "이름 / name",
    "학과명 / department_name",
    "학년 / grade",
    "생년월일 / birth_date",
    "재학 여부 / is_enrolled",
]


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["VOCNET_VAR_DIR"] = str(workdir)
    # DEBUG would keep every SQL statement in memory, as production does not.
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_schools(school_count: int) -> list[str]:
    from vocnet.registry.models import (
        Department,
        NcsMiddle,
        Organisation,
        OrganisationKind,
        Region,
        School,
    )

    regions = list(Region.objects.order_by("sigungu_code"))
    ncs = {m.code: m for m in NcsMiddle.objects.filter(code__in=NCS_CODES)}
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                kind=OrganisationKind.SCHOOL,
                name_ko=f"벤치마크고등학교{i:03d}",
                region=regions[i % len(regions)],
                data_origin="synthetic",
            )
            for i in range(school_count)
        ]
    )
    schools = School.objects.bulk_create(
        [
            School(
                organisation=organisation,
                neis_code=f"{7_600_000 + i}",
                school_type="specialized",
                establishment="public",
            )
            for i, organisation in enumerate(organisations)
        ]
    )
    Department.objects.bulk_create(
        [
            Department(school=school, name_ko=name, ncs_middle=ncs[code], intake_capacity=100)
            for school in schools
            for name, code in zip(DEPARTMENTS, NCS_CODES, strict=True)
        ]
    )
    return [school.neis_code for school in schools]


def student_rows(count: int, neis_codes: list[str], seed: int) -> list[list[Any]]:
    rng = random.Random(seed)
    per_school = -(-count // len(neis_codes))
    rows: list[list[Any]] = []
    for i in range(count):
        school = neis_codes[i // per_school]
        grade = rng.randint(1, 3)
        born = date(2010 - grade, 1, 1) + timedelta(days=rng.randrange(365))
        rows.append(
            [
                school,
                f"2025{i % per_school:05d}",
                rng.choice(SURNAMES) + rng.choice(GIVEN),
                rng.choice(DEPARTMENTS),
                grade,
                born,
                "Y",
            ]
        )
    return rows


def write_files(rows: list[list[Any]], workdir: Path) -> tuple[Path, Path]:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("학생 (students)")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    xlsx = workdir / "students.xlsx"
    workbook.save(xlsx)
    csv_path = workdir / "students.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows([*row[:5], row[5].isoformat(), row[6]] for row in rows)
    return xlsx, csv_path


def rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:>10,.0f} rows/s" if seconds > 0 else "         — rows/s"


def run_update(path: Path, user: Any, rows: int) -> None:
    """Every student moves up a grade (3 → 1): an import that updates every row."""
    from vocnet.registry.importing import run_registry_import

    started = time.perf_counter()
    report = run_registry_import(
        actor=user, entity="students", file_name=path.name, content=path.read_bytes(), dry_run=False
    )
    seconds = time.perf_counter() - started
    print(
        f"\n{path.name}: every row changed\n  import (update)   {seconds:7.2f} s "
        f"{rate(rows, seconds)}   (update {report.update:,}; write {report.seconds['write']:.2f} s)"
    )


def run(path: Path, user: Any, rows: int) -> None:
    from vocnet.registry.importing import run_registry_import
    from vocnet.registry.models import Student

    content = path.read_bytes()
    Student.objects.all().delete()

    def timed(dry_run: bool) -> tuple[Any, float]:
        started = time.perf_counter()
        report = run_registry_import(
            actor=user,
            entity="students",
            file_name=path.name,
            content=content,
            dry_run=dry_run,
        )
        return report, time.perf_counter() - started

    dry, dry_seconds = timed(True)
    first, first_seconds = timed(False)
    second, second_seconds = timed(False)
    assert first.committed, first.errors[:5]
    assert not first.errors, first.errors[:5]

    size = f"{len(content) / 1_048_576:.1f} MiB"
    print(f"\n{path.name} ({rows:,} rows, {size})")
    print(
        f"  dry run           {dry_seconds:7.2f} s {rate(rows, dry_seconds)}"
        f"   (create {dry.create:,})"
    )
    for stage in ("parse", "validate", "write"):
        seconds = first.seconds.get(stage, 0.0)
        print(f"  import: {stage:<9} {seconds:7.2f} s {rate(rows, seconds)}")
    total = first.seconds["total"]
    ok = "meets" if rows / total >= TARGET_ROWS_PER_SECOND else "MISSES"
    print(
        f"  import: total     {total:7.2f} s {rate(rows, total)}   "
        f"(created {first.create:,}; {ok} the target of {TARGET_ROWS_PER_SECOND:,} rows/s, "
        f"×{rows / total / TARGET_ROWS_PER_SECOND:.1f})"
    )
    print(
        f"  second import     {second_seconds:7.2f} s {rate(rows, second_seconds)}   "
        f"(create {second.create}, update {second.update}, unchanged {second.unchanged:,})"
    )
    print(f"  wall time of the first import incl. audit: {first_seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--schools", type=int, default=110)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-import-"))
    try:
        setup_django(workdir)
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_superuser("bench", "bench@example.kr", "x" * 12)
        neis_codes = create_schools(args.schools)
        rows = student_rows(args.rows, neis_codes, args.seed)
        xlsx, csv_path = write_files(rows, workdir)
        print(
            f"vocnet import benchmark — SQLite, {args.schools} schools × {len(DEPARTMENTS)} "
            f"departments, seed {args.seed}; target ≥ {TARGET_ROWS_PER_SECOND:,} rows/s"
        )
        run(xlsx, user, args.rows)
        run(csv_path, user, args.rows)
        for row in rows:
            row[4] = row[4] % 3 + 1
        changed = workdir / "changed"
        changed.mkdir()
        run_update(write_files(rows, changed)[0], user, args.rows)
    finally:
        if args.keep:
            print(f"\nkept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
