"""Keeps the origin of the request being served for the services that log personal-data
access (see ``vocnet.privacy.origin``)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from vocnet.privacy.origin import origin_of, reset_current_origin, set_current_origin


class AccessOriginMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_current_origin(origin_of(request))
        try:
            return self.get_response(request)
        finally:
            reset_current_origin(token)
