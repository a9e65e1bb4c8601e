"""Command line: ``python -m vocnet.matching solve|verify|stats`` — no Django settings needed.

Exit status: 0 done (and, for ``verify``, stable); 1 ``verify`` found a problem; 2 the input
could not be used (the message on stderr names the student or placement, in Korean and
English) or the command line was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import TextIO, TypeVar

from vocnet.matching._runtime import gc_paused
from vocnet.matching.engine import solve
from vocnet.matching.errors import MatchingInputError
from vocnet.matching.io import read_assignment, read_instance, write_assignment, write_lottery
from vocnet.matching.stats import MatchStatistics, compute_statistics
from vocnet.matching.verify import verify

T = TypeVar("T")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status."""
    arguments = _parser().parse_args(argv)
    try:
        # One short batch run: between the stages too, the collector would only walk the
        # millions of objects of a large instance again.
        with gc_paused():
            status: int = arguments.run(arguments)
    except MatchingInputError as error:
        print(f"오류 [{error.code}]: {error.message_ko}", file=sys.stderr)
        print(f"error [{error.code}]: {error.message_en}", file=sys.stderr)
        return 2
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m vocnet.matching",
        description="Student-proposing deferred acceptance for the placement clearinghouse.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    solve_command = commands.add_parser(
        "solve", help="compute the student-optimal stable matching of INSTANCE"
    )
    solve_command.add_argument("instance", metavar="INSTANCE.json")
    solve_command.add_argument(
        "-o", "--output", metavar="RESULT.json", help="where to write the result (default: stdout)"
    )
    solve_command.add_argument(
        "--seed", type=int, help="seed of the tie-breaking lottery (default: drawn at random)"
    )
    solve_command.add_argument(
        "--lottery-out",
        metavar="LOTTERY.json",
        help="also write the seed and the lottery order used to break ties",
    )
    solve_command.add_argument(
        "--timings",
        action="store_true",
        help="print the seconds of each stage, wall clock and CPU, to stderr",
    )
    solve_command.set_defaults(run=_solve)

    verify_command = commands.add_parser(
        "verify", help="check that RESULT is a stable matching of INSTANCE (exit 1 if not)"
    )
    verify_command.add_argument("instance", metavar="INSTANCE.json")
    verify_command.add_argument("result", metavar="RESULT.json")
    verify_command.set_defaults(run=_verify)

    stats_command = commands.add_parser("stats", help="print statistics of RESULT")
    stats_command.add_argument("instance", metavar="INSTANCE.json")
    stats_command.add_argument("result", metavar="RESULT.json")
    stats_command.add_argument("--json", action="store_true", help="print JSON")
    stats_command.set_defaults(run=_stats)
    return parser


def _solve(arguments: argparse.Namespace) -> int:
    timings: list[tuple[str, float, float]] = []
    instance = _timed("read", timings, lambda: read_instance(arguments.instance))
    result = _timed("solve", timings, lambda: solve(instance, seed=arguments.seed))
    if arguments.output:
        _timed("write", timings, lambda: write_assignment(result.assignment, arguments.output))
    else:
        json.dump(result.assignment, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    if arguments.lottery_out:
        write_lottery(result, arguments.lottery_out)
    if arguments.timings:
        print(
            " ".join(f"{stage}={wall:.4f} {stage}_cpu={cpu:.4f}" for stage, wall, cpu in timings),
            file=sys.stderr,
        )
    matched = sum(1 for placement in result.assignment.values() if placement is not None)
    print(
        f"matched {matched:,} of {len(result.assignment):,} students"
        + (f" (lottery seed {result.seed})" if result.lottery is not None else ""),
        file=sys.stderr,
    )
    return 0


def _verify(arguments: argparse.Namespace) -> int:
    instance = read_instance(arguments.instance)
    report = verify(instance, read_assignment(arguments.result))
    if report.violation is None:
        print(
            f"stable: {report.matched_count:,} of {report.student_count:,} students matched, "
            "no seat over capacity, every pair mutually acceptable, no blocking pair "
            "(안정 매칭입니다)."
        )
        return 0
    violation = report.violation
    print(f"{violation.code}: {violation.message_en}")
    print(f"{violation.code}: {violation.message_ko}")
    return 1


def _stats(arguments: argparse.Namespace) -> int:
    instance = read_instance(arguments.instance)
    statistics = compute_statistics(instance, read_assignment(arguments.result))
    if arguments.json:
        json.dump(statistics.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_statistics(statistics, sys.stdout)
    return 0


def print_statistics(statistics: MatchStatistics, out: TextIO) -> None:
    """Write ``statistics`` as a short human-readable report."""
    out.write(f"students        {statistics.student_count:>10,}\n")
    out.write(
        f"matched         {statistics.matched_count:>10,}  "
        f"({statistics.matched_share * 100:.1f} %)\n"
    )
    out.write(f"unmatched       {statistics.unmatched_count:>10,}\n")
    out.write(f"seats           {statistics.seat_count:>10,}\n")
    out.write(f"unfilled seats  {statistics.unfilled_seat_count:>10,}\n")
    out.write("rank of the placement each matched student got (1 = first choice):\n")
    widest = max(statistics.rank_distribution.values(), default=0)
    for rank, count in statistics.rank_distribution.items():
        bar = "#" * round(40 * count / widest) if widest else ""
        share = count / statistics.matched_count * 100
        out.write(f"  {rank:>4}  {count:>10,}  {share:5.1f} %  {bar}\n")
    short = [(p, seats) for p, seats in statistics.unfilled_seats.items() if seats > 0]
    out.write(f"placements with unfilled seats: {len(short):,}\n")
    for placement, seats in sorted(short, key=lambda item: -item[1])[:10]:
        out.write(f"  {placement}  {seats:,}\n")


def _timed(stage: str, timings: list[tuple[str, float, float]], work: Callable[[], T]) -> T:
    started, started_cpu = time.perf_counter(), time.process_time()
    value = work()
    timings.append((stage, time.perf_counter() - started, time.process_time() - started_cpu))
    return value
