"""The call pages: every signed-in persona sees the published calls and a call's rules; a
draft call is 404 for everyone but its officers; the rubric says which items are vocnet's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vocnet.programmes.tests.factories import draft_call, published_call
from vocnet.testing import PERSONAS, World, sign_in

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    client: Any = Client()
    if user is not None:
        sign_in(client, user)
    return client


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"])
def test_signed_in_personas_see_the_published_call_with_its_rubric(
    world: World, ministry: Any, persona: str
) -> None:
    organisation, officer = ministry
    call = published_call(officer, organisation)
    client = _client(world.user(persona))
    listing = client.get("/programmes/")
    assert listing.status_code == 200
    assert call.title in listing.content.decode()
    detail = client.get(f"/programmes/calls/{call.pk}/")
    page = detail.content.decode()
    assert detail.status_code == 200
    assert "2025-04-24 18:00" in page
    assert "육성계획서" in page
    assert "vocnet 제안(수정 가능)" in page


def test_a_draft_call_is_404_for_others_and_shown_to_its_officers(
    world: World, ministry: Any
) -> None:
    organisation, officer = ministry
    call = draft_call(officer, organisation)
    assert (
        _client(world.user("province_officer")).get(f"/programmes/calls/{call.pk}/").status_code
        == 404
    )
    assert _client(officer).get(f"/programmes/calls/{call.pk}/").status_code == 200


def test_anonymous_is_sent_to_sign_in(world: World) -> None:
    response = Client().get("/programmes/")
    assert response.status_code == 302
