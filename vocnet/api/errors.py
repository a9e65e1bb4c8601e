"""Domain error → HTTP mapping, once for every endpoint.

Every error body has the same shape: ``{"code", "message_ko", "message_en", "errors": [{"field",
"code", "message_ko", "message_en"}]}``, so a client shows one kind of message whatever went
wrong.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, RawPostDataException
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from vocnet.core.errors import DomainError, FieldProblem, ValidationFailed

# pydantic error type → (Korean, English) templates; ctx values fill the braces.
_PYDANTIC_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("필수 항목입니다.", "This field is required."),
    "string_too_long": (
        "최대 {max_length}자까지 입력할 수 있습니다.",
        "At most {max_length} characters are allowed.",
    ),
    "string_too_short": (
        "최소 {min_length}자 이상 입력해야 합니다.",
        "At least {min_length} characters are required.",
    ),
    "string_type": ("문자열이어야 합니다.", "Must be a string."),
    "int_parsing": ("정수여야 합니다.", "Must be a whole number."),
    "int_type": ("정수여야 합니다.", "Must be a whole number."),
    "int_from_float": ("정수여야 합니다.", "Must be a whole number."),
    "bool_parsing": ("참/거짓 값이어야 합니다.", "Must be true or false."),
    "bool_type": ("참/거짓 값이어야 합니다.", "Must be true or false."),
    "greater_than_equal": ("{ge} 이상이어야 합니다.", "Must be at least {ge}."),
    "greater_than": ("{gt}보다 커야 합니다.", "Must be greater than {gt}."),
    "less_than_equal": ("{le} 이하여야 합니다.", "Must be at most {le}."),
    "less_than": ("{lt}보다 작아야 합니다.", "Must be less than {lt}."),
    "literal_error": ("허용되는 값이 아닙니다: {expected}", "Not an allowed value: {expected}"),
    "enum": ("허용되는 값이 아닙니다: {expected}", "Not an allowed value: {expected}"),
    "string_pattern_mismatch": (
        "형식이 올바르지 않습니다(형식: {pattern}).",
        "Wrong format (expected pattern {pattern}).",
    ),
    "date_from_datetime_parsing": (
        "YYYY-MM-DD 형식의 날짜여야 합니다.",
        "Must be a YYYY-MM-DD date.",
    ),
    "date_parsing": ("YYYY-MM-DD 형식의 날짜여야 합니다.", "Must be a YYYY-MM-DD date."),
    "value_error": ("{error}", "{error}"),
    "json_invalid": ("JSON 형식이 올바르지 않습니다.", "The body is not valid JSON."),
    "model_attributes_type": ("객체(JSON object)여야 합니다.", "Must be a JSON object."),
    "dict_type": ("객체(JSON object)여야 합니다.", "Must be a JSON object."),
    "extra_forbidden": ("알 수 없는 항목입니다.", "Unknown field."),
    "email": ("올바른 이메일 주소가 아닙니다.", "Not a valid e-mail address."),
    "null_not_allowed": (
        "null로 비울 수 없는 항목입니다. 바꾸지 않으려면 항목을 빼세요.",
        "This field cannot be null; leave it out to keep its value.",
    ),
    "time_with_timezone": (
        "시간대 없는 시각(HH:MM 또는 HH:MM:SS)이어야 합니다(예: 09:00, 09:00:00Z는 불가).",
        "Must be a time of day without a time zone (HH:MM or HH:MM:SS; 09:00 not 09:00:00Z).",
    ),
    "time_parsing": ("HH:MM 형식의 시각이어야 합니다.", "Must be an HH:MM time."),
    "time_type": ("HH:MM 형식의 시각이어야 합니다.", "Must be an HH:MM time."),
    "url_parsing": ("올바른 URL이 아닙니다.", "Not a valid URL."),
}


def problem_from_pydantic(error: dict[str, Any]) -> FieldProblem:
    location = [
        str(part)
        for part in error.get("loc", ())
        if part not in ("body", "query", "path", "form", "payload")
    ]
    field = ".".join(location) or "__all__"
    kind = str(error.get("type", "invalid"))
    ctx = {key: value for key, value in (error.get("ctx") or {}).items()}
    if kind == "value_error":
        text = str(ctx.get("error", error.get("msg", "")))
        text = text.removeprefix("Value error, ")
        ko, _, en = text.partition(" / ")
        return FieldProblem(field, kind, ko, en or ko)
    ko_template, en_template = _PYDANTIC_MESSAGES.get(
        kind, ("값이 올바르지 않습니다.", str(error.get("msg", "Invalid value.")))
    )
    try:
        return FieldProblem(field, kind, ko_template.format(**ctx), en_template.format(**ctx))
    except (KeyError, IndexError):
        return FieldProblem(field, kind, ko_template, en_template)


# The largest integer SQLite stores (and PostgreSQL's bigint); a larger id or number in a
# request cannot name a row, and the database driver refuses to even send it.
MAX_STORABLE_INT = 2**63 - 1


def _too_large(value: Any, path: tuple[str, ...] = ()) -> str | None:
    """The dotted name of the first integer in ``value`` beyond ``MAX_STORABLE_INT``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return ".".join(path) if abs(value) > MAX_STORABLE_INT else None
    if isinstance(value, str):
        text = value.strip().lstrip("+-")
        return ".".join(path) if text.isdigit() and int(text) > MAX_STORABLE_INT else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _too_large(item, (*path, str(key)))
        if found is not None:
            return found
    return None


