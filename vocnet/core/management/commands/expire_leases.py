"""Mark failed the running tasks whose worker is gone (lease expired); see docs/adr/0014.

The worker (``manage.py task_worker``) sweeps by itself; this command is for a deployment
whose worker is RQ, or for cron as a second line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vocnet.core.leases import sweep_expired_leases


class Command(BaseCommand):
    help = "Mark failed the running tasks whose lease expired (their worker is gone)."

    def handle(self, *args: Any, **options: Any) -> None:
        for sweep, count in sweep_expired_leases().items():
            self.stdout.write(f"{sweep}: {count}")
