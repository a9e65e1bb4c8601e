"""Benchmark of the web pages (issue 3, item 9) under a production-style server on loopback.

Targets, at 20 concurrent clients signed in as the province officer: the directory and the
province overview answer with p95 ≤ 150 ms, and each serves at least 1/3 of the requests per
second of a trivial view (``/healthz?via=django``: through Django, but no login, no template,
no query; ADR 0020) in the same run.
Prints the figures and whether each target holds; asserts nothing, exits 0 either way.

    .venv/bin/python bench/bench_web.py [--clients 20] [--seconds 10] [--max-requests 4000]
        [--workers 2×cores] [--threads 1] [--keep]

Everything lives in a fresh temporary directory: a SQLite database with the full Gyeonggi
demo (migrate + load_demo, ~10 s), collected static files, and gunicorn's logs. gunicorn
serves ``config.wsgi`` with DEBUG off on 127.0.0.1; the load generator (``_loadgen.py``)
runs in a process of its own. On a machine where other work runs at the same time the
figures drop: check ``load average`` before trusting them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# /healthz through Django's view (a query string skips the WSGI shortcut, ADR 0020): the
# trivial Django request these ratios have been against since ADR 0012.
TRIVIAL = "/healthz?via=django"
PAGES = ["/directory/", "/directory/?kind=school&region=41390", "/overview/"]
TARGET_P95_MS = 150.0
TARGET_RATIO = 1 / 3
LOGIN = "province"
PASSWORD = "vocnet-demo-2025!"
# The demo staff logins' public authenticator secret (vocnet.accounts.demo_devices.DEMO_TOTP_KEY).
DEMO_TOTP_KEY = b"vocnet-demo-2fa-only"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(workdir: Path) -> dict[str, str]:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VOCNET_ENV": "development",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "VOCNET_VAR_DIR": str(workdir / "var"),
        "LOG_LEVEL": "WARNING",
        # Production keeps database connections open between requests; so does this server.
        "DATABASE_CONN_MAX_AGE": "60",
    }


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(workdir: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "load_demo")
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return time.perf_counter() - started


def start_gunicorn(
    workdir: Path,
    env: dict[str, str],
    port: int,
    workers: int,
    threads: int,
    health_port: int | None = None,
) -> subprocess.Popen[bytes]:
    """gunicorn on ``port``; with ``health_port``, also on that port for ``/healthz`` alone,
    bound first so that a sync worker accepts from it first (ADR 0038)."""
    gunicorn = Path(PYTHON).with_name("gunicorn")
    health = [] if health_port is None else ["--bind", f"127.0.0.1:{health_port}"]
    if health_port is not None:
        env = env | {"GUNICORN_HEALTH_BIND": f"127.0.0.1:{health_port}"}
    command = [
        str(gunicorn),
        # The deployed settings (docs/deploy.md); the options below override theirs.
        "--config",
        str(ROOT / "config" / "gunicorn_settings.py"),
        "config.wsgi:application",
        *health,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        # One thread: sync workers, as this bench always measured; more: threaded workers.
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--error-logfile",
        str(workdir / "gunicorn.log"),
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{TRIVIAL}", timeout=2) as reply:
                if reply.read() == b"ok":
                    return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit(f"gunicorn did not answer on port {port}; see {workdir / 'gunicorn.log'}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def server_pids(server: subprocess.Popen[bytes]) -> list[int]:
    """gunicorn's master and its workers (their parent is the master)."""
    pids = [server.pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == server.pid:
            pids.append(int(stat.parent.name))
    return pids


def run_load(port: int, pids: list[int], args: argparse.Namespace) -> dict[str, Any]:
    command = [
        PYTHON,
        str(ROOT / "bench" / "_loadgen.py"),
        "--port",
        str(port),
        "--clients",
        str(args.clients),
        "--seconds",
        str(args.seconds),
        "--max-requests",
        str(args.max_requests),
        "--login",
        f"{LOGIN}:{PASSWORD}",
        "--totp-key",
        DEMO_TOTP_KEY.hex(),
        *(f"--server-pid={pid}" for pid in pids),
        TRIVIAL,
        *PAGES,
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout))


