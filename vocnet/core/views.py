"""Views that belong to no domain app, and the one helper of every POST button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from vocnet.core.errors import DomainError, reraise_refusal


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer, and the trivial baseline of ``bench/bench_web.py``:
    no login, no template, no database query."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


# The service pages linked from every footer (issue 16 §6): public, no data.
SERVICE_PAGES = {
    "terms": "about/terms.html",
    "accessibility": "about/accessibility.html",
    "contact": "about/contact.html",
}


@require_GET
def service_page(request: HttpRequest, page: str) -> HttpResponse:
    """이용약관, 웹 접근성 정책, 문의하기: fixed text with the operator's contact details."""
    return render(request, SERVICE_PAGES[page])


def act(
    request: HttpRequest,
    action: Callable[[], object],
    success: str,
    target: str,
    *args: Any,
    refused: str | None = None,
) -> HttpResponse:
    """Run the one service call behind a POST button and go back (POST/redirect/GET).

    ``success`` becomes a success message; a :class:`DomainError` becomes an error message in
    the interface language and nothing else happens (the service wrote nothing), except a
    refusal (PermissionDenied, NotFound), which is re-raised for the 403/404 page. The redirect
    goes to ``target`` (a URL name with ``args``, or a URL), or on a refusal to ``refused``
    (a URL) when given.
    """
    try:
        action()
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
        if refused is not None:
            return redirect(refused)
    else:
        messages.success(request, success)
    return redirect(target, *args)
