"""The adapter between the ORM and the pure fulfilment arithmetic (``fulfilment.py``).

``progress_for`` computes the progress of many agreements in a fixed number of queries
(commitments, targets, deliveries), whatever their number, so lists and the dashboard stay
bounded. Callers pass agreements that already went through the permission layer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch

from vocnet.agreements.fulfilment import (
    AgreementProgress,
    CommitmentInput,
    DeliveryInput,
    TargetInput,
    agreement_progress,
)
from vocnet.agreements.models import (
    Agreement,
    AgreementStatus,
    Commitment,
    CommitmentTarget,
    Delivery,
)


def progress_date(agreement: Agreement, as_of: date) -> date:
    """A terminated agreement's progress stops on the day it was terminated."""
    if agreement.status == AgreementStatus.TERMINATED and agreement.closed_at is not None:
        return min(as_of, agreement.closed_at.date())
    return as_of


def progress_for(
    agreements: Sequence[Agreement],
    as_of: date,
    *,
    organisation_ids: Collection[int] | None = None,
) -> dict[int, tuple[AgreementProgress, dict[str, Commitment]]]:
    """Progress of each agreement with a version in force (or once in force), keyed by the
    agreement id, with the commitment rows by their key (``str(pk)``). Three queries.

    With ``organisation_ids``, only those parties' commitments are read and computed (each
    commitment's progress depends on its own targets and deliveries alone): the homes list
    the actor's own commitments that are behind, and need nothing of the other parties'. The
    aggregates of such a result then cover those commitments only."""
    versions = {a.in_force_version_id: a for a in agreements if a.in_force_version_id}
    if not versions:
        return {}
    wanted = Commitment.objects.filter(party__version_id__in=list(versions))
    if organisation_ids is not None:
        wanted = wanted.filter(party__organisation_id__in=list(organisation_ids))
    commitments = list(
        wanted.select_related("party__organisation")
        .prefetch_related(
            Prefetch("targets", queryset=CommitmentTarget.objects.order_by("year_index"))
        )
        .order_by("party__position", "party_id", "position", "pk")
    )
    delivered: dict[tuple[int, str], list[DeliveryInput]] = defaultdict(list)
    deliveries = Delivery.objects.filter(agreement_id__in=[a.pk for a in versions.values()])
    if organisation_ids is not None:
        deliveries = deliveries.filter(
            commitment__party__organisation_id__in=list(organisation_ids)
        )
    for agreement_id, lineage, day, quantity in deliveries.values_list(
        "agreement_id", "commitment__lineage", "delivered_on", "quantity"
    ):
        delivered[(agreement_id, str(lineage))].append(DeliveryInput(day, Decimal(quantity)))
    by_version: dict[int, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        by_version[commitment.party.version_id].append(commitment)
    results: dict[int, tuple[AgreementProgress, dict[str, Commitment]]] = {}
    for version_id, agreement in versions.items():
        rows = by_version.get(version_id, [])
        inputs = [
            CommitmentInput(
                key=str(c.pk),
                party=str(c.party.organisation_id),
                pillar=c.pillar,
                unit=c.unit,
                targets=tuple(TargetInput(t.year_index, t.quantity) for t in c.targets.all()),
                deliveries=tuple(delivered.get((agreement.pk, str(c.lineage)), ())),
            )
            for c in rows
        ]
        progress = agreement_progress(
            start=agreement.start_date,
            end=agreement.end_date,
            commitments=inputs,
            as_of=progress_date(agreement, as_of),
            key=str(agreement.pk),
        )
        results[agreement.pk] = (progress, {str(c.pk): c for c in rows})
    return results
