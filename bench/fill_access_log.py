"""Fill the personal-data access log with realistic synthetic rows, up to a total (a bench helper).

    DATABASE_URL=postgres://... .venv/bin/python bench/fill_access_log.py [--rows 1000000]

Adds only what is missing to reach ``--rows`` (run it twice, nothing changes the second time).
The rows look like what the site writes: events of 1–50 records (a page of a list, an
export of a class) by the demo's real users, over the last two years (the legal minimum
retention), mostly in office hours, with a few at night; 90 % views, the rest exports (with a
reason), changes and creations, on students and a few guardians that exist. PostgreSQL rows
go in by ``COPY`` (~15 s for a million on two cores); elsewhere by ``bulk_create`` in batches.
The log is append-only (a trigger refuses UPDATE and DELETE); INSERT is what it allows.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

PATHS = {
    "view": ["/registry/students/", "/api/students", "/placements/offers/", "/"],
    "export": ["/api/exports/students.xlsx", "/registry/students/export/"],
    "change": ["/registry/students/{id}/edit/", "/api/students/{id}"],
    "create": ["/registry/students/new/", "/api/students"],
}
ACTIONS = ["view"] * 90 + ["export"] * 3 + ["change"] * 5 + ["create"] * 2
CHANNELS = ["web"] * 7 + ["api"] * 3
COLUMNS = (
    "at",
    "event_id",
    "actor_id",
    "actor_username",
    "client_ip",
    "channel",
    "path",
    "action",
    "subject_kind",
    "subject_id",
    "reason",
)


def synthetic_rows(
    count: int,
    actors: list[tuple[int, str]],
    students: list[int],
    guardians: list[int],
    now: datetime,
    seed: int = 12,
) -> Iterator[tuple[object, ...]]:
    """``count`` rows as tuples in ``COLUMNS`` order, grouped in events."""
    rng = random.Random(seed)
    made = 0
    span = 2 * 365 * 24 * 3600
    while made < count:
        actor_id, username = rng.choice(actors)
        moment = now - timedelta(seconds=rng.randrange(span))
        if rng.random() > 0.03:  # office hours, but for a few nights
            moment = moment.replace(hour=rng.randrange(8, 19))
        action = rng.choice(ACTIONS)
        channel = rng.choice(CHANNELS)
        size = 1 if action in ("change", "create") else rng.choice((1, 1, 5, 10, 20, 50))
        event = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        reason = "학급 현장실습 배정 점검" if action == "export" else ""
        for _ in range(min(size, count - made)):
            if guardians and rng.random() < 0.05:
                kind, subject = "registry.guardian", rng.choice(guardians)
            else:
                kind, subject = "registry.student", rng.choice(students)
            path = rng.choice(PATHS[action]).format(id=subject)
            yield (
                moment,
                event,
                actor_id,
                username,
                ip,
                channel,
                path,
                action,
                kind,
                subject,
                reason,
            )
            made += 1


def _copy_postgresql(rows: Iterator[tuple[object, ...]], batch: int) -> None:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3
        sql = f"COPY privacy_personaldataaccess ({', '.join(COLUMNS)}) FROM STDIN"
        with raw.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def _bulk_create(rows: Iterator[tuple[object, ...]], batch: int) -> None:
    from vocnet.privacy.models import PersonalDataAccess

    chunk: list[PersonalDataAccess] = []
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        chunk.append(PersonalDataAccess(**values))
        if len(chunk) >= batch:
            PersonalDataAccess.objects.bulk_create(chunk)
            chunk = []
    if chunk:
        PersonalDataAccess.objects.bulk_create(chunk)


def fill(total: int, batch: int = 5000) -> tuple[int, float]:
    """Add rows until the log holds ``total``; returns (rows added, seconds)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from vocnet.privacy.models import PersonalDataAccess
    from vocnet.registry.models import Guardian, Student

    missing = total - PersonalDataAccess.objects.count()
    if missing <= 0:
        return 0, 0.0
    actors = list(
        get_user_model().objects.filter(is_active=True).values_list("pk", "username")[:500]
    )
    students = list(Student.objects.values_list("pk", flat=True))
    guardians = list(Guardian.objects.values_list("pk", flat=True))
    if not actors or not students:
        raise SystemExit("no users or students: run migrate and load_demo first")
    started = time.perf_counter()
    rows = synthetic_rows(missing, actors, students, guardians, timezone.now())
    if connection.vendor == "postgresql":
        _copy_postgresql(rows, batch)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE privacy_personaldataaccess")
    else:
        _bulk_create(rows, batch)
    return missing, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="total rows wanted")
    args = parser.parse_args()
    added, seconds = fill(args.rows)
    print(f"access log: added {added} rows in {seconds:.1f} s (total {args.rows})")


if __name__ == "__main__":
    main()
