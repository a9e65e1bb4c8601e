"""What the layers below the accounts app know of a user: the :class:`UserLike` protocol.

Services and selectors take the acting user as ``actor: UserLike`` or ``user: UserLike``. The
concrete user model (``accounts.User``) sits in a layer above core (docs/architecture.md), so
core names only what it reads: the key, whether the user signed in, whether they are a
superuser, and the login name for the audit trail. ``request.user`` (a ``User`` or Django's
``AnonymousUser``) satisfies it, and so does any test double with those members. What the user
may *do* is :class:`vocnet.core.permissions.Actor`, computed from it once per request.
"""

from __future__ import annotations

from typing import Any, Protocol


class UserLike(Protocol):
    """A signed-in user or the anonymous one, as services, selectors and policies see it."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_superuser(self) -> bool: ...

    def get_username(self) -> str: ...


def user_row(user: UserLike | None) -> Any:
    """The user for a foreign key to ``AUTH_USER_MODEL`` (``created_by``, ``recorded_by``…),
    or ``None`` for the anonymous user and for the system (``user=None``).

    Typed ``Any`` because core cannot name the user model; the one place that says so."""
    return user if getattr(user, "is_authenticated", False) else None