def _percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least that fraction at or below."""
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def report(load: dict[str, Any]) -> None:
    rows = []
    for result in load["results"]:
        latencies = sorted(result["latencies_ms"])
        count = len(latencies)
        rows.append(
            {
                "path": result["path"],
                "requests": count,
                "errors": result["errors"],
                "rate": count / result["seconds"] if result["seconds"] else 0.0,
                "p50": statistics.median(latencies) if latencies else float("nan"),
                "p95": _percentile(latencies, 0.95),
                "p99": _percentile(latencies, 0.99),
                "server_ms": 1000 * result["server_cpu_seconds"] / count if count else 0.0,
                "client_ms": 1000 * result["client_cpu_seconds"] / count if count else 0.0,
            }
        )
    trivial = next(row for row in rows if row["path"] == TRIVIAL)
    print(
        f"\n{load['clients']} concurrent clients signed in as '{LOGIN}' "
        f"(logins took {load['login_seconds']:.1f} s)\n"
    )
    header = (
        f"{'path':<38} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'p99 ms':>7} {'ratio':>5} {'server CPU':>10} {'client CPU':>10}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ratio = row["rate"] / trivial["rate"] if trivial["rate"] else float("nan")
        print(
            f"{row['path']:<38} {row['requests']:>8} {row['errors']:>6} {row['rate']:>7.1f} "
            f"{row['p50']:>7.1f} {row['p95']:>7.1f} {row['p99']:>7.1f} {ratio:>5.2f} "
            f"{row['server_ms']:>7.2f} ms {row['client_ms']:>7.2f} ms"
        )
    print(
        "\nratio: the path's req/s over /healthz's in this run. server CPU: CPU time of gunicorn's"
        "\nprocesses per request; client CPU: the load generator's. Other work on the machine"
        "\nraises latencies but hardly these; their quotient is the ratio a CPU-bound run tends to."
        "\n"
    )
    trivial_cost = trivial["server_ms"] + trivial["client_ms"]
    for row in rows:
        if row["path"] == TRIVIAL:
            continue
        ratio = row["rate"] / trivial["rate"] if trivial["rate"] else float("nan")
        cost = row["server_ms"] + row["client_ms"]
        cpu_ratio = trivial_cost / cost if cost else float("nan")
        p95_ok = row["p95"] <= TARGET_P95_MS and row["errors"] == 0
        print(
            f"{row['path']:<38} p95 {row['p95']:7.1f} ms ≤ {TARGET_P95_MS:.0f}: "
            f"{'yes' if p95_ok else 'NO '}  ratio {ratio:.2f} ≥ {TARGET_RATIO:.2f}: "
            f"{'yes' if ratio >= TARGET_RATIO else 'NO '}  (by CPU time {cpu_ratio:.2f})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0, help="per path, at most")
    parser.add_argument("--max-requests", type=int, default=4000, help="per path, at most")
    # As deployed (config/gunicorn_settings.py, ADR 0038): two sync workers per core.
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn processes"
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-web-"))
    env = _environment(workdir)
    server = None
    try:
        print(f"preparing the full demo in {workdir} …", flush=True)
        seconds = prepare(workdir, env)
        print(f"migrate + load_demo + collectstatic: {seconds:.1f} s")
        port = _free_port()
        server = start_gunicorn(workdir, env, port, args.workers, args.threads)
        print(
            f"gunicorn config.wsgi on 127.0.0.1:{port}: {args.workers} workers × "
            f"{args.threads} thread(s), DEBUG off, SQLite; {os.cpu_count()} CPUs, "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        print(
            f"each path: warm-up, then up to {args.seconds:g} s or {args.max_requests} requests …",
            flush=True,
        )
        report(run_load(port, server_pids(server), args))
    finally:
        if server is not None:
            stop(server)
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
