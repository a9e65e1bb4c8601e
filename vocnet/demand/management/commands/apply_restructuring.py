"""Apply the approved 학과 개편 whose start year has begun (run daily, e.g. from cron; the school
year starts on 1 March). Safe to run again: a proposal is applied once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vocnet.demand.services.proposals import apply_due_proposals


class Command(BaseCommand):
    help = "Apply approved department restructurings whose start year has begun."

    def handle(self, *args: Any, **options: Any) -> None:
        applied = apply_due_proposals()
        self.stdout.write(f"applied {applied} restructuring proposal(s)")
