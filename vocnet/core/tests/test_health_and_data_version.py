"""/healthz answered in front of Django, and the data version read once per request (ADR 0020)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from vocnet.core.health import HealthCheckFirst, health_port
from vocnet.core.models import record_audit
from vocnet.core.pagecache import data_version
from vocnet.testing import World


def _call(
    app: Any, method: str, path: str, query: str = "", port: str = "8000"
) -> tuple[str, dict[str, str], bytes]:
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PORT": port,
    }
    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


def _django(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("404 Not Found", [("Content-Type", "text/plain")])
    return [b"django"]


def test_healthz_is_answered_before_django_and_everything_else_goes_through() -> None:
    app = HealthCheckFirst(_django)

    assert _call(app, "GET", "/healthz") == (
        "200 OK",
        {
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": "2",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
        b"ok",
    )
    assert _call(app, "HEAD", "/healthz")[2] == b""
    assert _call(app, "POST", "/healthz")[2] == b"django"
    assert _call(app, "GET", "/healthz/")[2] == b"django"
    # the benches' trivial Django request
    assert _call(app, "GET", "/healthz", "via=django")[2] == b"django"
    assert _call(app, "GET", "/")[2] == b"django"


def test_the_health_port_answers_the_probe_and_nothing_else() -> None:
    # given a server listening for pages on 8000 and for the probe on 8001 (ADR 0038)
    app = HealthCheckFirst(_django, only_health_on_port="8001")
    # the probe is answered on both ports
    assert _call(app, "GET", "/healthz", port="8001")[::2] == ("200 OK", b"ok")
    assert _call(app, "GET", "/healthz", port="8000")[::2] == ("200 OK", b"ok")
    # a page, the Django healthz or a POST on the health port: 404, never Django
    for method, path, query in (("GET", "/", ""), ("GET", "/healthz", "x=1"), ("POST", "/", "")):
        status, headers, body = _call(app, method, path, query, port="8001")
        assert status == "404 Not Found"
        assert body == b"not found: this port answers /healthz only"
        assert headers["Content-Length"] == str(len(body))
    # pages on the main port go to Django
    assert _call(app, "GET", "/", port="8000")[2] == b"django"


@pytest.mark.parametrize(
    ("bind", "port"),
    [("127.0.0.1:8001", "8001"), ("[::1]:9001", "9001"), ("", None), ("8001", None),
     ("unix:/run/x.sock", None), ("host:", None)],
)  # fmt: skip
def test_the_health_port_is_read_from_the_bind(bind: str, port: str | None) -> None:
    assert health_port(bind) == port


def test_the_production_entry_point_answers_healthz_in_front_of_django() -> None:
    # No database access is allowed in this test: any query would raise.
    from config.wsgi import application

    assert isinstance(application, HealthCheckFirst)
    assert _call(application, "GET", "/healthz")[::2] == ("200 OK", b"ok")


@pytest.mark.django_db
def test_within_a_request_the_version_is_read_once_and_follows_a_write(world: World) -> None:
    # Django's own receivers would close the test's connection (it is inside the test's
    # transaction, so on PostgreSQL it looks "unusable"); only vocnet's receivers run here.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        with CaptureQueriesContext(connection) as queries:
            first = data_version()
            assert data_version() == first
        assert len(queries.captured_queries) == 1

        # A write in the same request (a POST that renders) moves the version at once
        record_audit(actor=world.user("province_officer"), action="test", obj=world.student_a)
        assert data_version() > first
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_outside_a_request_the_version_is_read_every_time(world: World) -> None:
    with CaptureQueriesContext(connection) as queries:
        data_version()
        data_version()
    assert len(queries.captured_queries) == 2
