"""What the home page shows of the clearinghouse, per role."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.clearinghouse.models import RoundStatus
from vocnet.clearinghouse.selectors.rounds import round_list
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike


@dataclass(frozen=True)
class HomeItem:
    label: str
    value: str
    url: str


def home_items(*, user: UserLike) -> list[HomeItem]:
    """One item for whoever sees a round: the newest round open for preferences (with its
    deadline), else the newest round they see and its state."""
    if not actor_for(user).is_authenticated:
        return []
    # One query of plain values: open rounds first, then round_list's order (newest first).
    current = (
        round_list(user=user)
        .order_by(
            Case(When(status=RoundStatus.OPEN, then=Value(0)), default=Value(1)),
            "-created_at",
            "-pk",
        )
        .values_list("pk", "name", "status", "preference_deadline")
        .first()
    )
    if current is None:
        return []
    pk, name, status, preference_deadline = current
    if status == RoundStatus.OPEN:
        value = _("%(name)s: 지망 마감 %(deadline)s") % {
            "name": name,
            "deadline": f"{timezone.localtime(preference_deadline):%Y-%m-%d %H:%M}",
        }
    else:
        value = f"{name}: {RoundStatus(status).label}"
    return [HomeItem(_("현장실습 매칭"), value, reverse("clearinghouse:round", args=[pk]))]
