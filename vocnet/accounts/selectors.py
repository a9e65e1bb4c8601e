from __future__ import annotations

from typing import Any

from vocnet.core.permissions import actor_for


def me(*, user: Any) -> dict[str, Any]:
    """The user's own identity and active memberships (their own data needs no scope)."""
    memberships = user.memberships.filter(is_active=True).select_related("organisation")
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.name,
        "is_province": actor_for(user).is_province,
        "memberships": [
            {
                "organisation_id": m.organisation_id,
                "organisation_name_ko": m.organisation.name_ko,
                "role": m.role,
                "role_label": m.get_role_display(),
            }
            for m in memberships
        ],
    }