def too_large_field(request: HttpRequest) -> str:
    """Which path parameter, query parameter or JSON field of ``request`` holds a number too
    large to store ("__all__" when none can be named)."""
    match = getattr(request, "resolver_match", None)
    sources: list[Any] = [dict(match.kwargs) if match else {}]
    sources.append({key: request.GET.getlist(key) for key in request.GET})
    try:
        sources.append(json.loads(request.body or b"null"))
    except (ValueError, RawPostDataException):
        sources.append({key: request.POST.getlist(key) for key in request.POST})
    for source in sources:
        found = _too_large(source)
        if found is not None:
            return found.rsplit(".", 1)[0] if found.rsplit(".", 1)[-1].isdigit() else found
    return "__all__"


def install_error_handlers(api: NinjaAPI) -> None:
    def domain_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.status)

    def request_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        problems = [problem_from_pydantic(error) for error in exc.errors]
        if not problems:
            problems = [
                FieldProblem("__all__", "invalid", "입력값이 올바르지 않습니다.", "Invalid input.")
            ]
        failure = ValidationFailed.from_problems(problems)
        return api.create_response(request, failure.as_dict(), status=422)

    def authentication_error(request: HttpRequest, exc: Any) -> HttpResponse:
        body = {
            "code": "not_authenticated",
            "message_ko": "로그인이 필요합니다(세션 또는 API 토큰).",
            "message_en": "Sign-in required (session or API token).",
            "errors": [],
        }
        return api.create_response(request, body, status=401)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        body = {
            "code": f"http_{exc.status_code}",
            "message_ko": "요청을 처리할 수 없습니다.",
            "message_en": str(exc),
            "errors": [],
        }
        return api.create_response(request, body, status=exc.status_code)

    def http_404(request: HttpRequest, exc: Any) -> HttpResponse:
        body = {
            "code": "not_found",
            "message_ko": "찾을 수 없습니다.",
            "message_en": "Not found.",
            "errors": [],
        }
        return api.create_response(request, body, status=404)

    def number_too_large(request: HttpRequest, exc: Any) -> HttpResponse:
        problem = FieldProblem(
            too_large_field(request),
            "number_too_large",
            f"숫자가 너무 큽니다(최대 {MAX_STORABLE_INT}).",
            f"The number is too large (at most {MAX_STORABLE_INT}).",
        )
        failure = ValidationFailed.from_problems([problem])
        return api.create_response(request, failure.as_dict(), status=422)

    api.add_exception_handler(DomainError, domain_error)
    # SQLite's driver refuses an integer beyond 64 bits before the query runs.
    api.add_exception_handler(OverflowError, number_too_large)
    api.add_exception_handler(NinjaValidationError, request_validation_error)
    api.add_exception_handler(AuthenticationError, authentication_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, http_404)
