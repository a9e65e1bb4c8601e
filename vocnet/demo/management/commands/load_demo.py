"""``manage.py load_demo``: load the Gyeonggi demo once, then print one login per role.

Safe to run again (the README set-up runs it every time): on a database that already holds
the demo it loads nothing, says so and prints the logins. ``--reset`` deletes the demo rows
and loads them afresh.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from vocnet.demo import domains
from vocnet.demo.registry import (
    DEFAULT_SEED,
    DemoError,
    DemoLogin,
    DemoState,
    demo_digest,
    demo_logins,
    demo_state,
    load_demo,
    reset_demo,
)
from vocnet.registry.models import Role


def refresh_planner_statistics() -> bool:
    """ANALYZE on PostgreSQL after a bulk load (True when it ran). Until autovacuum gets to the
    new tables, the planner takes them for nearly empty: right after the demo load the offer
    list took 8–11 s a page with nested loops planned for a handful of rows, 0.1 s after."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True


class Command(BaseCommand):
    help = (
        "Load the Gyeonggi demo: real reference data and real-named designated schools, plus "
        "synthetic, labelled schools, companies and students; print one login per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="default: %(default)s")
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="shrink the synthetic part (e.g. 0.02 for a quick look); default 1",
        )
        parser.add_argument(
            "--school-year",
            type=int,
            default=None,
            help="school year the students' birth dates are set for; default: the current one",
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete the demo rows first, then load again"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            # One transaction around reset and reload: a failed reload keeps the old demo.
            with transaction.atomic():
                # The loader writes in bulk, past the audit trail that keys the page cache.
                transaction.on_commit(cache.clear)
                if options["reset"]:
                    for demo in reversed(domains.DOMAIN_DEMOS):
                        demo.reset()
                    reset_demo()
                    self.stdout.write(f"demo rows deleted in {time.perf_counter() - started:.1f} s")
                state = demo_state()
                if state is DemoState.LOADED:
                    self.stdout.write("demo already loaded (use --reset to reload)")
                    self._load_extensions(options["seed"])
                    self._print_logins(demo_logins())
                    return
                if state is DemoState.PARTIAL:
                    raise CommandError(
                        "Some demo rows exist but not the whole demo; run `load_demo --reset`."
                    )
                result = load_demo(
                    seed=options["seed"],
                    scale=options["scale"],
                    school_year=options["school_year"],
                    progress=sys.stderr.isatty() and options["verbosity"] > 0,
                )
                self._load_extensions(options["seed"])
        except (DemoError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        refresh_planner_statistics()
        self.stdout.write(
            self.style.SUCCESS(
                f"Gyeonggi demo loaded in {result.seconds:.1f} s "
                f"(seed {options['seed']}, scale {options['scale']})"
            )
        )
        self._print_counts(result.counts)
        if options["verbosity"] > 1:
            self.stdout.write(f"digest: {demo_digest()}")
        self._print_logins(result.logins)
        self.stdout.write(f"total time: {time.perf_counter() - started:.1f} s")

    def _load_extensions(self, seed: int) -> None:
        """The demos of the apps built on the registry (vocnet.demo.domains, read at call
        time so a benchmark can leave one out); each is idempotent, so an already loaded demo
        gains only what it lacks."""
        for demo in domains.DOMAIN_DEMOS:
            loader = demo.load
            counts = loader(seed=seed)
            summary = ", ".join(f"{name} {value:,}" for name, value in counts.items())
            self.stdout.write(f"{loader.__module__}: {summary}")

    def _print_counts(self, counts: dict[str, int]) -> None:
        width = max(len(name) for name in counts)
        for name, value in counts.items():
            self.stdout.write(f"  {name:<{width}}  {value:>7,}")

    def _print_logins(self, logins: list[DemoLogin]) -> None:
        if not logins:
            return
        roles = dict(Role.choices)
        rows = [("role", "username", "password", "organisation")] + [
            (f"{login.role} ({roles.get(login.role, '')})", login.username, login.password,
             login.organisation)
            for login in logins
        ]  # fmt: skip
        widths = [max(_width(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("Demo logins (one per role; the password is public demo data):")
        for row in rows:
            cells = [row[i] + " " * (widths[i] - _width(row[i])) for i in range(3)]
            self.stdout.write("  " + "  ".join([*cells, row[3]]))


def _width(text: str) -> int:
    """Display width: Hangul takes two columns in a terminal."""
    return sum(2 if "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" else 1 for ch in text)
