"""Lockout after five failed sign-ins of one account from one address, and after fifty from
one address over any accounts (issue 8, item 2; issue 12, item 6; django-axes)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.utils import timezone

from vocnet.testing import World

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"


def _try(username: str, password: str, **meta: str) -> tuple[int, str]:
    response = Client().post(
        "/accounts/login/", {"username": username, "password": password}, **meta
    )
    html = response.content.decode()
    # What the person reads: the error box (the CSRF token differs between answers).
    errors = re.findall(r'<div class="vn-errors" role="alert">(.*?)</div>', html, re.S)
    return response.status_code, errors[0].strip() if errors else ""


def test_five_failures_lock_the_account_and_the_right_password_is_refused_too(
    world: World,
) -> None:
    # Given five wrong passwords for company staff
    answers = [_try("company_staff", "wrong-password-123") for _ in range(5)]

    # When the right password comes next
    status, message = _try("company_staff", PASSWORD)

    # Then the first four were ordinary failures, the fifth locked the account, and the
    # right password is refused while the lock lasts (nobody is signed in)
    assert [code for code, _ in answers] == [200, 200, 200, 200, 429]
    assert status == 429
    assert "5번 실패" in message and "30분" in message
    client = Client()
    client.post("/accounts/login/", {"username": "company_staff", "password": PASSWORD})
    assert client.get("/api/me").status_code == 401


def test_an_unknown_username_and_a_wrong_password_get_the_same_answer(world: World) -> None:
    # Given an existing account and a username nobody has
    # When each is tried with a wrong password, then five times more
    known = [_try("company_staff", "wrong-password-123") for _ in range(6)]
    unknown = [_try("nobody-here", "wrong-password-123") for _ in range(6)]

    # Then every answer is the same for both: the same failures, the same lockout
    assert known == unknown
    assert known[0][0] == 200 and known[0][1]
    assert known[-1][0] == 429


def test_the_lock_ends_after_the_cool_down(world: World) -> None:
    # Given an account locked 31 minutes ago
    for _ in range(5):
        _try("company_staff", "wrong-password-123")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))

    # When the right password is given
    client = Client()
    response = client.post("/accounts/login/", {"username": "company_staff", "password": PASSWORD})

    # Then the sign-in succeeds and the failures are forgotten
    assert response.status_code == 302
    assert AccessAttempt.objects.count() == 0


def test_a_successful_sign_in_resets_the_count(world: World) -> None:
    # Given four failures, then a success
    for _ in range(4):
        _try("company_staff", "wrong-password-123")
    assert _try("company_staff", PASSWORD)[0] == 302

    # When four more failures follow
    answers = [_try("company_staff", "wrong-password-123")[0] for _ in range(4)]

    # Then the account is not locked (the count started again)
    assert answers == [200, 200, 200, 200]


def test_failures_from_another_address_do_not_lock_the_owner_out(world: World) -> None:
    # Given someone elsewhere who knows the username and fails five times
    answers = [
        _try("company_staff", "wrong-password-123", REMOTE_ADDR="203.0.113.9")[0] for _ in range(5)
    ]

    # When the owner signs in from their own address
    status, _message = _try("company_staff", PASSWORD, REMOTE_ADDR="198.51.100.7")

    # Then the stranger's address is locked for that username, and the owner is signed in
    assert answers == [200, 200, 200, 200, 429]
    assert _try("company_staff", PASSWORD, REMOTE_ADDR="203.0.113.9")[0] == 429
    assert status == 302


def test_one_address_trying_many_usernames_is_locked_by_its_own_limit(world: World) -> None:
    # Given one address spraying a password over 50 usernames, one attempt each
    answers = [_try(f"sprayed-{n}", "Winter2025!", REMOTE_ADDR="203.0.113.9")[0] for n in range(50)]

    # When a real account's right password comes from that address, and from another one
    status, message = _try("company_staff", PASSWORD, REMOTE_ADDR="203.0.113.9")
    elsewhere = _try("company_staff", PASSWORD, REMOTE_ADDR="198.51.100.7")[0]

    # Then the 50th failure locked the address for every username, and only the address
    assert answers[:49] == [200] * 49 and answers[49] == 429
    assert status == 429
    assert "이 주소에서 로그인에 50번 실패해" in message and "30분" in message
    assert elsewhere == 302


def test_a_successful_sign_in_does_not_reset_its_address_count(world: World) -> None:
    # Given 48 failures over many usernames from one address, then a sign-in there that works
    for n in range(48):
        _try(f"sprayed-{n}", "Winter2025!", REMOTE_ADDR="203.0.113.9")
    assert _try("company_staff", PASSWORD, REMOTE_ADDR="203.0.113.9")[0] == 302

    # When two more usernames fail from there
    answers = [_try(f"more-{n}", "Winter2025!", REMOTE_ADDR="203.0.113.9")[0] for n in range(2)]

    # Then the address reaches its limit: the good account reset only its own count
    assert answers == [200, 429]


@override_settings(VOCNET_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_client_address_comes_from_x_forwarded_for(
    world: World,
) -> None:
    # Given five failures that reach the proxy (10.0.0.2) from one client
    stranger = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    owner = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(5):
        _try("company_staff", "wrong-password-123", **stranger)

    # When the right password comes through the same proxy from that client and another one
    from_stranger = _try("company_staff", PASSWORD, **stranger)[0]
    from_owner = _try("company_staff", PASSWORD, **owner)[0]

    # Then the lock is the forwarded client's, not the proxy's
    assert from_stranger == 429
    assert from_owner == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
