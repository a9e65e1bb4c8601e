"""Benchmark of a province clearinghouse round on the Gyeonggi demo (issue 6, item 8).

Builds the demo in a fresh temporary SQLite database (registry, placements' vetted hosts and
offers and the other demos — every demo extension but the clearinghouse's own round), writes
the demo round's preferences, companies' rankings and schools' orders, then runs the round
through the task's code path and publishes it. Prints the seconds of each stage — load the
preferences from the database into the snapshot, build the engine's instance, solve, verify,
statistics, store the run and its outcomes, publish the placements — and the total, with the
machine's load average; asserts no time.

    .venv/bin/python bench/bench_round.py [--seed 2025] [--scale 1.0] [--keep]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("snapshot", "build", "solve", "verify", "stats", "store")


def setup_django(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["VOCNET_VAR_DIR"] = str(workdir)
    os.environ["DEBUG"] = "0"  # DEBUG would keep every SQL statement in memory
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_demo(seed: int, scale: float) -> float:
    """The demo without the clearinghouse's own round; returns its seconds."""
    from django.core.management import call_command

    from vocnet.demo import domains

    domains.DOMAIN_DEMOS = tuple(
        demo for demo in domains.DOMAIN_DEMOS if demo.name != "clearinghouse"
    )
    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", seed=seed, scale=scale, verbosity=0, stdout=quiet)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="vocnet-bench-round-"))
    try:
        setup_django(workdir)
        run_bench(args.seed, args.scale)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run_bench(seed: int, scale: float) -> None:
    from vocnet.clearinghouse.models import RoundStatus, StudentPreference
    from vocnet.clearinghouse.services import round_publish, round_start_run, run_execute
    from vocnet.demo.clearinghouse import build_demo_round

    demo_seconds = load_demo(seed, scale)
    print(f"demo (registry, placements and the other demos) loaded in {demo_seconds:.1f} s")
    started = time.perf_counter()
    placement_round = build_demo_round(seed=seed)
    if placement_round is None:
        print("no published offers of vetted hosts: is the placements demo registered?")
        return
    seeding = time.perf_counter() - started
    print(
        f"round seeded in {seeding:.2f} s: "
        f"{StudentPreference.objects.filter(round=placement_round).count():,} preferences"
    )
    officer: Any = placement_round.created_by
    total_started = time.perf_counter()
    run = round_start_run(actor=officer, placement_round=placement_round, enqueue=False)
    done = run_execute(run_id=run.pk)
    assert done is not None and done.statistics is not None
    placement_round.refresh_from_db()
    published = time.perf_counter()
    if placement_round.status == RoundStatus.MATCHED:
        round_publish(actor=officer, placement_round=placement_round)
    publish_seconds = time.perf_counter() - published
    total = time.perf_counter() - total_started

    statistics = done.statistics
    counts = statistics["input"]
    print(
        f"students {statistics['student_count']:,} · preferences used "
        f"{counts['preferences_used']:,} of {counts['preferences']:,} · offers "
        f"{counts['offers']:,} ({counts['offers_ranked_by_company']:,} ranked by their "
        f"company) · seats {statistics['seat_count']:,}"
    )
    stability = done.stability or {}
    print(
        f"matched {statistics['matched_count']:,} ({statistics['matched_share']:.1%}) · "
        f"first choice {statistics['rank_distribution'].get('1', 0):,} · unfilled seats "
        f"{statistics['unfilled_seat_count']:,} · stable {stability.get('is_stable')} · "
        f"hash {done.input_hash[:16]}…"
    )
    print(f"{'stage':<34}{'seconds':>8}")
    labels = {
        "snapshot": "load preferences (DB → snapshot)",
        "build": "build instance",
        "solve": "solve (deferred acceptance)",
        "verify": "verify stability",
        "stats": "statistics",
        "store": "store run and outcomes",
    }
    for stage in STAGES:
        print(f"{labels[stage]:<34}{done.timings.get(stage, 0.0):>8.3f}")
    print(f"{'run (task body, total)':<34}{done.timings.get('total', 0.0):>8.3f}")
    print(f"{'publish (placements)':<34}{publish_seconds:>8.3f}")
    print(f"{'total (start → published)':<34}{total:>8.3f}")
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
