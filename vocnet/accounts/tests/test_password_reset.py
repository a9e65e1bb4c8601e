"""Password reset by an e-mailed one-time link (issue 8, item 1)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from vocnet.testing import World

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-new-and-long-passphrase-2026"


def _ask_for_a_link(world: World) -> str:
    user = world.user("company_staff")
    user.email = "staff@company.demo.vocnet.example"
    user.save(update_fields=["email"])
    Client().post("/accounts/password/reset/", {"email": user.email})
    match = re.search(r"http://testserver(/accounts/password/reset/\S+/\S+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_the_reset_link_sets_a_new_password_once(world: World) -> None:
    # Given company staff who asked for a reset link by e-mail
    link = _ask_for_a_link(world)

    # When they open it and set a new password
    client = Client()
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    # Then the token left the address before the form showed, the password is changed, and
    # the same link no longer works
    assert "set-password" in form_page.redirect_chain[-1][0]
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password/reset/complete/"
    user = world.user("company_staff")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World) -> None:
    # Given nobody has the address
    # When a reset link is asked for
    response = Client().post("/accounts/password/reset/", {"email": "nobody@demo.vocnet.example"})

    # Then the answer is the usual one and nothing is sent
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_reset_mail_is_in_korean_and_english(world: World) -> None:
    _ask_for_a_link(world)

    message = mail.outbox[0]

    assert message.subject == "vocnet 비밀번호 재설정 (password reset)"
    assert "비밀번호를 재설정하려면" in message.body
    assert "To reset the password of your vocnet account" in message.body
