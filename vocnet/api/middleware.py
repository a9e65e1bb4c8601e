"""No API error is ever an HTML page: whatever answers a ``/api/`` request with an error —
Django's own 404 for an unknown path, an exception no handler expected, a 400 from a
middleware — the client gets the API's bilingual JSON error body."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

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


class ApiJsonErrorMiddleware:
    """Under ``/api/``: an error response that is not JSON becomes the bilingual JSON body of
    its status, and an unhandled exception a logged JSON 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        replacement = api_error_response(response.status_code)
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                replacement[header] = response[header]
        return replacement

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
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
