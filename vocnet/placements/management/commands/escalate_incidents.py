"""``manage.py escalate_incidents``: escalate incident reports the school has not answered by
their deadline to the province (run it daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vocnet.placements.services import incidents_escalate_overdue


class Command(BaseCommand):
    help = "Escalate overdue field-training incident reports from the school to the province."

    def handle(self, *args: Any, **options: Any) -> None:
        count = incidents_escalate_overdue()
        self.stdout.write(f"{count} report(s) escalated to the province")
