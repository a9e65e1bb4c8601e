"""No API error is ever an HTML page for a program: whatever answers a ``/api/`` request with
an error — Django's own 404 for an unknown path, an exception no handler expected, a 400 from a
middleware — the client gets the API's bilingual JSON error body.

And no person ever sees that JSON: when a browser opened the address itself (an "엑셀로
내려받기" link, a form posted without script), the same body is shown as a page of the
service, in the interface language, with each field under its label (issue 16 §1)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from vocnet.core.errors import FieldProblem
from vocnet.core.i18n import is_english

logger = logging.getLogger("django.request")

API_PREFIX = "/api/"

# status → (code, Korean, English)
_STATUS_MESSAGES: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "요청을 처리할 수 없습니다.", "The request cannot be processed."),
    401: (
        "not_authenticated",
        "로그인이 필요합니다(세션 또는 API 토큰).",
        "Sign-in required (session or API token).",
    ),
    403: (
        "permission_denied",
        "이 작업을 할 권한이 없습니다.",
        "You do not have permission to do this.",
    ),
    404: ("not_found", "찾을 수 없습니다.", "Not found."),
    405: (
        "method_not_allowed",
        "허용되지 않는 요청 방식입니다.",
        "This HTTP method is not allowed here.",
    ),
    413: ("too_large", "요청이 너무 큽니다.", "The request is too large."),
    500: (
        "server_error",
        "서버 오류가 발생했습니다. 잠시 후 다시 시도하세요.",
        "A server error occurred. Please try again later.",
    ),
}


def api_error_body(status: int) -> dict[str, object]:
    """The bilingual error body for a bare HTTP status (``code`` ``http_<status>`` for one
    without its own text)."""
    fallback = _STATUS_MESSAGES[500] if status >= 500 else _STATUS_MESSAGES[400]
    code, ko, en = _STATUS_MESSAGES.get(status, (f"http_{status}", fallback[1], fallback[2]))
    return {"code": code, "message_ko": ko, "message_en": en, "errors": []}


def api_error_response(status: int) -> JsonResponse:
    return JsonResponse(
        api_error_body(status), status=status, json_dumps_params={"ensure_ascii": False}
    )


def is_browser_navigation(request: HttpRequest) -> bool:
    """Whether a person's browser opened this address itself (a link such as "엑셀로
    내려받기", or a form posted without script), rather than a script or another system
    asking for JSON. Browsers say so with ``Sec-Fetch-Mode: navigate``; older ones only by
    asking for HTML first."""
    if request.headers.get("HX-Request"):
        return False
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode is not None:
        return mode == "navigate"
    accept = request.headers.get("Accept", "")
    return accept.startswith("text/html")


def _back_link(request: HttpRequest) -> str | None:
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def error_page(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
    """The error of an API address opened in a browser, as a page of the service: the
    message and each field's problem under its label, in the interface language, and a way
    back to the page the person came from. Never the raw JSON body."""
    problems = [
        FieldProblem(e["field"], e["code"], e["message_ko"], e["message_en"])
        for e in body.get("errors", [])
    ]
    context = {
        "message": body["message_en"] if is_english() else body["message_ko"],
        "problems": problems,
        "back": _back_link(request),
        "status": status,
    }
    return render(request, "request_error.html", context, status=status)


class ApiJsonErrorMiddleware:
    """Under ``/api/``: an error response that is not JSON becomes the bilingual JSON body of
    its status, and an unhandled exception a logged JSON 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if not response.get("Content-Type", "").startswith("application/json"):
            replacement = api_error_response(response.status_code)
            for header in ("Allow", "WWW-Authenticate", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            response = replacement
        if is_browser_navigation(request):
            return _as_page(request, response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        response = self._exception_response(request, exception)
        if response is not None and is_browser_navigation(request):
            return _as_page(request, response)
        return response

    def _exception_response(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if not request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, Http404):
            return api_error_response(404)
        if isinstance(exception, DjangoPermissionDenied):
            return api_error_response(403)
        if isinstance(exception, SuspiciousOperation):
            return api_error_response(400)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=(type(exception), exception, exception.__traceback__),
            extra={"status_code": 500, "request": request},
        )
        # As Django's own handler does: the test client re-raises it, error reporters see it.
        got_request_exception.send(sender=None, request=request)
        return api_error_response(500)


def _as_page(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    try:
        body = json.loads(response.content)
    except ValueError:
        body = api_error_body(response.status_code)
    if not isinstance(body, dict) or "message_ko" not in body:
        body = api_error_body(response.status_code)
    page = error_page(request, body, response.status_code)
    for header in ("Allow", "WWW-Authenticate", "Retry-After"):
        if header in response:
            page[header] = response[header]
    return page
