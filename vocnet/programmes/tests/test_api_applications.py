"""The programmes API: a refused submission answers 422 naming the field and the rule, in
Korean and English, and writes nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from vocnet.programmes.models import ApplicationVersion
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.tests.factories import draft_application, published_call
from vocnet.registry.models import Organisation
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def test_submitting_without_the_plan_answers_422_and_writes_nothing(
    world: World, orgs: dict[str, Organisation]
) -> None:
    # given school A's empty draft to a call open until 2099
    call = published_call(
        world.user("province_officer"),
        orgs["education_office"],
        kind_code="gg_regional_winwin",
        opens_at=datetime(2025, 1, 1, tzinfo=SEOUL),
        closes_at=datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL),
    )
    application = draft_application(world.user("school_staff_a"), call, orgs["school_a"], [])
    client: Any = Client()
    sign_in(client, world.user("school_staff_a"))
    # when its staff submit it through the API
    response = client.post(f"/api/programmes/applications/{application.pk}/submit")
    # then 422 names the missing documents in both languages; nothing written
    assert response.status_code == 422
    body = response.json()
    fields = {(e["field"], e["code"]) for e in body["errors"]}
    assert ("documents.development_plan", "missing_document") in fields
    assert body["message_ko"]
    assert body["message_en"]
    assert ApplicationVersion.objects.count() == 0
