"""Middleware: Korean-first language selection, domain errors rendered as error pages, and
the security headers Django does not set itself; ``client_ip`` for everything that records
where a request came from (the access log, the login lockout)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

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


@lru_cache(maxsize=8)
def _trusted_networks(
    proxies: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_trusted_proxy(address: str) -> bool:
    networks = _trusted_networks(tuple(settings.VOCNET_TRUSTED_PROXIES))
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The address the request came from: ``REMOTE_ADDR``, unless that is one of the reverse
    proxies named in ``VOCNET_TRUSTED_PROXIES``; then the right-most ``X-Forwarded-For``
    entry that is not a trusted proxy (entries further left are written by the client and
    prove nothing). ``None`` when no valid address is known."""
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    if remote and _is_trusted_proxy(remote):
        forwarded = [
            part.strip()
            for part in (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
            if part.strip()
        ]
        for candidate in reversed(forwarded):
            if not _is_trusted_proxy(candidate):
                remote = candidate
                break
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return None


class SecurityHeadersMiddleware:
    """Headers that Django's SecurityMiddleware and django-csp leave out.

    ``Permissions-Policy`` switches off browser features vocnet never uses. Responses to a
    signed-in user are ``Cache-Control: no-store`` unless a view said otherwise, so pages and
    exports holding personal data stay out of shared and browser caches (OWASP ASVS 8.2.1).
    """

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
