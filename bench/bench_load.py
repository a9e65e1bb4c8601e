"""Benchmark of the heavy lists and homes under mixed load (issue 12, item 5), on PostgreSQL.

Targets, with the full demo and an access log of 1,000,000 rows, 20 concurrent clients signed
in as the province officer, school staff and a student: p95 ≤ 300 ms for every URL below, and
``/healthz`` p95 ≤ 50 ms while they run. Prints p50/p95 and req/s per URL, the ``/healthz``
baseline measured alone in the same process, and whether each target holds; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vocnet_bench \\
        .venv/bin/python bench/bench_load.py [--prepare] [--rows 1000000] [--clients 20]
        [--seconds 30] [--max-requests 20000] [--workers 2×cores] [--threads 1]
        [--port 8105] [--health-port 8106]

``--prepare`` runs migrate and load_demo first (~2 min); every run fills the access log up to
``--rows`` (``bench/fill_access_log.py``, COPY; nothing when it is full) and runs ANALYZE.
gunicorn serves ``config.wsgi`` with DEBUG off and persistent database connections, as in
production. None of these URLs goes through the page cache (``vocnet.core.pagecache``'s
``cache_page_per_user``/``cached_fragment``): they show personal data or per-user to-dos and are
measured uncached, every request rendered anew; only the homes' heavy aggregates and a finished
month's access-log figures are kept per data version (``cached_for_authority``, ADR 0015).
Other work on the machine raises the latencies: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loadgen import Client, HttpError, _cpu_seconds
from bench_web import server_pids, start_gunicorn, stop

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "vocnet-demo-2025!"
DEMO_TOTP_KEY = b"vocnet-demo-2fa-only"
TARGET_P95_MS = 300.0
TARGET_HEALTHZ_P95_MS = 50.0
HEALTHZ = "/healthz"


@dataclass
class Target:
    name: str
    role: str
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    alone: list[float] = field(default_factory=list)


def targets(deep_cursor: str) -> list[Target]:
    return [
        Target("offers, school, page 1", "school", "/api/placements/offers"),
        Target("offers, school, deep", "school", "/api/placements/offers?offset=3400&limit=100"),
        Target("offers, student, page 1", "student", "/api/placements/offers"),
        Target("offers, student, deep", "student", "/api/placements/offers?offset=3400&limit=100"),
        Target("access-log API, page 1 (count)", "province", "/api/access-log"),
        Target(
            "access-log API, by actor", "province", "/api/access-log?actor=school&action=export"
        ),
        Target("access-log API, row 500,000", "province", f"/api/access-log?cursor={deep_cursor}"),
        Target("access-log page (province)", "province", "/privacy/access-log/"),
        Target("province home", "province", "/"),
        Target("school home", "school", "/"),
    ]


def _environment(workdir: Path) -> dict[str, str]:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (its own, for the bench)")
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VOCNET_ENV": "development",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "LOG_LEVEL": "WARNING",
        "DATABASE_CONN_MAX_AGE": "60",
        "VOCNET_VAR_DIR": str(workdir / "var"),
    }


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


DEEP_CURSOR = """
from vocnet.core.keyset import encode_cursor
from vocnet.privacy.models import PersonalDataAccess
row = PersonalDataAccess.objects.order_by("-at", "-id").values_list("at", "id")[{depth}]
print(encode_cursor(*row))
"""


def prepare(env: dict[str, str], args: argparse.Namespace) -> str:
    """Migrate (and load the demo with --prepare), fill the log, ANALYZE; the cursor of the
    row at depth 500,000."""
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if args.prepare:
        _manage(env, "load_demo")
    subprocess.run(
        [PYTHON, str(ROOT / "bench" / "fill_access_log.py"), "--rows", str(args.rows)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    # VACUUM as autovacuum would have by now: without a visibility map, PostgreSQL cannot
    # answer from the indexes alone and reads the million-row heap instead.
    _manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )
    depth = min(500_000, args.rows - 1)
    return _manage(env, "shell", "-c", DEEP_CURSOR.format(depth=depth)).split()[-1]


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


async def _sign_in(port: int, role: str) -> dict[str, str]:
    client = Client(port)
    key = None if role == "student" else DEMO_TOTP_KEY
    await client.log_in(role, PASSWORD, key)
    await client.close()
    return client.cookies


async def _loop(
    client: Client, target: Target, deadline: float, budget: list[int], pause: float = 0.0
) -> None:
    while time.perf_counter() < deadline and budget[0] > 0:
        budget[0] -= 1
        started = time.perf_counter()
        try:
            response = await client.request("GET", target.path)
            ok = response.status == 200
        except (OSError, asyncio.IncompleteReadError, HttpError, ValueError):
            await client.close()
            ok = False
        if ok:
            target.latencies.append(time.perf_counter() - started)
        else:
            target.errors += 1
        if pause:
            await asyncio.sleep(pause)


async def run(
    port: int, args: argparse.Namespace, deep_cursor: str, pids: list[int] | None = None
) -> tuple[Target, Target, list[Target]]:
    probe_port = args.health_port or port
    baseline = Target("/healthz alone", "", HEALTHZ)
    probe = Target("/healthz under load", "", HEALTHZ)
    pages = targets(deep_cursor)
    cookies = {role: await _sign_in(port, role) for role in ("province", "school", "student")}

    # The baseline: /healthz alone, two clients, nothing else running.
    alone = [Client(probe_port) for _ in range(2)]
    await asyncio.gather(*(_loop(c, baseline, time.perf_counter() + 5, [2000]) for c in alone))

    # Each URL alone, one client, one request at a time: its service time on this machine.
    for page in pages:
        single = Client(port, cookies=dict(cookies[page.role]))
        probe_alone = Target(page.name, page.role, page.path)
        await _loop(single, probe_alone, time.perf_counter() + 30, [2])  # warm
        probe_alone.latencies.clear()
        await _loop(single, probe_alone, time.perf_counter() + 30, [10])
        page.alone = [x * 1000 for x in probe_alone.latencies]
        await single.close()

    clients = []
    for index in range(args.clients):
        target = pages[index % len(pages)]
        client = Client(port, cookies=dict(cookies[target.role]))
        clients.append((client, target))
    # Warm-up: every worker has imported, compiled its templates and opened its connection.
    warm = time.perf_counter() + 5
    await asyncio.gather(*(_loop(c, Target("", "", t.path), warm, [10]) for c, t in clients))

    deadline = time.perf_counter() + args.seconds
    budget = [args.max_requests]
    prober = Client(probe_port)
    server_cpu, own_cpu = _cpu_seconds(pids or []), time.process_time()
    started = time.perf_counter()
    await asyncio.gather(
        *(_loop(c, t, deadline, budget) for c, t in clients),
        _loop(prober, probe, deadline, [100_000], pause=0.05),
    )
    elapsed = time.perf_counter() - started
    args.server_cpu = _cpu_seconds(pids or []) - server_cpu
    args.client_cpu = time.process_time() - own_cpu
    for client, _target in clients:
        await client.close()
    for client in (*alone, prober):
        await client.close()
    for target in (baseline, probe, *pages):
        target.latencies = [x * 1000 for x in target.latencies]
    args.elapsed = elapsed
    return baseline, probe, pages


def report(baseline: Target, probe: Target, pages: list[Target], args: argparse.Namespace) -> None:
    header = (
        f"{'URL':<34} {'alone ms':>8} {'requests':>8} {'errors':>6} {'req/s':>6} {'p50 ms':>8} "
        f"{'p95 ms':>8}  target"
    )
    print(header)
    print("-" * len(header))
    rows = [(baseline, None), (probe, TARGET_HEALTHZ_P95_MS)] + [
        (page, TARGET_P95_MS) for page in pages
    ]
    met_all = True
    for target, goal in rows:
        values = target.latencies
        rate = len(values) / (5 if goal is None else args.elapsed)
        p50 = statistics.median(values) if values else float("nan")
        p95 = _percentile(values, 0.95)
        if goal is None:
            verdict = "(baseline)"
        else:
            met = p95 <= goal and target.errors == 0
            met_all &= met
            verdict = f"p95 ≤ {goal:.0f}: {'yes' if met else 'NO'}"
        alone = f"{statistics.median(target.alone):8.1f}" if target.alone else f"{'':8}"
        print(
            f"{target.name:<34} {alone} {len(values):>8} {target.errors:>6} {rate:>6.1f} "
            f"{p50:>8.1f} {p95:>8.1f}  {verdict}"
        )
    print(
        "\nalone ms: median of 10 requests to that URL by one client with nothing else from this"
        "\nbench running (its service time on this machine now); the other columns under load."
    )
    served = sum(len(target.latencies) for target in (probe, *pages))
    if served:
        print(
            f"\nCPU per request under load: server {1000 * args.server_cpu / served:.1f} ms "
            f"(gunicorn's processes; PostgreSQL's not counted), this load generator "
            f"{1000 * args.client_cpu / served:.1f} ms; {served / args.elapsed:.0f} req/s in all"
        )
    print(f"\nevery target met: {'yes' if met_all else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prepare", action="store_true", help="migrate + load_demo first")
    parser.add_argument("--rows", type=int, default=1_000_000, help="access-log rows wanted")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0, help="measured load, at most")
    parser.add_argument("--max-requests", type=int, default=20_000, help="at most, in all")
    # As deployed (config/gunicorn_settings.py, ADR 0038): two sync workers per core.
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn processes"
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="1: sync workers (deployed); more: gthread"
    )
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument(
        "--health-port",
        type=int,
        default=8106,
        help="the health port, as deployed: /healthz alone, probed there (0: none; ADR 0038)",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-load-"))
    env = _environment(workdir)
    started = time.perf_counter()
    deep_cursor = prepare(env, args)
    print(f"prepared in {time.perf_counter() - started:.0f} s (access log: {args.rows:,} rows)")
    server = start_gunicorn(
        workdir, env, args.port, args.workers, args.threads, args.health_port or None
    )
    try:
        health = f", /healthz probed on {args.health_port}" if args.health_port else ""
        print(
            f"gunicorn config.wsgi on 127.0.0.1:{args.port}{health}: {args.workers} workers × "
            f"{args.threads} threads, DEBUG off, PostgreSQL; {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.2f} before the run"
        )
        print(
            f"{args.clients} clients (province, school, student sessions; each bound to one "
            f"URL, round robin) for up to {args.seconds:g} s or {args.max_requests} requests, "
            "one /healthz probe every 50 ms beside them. Measured uncached: no URL here goes "
            "through the page cache (vocnet.core.pagecache's cache_page_per_user or "
            "cached_fragment); every page is rendered and every list read on each request. Only "
            "the homes' heavy aggregates (gap model, graduate totals, agreement progress) and a "
            "finished month's access-log figures are kept per data version (ADR 0015) …\n",
            flush=True,
        )
        baseline, probe, pages = asyncio.run(run(args.port, args, deep_cursor, server_pids(server)))
        print(f"load average after the run: {os.getloadavg()[0]:.2f}\n")
        report(baseline, probe, pages, args)
        print(f"(server processes: {len(server_pids(server))})")
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
