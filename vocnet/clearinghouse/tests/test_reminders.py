"""Deadline reminders of a round (issue 15 §5): students of the scope who have not submitted
preferences, and companies whose offers have unranked applicants, are told once a day in the
three days before the deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import Market
from vocnet.notifications.models import Notification
from vocnet.notifications.reminders import reminders_send

pytestmark = pytest.mark.django_db


def _deadline_notes() -> list[tuple[int, str]]:
    return sorted(Notification.objects.filter(kind="deadline").values_list("recipient_id", "url"))


def test_students_without_preferences_are_reminded_near_the_deadline(market: Market) -> None:
    # given the round's preferences close in two days; student B has submitted, A has not
    market.round.preference_deadline = timezone.now() + timedelta(days=2)
    market.round.save(update_fields=["preference_deadline"])
    cf.prefer(market.round, market.student_b, market.offer_b)
    today = timezone.localdate()
    # when the reminders run twice
    reminders_send(today)
    reminders_send(today)
    # then student A alone was told, once
    student_a = market.student_a.user_id
    assert (student_a, f"/clearinghouse/{market.round.pk}/") in _deadline_notes()
    assert len([n for n in _deadline_notes() if n[0] == student_a]) == 1
    assert market.student_b.user_id is None or all(
        n[0] != market.student_b.user_id for n in _deadline_notes()
    )


def test_no_reminder_a_week_before_the_deadline(market: Market) -> None:
    reminders_send(timezone.localdate())  # the factory's deadline is 7 days away
    assert _deadline_notes() == []


def test_a_company_with_unranked_applicants_is_reminded(market: Market) -> None:
    # given student A applied to offer A1 and B to B1, and company B ranked its applicant
    market.round.ranking_deadline = timezone.now() + timedelta(days=1)
    market.round.preference_deadline = timezone.now() - timedelta(hours=1)
    market.round.status = "closed"
    market.round.save(update_fields=["ranking_deadline", "preference_deadline", "status"])
    cf.prefer(market.round, market.student_a, market.offer_a)
    cf.prefer(market.round, market.student_b, market.offer_b)
    cf.rank(market.round, market.offer_b, (market.student_b, 1))
    reminders_send(timezone.localdate())
    # then company A's staff (only) were told
    company_a = market.user("company_staff").pk
    assert _deadline_notes() == [(company_a, f"/clearinghouse/{market.round.pk}/offers/")]
