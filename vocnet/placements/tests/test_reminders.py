"""Reminders of field training (issue 15 §5): a monitoring visit due goes to the teacher, an
expiring vetting to the company and its support office; once per item and day, through the
notification centre, by the command or the background task."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from vocnet.notifications.models import Notification
from vocnet.notifications.reminders import reminder_sources, reminders_send
from vocnet.notifications.tasks import send_reminders
from vocnet.placements.models import MonitoringVisit, PlacementStatus
from vocnet.placements.selectors.visits_due import placements_due_for_visit
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _running(world: World, started_days_ago: int) -> Any:
    today = timezone.localdate()
    start = today - timedelta(days=started_days_ago)
    offer = pf.PublishedOfferFactory(
        company=world.company_a, start_date=start, end_date=start + timedelta(days=60)
    )
    return pf.PlacementFactory(
        offer=offer, student=world.student_a, status=PlacementStatus.IN_PROGRESS
    )


def test_the_apps_register_their_reminder_sources() -> None:
    assert set(reminder_sources()) >= {
        "placements.visits_due", "placements.vetting_expiry",
        "clearinghouse.preference_deadline", "clearinghouse.ranking_deadline",
    }  # fmt: skip


def test_a_visit_is_due_fourteen_days_after_the_start_then_every_twenty_eight(
    world: World, vetted_a: Any
) -> None:
    today = timezone.localdate()
    placement = _running(world, 13)
    assert not placements_due_for_visit(today).exists()
    assert list(placements_due_for_visit(today + timedelta(days=1))) == [placement]
    MonitoringVisit.objects.create(placement=placement, visited_on=today, teacher_name="김교사",
                                   notes="방문")  # fmt: skip
    assert not placements_due_for_visit(today + timedelta(days=27)).exists()
    assert placements_due_for_visit(today + timedelta(days=28)).exists()


def test_a_visit_due_reminds_the_school_once_a_day(world: World, vetted_a: Any) -> None:
    # given a placement 20 days into its training without a visit
    placement = _running(world, 20)
    today = timezone.localdate()
    school = world.user("school_staff_a")
    # when the reminders run twice today, then tomorrow
    first = reminders_send(today)
    again = reminders_send(today)
    tomorrow = reminders_send(today + timedelta(days=1))
    # then the school's staff were told once per day, nobody else about this visit
    notes = Notification.objects.filter(kind="visit_due")
    assert (first.notifications, again.notifications, tomorrow.notifications) == (1, 0, 1)
    assert set(notes.values_list("recipient_id", flat=True)) == {school.pk}
    assert notes.first().url == f"/placements/placements/{placement.pk}/#visit"  # type: ignore[union-attr]


def test_the_teacher_of_the_last_visit_is_the_one_reminded(world: World, vetted_a: Any) -> None:
    placement = _running(world, 60)
    teacher = world.user("school_staff_a")
    MonitoringVisit.objects.create(placement=placement, teacher=teacher, teacher_name="김교사",
                                   visited_on=timezone.localdate() - timedelta(days=40),
                                   notes="방문")  # fmt: skip
    reminders_send(timezone.localdate())
    assert list(
        Notification.objects.filter(kind="visit_due").values_list("recipient_id", flat=True)
    ) == [teacher.pk]


def test_an_expiring_vetting_tells_the_company_and_its_support_office(world: World) -> None:
    today = timezone.localdate()
    vetting: Any = pf.ApprovedVettingFactory(
        company=world.company_a, valid_from=today - timedelta(days=700),
        valid_until=today + timedelta(days=20),
    )  # fmt: skip
    pf.ApprovedVettingFactory(
        company=world.company_b, valid_from=today, valid_until=today + timedelta(days=300)
    )
    reminders_send(today)
    reminders_send(today)
    told = set(
        Notification.objects.filter(kind="vetting_expiry").values_list("recipient_id", flat=True)
    )
    assert told == {world.user("company_staff").pk, world.user("support_office_officer").pk}
    assert Notification.objects.filter(kind="vetting_expiry").count() == 2
    assert Notification.objects.filter(url=f"/placements/vettings/{vetting.pk}/").count() == 2


def test_a_renewed_vetting_is_not_reminded(world: World) -> None:
    today = timezone.localdate()
    pf.ApprovedVettingFactory(company=world.company_a, valid_from=today - timedelta(days=700),
                              valid_until=today + timedelta(days=20))  # fmt: skip
    pf.ApprovedVettingFactory(company=world.company_a, valid_from=today + timedelta(days=21),
                              valid_until=today + timedelta(days=700))  # fmt: skip
    reminders_send(today)
    assert not Notification.objects.filter(kind="vetting_expiry").exists()


def test_the_command_sends_once_and_refuses_a_bad_day(world: World, vetted_a: Any) -> None:
    _running(world, 20)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].endswith("1 new notifications")
    assert lines[1].endswith("0 new notifications")
    before = Notification.objects.count()
    with pytest.raises(CommandError, match="--day"):
        call_command("send_reminders", day="2026-13-01")
    assert Notification.objects.count() == before


def test_the_background_task_sends_the_same_reminders(world: World, vetted_a: Any) -> None:
    _running(world, 20)
    day = timezone.localdate()
    result = send_reminders.call(day.isoformat())
    assert result == {"items": 1, "notifications": 1}
    assert send_reminders.call(day.isoformat()) == {"items": 1, "notifications": 0}
    assert isinstance(day, date)
