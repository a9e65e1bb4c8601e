"""``/healthz`` answered in front of Django: the cheapest request a worker can serve.

A load balancer probes it every few seconds and ``bench/bench_load.py`` every 50 ms while 20
clients load the heavy pages; it must answer while the workers are busy. Through Django it
ran fifteen middleware (session, CSRF, authentication, CSP, …) for a constant ``ok``; here it
is a few dictionary lookups, so a thread that gets the interpreter answers within one time
slice. The Django view (``vocnet.core.views.healthz``) stays for the development server, the
tests, and ``/healthz?…`` (any query string): the trivial Django request the benches compare
pages with. Both answer the same. Host validation (``ALLOWED_HOSTS``) does not apply: the
answer shows nothing and sets nothing. See ADR 0020.

A server may also listen on a port of its own for the probe (``GUNICORN_HEALTH_BIND``,
``config/gunicorn_settings.py``, ADR 0038): a sync worker that comes free accepts from that
port first, so the probe does not wait behind the pages queued on the main port. That port
answers ``/healthz`` and nothing else (404), so it is no way around the pages' queue.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

HEALTHZ_PATH = "/healthz"
_BODY = b"ok"
_HEADERS = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Content-Length", str(len(_BODY))),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
]

_NOT_HERE = b"not found: this port answers /healthz only"
_NOT_HERE_HEADERS = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Content-Length", str(len(_NOT_HERE))),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
]

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def health_port(bind: str | None = None) -> str | None:
    """The port of ``GUNICORN_HEALTH_BIND`` (``host:port``), or None when there is none."""
    value = os.environ.get("GUNICORN_HEALTH_BIND", "") if bind is None else bind
    host, _, port = value.strip().rpartition(":")
    return port if host and port.isdigit() else None


class HealthCheckFirst:
    """WSGI middleware: ``GET``/``HEAD /healthz`` without a query string → ``200 ok``;
    on the health port (``health_port``) anything else → 404; everything else to ``app``."""

    def __init__(self, app: WsgiApp, *, only_health_on_port: str | None = None) -> None:
        self.app = app
        self.only_health_on_port = only_health_on_port

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        # With a query string it goes through Django's view: the benches' trivial Django
        # request (bench_web.py's ratios are against it, as since ADR 0012).
        if environ.get("PATH_INFO") == HEALTHZ_PATH and not environ.get("QUERY_STRING"):
            method = environ.get("REQUEST_METHOD")
            if method in ("GET", "HEAD"):
                start_response("200 OK", list(_HEADERS))
                return [_BODY] if method == "GET" else []
        if self.only_health_on_port and environ.get("SERVER_PORT") == self.only_health_on_port:
            start_response("404 Not Found", list(_NOT_HERE_HEADERS))
            return [_NOT_HERE]
        return self.app(environ, start_response)
