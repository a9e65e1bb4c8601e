"""One place that refuses control characters in what a client sends.

A NUL byte cannot be stored by PostgreSQL, and a control character cannot be written into an
xlsx cell: left alone, either becomes a 500 deep inside a query or an export. The middleware
here answers before any view runs: a query-string value or key may hold no control character
at all (U+0000–U+001F, U+007F), a JSON or form body's text none but tab, line feed and
carriage return. Under ``/api/`` the answer is the API's bilingual 422 naming the field; a
page gets a bilingual 400.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from vocnet.core.errors import FieldProblem, ValidationFailed

_QUERY_FORBIDDEN = frozenset(chr(code) for code in [*range(0x20), 0x7F])
_TEXT_FORBIDDEN = _QUERY_FORBIDDEN - {"\t", "\n", "\r"}


def _has_any(text: str, forbidden: frozenset[str]) -> bool:
    return any(char in forbidden for char in text)


def control_character_problem(field: str, *, in_query: bool) -> FieldProblem:
    allowed_ko = "" if in_query else "(탭·줄바꿈 제외)"
    allowed_en = "" if in_query else " (tab and line breaks excepted)"
    return FieldProblem(
        field or "__all__",
        "control_character",
        f"제어 문자(NUL 등){allowed_ko}는 입력할 수 없습니다.",
        f"Control characters (NUL and the like){allowed_en} are not allowed.",
    )


def query_problem(pairs: Iterable[tuple[str, str]]) -> FieldProblem | None:
    """The first query-string key or value holding a control character, if any."""
    for key, value in pairs:
        if _has_any(key, _QUERY_FORBIDDEN) or _has_any(value, _QUERY_FORBIDDEN):
            return control_character_problem(key.translate(_STRIP_TABLE), in_query=True)
    return None


_STRIP_TABLE = {ord(char): None for char in _QUERY_FORBIDDEN}


def json_problem(value: Any, path: tuple[str, ...] = ()) -> FieldProblem | None:
    """The first string (or key) of a parsed JSON document holding a control character other
    than tab, line feed or carriage return; its field is the dotted path to it."""
    if isinstance(value, str):
        if _has_any(value, _TEXT_FORBIDDEN):
            return control_character_problem(".".join(path), in_query=False)
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            if _has_any(name, _TEXT_FORBIDDEN):
                return control_character_problem(
                    ".".join((*path, name.translate(_STRIP_TABLE))), in_query=False
                )
            found = json_problem(item, (*path, name))
            if found is not None:
                return found
        return None
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = json_problem(item, (*path, str(index)))
            if found is not None:
                return found
    return None


def _body_problem(request: HttpRequest) -> FieldProblem | None:
    content_type = request.content_type or ""
    is_form = content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
    # The API reads any body that is not a form as JSON, whatever its content type says.
    if content_type.endswith("json") or (request.path.startswith("/api/") and not is_form):
        body = request.body
        if not body:
            return None
        # JSON cannot carry a raw control character; an escaped one starts with a backslash.
        if b"\\" not in body:
            return None
        try:
            document = json.loads(body)
        except ValueError:
            return None  # the API answers malformed JSON itself (json_invalid)
        return json_problem(document)
    if request.method == "POST" and content_type == "application/x-www-form-urlencoded":
        for key, values in request.POST.lists():
            for value in values:
                if _has_any(key, _TEXT_FORBIDDEN) or _has_any(value, _TEXT_FORBIDDEN):
                    return control_character_problem(key.translate(_STRIP_TABLE), in_query=False)
    return None


def _refusal(request: HttpRequest, problem: FieldProblem) -> HttpResponse:
    failure = ValidationFailed.from_problems([problem])
    if request.path.startswith("/api/"):
        return JsonResponse(
            failure.as_dict(), status=422, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(
        f"{failure.message_ko}\n{failure.message_en}\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


class ControlCharacterMiddleware:
    """Refuses a request whose query string or text body holds a control character."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problem = query_problem(
            (key, value) for key, values in request.GET.lists() for value in values
        ) or _body_problem(request)
        if problem is not None:
            return _refusal(request, problem)
        return self.get_response(request)
