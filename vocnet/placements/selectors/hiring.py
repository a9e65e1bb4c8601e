"""The hiring-timing rule that applies to a placement (by its host's kind: 선도기업 or 참여기업;
``rules.hiring``, unverified)."""

from __future__ import annotations

from vocnet.placements.models import HostVetting, Placement, VettingStatus
from vocnet.placements.rules.hiring import HiringTiming, hiring_timing


def hiring_timing_of(placement: Placement) -> HiringTiming | None:
    """The rule for the host's kind in its latest approval on or before the training's start
    (None when the host has no approval then). Read by whoever sees the placement."""
    kind = (
        HostVetting.objects.filter(
            company_id=placement.offer.company_id,
            status__in=(VettingStatus.APPROVED, VettingStatus.EXCLUDED),
            valid_from__lte=placement.offer.start_date,
        )
        .order_by("-valid_from", "-pk")
        .values_list("host_kind", flat=True)
        .first()
    )
    return hiring_timing(kind) if kind else None
