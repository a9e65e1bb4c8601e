"""Sessions (issue 8, item 3): deleted server-side at sign-out, staff signed out after 30
idle minutes, hardened cookies in production."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from vocnet.accounts.sessions import SECOND_FACTOR_KEY
from vocnet.testing import World, sign_in

ROOT = Path(__file__).resolve().parents[3]


def _shift_last_activity(client: Client, seconds: int) -> None:
    session = client.session
    state = session[SECOND_FACTOR_KEY]
    session[SECOND_FACTOR_KEY] = {**state, "seen": state["seen"] - seconds}
    session.save()


@pytest.mark.django_db
def test_the_old_session_cookie_is_worthless_after_sign_out(world: World) -> None:
    # Given school staff signed in, and a copy of their session cookie
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/api/me").status_code == 200

    # When they sign out, and someone replays the old cookie
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie

    # Then the session row is gone and the old cookie opens nothing
    assert not Session.objects.filter(session_key=cookie).exists()
    assert replay.get("/api/me").status_code == 401
    assert replay.get("/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_staff_are_signed_out_after_thirty_idle_minutes(world: World) -> None:
    # Given school staff whose last request was 31 minutes ago
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    _shift_last_activity(client, 31 * 60)

    # When they come back
    response = client.get("/", follow=True)

    # Then they are at the sign-in page, told why, and the session is gone
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "30분 동안 사용하지 않아 로그아웃했습니다" in response.content.decode()
    assert client.get("/api/me").status_code == 401


@pytest.mark.django_db
def test_activity_keeps_a_staff_session_alive(world: World) -> None:
    # Given school staff last active 29 minutes ago
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    _shift_last_activity(client, 29 * 60)

    # When they make a request
    response = client.get("/api/me")

    # Then they are still signed in and the last activity moved to now
    assert response.status_code == 200
    assert abs(client.session[SECOND_FACTOR_KEY]["seen"] - time.time()) < 5


@pytest.mark.django_db
def test_the_idle_timeout_is_for_staff_only(world: World) -> None:
    # Given a student signed in (no second factor), idle for an hour
    client = Client()
    sign_in(client, world.user("student"))
    assert SECOND_FACTOR_KEY not in client.session

    # When they come back, they are still signed in (their session ends at 8 h or on closing
    # the browser)
    assert client.get("/api/me").status_code == 200


def _production_settings(**extra: str) -> dict[str, Any]:
    names = [
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "CSRF_COOKIE_NAME",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_SSL_REDIRECT",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
        "PASSWORD_HASHERS",
        "VOCNET_STAFF_IDLE_TIMEOUT",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")} | {
        "DJANGO_SETTINGS_MODULE": "config.settings_production",
        "ALLOWED_HOSTS": "vocnet.example.kr",
        "DATABASE_URL": "postgres://vocnet@127.0.0.1:5432/vocnet",
        "SECRET_KEY": secrets.token_urlsafe(60),
        **extra,
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def test_production_cookies_are_secure_http_only_same_site_and_host_bound() -> None:
    # Given the production settings
    values = _production_settings()

    # Then session and CSRF cookies are Secure, HttpOnly, SameSite=Lax, __Host- prefixed;
    # HSTS, frame denial and the referrer policy are on; passwords are hashed with Argon2
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SESSION_COOKIE_NAME"] == "__Host-vocnet-session"
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_NAME"] == "__Host-vocnet-csrf"
    assert values["SECURE_HSTS_SECONDS"] == 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["VOCNET_STAFF_IDLE_TIMEOUT"] == 30 * 60
