"""Middleware: Korean-first language selection and domain errors rendered as error pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from vocnet.core.errors import NotFound, PermissionDenied


class KoreanFirstLocaleMiddleware(LocaleMiddleware):
    """Like Django's LocaleMiddleware, but a browser's Accept-Language never switches the
    interface away from Korean: only the language cookie set by the language switch does.
    Civil servants' browsers are often set to English; the service's language is Korean."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class DomainErrorMiddleware:
    """Web pages: a NotFound or PermissionDenied raised by a selector or service becomes the
    404 or 403 page (the API maps the same errors itself, in ``vocnet.api.errors``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            return render(request, "404.html", {"error": exception}, status=404)
        if isinstance(exception, PermissionDenied):
            return render(request, "403.html", {"error": exception}, status=403)
        return None
