"""Permission rules of notifications: a person reads and marks only their own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.notifications.models import Notification, NotificationPreference


@register(Notification)
class NotificationPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        # Own rows only — the one policy that looks at the user and not the authority:
        # notification pages are never cached per authority (see views).
        return queryset.filter(recipient_id=actor.user_id)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return False  # written by the services of the apps that notify, never by a request


@register(NotificationPreference)
class NotificationPreferencePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return queryset.filter(user_id=actor.user_id)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return context.get("user_id") == actor.user_id
