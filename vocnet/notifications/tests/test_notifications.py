"""Notifications: once per event and person, e-mailed by a task to those who want it, read and
marked only by their recipient, safety notices kept on for staff (issue 15 §5)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from vocnet.core.errors import ValidationFailed
from vocnet.notifications.models import Notification, NotificationKind
from vocnet.notifications.selectors import unread_count
from vocnet.notifications.services import (
    Message,
    emails_send,
    notifications_mark_read,
    notify,
    preference_set,
)
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
BREACH = Message(
    kind=NotificationKind.DIARY_BREACH,
    title_ko="실습 시간 위반: 학생1 (3월 4일 9시간)",
    title_en="Hours breach: 학생1 (4 March, 9 hours)",
    url="/placements/",
)


def test_an_event_notifies_each_person_once(world: World) -> None:
    ids = [world.user("school_staff_a").pk, world.user("guardian").pk]

    first = notify(recipient_ids=ids, message=BREACH, key="breach:1")
    again = notify(recipient_ids=ids, message=BREACH, key="breach:1")

    assert len(first) == 2
    assert again == []
    assert Notification.objects.count() == 2
    assert unread_count(user=world.user("guardian")) == 1


def test_email_goes_to_those_who_want_it(world: World) -> None:
    staff, guardian = world.user("school_staff_a"), world.user("guardian")
    for user in (staff, guardian):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    preference_set(actor=guardian, kind=NotificationKind.DIARY_BREACH, email=False)
    ids = notify(recipient_ids=[staff.pk, guardian.pk], message=BREACH, key="breach:2")

    sent = emails_send(ids)

    assert sent == 1
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "실습 시간 위반" in mail.outbox[0].subject
    assert emails_send(ids) == 0  # never twice


def test_staff_cannot_turn_safety_notices_off(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        preference_set(
            actor=world.user("school_staff_a"), kind=NotificationKind.INCIDENT, email=False
        )

    assert raised.value.problems[0].field == "email"
    preference_set(actor=world.user("school_staff_a"), kind=NotificationKind.DEADLINE, email=False)


def test_only_the_recipient_reads_and_marks(world: World) -> None:
    (own,) = notify(recipient_ids=[world.user("student").pk], message=BREACH, key="breach:3")

    assert notifications_mark_read(actor=world.user("guardian"), ids=[own]) == 0
    other = Client()
    sign_in(other, world.user("guardian"))
    assert other.post(f"/notifications/{own}/open/").status_code == 404
    student = Client()
    sign_in(student, world.user("student"))
    response = student.post(f"/notifications/{own}/open/")

    assert response.status_code == 302
    assert response["Location"] == "/placements/"
    assert Notification.objects.get(pk=own).read_at is not None


def test_the_header_shows_the_unread_count(world: World) -> None:
    notify(recipient_ids=[world.user("student").pk], message=BREACH, key="breach:4")
    client = Client()
    sign_in(client, world.user("student"))

    page = client.get("/notifications/").content.decode()

    assert 'href="/notifications/"' in page
    assert '<span class="vn-badge">1</span>' in page


def test_a_failed_send_is_retried_later_and_never_sent_twice(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = world.user("school_staff_a")
    staff.email = "staff@example.org"
    staff.save(update_fields=["email"])
    ids = notify(recipient_ids=[staff.pk], message=BREACH, key="breach:3")

    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("vocnet.notifications.services.send_mail", refuse)
    with pytest.raises(OSError, match="unreachable"):
        emails_send(ids)
    assert Notification.objects.get(pk=ids[0]).emailed_at is None  # the claim is given back

    monkeypatch.undo()
    assert emails_send(ids) == 1
    assert emails_send(ids) == 0
    assert len(mail.outbox) == 1


def test_a_refused_preference_form_changes_no_preference(world: World) -> None:
    from vocnet.notifications.models import NotificationPreference

    # Given a school's staff who tries to turn every e-mail off, the safety notices included
    client = Client()
    sign_in(client, world.user("school_staff_a"))

    response = client.post("/notifications/preferences/", {}, follow=True)

    # Then the page says why, and not even the kinds before the safety notice changed
    assert "안전 알림" in response.content.decode()
    assert NotificationPreference.objects.count() == 0
