"""The unread count for the header's notification centre (one indexed COUNT per page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vocnet.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": unread_count(user=user)}
