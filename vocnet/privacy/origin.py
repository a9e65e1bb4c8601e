"""Where a personal-data access comes from: the client's address, the page or endpoint, and
the channel (web page, API, admin, command line).

Services change students on behalf of a user without seeing the HTTP request (their callers
are API endpoints, pages, imports and commands alike). :class:`~vocnet.privacy.middleware.
AccessOriginMiddleware` keeps the origin of the request being served in a context variable,
so a service can write a complete access-log row; outside a request the origin is the command
line.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest

from vocnet.core.middleware import client_ip
from vocnet.privacy.models import AccessChannel

PATH_MAX_LENGTH = 200


@dataclass(frozen=True)
class AccessOrigin:
    client_ip: str | None
    channel: str
    path: str


COMMAND_LINE = AccessOrigin(client_ip=None, channel=AccessChannel.COMMAND, path="")

_current: ContextVar[AccessOrigin | None] = ContextVar("vocnet_access_origin", default=None)


def origin_of(request: HttpRequest) -> AccessOrigin:
    """The origin of ``request``. Only the path is kept, never the query string, so a search
    term (a name) never reaches the log."""
    path = request.path
    if path.startswith("/api/"):
        channel = AccessChannel.API
    elif path.startswith("/admin/"):
        channel = AccessChannel.ADMIN
    else:
        channel = AccessChannel.WEB
    return AccessOrigin(client_ip=client_ip(request), channel=channel, path=path[:PATH_MAX_LENGTH])


def current_origin() -> AccessOrigin:
    """The origin of the request being served, or :data:`COMMAND_LINE` outside a request."""
    return _current.get() or COMMAND_LINE


def set_current_origin(origin: AccessOrigin | None) -> object:
    """Used by the middleware (and tests); returns the token to :func:`reset_current_origin`."""
    return _current.set(origin)


def reset_current_origin(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
