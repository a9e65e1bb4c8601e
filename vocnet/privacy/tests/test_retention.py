"""Retention of the access log (issue 8, item 5): ≥ 2 years, enforced by a command."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from axes.models import AccessLog
from django.core.management import call_command
from django.utils import timezone

from vocnet.core.models import AuditEvent
from vocnet.privacy.models import PersonalDataAccess
from vocnet.privacy.services import retention_cutoff
from vocnet.testing import World

ROOT = Path(__file__).resolve().parents[3]


def _row(world: World, days_ago: int) -> PersonalDataAccess:
    return PersonalDataAccess(
        at=timezone.now() - timedelta(days=days_ago),
        event_id="00000000-0000-0000-0000-000000000002",
        actor_username="province_officer",
        channel="web",
        action="view",
        subject_kind="registry.student",
        subject_id=world.student_a.pk,
    )


@pytest.mark.django_db
def test_the_command_deletes_only_what_is_older_than_two_years(world: World) -> None:
    # Given access-log rows of 800, 740, 700 and 10 days ago, and sign-ins of 800 and 10
    PersonalDataAccess.objects.bulk_create([_row(world, d) for d in (800, 740, 700, 10)])
    for days in (800, 10):
        login = AccessLog.objects.create(
            username="province_officer", ip_address="203.0.113.7", user_agent="test"
        )
        # attempt_time is set on creation; move it back
        AccessLog.objects.filter(pk=login.pk).update(
            attempt_time=timezone.now() - timedelta(days=days)
        )

    # When a dry run, then the command runs
    dry = StringIO()
    call_command("purge_access_log", "--dry-run", stdout=dry)
    counts_after_dry_run = PersonalDataAccess.objects.count()
    out = StringIO()
    call_command("purge_access_log", stdout=out)

    # Then the dry run deleted nothing; the run deleted the rows past two years (and a day)
    # only, and the purge is in the audit trail
    assert counts_after_dry_run == 4
    assert "would delete 2 access-log rows and 1 sign-in records" in dry.getvalue()
    assert "deleted 2 access-log rows and 1 sign-in records" in out.getvalue()
    remaining = sorted(
        (timezone.now() - at).days for at in PersonalDataAccess.objects.values_list("at", flat=True)
    )
    assert remaining == [10, 700]
    assert AccessLog.objects.count() == 1
    assert AuditEvent.objects.filter(action="access_log.purge").count() == 1


def test_the_cutoff_is_two_calendar_years_back_and_handles_29_february() -> None:
    leap = timezone.datetime(2028, 2, 29, 12, tzinfo=timezone.get_current_timezone())
    assert retention_cutoff(leap, years=2) == leap.replace(year=2026, day=28)
    assert retention_cutoff(leap, years=1) == leap.replace(year=2026, day=28)  # never below 2


def test_a_retention_below_two_years_is_refused_at_start_up() -> None:
    # Given the retention set to one year
    env = os.environ | {"VOCNET_ACCESS_LOG_RETENTION_YEARS": "1"}

    # When the settings load, they refuse
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "VOCNET_ACCESS_LOG_RETENTION_YEARS must be at least 2" in done.stderr
