"""Lockout after five failed sign-ins of one account (issue 8, item 2; django-axes)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from vocnet.testing import World

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"


def _try(username: str, password: str) -> tuple[int, str]:
    response = Client().post("/accounts/login/", {"username": username, "password": password})
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
