"""``manage.py send_reminders``: tell everyone what is due today (a monitoring visit, the
deadlines of preferences and rankings, an expiring vetting), once a day.

Run it daily (cron, a systemd timer) — or with ``--enqueue`` to hand the work to the task
worker (django-tasks). Running it again the same day sends nothing twice.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from vocnet.notifications.reminders import reminders_due, reminders_send
from vocnet.notifications.tasks import send_reminders


class Command(BaseCommand):
    help = "Send today's reminders (visits due, deadlines, expiring vettings) once a day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", help="YYYY-MM-DD; default: today")
        parser.add_argument(
            "--enqueue", action="store_true", help="queue a background task instead of sending"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = date.fromisoformat(options["day"]) if options["day"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(
                f"--day: YYYY-MM-DD 형식의 날짜여야 합니다 / must be a date YYYY-MM-DD ({exc})"
            ) from exc
        if options["enqueue"]:
            queued = send_reminders.enqueue(day.isoformat())
            self.stdout.write(f"queued task {queued.id} for {day:%Y-%m-%d}")
            return
        due = list(reminders_due(day))
        show = sys.stderr.isatty() and options["verbosity"] > 0
        with tqdm(total=len(due), desc="reminders", file=sys.stderr, disable=not show) as bar:
            result = reminders_send(day, reminders=due, progress=lambda: bar.update(1))
        self.stdout.write(
            f"{day:%Y-%m-%d}: {result.items:,} items due, "
            f"{result.notifications:,} new notifications"
        )
