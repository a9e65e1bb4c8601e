"""``/healthz`` answered in front of Django: the cheapest request a worker can serve.

A load balancer probes it every few seconds and ``bench/bench_load.py`` every 50 ms while 20
clients load the heavy pages; it must answer while the workers are busy. Through Django it
ran fifteen middleware (session, CSRF, authentication, CSP, …) for a constant ``ok``; here it
is a few dictionary lookups, so a thread that gets the interpreter answers within one time
slice. The Django view (``vocnet.core.views.healthz``) stays for the development server, the
tests, and ``/healthz?…`` (any query string): the trivial Django request the benches compare
pages with. Both answer the same. Host validation (``ALLOWED_HOSTS``) does not apply: the
answer shows nothing and sets nothing. See ADR 0020.
"""

from __future__ import annotations

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

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class HealthCheckFirst:
    """WSGI middleware: ``GET``/``HEAD /healthz`` without a query string → ``200 ok``;
    everything else to ``app``."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        # With a query string it goes through Django's view: the benches' trivial Django
        # request (bench_web.py's ratios are against it, as since ADR 0012).
        if environ.get("PATH_INFO") == HEALTHZ_PATH and not environ.get("QUERY_STRING"):
            method = environ.get("REQUEST_METHOD")
            if method in ("GET", "HEAD"):
                start_response("200 OK", list(_HEADERS))
                return [_BODY] if method == "GET" else []
        return self.app(environ, start_response)
