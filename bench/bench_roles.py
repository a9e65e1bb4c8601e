"""Benchmark of every role's most used pages, uncached, under 20 signed-in clients (issue 16 §9).

Target: p95 ≤ 300 ms for every page on the full demo on SQLite with the page cache off
(``VOCNET_PAGE_CACHE=false``: no page, fragment or figure is kept, every request is rendered
and computed anew). The cached targets are ``bench_web.py``'s and unchanged. Prints, per page,
its median alone, then p50/p95 and req/s under load, and the run's total req/s against
``/healthz`` served by the same server with the same clients; asserts nothing.

    .venv/bin/python bench/bench_roles.py [--clients 20] [--seconds 30] [--workers 2×cores]
        [--threads 1] [--keep]

A fresh temporary directory holds the SQLite database with the full Gyeonggi demo (migrate +
load_demo), the collected static files and gunicorn's log; gunicorn serves ``config.wsgi``
with DEBUG off and its deployed settings (sync workers, two per core; ``--threads 8`` for the
threaded workers of ADR 0020, see ADR 0038). The nine demo logins (one per role,
``bench/_pages.py``) sign in through the login form (staff with the demo authenticator's
code); client ``i`` takes role ``i mod 9`` and walks that role's pages in turn. Other work
on the machine raises every latency: the load average is printed with the figures, and the
load generator's CPU time beside the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loadgen import Client, HttpError, _cpu_seconds
from _pages import DEMO_TOTP_KEY, PASSWORD, ROLE_PAGES, SECOND_FACTOR_LOGINS
from bench_load import _percentile
from bench_web import _environment, _free_port, prepare, server_pids, start_gunicorn, stop

TARGET_P95_MS = 300.0
# /healthz through Django's view (a query string skips the WSGI shortcut, ADR 0020): the
# trivial Django request, as in bench_web.py's ratios.
HEALTHZ = "/healthz?via=django"


@dataclass
class Page:
    login: str
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    alone: list[float] = field(default_factory=list)


async def _get(client: Client, path: str) -> tuple[bool, float]:
    started = time.perf_counter()
    try:
        response = await client.request("GET", path)
        ok = response.status == 200
    except (OSError, asyncio.IncompleteReadError, HttpError, ValueError):
        await client.close()
        ok = False
    return ok, 1000 * (time.perf_counter() - started)


async def _sign_in(port: int, login: str) -> dict[str, str]:
    client = Client(port)
    await client.log_in(login, PASSWORD, DEMO_TOTP_KEY if login in SECOND_FACTOR_LOGINS else None)
    await client.close()
    return client.cookies


async def _walk(client: Client, pages: list[Page], deadline: float, offset: int) -> None:
    step = offset
    while time.perf_counter() < deadline:
        page = pages[step % len(pages)]
        step += 1
        ok, ms = await _get(client, page.path)
        if ok:
            page.latencies.append(ms)
        else:
            page.errors += 1


async def _healthz(port: int, clients: int, seconds: float) -> tuple[int, float, list[float]]:
    pool = [Client(port) for _ in range(clients)]
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def loop(client: Client) -> None:
        while time.perf_counter() < deadline:
            ok, ms = await _get(client, HEALTHZ)
            if ok:
                latencies.append(ms)

    started = time.perf_counter()
    await asyncio.gather(*(loop(c) for c in pool))
    elapsed = time.perf_counter() - started
    for client in pool:
        await client.close()
    return len(latencies), elapsed, latencies


async def run(port: int, args: argparse.Namespace, pids: list[int]) -> None:
    cookies = {login: await _sign_in(port, login) for login in ROLE_PAGES}
    by_login = {login: [Page(login, path) for path in paths] for login, paths in ROLE_PAGES.items()}
    every = [page for pages in by_login.values() for page in pages]

    # /healthz alone, with as many clients: the trivial view's rate on this machine now.
    await _healthz(port, args.clients, 2)  # warm
    count, seconds, healthz_ms = await _healthz(port, args.clients, 5)
    healthz_rate = count / seconds

    # Each page alone, one client: its service time now (after two warm-ups).
    for page in every:
        client = Client(port, cookies=dict(cookies[page.login]))
        for attempt in range(5):
            ok, ms = await _get(client, page.path)
            if not ok:
                page.errors += 1
            elif attempt >= 2:
                page.alone.append(ms)
        await client.close()

    logins = list(ROLE_PAGES)
    clients = [
        (Client(port, cookies=dict(cookies[logins[i % len(logins)]])), logins[i % len(logins)])
        for i in range(args.clients)
    ]
    server_cpu = _cpu_seconds(pids)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    own_cpu = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    deadline = started + args.seconds
    await asyncio.gather(
        *(_walk(client, by_login[login], deadline, i) for i, (client, login) in enumerate(clients))
    )
    elapsed = time.perf_counter() - started
    server_cpu = _cpu_seconds(pids) - server_cpu
    usage = resource.getrusage(resource.RUSAGE_SELF)
    own_cpu = usage.ru_utime + usage.ru_stime - own_cpu
    for client, _login in clients:
        await client.close()
    report(every, elapsed, healthz_rate, healthz_ms, server_cpu, own_cpu)


def report(
    pages: list[Page],
    elapsed: float,
    healthz_rate: float,
    healthz_ms: list[float],
    server_cpu: float,
    own_cpu: float,
) -> None:
    print(f"load average after the run: {os.getloadavg()[0]:.2f}\n")
    header = (
        f"{'login':<10} {'page':<28} {'alone ms':>8} {'requests':>8} {'errors':>6} "
        f"{'req/s':>6} {'p50 ms':>8} {'p95 ms':>8}  target"
    )
    print(header)
    print("-" * len(header))
    total = 0
    met_all = True
    for page in pages:
        values = page.latencies
        total += len(values)
        p95 = _percentile(values, 0.95)
        met = p95 <= TARGET_P95_MS and page.errors == 0 and bool(values)
        met_all &= met
        alone = statistics.median(page.alone) if page.alone else float("nan")
        print(
            f"{page.login:<10} {page.path[:28]:<28} {alone:8.1f} {len(values):>8} "
            f"{page.errors:>6} {len(values) / elapsed:>6.1f} "
            f"{statistics.median(values) if values else float('nan'):>8.1f} {p95:>8.1f}  "
            f"p95 ≤ {TARGET_P95_MS:.0f}: {'yes' if met else 'NO'}"
        )
    rate = total / elapsed
    print(
        f"\nall pages: {total} requests in {elapsed:.1f} s = {rate:.1f} req/s; /healthz alone "
        f"with as many clients: {healthz_rate:.1f} req/s (p50 {statistics.median(healthz_ms):.1f} "
        f"ms); ratio {rate / healthz_rate:.3f}"
    )
    if total:
        print(
            f"CPU per page request: server {1000 * server_cpu / total:.1f} ms, this load "
            f"generator {1000 * own_cpu / total:.1f} ms"
        )
    print(f"\nevery page p95 ≤ {TARGET_P95_MS:.0f} ms uncached: {'yes' if met_all else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    # As deployed (config/gunicorn_settings.py, ADR 0038): two sync workers per core.
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn processes"
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="1: sync workers (deployed); more: gthread"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-roles-"))
    env = _environment(workdir) | {"VOCNET_PAGE_CACHE": "false"}
    server = None
    try:
        print(f"preparing the full demo in {workdir} …", flush=True)
        print(f"migrate + load_demo + collectstatic: {prepare(workdir, env):.1f} s")
        port = _free_port()
        server = start_gunicorn(workdir, env, port, args.workers, args.threads)
        print(
            f"gunicorn config.wsgi on 127.0.0.1:{port}: {args.workers} workers × {args.threads} "
            f"threads, DEBUG off, SQLite, page cache OFF; {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.2f}\n{args.clients} clients over the nine roles for "
            f"{args.seconds:g} s …",
            flush=True,
        )
        asyncio.run(run(port, args, server_pids(server)))
    finally:
        if server is not None:
            stop(server)
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
