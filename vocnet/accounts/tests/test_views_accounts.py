"""Sign-in, sign-out and password change in the browser (the staff's second step is in
test_two_factor.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"


def test_login_of_a_user_without_a_second_factor_lands_on_the_home_page(world: World) -> None:
    # Given company staff (no second factor needed) at the sign-in page
    client = Client()
    page = client.get("/accounts/login/")

    # When they sign in with the right password
    response = client.post("/accounts/login/", {"username": "company_staff", "password": PASSWORD})

    # Then they land on the home page, signed in
    assert page.status_code == 200
    assert 'class="krds-input"' in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_is_refused_with_a_message(world: World) -> None:
    response = Client().post("/accounts/login/", {"username": "school_staff_a", "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_logout_needs_post_and_ends_the_session(world: World) -> None:
    client = Client()
    sign_in(client, world.user("school_staff_a"))

    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_password_change(world: World) -> None:
    client = Client()
    sign_in(client, world.user("school_staff_a"))

    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase-2026",
            "new_password2": "a-much-longer-passphrase-2026",
        },
    )

    assert response.status_code == 302
    world.user("school_staff_a").refresh_from_db()
    assert world.user("school_staff_a").check_password("a-much-longer-passphrase-2026")
