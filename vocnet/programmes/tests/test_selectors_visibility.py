"""Who sees an application: the call's officers and every party's staff; no other school."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.core.errors import NotFound
from vocnet.programmes.selectors import application_detail, applications_visible, calls_visible
from vocnet.programmes.tests.factories import draft_application, draft_call, published_call
from vocnet.registry.models import Organisation
from vocnet.testing import PERSONAS, World

pytestmark = pytest.mark.django_db

# School A's consortium: the city (시흥시) and company A; the university is not a party.
SEES_APPLICATION = {
    "school_staff_a",
    "local_government_officer",
    "company_staff",
    "ministry_officer",
}


@pytest.mark.parametrize("persona", [*PERSONAS, "ministry_officer"])
def test_every_party_and_the_calls_officers_see_the_application_and_no_one_else(
    world: World, orgs: dict[str, Organisation], ministry: Any, persona: str
) -> None:
    # given school A's application with the city and company A, to the Ministry's call
    organisation, officer = ministry
    call = published_call(officer, organisation)
    application = draft_application(
        world.user("school_staff_a"), call, orgs["school_a"], [orgs["city"], orgs["company_a"]]
    )
    user = officer if persona == "ministry_officer" else world.user(persona)
    # when the persona lists applications
    visible = list(applications_visible(user))
    # then only the parties and the Ministry's officers see it
    assert (visible == [application]) == (persona in SEES_APPLICATION)
    if persona not in SEES_APPLICATION:
        with pytest.raises(NotFound):
            application_detail(user, application.pk)


def test_a_draft_call_is_seen_only_by_its_officers(world: World, ministry: Any) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    assert list(calls_visible(officer)) == [call]
    assert list(calls_visible(world.user("province_officer"))) == []
    assert list(calls_visible(world.user("school_staff_a"))) == []
