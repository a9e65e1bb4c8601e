"""QR check-in: each registration's code is unguessable; the organiser who opens its URL marks
it attended (once); a code of another event or of a cancelled registration is refused in
both languages and nothing is written; the registrant prints or downloads their code."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.programmes.models import Event, EventRegistration
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services.check_in import registration_cancel, registration_check_in_by_code
from vocnet.programmes.services.events import EventInput, event_create
from vocnet.programmes.tests.test_services_events import register
from vocnet.registry.models import Organisation
from vocnet.testing import World
from vocnet.testing.matrix import client_for

pytestmark = pytest.mark.django_db
AT_THE_DOOR = datetime(2025, 7, 22, 13, 50, tzinfo=SEOUL)


def _state() -> list[tuple[int, bool, Any]]:
    return list(
        EventRegistration.objects.order_by("pk").values_list("pk", "attended", "cancelled_at")
    )


@pytest.fixture
def briefing(world: World, orgs: dict[str, Organisation]) -> Event:
    return event_create(
        actor=world.user("province_officer"),
        data=EventInput(
            kind="briefing",
            title="2026 공모 설명회",
            starts_at=datetime(2026, 1, 10, 14, 0, tzinfo=SEOUL),
            ends_at=datetime(2026, 1, 10, 16, 0, tzinfo=SEOUL),
            place="경기도교육청",
            organiser_id=orgs["education_office"].pk,
        ),
    )


def test_each_registration_has_its_own_unguessable_code(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    a = register(world, "school_staff_a", ceremony, orgs["school_a"])
    b = register(world, "local_government_officer", ceremony, orgs["city"])
    assert a.check_in_token != b.check_in_token
    # 16 random bytes, URL-safe: 22 characters
    assert len(a.check_in_token) == 22


def test_the_organiser_scans_the_code_once_and_a_second_scan_changes_nothing(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    # given school A's registration
    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    officer = world.user("province_officer")
    # when the organiser opens the URL of its QR code
    url = f"/programmes/events/{ceremony.pk}/scan/{registration.check_in_token}/"
    response = client_for(world, "province_officer").get(url)
    # then it is attended and the page says so with the count
    assert response.status_code == 200
    body = response.content.decode()
    assert "참석을 확인했습니다" in body
    registration.refresh_from_db()
    assert registration.attended
    first = registration.checked_in_at
    audits = AuditEvent.objects.filter(action="programmes.event.check_in_code").count()
    # and a second scan (the pasted URL this time) changes nothing
    result = registration_check_in_by_code(
        actor=officer, event=ceremony, code=f"https://vocnet.example{url}"
    )
    assert (result.is_new, result.attended_count) == (False, 1)
    registration.refresh_from_db()
    assert registration.checked_in_at == first
    assert AuditEvent.objects.filter(action="programmes.event.check_in_code").count() == audits
    # the designation's page shows the attendance
    page = client_for(world, "school_staff_a").get(
        f"/programmes/designations/{ceremony.designations.get().pk}/"
    )
    assert "참석 1명" in page.content.decode()


def test_a_code_of_another_event_is_refused_and_nothing_is_written(
    world: World, orgs: dict[str, Organisation], ceremony: Event, briefing: Event
) -> None:
    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    before = _state()
    with pytest.raises(ValidationFailed) as caught:
        registration_check_in_by_code(
            actor=world.user("province_officer"),
            event=briefing,
            code=registration.check_in_token,
        )
    [problem] = caught.value.problems
    assert (problem.field, problem.code) == ("code", "other_event")
    assert "다른 행사" in problem.message_ko
    assert "another event" in problem.message_en
    assert _state() == before
    # the same through the page: the scan page shows the refusal, nothing written
    response = client_for(world, "province_officer").get(
        f"/programmes/events/{briefing.pk}/scan/{registration.check_in_token}/"
    )
    assert "다른 행사의 참석 확인 코드입니다" in response.content.decode()
    assert _state() == before


def test_a_cancelled_registration_does_not_check_in(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    # given school A's staff cancelled their registration before the event
    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    registration_cancel(
        actor=world.user("school_staff_a"), registration=registration, now=AT_THE_DOOR
    )
    before = _state()
    # when the organiser scans its code
    with pytest.raises(ValidationFailed) as caught:
        registration_check_in_by_code(
            actor=world.user("province_officer"), event=ceremony, code=registration.check_in_token
        )
    # then it is refused in both languages; nothing written; the counts leave it out
    [problem] = caught.value.problems
    assert problem.code == "cancelled"
    assert "취소된 참가 신청" in problem.message_ko
    assert "cancelled" in problem.message_en
    assert _state() == before
    from vocnet.programmes.selectors_events import event_detail

    event: Any = event_detail(world.user("province_officer"), ceremony.pk)
    assert (event.registered, event.attended_count) == (0, 0)


def test_unknown_codes_and_other_users_are_refused(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    before = _state()
    with pytest.raises(ValidationFailed) as caught:
        registration_check_in_by_code(
            actor=world.user("province_officer"), event=ceremony, code="guess"
        )
    assert caught.value.problems[0].code == "unknown_code"
    # the registrant scanning their own code is not the organiser
    with pytest.raises(PermissionDenied):
        registration_check_in_by_code(
            actor=world.user("school_staff_a"), event=ceremony, code=registration.check_in_token
        )
    response = client_for(world, "school_staff_a").get(
        f"/programmes/events/{ceremony.pk}/scan/{registration.check_in_token}/"
    )
    assert response.status_code == 403
    assert _state() == before


def test_only_the_registrant_or_the_organiser_cancels(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    before = _state()
    with pytest.raises(PermissionDenied):
        registration_cancel(
            actor=world.user("local_government_officer"),
            registration=registration,
            now=AT_THE_DOOR,
        )
    # after the start, not even the registrant
    with pytest.raises(ValidationFailed) as caught:
        registration_cancel(
            actor=world.user("school_staff_a"),
            registration=registration,
            now=datetime(2025, 7, 22, 14, 5, tzinfo=SEOUL),
        )
    assert caught.value.problems[0].code == "started"
    assert _state() == before


def test_the_registrant_prints_and_downloads_their_code(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    client = client_for(world, "school_staff_a")
    # the event page links to it
    page = client.get(f"/programmes/events/{ceremony.pk}/").content.decode()
    assert f"/programmes/registrations/{registration.pk}/qr/" in page
    # the page draws the QR code inline
    body = client.get(f"/programmes/registrations/{registration.pk}/qr/").content.decode()
    assert "<svg" in body
    assert body.count(registration.check_in_token) == 1  # the URL written under the code
    png = client.get(f"/programmes/registrations/{registration.pk}/qr.png")
    assert png["Content-Type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(f"/programmes/registrations/{registration.pk}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert client.get(f"/programmes/registrations/{registration.pk}/qr.gif").status_code == 404
    # another organisation's user does not reach it
    other = client_for(world, "local_government_officer")
    assert other.get(f"/programmes/registrations/{registration.pk}/qr/").status_code == 404
    assert other.get(f"/programmes/registrations/{registration.pk}/qr.png").status_code == 404


def test_the_qr_code_encodes_the_check_in_url(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    from django.test import RequestFactory

    from vocnet.programmes.views_events import check_in_url

    registration = register(world, "school_staff_a", ceremony, orgs["school_a"])
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert check_in_url(request, registration) == (
        f"http://testserver/programmes/events/{ceremony.pk}/scan/{registration.check_in_token}/"
    )
