"""``manage.py purge_access_log [--dry-run]``: the retention rule of the access log.

Deletes personal-data access records and sign-in records older than
``VOCNET_ACCESS_LOG_RETENTION_YEARS`` (at least two years, 안전성 확보조치 기준 제8조); nothing
younger is ever deleted (on PostgreSQL the table's trigger refuses it). Run it daily from cron.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vocnet.privacy.services import access_log_purge, retention_years


class Command(BaseCommand):
    help = "Delete access-log and sign-in records older than the retention period (≥ 2 years)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be deleted, delete nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = access_log_purge(dry_run=options["dry_run"])
        verb = "would delete" if options["dry_run"] else "deleted"
        self.stdout.write(
            f"보관 기간 {retention_years()}년 (retention {retention_years()} years), "
            f"before {result.cutoff:%Y-%m-%d %H:%M}: {verb} {result.access_rows} access-log "
            f"rows and {result.login_rows} sign-in records"
        )
