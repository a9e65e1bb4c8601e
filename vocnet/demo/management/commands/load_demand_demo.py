"""``manage.py load_demand_demo``: synthetic workforce demand and three scenarios on the
registry demo (run ``load_demo`` first). Safe to run again; ``--reset`` reloads."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vocnet.demo.demand import (
    DEFAULT_SEED,
    DemandDemoError,
    demo_summary,
    load_demand_demo,
    reset_demand_demo,
)


class Command(BaseCommand):
    help = "Load synthetic, labelled workforce demand and three restructuring scenarios."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default: %(default)s")
        parser.add_argument("--reset", action="store_true", help="delete the demand demo first")
        parser.add_argument(
            "--no-scenarios", action="store_true", help="load declarations only (no planning)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["reset"]:
            reset_demand_demo()
        try:
            counts = load_demand_demo(
                seed=options["seed"], with_scenarios=not options["no_scenarios"]
            )
        except DemandDemoError as exc:
            raise CommandError(str(exc)) from exc
        if not counts["created"]:
            self.stdout.write("demand demo already loaded (use --reset to reload)")
        for name, value in counts.items():
            self.stdout.write(f"  {name:<14} {value:>7,}")
        for year, total in demo_summary().items():
            self.stdout.write(f"  demand {year}    {total:>7,} people")
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s")
