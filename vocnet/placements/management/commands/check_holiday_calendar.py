"""``manage.py check_holiday_calendar``: warn six months before the public-holiday data runs out
(run it monthly, e.g. from cron; it exits with status 1 while the warning stands, so a monitor
notices). Offers ending after the last covered day are refused (직업교육훈련 촉진법 제9조의2 ②
cannot be checked without the calendar)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vocnet.placements.rules.holidays import calendar_ends, coverage_warning


class Command(BaseCommand):
    help = "Warn when the public-holiday calendar data runs out within six months."

    def handle(self, *args: Any, **options: Any) -> None:
        warning = coverage_warning(timezone.localdate())
        if warning is None:
            self.stdout.write(f"public-holiday data covers days up to {calendar_ends():%Y-%m-%d}")
            return
        self.stderr.write(warning.message_ko)
        self.stderr.write(warning.message_en)
        raise CommandError(f"public-holiday data ends on {warning.ends_on:%Y-%m-%d}")
