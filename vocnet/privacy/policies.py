"""Permission rules of the privacy app, registered in ``vocnet.core.permissions``.

The access log says who looked at which child's record; it is read by the province, which
reviews it every month, and by nobody else. Nobody changes it: rows are only appended, by
``services.record_personal_data_access``, whatever the reader's role.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.privacy.models import AccessLogReview, PersonalDataAccess


@register(PersonalDataAccess)
class PersonalDataAccessPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action == Action.VIEW and actor.is_province:
            return queryset
        return queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return False


@register(AccessLogReview)
class AccessLogReviewPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action == Action.VIEW and actor.is_province:
            return queryset
        return queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province
