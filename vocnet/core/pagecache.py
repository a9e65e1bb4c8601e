"""Caches of the heavy read pages (directory, overview): their shared content and each user's page.

Those pages cost 20-25 ms to render (hundreds of rows, filter lists of every region and NCS
field, formatted numbers) while what they show changes only when someone writes. The content
block, never the page shell with the user's name and CSRF token, is cached under a key made of:

- the page and the request's path with its query (filters, page number, htmx partial or not);
- the language;
- the actor's authority (:attr:`vocnet.core.permissions.Actor.scope_key`): two users who may
  see exactly the same rows share an entry, and nobody ever gets content rendered for a
  different authority;
- the data version: the id of the newest audit event. Every write through a service, an import
  or the admin records one (ADR 0001), so any write changes the key of every page at once,
  in every server process, without a message between them. Writes that bypass the audit
  trail (the demo loader) clear the cache themselves; a short timeout bounds anything else.

:func:`cache_page_per_user` then keeps each user's whole page (shell included) under the same
data version, with the CSRF token left out: the page is rendered with a placeholder, and every
answer gets the request's own fresh token put in. The middleware (session, idle timeout, second
factor, language) runs before it on every request, exactly as for an uncached page.

See ADR 0012.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from vocnet.core.permissions import Actor

TIMEOUT_SECONDS = 300
T = TypeVar("T")


# Stands for the CSRF token in cached pages; replaced by the request's own token on the way out.
CSRF_PLACEHOLDER = "vocnet-csrf-token-placeholder"
_RENDERING_FOR_CACHE = "_vocnet_rendering_for_cache"


def enabled() -> bool:
    """``VOCNET_PAGE_CACHE`` (default on): off, every page and figure is computed anew."""
    return bool(getattr(settings, "VOCNET_PAGE_CACHE", True))


# Within one request the data version is read once (a home asked for it three times); any
# audit event recorded meanwhile forgets it. Outside a request (tasks, commands) it is read
# every time, since nothing marks where a unit of work ends.
_request_memo = threading.local()


def begin_request_memo(**_kwargs: Any) -> None:
    """``request_started`` receiver (``CoreConfig.ready``)."""
    _request_memo.active = True
    _request_memo.version = None


def end_request_memo(**_kwargs: Any) -> None:
    """``request_finished`` receiver."""
    _request_memo.active = False
    _request_memo.version = None


def forget_data_version() -> None:
    """After a write to the audit trail in this thread: the next read asks the database."""
    _request_memo.version = None


def data_version() -> int:
    """The id of the newest audit event (0 when there is none): one indexed lookup, in plain
    SQL because it runs on every cached answer and the ORM's compiler costs more than it;
    once per request (see ``_request_memo``)."""
    from vocnet.core.models import AuditEvent

    memo = getattr(_request_memo, "version", None)
    if memo is not None:
        return int(memo)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {AuditEvent._meta.db_table}")
        row = cursor.fetchone()
    version = int(row[0] or 0) if row else 0
    if getattr(_request_memo, "active", False):
        _request_memo.version = version
    return version


def fragment_key(*, name: str, request: HttpRequest, actor: Actor, version: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:24]
    partial = "htmx" if request.headers.get("HX-Request") == "true" else "full"
    return f"vocnet:page:{name}:{get_language()}:{actor.scope_key}:{version}:{partial}:{path}"


def cached_fragment(
    *, name: str, request: HttpRequest, actor: Actor, render: Callable[[], str]
) -> SafeString:
    """The rendered fragment for this request, from the cache or from ``render()``.

    ``render`` must depend only on the request's path and query, the language, the actor's
    authority and the stored data; it must not use the user's identity or the CSRF token.
    """
    if not enabled():
        return mark_safe(str(render()))
    key = fragment_key(name=name, request=request, actor=actor, version=data_version())
    html: str | None = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, TIMEOUT_SECONDS)
    return mark_safe(html)


def cached_for_authority(
    *, name: str, actor: Actor, compute: Callable[[], T], extra: str = ""
) -> T:
    """``compute()``, kept per data version for everyone of the actor's authority (and
    language, and ``extra``: e.g. the day, for figures that move with the date).

    For the heavy read models inside pages that are not cached as a whole (the home pages,
    ADR 0012): ``compute`` obeys :func:`cached_fragment`'s rule — it depends only on the
    actor's authority and the stored data, never on the user's identity — and returns no
    personal data, whose every view must reach the access log.
    """
    if not enabled():
        return compute()
    key = f"vocnet:value:{name}:{get_language()}:{actor.scope_key}:{data_version()}:{extra}"
    boxed = cache.get(key)
    if boxed is None:
        boxed = (compute(),)  # boxed, so that a None result is kept too
        cache.set(key, boxed, TIMEOUT_SECONDS)
    return cast(T, boxed[0])


def csrf_placeholder(request: HttpRequest) -> dict[str, Any]:
    """Context processor: while a page renders for :func:`cache_page_per_user`, templates get
    the placeholder instead of a token (listed after Django's own CSRF processor, it wins)."""
    if getattr(request, _RENDERING_FOR_CACHE, False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _has_pending_messages(request: HttpRequest) -> bool:
    cookie = getattr(settings, "MESSAGE_COOKIE_NAME", "messages")
    session = getattr(request, "session", None)
    return bool(request.COOKIES.get(cookie)) or bool(session and session.get("_messages"))


def cache_page_per_user(name: str) -> Callable[[Any], Any]:
    """View decorator (inside ``login_required``): each signed-in user's answer to a GET, by
    path, language, htmx or not, and data version. Pages with flash messages waiting are
    rendered afresh (the messages are shown once). Only 200 HTML answers are kept."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method != "GET" or not enabled() or _has_pending_messages(request):
                return view(request, *args, **kwargs)
            key = _page_key(name, request)
            cached = cache.get(key)
            if cached is None:
                setattr(request, _RENDERING_FOR_CACHE, True)
                try:
                    response = view(request, *args, **kwargs)
                finally:
                    setattr(request, _RENDERING_FOR_CACHE, False)
                content_type = response.get("Content-Type", "")
                if response.status_code != 200 or not content_type.startswith("text/html"):
                    return response
                cached = (response.content, content_type)
                cache.set(key, cached, TIMEOUT_SECONDS)
            body, content_type = cached
            token = get_token(request).encode()
            answer = HttpResponse(body.replace(CSRF_PLACEHOLDER.encode(), token))
            answer["Content-Type"] = content_type
            answer["Cache-Control"] = "private, no-cache"
            return answer

        return wrapped

    return decorator


def _page_key(name: str, request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:24]
    partial = "htmx" if request.headers.get("HX-Request") == "true" else "full"
    user = getattr(request.user, "pk", None)
    return f"vocnet:user-page:{name}:{get_language()}:{user}:{data_version()}:{partial}:{path}"
