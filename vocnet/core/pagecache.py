"""A cache of the rendered content of the heavy read pages (directory, overview).

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

See ADR 0012.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from vocnet.core.permissions import Actor

TIMEOUT_SECONDS = 300


def data_version() -> int:
    """The id of the newest audit event (0 when there is none): one indexed lookup."""
    from vocnet.core.models import AuditEvent

    newest = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    return int(newest or 0)


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
    key = fragment_key(name=name, request=request, actor=actor, version=data_version())
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, TIMEOUT_SECONDS)
    return mark_safe(html)
