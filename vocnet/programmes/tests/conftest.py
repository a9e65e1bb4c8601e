"""Fixtures of the programmes tests: the issuing offices and their officers, and a media root
in a temporary directory so uploaded documents never land in var/."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from vocnet.programmes.models import Designation, Event
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services.events import EventInput, event_create
from vocnet.programmes.tests.factories_grants import designation_of, selected_decision
from vocnet.registry.models import Organisation, OrganisationKind, Role
from vocnet.registry.tests import factories as f
from vocnet.testing import World


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def orgs(world: World) -> dict[str, Organisation]:
    def of(persona: str) -> Organisation:
        organisation: Organisation = world.user(persona).memberships.get().organisation
        return organisation

    return {
        "school_a": world.school_a.organisation,
        "school_b": world.school_b.organisation,
        "company_a": world.company_a.organisation,
        "city": of("local_government_officer"),
        "university": of("university_staff"),
        "education_office": of("province_officer"),
    }


@pytest.fixture
def ministry(world: World) -> tuple[Organisation, Any]:
    """The Ministry of Education and one of its officers."""
    organisation = f.OrganisationFactory(kind=OrganisationKind.MINISTRY, name_ko="교육부")
    officer = f.UserFactory(username="ministry_officer")
    f.MembershipFactory(user=officer, organisation=organisation, role=Role.MINISTRY_OFFICER)
    return organisation, officer


# A designation and its launch ceremony (events and QR check-in tests).
@pytest.fixture
def designation(world: World, orgs: dict[str, Organisation]) -> Designation:
    officer = world.user("province_officer")
    decision = selected_decision(
        officer,
        orgs["education_office"],
        world.user("school_staff_a"),
        orgs["school_a"],
        [orgs["city"]],
    )
    return designation_of(officer, decision)


@pytest.fixture
def ceremony(world: World, orgs: dict[str, Organisation], designation: Designation) -> Event:
    return event_create(
        actor=world.user("province_officer"),
        data=EventInput(
            kind="launch",
            title="2025 경기 미래형 직업교육 모델학교 합동 발대식",
            starts_at=datetime(2025, 7, 22, 14, 0, tzinfo=SEOUL),
            ends_at=datetime(2025, 7, 22, 16, 0, tzinfo=SEOUL),
            place="경기자동차과학고",
            organiser_id=orgs["education_office"].pk,
            invited_ids=[orgs["school_a"].pk, orgs["city"].pk],
            designation_ids=[designation.pk],
            capacity=2,
        ),
    )
