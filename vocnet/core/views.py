"""Views that belong to no domain app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer, and the trivial baseline of ``bench/bench_web.py``:
    no login, no template, no database query."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
