"""Reads a user's authority from their memberships for the one permission layer.

``vocnet.core.permissions`` sits below every app and cannot read ``Membership`` rows itself;
``RegistryConfig.ready()`` installs :func:`load_actor` with ``set_actor_loader``.
"""

from __future__ import annotations

from vocnet.core.permissions import Actor
from vocnet.core.users import UserLike
from vocnet.registry.models import GuardianLink, Membership, Region, Student


def load_actor(user: UserLike) -> Actor:
    """The :class:`Actor` of an authenticated ``user``: their active memberships, the regions
    of their support offices, their own student record and their children (two small queries
    for most users). Caching is the caller's (``core.permissions.actor_for``)."""
    by_role: dict[str, set[int]] = {}
    support_offices: set[int] = set()
    for membership in Membership.objects.filter(user_id=user.pk, is_active=True).select_related(
        "organisation__support_office_record"
    ):
        by_role.setdefault(membership.role, set()).add(membership.organisation_id)
        if membership.role == "support_office_officer":
            office = getattr(membership.organisation, "support_office_record", None)
            if office is not None:
                support_offices.add(office.pk)
    region_ids = (
        frozenset(
            Region.objects.filter(support_office_id__in=support_offices).values_list(
                "pk", flat=True
            )
        )
        if support_offices
        else frozenset()
    )
    student_id = (
        Student.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
        if "student" in by_role
        else None
    )
    guardian_students = (
        frozenset(
            GuardianLink.objects.filter(guardian__user_id=user.pk).values_list(
                "student_id", flat=True
            )
        )
        if "guardian" in by_role
        else frozenset()
    )
    return Actor(
        user_id=user.pk,
        is_authenticated=True,
        is_superuser=bool(user.is_superuser),
        roles=frozenset(by_role),
        organisations_by_role={role: frozenset(ids) for role, ids in by_role.items()},
        support_office_ids=frozenset(support_offices),
        region_ids=region_ids,
        student_id=student_id,
        guardian_student_ids=guardian_students,
    )
