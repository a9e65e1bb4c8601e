"""Benchmark of the restructuring planner (vocnet.planning); it prints figures, asserts no time.

    .venv/bin/python bench/bench_planner.py              # the Gyeonggi demo + the national instance
    .venv/bin/python bench/bench_planner.py --synthetic  # no database: both instances synthetic

1. **Gyeonggi demo** (target ≤ 2 s): the registry demo and the demand demo are loaded into a
   throw-away SQLite file (not timed), then the whole province is planned as a scenario does
   it: ``planning_input`` (ORM → dataclasses, the adapter of ``vocnet.demand``) and ``plan``
   (validate, build, LP relaxation, rounding, HiGHS). With ``--synthetic`` a synthetic instance
   of the same size (31 regions, 115 schools, 40 fields) stands in for it. The support office
   with the most departments is then planned alone, as its own officer's scenario does (no
   target; for comparison).
2. **National** (target ≤ 15 s): ``vocnet.planning.synthetic.national_problem`` — 17 provinces
   with their real numbers of 시·군·구 (229), 580 schools, 83 NCS fields, three demand years —
   without and with the yearly limits a scenario applies by default (issue 17 §4: a department
   moves by at most 20 % of its intake, a school changes at most two departments; the Gyeonggi
   demo run above uses them, since it plans with ``ScenarioParameters()``).

For each: wall seconds (best of ``--repeat``), model size (variables, integer variables,
constraints, non-zeros), HiGHS status, proven gap, objective against today's, and how many
departments change. Times on a shared two-core machine vary with the load printed first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))

from vocnet.planning import PlanningProblem, PlanResult, plan  # noqa: E402
from vocnet.planning.synthetic import (  # noqa: E402
    gyeonggi_sized_problem,
    national_problem,
    with_yearly_limits,
)

GYEONGGI_TARGET = 2.0
NATIONAL_TARGET = 15.0


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def _describe(problem: PlanningProblem) -> str:
    schools = len({d.school for d in problem.departments})
    regions = len({d.region for d in problem.departments} | {d.region for d in problem.demand})
    fields = len({d.field for d in problem.departments} | {d.field for d in problem.demand})
    demand = sum(d.headcount for d in problem.demand)
    return (
        f"{len(problem.departments):,} departments, {schools} schools, {regions} regions, "
        f"{fields} fields, demand {demand:,.0f} (all years)"
    )


def _report(name: str, target: float, seconds: list[float], result: PlanResult, extra: str) -> None:
    best = min(seconds)
    size = result.size
    changed = len(result.changed)
    converted = sum(1 for r in result.recommendations if r.converted_intake)
    print(f"\n{name}")
    print(f"  instance    {extra}")
    print(
        f"  model       {size.variables:,} variables ({size.integer_variables:,} integer), "
        f"{size.constraints:,} constraints, {size.nonzeros:,} non-zeros"
    )
    print(
        f"  time        best {best:.2f} s of {len(seconds)} "
        f"({', '.join(f'{s:.2f}' for s in seconds)}); target ≤ {target:.0f} s "
        f"→ {'met' if best <= target else 'MISSED'} (ratio {best / target:.2f})"
    )
    print(
        f"  plan        {result.status.value}, gap {result.mip_gap:.2%}; objective "
        f"{result.objective.total:,.1f} against {result.baseline.total:,.1f} today; "
        f"{changed:,} of {len(result.recommendations):,} departments change "
        f"({converted} convert)"
    )


def _time(run: Callable[[], PlanResult], repeat: int) -> tuple[list[float], PlanResult]:
    seconds: list[float] = []
    result: PlanResult | None = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    assert result is not None
    return seconds, result


def gyeonggi_from_demo(repeat: int) -> None:
    directory = tempfile.mkdtemp(prefix="vocnet-bench-planner-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from vocnet.demand.parameters import ScenarioParameters
    from vocnet.demand.services.planner_input import planning_input
    from vocnet.demo.demand import load_demand_demo
    from vocnet.demo.registry import load_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo()
    counts = load_demand_demo(with_scenarios=False)
    print(
        f"\n(set-up, not timed: migrate + registry demo + {counts['declarations']:,} "
        f"declarations in {time.perf_counter() - started:.1f} s, {directory})"
    )
    from django.db.models import Count

    from vocnet.registry.models import SupportOffice

    province = get_user_model().objects.get(username="province")
    holder: dict[str, Any] = {}

    def run(office_id: int | None = None) -> PlanResult:
        data = planning_input(
            user=province, parameters=ScenarioParameters(), support_office_id=office_id
        )
        holder["problem"] = data.problem
        return plan(data.problem)

    seconds, result = _time(run, repeat)
    _report(
        "Gyeonggi demo (ORM → problem → plan)",
        GYEONGGI_TARGET,
        seconds,
        result,
        _describe(holder["problem"]),
    )
    office = (
        SupportOffice.objects.annotate(
            departments=Count("regions__organisations__school__departments")
        )
        .order_by("-departments", "pk")
        .first()
    )
    if office is not None:
        seconds, result = _time(lambda: run(office.pk), repeat)
        _report(
            f"One support office: {office.name_en} ({office.departments} departments)",
            GYEONGGI_TARGET,
            seconds,
            result,
            _describe(holder["problem"]),
        )
    shutil.rmtree(directory, ignore_errors=True)


def synthetic(name: str, make: Callable[[], PlanningProblem], target: float, repeat: int) -> None:
    problem = make()
    seconds, result = _time(lambda: plan(problem), repeat)
    _report(name, target, seconds, result, _describe(problem))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", action="store_true", help="no database, no demo")
    parser.add_argument("--repeat", type=int, default=3, help="runs per instance (best is kept)")
    options = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {_load()}")
    if options.synthetic:
        synthetic(
            "Gyeonggi-sized synthetic (31 regions, 115 schools, 40 fields)",
            gyeonggi_sized_problem,
            GYEONGGI_TARGET,
            options.repeat,
        )
    else:
        gyeonggi_from_demo(options.repeat)
    synthetic(
        "National synthetic (17 provinces, 229 regions, 580 schools, 83 fields)",
        national_problem,
        NATIONAL_TARGET,
        options.repeat,
    )
    synthetic(
        "National synthetic with the yearly limits (±20 % a department, 2 departments a school)",
        lambda: with_yearly_limits(national_problem()),
        NATIONAL_TARGET,
        options.repeat,
    )
    print(f"\nload at the end {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
