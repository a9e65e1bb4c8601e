"""Benchmark of the clearinghouse engine (vocnet.matching); it prints figures, asserts no time.

    .venv/bin/python bench/bench_matching.py          # reference up to 20,000; 200,000 end to end
    .venv/bin/python bench/bench_matching.py --quick  # seconds: up to 5,000; 50,000 end to end

1. Against the PyPI package ``matching`` 1.4.3 (``HospitalResident``, resident-optimal), measured
   in this run on the same seeded markets: seconds, ratio, and whether the matchings are
   identical. The reference is timed as it is used, building the game (its input checks) and
   solving; its ``solve()`` alone is shown too. Ours is :func:`vocnet.matching.solve`, input
   checks included, best of several runs.
2. End to end, the command-line path: ``python -m vocnet.matching solve INSTANCE -o RESULT`` in a
   child process on a 200,000-student market (10 choices each, about 180,000 seats), with the
   stages it reports (read JSON, solve, write JSON; wall clock, and the CPU time of the three),
   the child's wall time including Python's start-up, its peak resident memory
   (``ru_maxrss`` from ``wait4``), and the machine's load average: other work on a two-core
   machine shows up directly in the wall times, much less in the CPU time. The result is then
   checked by :func:`vocnet.matching.verify`, which shares no code with the engine.

Markets come from :func:`vocnet.matching.testing.generate_instance`: 31 regions, Zipf-like
popularity, students choosing mostly in their own and neighbouring regions, placements
ranking their applicants by a common score plus their own noise, a few applicants left
unacceptable, a few non-applicants ranked, capacities summing to about 0.9 per student.

Exit status: 0, or 1 if a matching differs from the reference or the large result is not
stable. Times on a shared machine vary; the targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from vocnet.matching import read_assignment, solve, verify, write_instance  # noqa: E402
from vocnet.matching.testing import generate_instance, run_reference  # noqa: E402

RATIO_TARGET = 200
RATIO_TARGET_STUDENTS = 20_000
END_TO_END_TARGET_SECONDS = 2.0
MEMORY_TARGET_MB = 1024


def main() -> int:
    options = _options()
    sizes = [1_000, 2_000, 5_000] if options.quick else [1_000, 2_000, 5_000, 10_000, 20_000]
    large = 50_000 if options.quick else 200_000
    repeats = 1 if options.quick else options.repeat
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {_load()}")
    comparison = compare_with_reference(sizes)
    runs, stable = end_to_end(large, repeats)
    return report(comparison, runs, stable, large)


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller markets, one run")
    parser.add_argument("--repeat", type=int, default=5, help="end-to-end runs (default 5)")
    return parser.parse_args()


def compare_with_reference(sizes: list[int]) -> list[dict[str, float | int | bool]]:
    """Time ours and the reference on the same markets; check the matchings are identical."""
    print("\n1. Against matching 1.4.3 (HospitalResident.solve(optimal='resident'))")
    header = (
        f"{'students':>9} {'seats':>8} {'ref build+solve s':>18} {'ref solve s':>12} "
        f"{'ours s':>9} {'ratio':>8} {'ratio to solve':>15} {'identical':>10}"
    )
    print(header)
    print("-" * len(header))
    rows = []
    for students in sizes:
        instance = generate_instance(
            students=students, seed=students, unacceptable_share=0.02, unapplied_ranked_share=0.01
        )
        ours_seconds = []
        for _ in range(5):
            started = time.perf_counter()
            ours = solve(instance)
            ours_seconds.append(time.perf_counter() - started)
        reference = run_reference(instance)
        best = min(ours_seconds)
        reference_total = reference.build_seconds + reference.solve_seconds
        row = {
            "students": students,
            "seats": sum(p.capacity for p in instance.placements.values()),
            "reference_total": reference_total,
            "reference_solve": reference.solve_seconds,
            "ours": best,
            "ratio": reference_total / best,
            "ratio_solve": reference.solve_seconds / best,
            "identical": ours.assignment == reference.assignment,
        }
        rows.append(row)
        print(
            f"{students:>9,} {row['seats']:>8,} {reference_total:>18.3f} "
            f"{reference.solve_seconds:>12.3f} {best:>9.4f} {row['ratio']:>7.0f}x "
            f"{row['ratio_solve']:>14.1f}x {'yes' if row['identical'] else 'NO':>10}",
            flush=True,
        )
    return rows


def end_to_end(students: int, repeats: int) -> tuple[list[dict[str, float]], bool]:
    """Run the CLI in a child process ``repeats`` times; return its stages and peak memory."""
    print(f"\n2. End to end: python -m vocnet.matching solve, {students:,} students")
    started = time.perf_counter()
    instance = generate_instance(
        students=students, seed=2026, unacceptable_share=0.02, unapplied_ranked_share=0.01
    )
    seats = sum(p.capacity for p in instance.placements.values())
    choices = sum(len(c) for c in instance.students.values())
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as folder:
        instance_path = Path(folder) / "instance.json"
        result_path = Path(folder) / "result.json"
        write_instance(instance, instance_path)
        size_mb = instance_path.stat().st_size / 2**20
        print(
            f"market: {len(instance.placements):,} placements, {seats:,} seats, "
            f"{choices:,} choices; {size_mb:.1f} MB of JSON (made in "
            f"{time.perf_counter() - started:.1f} s, not timed)"
        )
        header = (
            f"{'run':>4} {'read JSON s':>12} {'solve s':>9} {'write JSON s':>13} "
            f"{'read+solve+write s':>19} {'(CPU s)':>8} {'child wall s':>13} "
            f"{'peak RSS MB':>12} {'load 1 min':>11}"
        )
        print(header)
        print("-" * len(header))
        runs = []
        for run in range(1, repeats + 1):
            figures = _run_cli(instance_path, result_path)
            runs.append(figures)
            print(
                f"{run:>4} {figures['read']:>12.3f} {figures['solve']:>9.3f} "
                f"{figures['write']:>13.3f} {figures['total']:>19.3f} {figures['cpu']:>8.3f} "
                f"{figures['wall']:>13.3f} {figures['peak_mb']:>12.0f} {_load().split()[0]:>11}",
                flush=True,
            )
        report = verify(instance, read_assignment(result_path))
        print(
            f"verify(): {'stable' if report.is_stable else report.violation}, "
            f"{report.matched_count:,} of {report.student_count:,} students matched"
        )
    return runs, report.is_stable


def _run_cli(instance_path: Path, result_path: Path) -> dict[str, float]:
    command = [
        sys.executable,
        "-m",
        "vocnet.matching",
        "solve",
        str(instance_path),
        "-o",
        str(result_path),
        "--timings",
    ]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=REPOSITORY, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    assert child.stderr is not None
    with child.stderr:
        stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"the CLI failed ({child.returncode}):\n{stderr}")
    stages = dict(
        (name, float(value))
        for name, value in (item.split("=") for item in stderr.splitlines()[0].split())
    )
    return {
        "read": stages["read"],
        "solve": stages["solve"],
        "write": stages["write"],
        "total": stages["read"] + stages["solve"] + stages["write"],
        "cpu": stages["read_cpu"] + stages["solve_cpu"] + stages["write_cpu"],
        "wall": wall,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
    }


def report(
    comparison: list[dict[str, float | int | bool]],
    runs: list[dict[str, float]],
    stable: bool,
    students: int,
) -> int:
    print("\n3. Targets")
    identical = all(row["identical"] for row in comparison)
    at_target = [row for row in comparison if row["students"] == RATIO_TARGET_STUDENTS]
    if at_target:
        ratio = float(at_target[0]["ratio"])
        print(
            f"ratio at {RATIO_TARGET_STUDENTS:,} students: {ratio:.0f}x (target >= "
            f"{RATIO_TARGET}x): {'met' if ratio >= RATIO_TARGET else 'NOT met'}; "
            f"against the reference's solve() alone: {float(at_target[0]['ratio_solve']):.1f}x"
        )
    else:
        print(f"ratio at {RATIO_TARGET_STUDENTS:,} students: not measured (--quick)")
    totals = [run["total"] for run in runs]
    peak = max(run["peak_mb"] for run in runs)
    if students != 200_000:
        print("(--quick: the end-to-end and memory targets are meant for 200,000 students)")
    print(
        f"end to end at {students:,} students, read+solve+write: best {min(totals):.2f} s, "
        f"median {statistics.median(totals):.2f} s, worst {max(totals):.2f} s "
        f"(target <= {END_TO_END_TARGET_SECONDS} s): "
        f"{'met' if statistics.median(totals) <= END_TO_END_TARGET_SECONDS else 'NOT met'} "
        f"(median); CPU time of the three stages: median "
        f"{statistics.median(run['cpu'] for run in runs):.2f} s; child process wall time "
        f"incl. Python start-up: median {statistics.median(run['wall'] for run in runs):.2f} s"
    )
    print(
        f"peak memory of the child: {peak:.0f} MB (target <= {MEMORY_TARGET_MB} MB): "
        f"{'met' if peak <= MEMORY_TARGET_MB else 'NOT met'}"
    )
    print(f"identical to matching 1.4.3 on every compared market: {'yes' if identical else 'NO'}")
    print(f"large result stable (verify): {'yes' if stable else 'NO'}")
    return 0 if identical and stable else 1


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
