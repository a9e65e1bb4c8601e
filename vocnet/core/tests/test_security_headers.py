"""Security headers, CSRF and no personal data in logs (issue 8, item 6). The deploy check at
WARNING level is in test_settings_and_admin.py."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from vocnet.core.middleware import client_ip
from vocnet.privacy.logging import StripQueryStrings
from vocnet.testing import World, sign_in

ROOT = Path(settings.BASE_DIR)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def _template_files() -> list[Path]:
    roots = [ROOT / "templates", *sorted((ROOT / "vocnet").glob("*/templates"))]
    return [path for root in roots for path in root.rglob("*.html")]


def test_no_template_has_an_inline_script_event_handler_or_style_attribute() -> None:
    # Given every template of the project
    found = []
    for path in _template_files():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE):
            found += [
                f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in pattern.finditer(text)
            ]
    # Then none has what the Content-Security-Policy would block
    assert len(_template_files()) > 20
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_pages_carry_a_strict_csp_and_the_other_security_headers(world: World) -> None:
    # Given school staff signed in
    client = Client()
    sign_in(client, world.user("school_staff_a"))

    # When their home page and the sign-in page are fetched
    page = client.get("/")
    login = Client().get("/accounts/login/")

    # Then both carry a CSP without inline scripts or styles, frame denial, the referrer
    # policy, no MIME sniffing and the permissions policy; the signed-in page is not cached
    for response in (page, login):
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "object-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]
    assert page["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_state_changing_requests_without_the_csrf_token_are_refused(world: World) -> None:
    # Given browsers that enforce CSRF, one of them signed in
    grade = world.student_a.grade
    anonymous = Client(enforce_csrf_checks=True)
    signed_in = Client(enforce_csrf_checks=True)
    sign_in(signed_in, world.user("school_staff_a"))

    # When they post without the token: sign-in, sign-out, an API change
    login = anonymous.post(
        "/accounts/login/", {"username": "school_staff_a", "password": "correct-horse-battery-9"}
    )
    logout = signed_in.post("/accounts/logout/")
    patch = signed_in.patch(
        f"/api/students/{world.student_a.pk}",
        {"grade": 1 if grade != 1 else 2},
        content_type="application/json",
    )

    # Then every one is refused and nothing changed: still signed in, the grade as it was
    assert (login.status_code, logout.status_code, patch.status_code) == (403, 403, 403)
    world.student_a.refresh_from_db()
    assert world.student_a.grade == grade
    assert signed_in.get("/api/me").status_code == 200


def _views(resolver: URLResolver, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += _views(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append((prefix + str(entry.pattern), entry.callback))
    return found


def test_no_page_is_exempt_from_csrf_but_the_api_which_checks_it_itself() -> None:
    # Given every URL of the project
    exempt = [
        route
        for route, view in _views(get_resolver())
        if getattr(view, "csrf_exempt", False) and not route.startswith("api/")
    ]
    # Then only the API's views are csrf_exempt (its session authentication checks the token,
    # tested above; bearer tokens carry no cookie to forge)
    assert exempt == []
    from vocnet.api.api import api

    assert any(getattr(auth, "csrf", False) for auth in api.auth)  # type: ignore[union-attr]


def test_logs_carry_no_query_strings() -> None:
    # Given a request line with a student's name in the query, as the development server logs it
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        ("GET /api/students?q=%ED%99%8D%EA%B8%B8%EB%8F%99&grade=3 HTTP/1.1", "200", "512"),
        None,
    )  # fmt: skip

    # When the project's filter sees it
    StripQueryStrings().filter(record)

    # Then the path is kept and the query string is gone
    assert record.getMessage() == '"GET /api/students?[…] HTTP/1.1" 200 512'
    handlers = settings.LOGGING["handlers"]
    assert handlers["console"]["filters"] == ["no_query_strings"]
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]


@override_settings(VOCNET_TRUSTED_PROXIES=[])
def test_the_client_address_ignores_forwarded_for_from_anyone_but_a_trusted_proxy() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.1"
    )

    assert client_ip(request) == "198.51.100.9"


@override_settings(VOCNET_TRUSTED_PROXIES=["10.0.0.0/8"])
def test_behind_a_trusted_proxy_the_client_is_the_last_untrusted_forwarded_address() -> None:
    # Given a request through two of our proxies, the client claiming a fake first hop
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50, 10.0.0.1",
    )

    # Then the address is the one our outer proxy saw
    assert client_ip(request) == "203.0.113.50"
