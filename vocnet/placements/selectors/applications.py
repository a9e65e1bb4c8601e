"""Reads of applications (현장실습 지원), through the permission layer."""

from __future__ import annotations

from django.db.models import QuerySet

from vocnet.core.permissions import Action, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import FieldTrainingOffer, PlacementApplication

WHAT = ("현장실습 지원", "Application")
RELATIONS = (
    "student__school__organisation",
    "student__department",
    "offer__company__organisation",
)


def application_list(
    *, user: UserLike, offer: FieldTrainingOffer | None = None, status: str | None = None
) -> QuerySet[PlacementApplication]:
    """The applications ``user`` may see (those of an offer, of a status), newest first."""
    qs = restrict(user, PlacementApplication.objects.all()).select_related(*RELATIONS)
    if offer is not None:
        qs = qs.filter(offer=offer)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-applied_at", "-id")


def application_get(*, user: UserLike, application_id: int) -> PlacementApplication:
    """One application the user may see; NotFound otherwise."""
    queryset = PlacementApplication.objects.select_related(*RELATIONS)
    return get_visible(user, queryset, application_id, WHAT)


def decidable_application_ids(*, user: UserLike, ids: list[int]) -> set[int]:
    """Which of ``ids`` the user may decide (interview, accept, decline): one query."""
    qs = restrict(user, PlacementApplication.objects.filter(pk__in=ids), Action.CHANGE)
    return set(qs.values_list("pk", flat=True))
