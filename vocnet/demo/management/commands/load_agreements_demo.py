"""``manage.py load_agreements_demo [--seed N] [--today YYYY-MM-DD] [--reset]``: the synthetic
agreements on the registry demo (run ``load_demo`` first). Safe to run again."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vocnet.demo.agreements import (
    DEFAULT_SEED,
    AgreementsDemoError,
    load_agreements_demo,
    reset_agreements_demo,
)


class Command(BaseCommand):
    help = "Load the synthetic agreements demo on top of the registry demo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--today", default=None, help="YYYY-MM-DD; default: today")
        parser.add_argument("--reset", action="store_true", help="delete the demo agreements first")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be a YYYY-MM-DD date") from None
        if options["reset"]:
            self.stdout.write(f"{reset_agreements_demo()} demo agreement(s) deleted")
        try:
            counts = load_agreements_demo(seed=options["seed"], today=today)
        except AgreementsDemoError as error:
            raise CommandError(str(error)) from error
        width = max(len(name) for name in counts)
        for name, value in counts.items():
            self.stdout.write(f"  {name:<{width}}  {value:>6,}")
        self.stdout.write(f"agreements demo ready in {time.perf_counter() - started:.1f} s")
