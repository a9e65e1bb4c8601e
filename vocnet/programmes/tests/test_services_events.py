"""Events: a launch ceremony inviting the designated schools' consortia, registration
(invited organisations only, within the window and the capacity, once per user) and the
organiser's attendance check-in with the count shown on the designation's page."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.urls import reverse

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.programmes.models import Designation, Event, EventRegistration
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.selectors_events import events_visible
from vocnet.programmes.services.events import (
    EventInput,
    attendance_check_in,
    event_create,
    registration_create,
)
from vocnet.registry.models import Organisation
from vocnet.testing import World
from vocnet.testing.matrix import client_for

pytestmark = pytest.mark.django_db
BEFORE = datetime(2025, 7, 15, 9, 0, tzinfo=SEOUL)


def register(world: World, persona: str, event: Event, organisation: Any, **kw: Any) -> Any:
    return registration_create(
        actor=world.user(persona),
        event=event,
        name=persona,
        organisation_id=organisation.pk if organisation else None,
        now=BEFORE,
        **kw,
    )


def test_only_officers_create_events(world: World, orgs: dict[str, Organisation]) -> None:
    with pytest.raises(PermissionDenied):
        event_create(
            actor=world.user("school_staff_a"),
            data=EventInput(
                "briefing", "설명회", BEFORE, BEFORE, "도교육청", orgs["education_office"].pk
            ),
        )
    with pytest.raises(ValidationFailed) as error:
        event_create(
            actor=world.user("province_officer"),
            data=EventInput("party", "", None, None, "", orgs["education_office"].pk),
        )
    assert {p.field for p in error.value.problems} == {
        "kind",
        "title",
        "place",
        "starts_at",
        "ends_at",
    }
    assert Event.objects.count() == 0


def test_registration_is_for_invited_organisations_within_capacity(
    world: World, orgs: dict[str, Organisation], ceremony: Event
) -> None:
    register(world, "school_staff_a", ceremony, orgs["school_a"])
    # Not invited
    with pytest.raises(ValidationFailed) as error:
        register(world, "school_staff_b", ceremony, orgs["school_b"])
    assert [p.code for p in error.value.problems] == ["not_invited"]
    # Under an organisation one does not work for
    with pytest.raises(ValidationFailed) as error:
        register(world, "company_staff", ceremony, orgs["school_a"])
    assert [p.code for p in error.value.problems] == ["not_your_organisation"]
    # Twice
    with pytest.raises(ValidationFailed) as error:
        register(world, "school_staff_a", ceremony, orgs["school_a"])
    assert [p.code for p in error.value.problems] == ["already_registered"]
    register(world, "local_government_officer", ceremony, orgs["city"])
    # Full (capacity 2), and closed after the start
    with pytest.raises(ValidationFailed) as error:
        registration_create(
            actor=world.user("province_officer"),
            event=ceremony,
            name="내빈",
            organisation_id=orgs["city"].pk,
            now=datetime(2025, 7, 22, 14, 1, tzinfo=SEOUL),
        )
    assert {p.code for p in error.value.problems} == {"full", "registration_closed"}
    assert EventRegistration.objects.count() == 2


def test_the_organiser_ticks_attendance_and_the_count_shows(
    world: World, orgs: dict[str, Organisation], ceremony: Event, designation: Designation
) -> None:
    first = register(world, "school_staff_a", ceremony, orgs["school_a"])
    register(world, "local_government_officer", ceremony, orgs["city"])
    with pytest.raises(PermissionDenied):
        attendance_check_in(actor=world.user("school_staff_a"), event=ceremony, attended_ids=[])
    assert (
        attendance_check_in(
            actor=world.user("province_officer"), event=ceremony, attended_ids=[first.pk]
        )
        == 1
    )
    [row] = events_visible(world.user("school_staff_b"))
    assert (row.registered, row.attended_count) == (2, 1)
    page = client_for(world, "school_staff_a").get(
        reverse("programmes:designation", args=[designation.pk])
    )
    assert "참석 1명" in page.content.decode()
