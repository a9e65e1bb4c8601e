"""``manage.py load_placements_demo [--seed N] [--today YYYY-MM-DD] [--reset]``: vetted hosts
and offers (about 15,000 seats) on the registry demo (run ``load_demo`` first). Safe to run
again; ``load_demo`` runs it too (vocnet/demo/domains.py)."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vocnet.demo.placements import (
    DEFAULT_SEED,
    PlacementsDemoError,
    load_placements_demo,
    reset_placements_demo,
)


class Command(BaseCommand):
    help = "Load the synthetic field-training demo (vetted hosts, offers) on the registry demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--today", default=None, help="YYYY-MM-DD; default: today")
        parser.add_argument("--reset", action="store_true", help="delete the demo rows first")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a YYYY-MM-DD date") from None
        if options["reset"]:
            reset_placements_demo()
        try:
            counts = load_placements_demo(seed=options["seed"], today=today)
        except PlacementsDemoError as error:
            raise CommandError(str(error)) from error
        for name, value in counts.items():
            self.stdout.write(f"  {name:<14} {value:>7,}")
        self.stdout.write(f"total time: {time.perf_counter() - started:.1f} s")
