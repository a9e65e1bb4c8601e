"""CPU time per request of the benchmarked pages, in one process (issue 12 item 5, issue 16 §9).

Latencies under load depend on everything else the machine runs; the CPU time a request costs
does not (much). This script serves each URL through Django's whole stack (every middleware,
the session, the templates) in this one process with the test client, signed in as the demo
login of the role that uses it, and prints per URL the median of ``--repeat`` requests:

- ``app CPU ms``: this process's CPU time (``time.process_time``): what a gunicorn worker
  spends on the request;
- ``db CPU ms``: the CPU time of this connection's PostgreSQL backend (from /proc in 10 ms
  ticks, so a mean, not a median; blank on SQLite, whose work is inside the app's figure);
- ``wall ms`` and the number of queries (counted in one extra request).

Against the database in ``DATABASE_URL`` (PostgreSQL with ``bench_load.py --prepare``'s data,
or a SQLite file with the demo), with DEBUG off. Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vocnet_bench \\
        .venv/bin/python bench/bench_cpu.py [--set load|roles|all] [--repeat 15]
        [--page-cache off|on] [--profile LOGIN:URL] [--only SUBSTRING]

``--page-cache off`` (the default) measures every page rendered anew (``VOCNET_PAGE_CACHE``,
ADR 0012); ``--profile`` prints cProfile's top functions for one URL instead.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pages import LOAD_PAGES, ROLE_PAGES  # noqa: E402


def _configure(page_cache: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("VOCNET_ENV", "development")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "bench-cpu-" + "x" * 50)
    os.environ["DATABASE_CONN_MAX_AGE"] = "60"
    os.environ["VOCNET_PAGE_CACHE"] = "true" if page_cache else "false"
    hosts = os.environ.get("ALLOWED_HOSTS", "")
    if "testserver" not in hosts.split(","):
        os.environ["ALLOWED_HOSTS"] = ",".join(filter(None, [hosts, "testserver"]))
    import django

    django.setup()


def _clients(logins: set[str]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from vocnet.accounts.selectors import requires_second_factor
    from vocnet.accounts.sessions import mark_second_factor

    clients = {}
    for login in sorted(logins):
        user = get_user_model().objects.get(username=login)
        client = Client()
        client.force_login(user)
        if requires_second_factor(user, fresh=True):
            session = client.session
            mark_second_factor(session, "totp")
            session.save()
        clients[login] = client
    return clients


def _backend_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend (same machine), None elsewhere."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    pid = getattr(connection, "_bench_backend_pid", None)
    if pid is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        connection._bench_backend_pid = pid  # type: ignore[attr-defined]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _adopt_backend_pid() -> None:
    from django.db import connection

    if hasattr(connection, "_bench_backend_pid"):
        del connection._bench_backend_pid


def measure(client: Any, url: str, repeat: int) -> dict[str, Any]:
    from django.db import connection

    for _ in range(3):
        response = client.get(url)
    status = response.status_code
    size = len(response.content)
    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    # Django empties connection.queries at each request's start: count through a wrapper.
    with connection.execute_wrapper(count):
        client.get(url)
    _adopt_backend_pid()
    app, db, wall = [], [], []
    for _ in range(repeat):
        db_before = _backend_cpu_seconds()
        cpu_before, wall_before = time.process_time(), time.perf_counter()
        client.get(url)
        app.append(1000 * (time.process_time() - cpu_before))
        wall.append(1000 * (time.perf_counter() - wall_before))
        db_after = _backend_cpu_seconds()
        if db_before is not None and db_after is not None:
            db.append(1000 * (db_after - db_before))
    return {
        "status": status,
        "bytes": size,
        "queries": len(queries),
        "app": statistics.median(app),
        # /proc counts in clock ticks (10 ms): the mean, not the median, of the backend's time.
        "db": statistics.fmean(db) if db else None,
        "wall": statistics.median(wall),
    }


def profile(client: Any, url: str, repeat: int) -> None:
    for _ in range(3):
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(40)
        print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("load", "roles", "all"), default="all")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--page-cache", choices=("off", "on"), default="off")
    parser.add_argument("--profile", metavar="LOGIN:URL")
    parser.add_argument("--only", help="measure only URLs containing this")
    args = parser.parse_args()
    _configure(page_cache=args.page_cache == "on")

    from django.db import connection

    pairs: list[tuple[str, str]] = []
    if args.set in ("load", "all"):
        pairs += list(LOAD_PAGES)
    if args.set in ("roles", "all"):
        pairs += [(login, url) for login, urls in ROLE_PAGES.items() for url in urls]
    pairs = list(dict.fromkeys(pairs))
    if args.only:
        pairs = [(login, url) for login, url in pairs if args.only in url]
    if args.profile:
        login, _, url = args.profile.partition(":")
        profile(_clients({login})[login], url, args.repeat)
        return
    clients = _clients({login for login, _url in pairs})
    load = os.getloadavg()[0]
    print(
        f"{connection.vendor}, DEBUG off, page cache {args.page_cache}; median of {args.repeat} "
        f"requests per URL after 3 warm-ups; load average {load:.2f}\n"
    )
    header = (
        f"{'login':<10} {'URL':<48} {'status':>6} {'queries':>7} {'app CPU ms':>10} "
        f"{'db CPU ms':>9} {'wall ms':>8} {'KiB':>6}"
    )
    print(header)
    print("-" * len(header))
    total_app = 0.0
    for login, url in pairs:
        row = measure(clients[login], url, args.repeat)
        total_app += row["app"]
        db = f"{row['db']:9.1f}" if row["db"] is not None else f"{'':9}"
        print(
            f"{login:<10} {url[:48]:<48} {row['status']:>6} {row['queries']:>7} "
            f"{row['app']:>10.1f} {db} {row['wall']:>8.1f} {row['bytes'] / 1024:>6.0f}",
            flush=True,
        )
    print(f"\nsum of app CPU medians: {total_app:.0f} ms over {len(pairs)} URLs")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
