"""The sign-in state kept in the session: a login waiting for its second step, and the mark
of a session whose second step is done.

A user who needs a second factor is *not* signed in after the password: the session only
holds a pending login (user id, backend, start time, attempts) for five minutes, and
``request.user`` stays anonymous. Only :func:`complete_login` signs in, with a new session
id, and — for those users — marks the session with the method of the second step.
``SecondFactorMiddleware`` treats a signed-in session of such a user without that mark as
not signed in. ``vocnet.testing.sign_in`` uses :func:`mark_second_factor` too.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import login
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from vocnet.accounts.models import User

SECOND_FACTOR_KEY = "vocnet_second_factor"
PENDING_KEY = "vocnet_pending_login"
PENDING_SECONDS = 5 * 60
MAX_SECOND_STEP_ATTEMPTS = 5


def mark_second_factor(session: SessionBase, method: str, *, now: float | None = None) -> None:
    """Mark ``session`` as signed in with a second factor (``"totp"`` or ``"recovery"``);
    ``seen`` is the last activity the idle timeout counts from."""
    moment = int(now if now is not None else time.time())
    session[SECOND_FACTOR_KEY] = {"method": method, "at": moment, "seen": moment}


def second_factor_state(session: SessionBase) -> dict[str, Any] | None:
    state = session.get(SECOND_FACTOR_KEY)
    return state if isinstance(state, dict) else None


@dataclass
class PendingLogin:
    user_id: int
    backend: str
    started: int
    attempts: int
    next_url: str
    device_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "backend": self.backend,
            "started": self.started,
            "attempts": self.attempts,
            "next_url": self.next_url,
            "device_id": self.device_id,
        }


def pending_login_start(request: HttpRequest, user: User, next_url: str) -> None:
    """After a correct password of a user who needs a second factor: a new session id (the
    pre-login one may be known to an attacker) holding only the pending login."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = PendingLogin(
        user_id=user.pk,
        backend=user.backend,
        started=int(time.time()),
        attempts=0,
        next_url=next_url,
    ).as_dict()


def pending_login(request: HttpRequest) -> PendingLogin | None:
    """The pending login of this session, or None (none, or older than five minutes)."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict):
        return None
    pending = PendingLogin(**data)
    if time.time() - pending.started > PENDING_SECONDS:
        pending_login_clear(request)
        return None
    return pending


def pending_login_save(request: HttpRequest, pending: PendingLogin) -> None:
    request.session[PENDING_KEY] = pending.as_dict()


def pending_login_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def complete_login(request: HttpRequest, user: User, backend: str, method: str | None) -> None:
    """Sign ``user`` in (Django's login: a new session id) and, after a second step, mark the
    session with its method."""
    pending_login_clear(request)
    login(request, user, backend=backend)
    if method is not None:
        mark_second_factor(request.session, method)
