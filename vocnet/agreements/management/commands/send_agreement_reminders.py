"""``manage.py send_agreement_reminders [--today YYYY-MM-DD]``: create the reminders due
(90 and 30 days before an agreement expires or a yearly target falls due) and mail every
pending one to the parties' staff. Safe to run every day, or twice: nothing is sent twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vocnet.agreements.services import reminders_run


class Command(BaseCommand):
    help = "Create and mail the agreement reminders due today (90 and 30 days ahead)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            default=None,
            help="the day to act as today, YYYY-MM-DD (default: today in Asia/Seoul)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    f"--today must be a YYYY-MM-DD date, not {options['today']!r}"
                ) from None
        run = reminders_run(today=today)
        self.stdout.write(
            f"{today}: {run.created} reminder(s) created, {run.sent} sent, {run.failed} failed"
        )
        if run.failed:
            raise CommandError(f"{run.failed} reminder(s) could not be mailed; run again later")
