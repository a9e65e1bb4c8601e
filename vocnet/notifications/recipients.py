"""Who to tell: the active members of organisations in a role (the apps that notify name the
organisations; this module only turns them into user ids)."""

from __future__ import annotations

from collections.abc import Iterable

from vocnet.registry.models import Membership, Role


def members(organisation_ids: Iterable[int | None], *roles: str) -> list[int]:
    """User ids of the active members of ``organisation_ids`` in any of ``roles``."""
    ids = [pk for pk in organisation_ids if pk is not None]
    if not ids:
        return []
    return list(
        Membership.objects.filter(organisation_id__in=ids, role__in=roles, is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )


def province_officers() -> list[int]:
    return list(
        Membership.objects.filter(role=Role.PROVINCE_OFFICER, is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
