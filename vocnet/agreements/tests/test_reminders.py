"""Reminders 90 and 30 days before expiry and before a yearly target falls due."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from vocnet.agreements.models import Reminder
from vocnet.agreements.tests import factories as af
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _run(today: str) -> str:
    out = io.StringIO()
    call_command("send_agreement_reminders", today=today, stdout=out)
    return out.getvalue()


@pytest.fixture
def agreement(world: World, orgs: dict[str, Any]) -> Any:
    # 2025-03-01 to 2028-02-29; yearly targets due 2026-02-28, 2027-02-28, 2028-02-29
    for persona, email in (
        ("school_staff_a", "a@school.example"),
        ("company_staff", "c@co.example"),
    ):
        user = world.user(persona)
        user.email = email
        user.save()
    return af.SignedAgreementFactory(lead=orgs["school_a"], others=[(orgs["company_a"], "member")])


def test_ninety_days_before_a_target_falls_due_each_commitment_is_reminded_once(
    agreement: Any,
) -> None:
    # when the command runs 90 days before 2026-02-28, then again the same day
    first = _run("2025-11-30")
    second = _run("2025-11-30")

    # then one reminder per commitment's target, mailed to the party and the lead, once
    assert first == "2025-11-30: 2 reminder(s) created, 2 sent, 0 failed\n"
    assert second == "2025-11-30: 0 reminder(s) created, 0 sent, 0 failed\n"
    reminders = Reminder.objects.order_by("target__commitment__party__position")
    assert [(r.kind, r.due_date) for r in reminders] == [
        ("target_due_90", date(2026, 2, 28)),
        ("target_due_90", date(2026, 2, 28)),
    ]
    assert [r.recipients for r in reminders] == [
        ["a@school.example"],
        ["a@school.example", "c@co.example"],
    ]
    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("[vocnet] 연차 목표 기한 알림 / Yearly target due")


def test_expiry_reminders_come_at_ninety_and_at_thirty_days(agreement: Any) -> None:
    _run("2027-12-01")  # 90 days before 2028-02-29
    _run("2028-01-30")  # 30 days before

    kinds = sorted(Reminder.objects.filter(target__isnull=True).values_list("kind", flat=True))
    assert kinds == ["expiry_30", "expiry_90"]


def test_a_run_missed_for_weeks_sends_the_nearer_reminder_only(agreement: Any) -> None:
    _run("2028-02-10")

    assert list(Reminder.objects.filter(target__isnull=True).values_list("kind", flat=True)) == [
        "expiry_30"
    ]


def test_nothing_is_reminded_for_an_agreement_not_in_force(
    world: World, orgs: dict[str, Any]
) -> None:
    af.CirculatedAgreementFactory(lead=orgs["school_a"], others=[(orgs["company_a"], "member")])

    _run("2025-11-30")

    assert not Reminder.objects.exists()


def test_a_bad_date_is_refused() -> None:
    with pytest.raises(CommandError):
        call_command("send_agreement_reminders", today="30/11/2025")
