from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from vocnet.accounts.models import ApiToken, hash_token
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def test_issue_api_token_prints_a_token_that_authenticates(world: World) -> None:
    out = StringIO()

    call_command(
        "issue_api_token", "school_staff_a", "--name", "NEIS 연동", stdout=out, stderr=StringIO()
    )

    raw = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert token.token_hash == hash_token(raw)
    assert raw not in str(ApiToken.objects.values().get())
    response = Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["memberships"][0]["role"] == "school_staff"


def test_issue_api_token_refuses_a_bad_lifetime_and_writes_nothing(world: World) -> None:
    with pytest.raises(CommandError, match="1 to 365 days"):
        call_command("issue_api_token", "school_staff_a", "--days", "400", stdout=StringIO())

    assert ApiToken.objects.count() == 0


def test_me_lists_memberships(world: World) -> None:
    client = Client()
    sign_in(client, world.user("province_officer"))

    body = client.get("/api/me").json()

    assert body["username"] == "province_officer"
    assert body["is_province"] is True
    assert body["memberships"][0]["role_label"] == "도교육청 담당자"
