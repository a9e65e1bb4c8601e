"""The adapter between the ORM and the pure fulfilment arithmetic (``fulfilment.py``).

``progress_for`` computes the progress of many agreements in a fixed number of queries
(commitments, targets, deliveries), whatever their number, so lists and the dashboard stay
bounded. Callers pass agreements that already went through the permission layer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Prefetch, QuerySet
from django.db.models.functions import Cast

from vocnet.agreements.fulfilment import (
    AgreementProgress,
    AgreementYear,
    CommitmentInput,
    CommitmentProgress,
    DeliveryInput,
    GroupProgress,
    TargetInput,
    agreement_progress,
    agreement_years,
    commitment_progress,
    overall_progress,
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
    return _progress_day(agreement.status, agreement.closed_at, as_of)


def _progress_day(status: str, closed_at: datetime | None, as_of: date) -> date:
    if status == AgreementStatus.TERMINATED and closed_at is not None:
        return min(as_of, closed_at.date())
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


@dataclass(frozen=True)
class CommitmentLine:
    """What the homes read of a commitment besides its progress: no model instance."""

    pk: int
    organisation_id: int
    organisation_name_ko: str
    description: str


def _lineage_text(field: str) -> Cast:
    """A lineage as the database's text, the same on both sides of the match of deliveries
    to commitments: no UUID object made for each of hundreds of rows."""
    return Cast(field, CharField())


def _delivered(
    agreement_ids: Collection[int],
    organisation_ids: Collection[int] | None,
    *,
    lineage_as_text: bool = True,
) -> dict[tuple[int, Any], list[DeliveryInput]]:
    """The deliveries of these agreements (of these parties' commitments, when given), by
    agreement id and the commitment's lineage: as text (``_lineage_text``) for the lists'
    hundreds of rows, else as the UUID the model reads (the homes' few rows, whose
    commitments are read the same way). One query."""
    deliveries = Delivery.objects.filter(agreement_id__in=list(agreement_ids))
    if organisation_ids is not None:
        deliveries = deliveries.filter(
            commitment__party__organisation_id__in=list(organisation_ids)
        )
    # In no particular order (not the model's newest first): only their sums are used.
    deliveries = deliveries.order_by()
    if lineage_as_text:
        deliveries = deliveries.annotate(lineage_key=_lineage_text("commitment__lineage"))
    delivered: dict[tuple[int, Any], list[DeliveryInput]] = defaultdict(list)
    for agreement_id, lineage, day, quantity in deliveries.values_list(
        "agreement_id",
        "lineage_key" if lineage_as_text else "commitment__lineage",
        "delivered_on",
        "quantity",
    ):
        delivered[(agreement_id, lineage)].append(DeliveryInput(day, Decimal(quantity)))
    return delivered


def _commitment_inputs(
    agreements: Sequence[Agreement], organisation_ids: Collection[int] | None
) -> dict[int, list[tuple[CommitmentInput, CommitmentLine]]]:
    """The inputs of ``progress_for``, per agreement id, read as plain values (commitments
    with their targets, then deliveries: at most two queries, no model instances): the same
    commitments in the same order, the same targets and deliveries."""
    versions = {a.in_force_version_id: a for a in agreements if a.in_force_version_id}
    if not versions:
        return {}
    wanted = Commitment.objects.filter(party__version_id__in=list(versions))
    if organisation_ids is not None:
        wanted = wanted.filter(party__organisation_id__in=list(organisation_ids))
    # One row per target (the commitment's fields repeated; a commitment without a target
    # comes once with NULLs), in progress_for's order and the targets' year order.
    rows: dict[int, tuple[Any, ...]] = {}
    targets: dict[int, list[TargetInput]] = defaultdict(list)
    for (
        pk,
        version_id,
        organisation_id,
        name_ko,
        pillar,
        unit,
        lineage,
        description,
        year_index,
        quantity,
    ) in (
        wanted.order_by("party__position", "party_id", "position", "pk", "targets__year_index")
        .annotate(lineage_key=_lineage_text("lineage"))
        .values_list(
            "pk",
            "party__version_id",
            "party__organisation_id",
            "party__organisation__name_ko",
            "pillar",
            "unit",
            "lineage_key",
            "description",
            "targets__year_index",
            "targets__quantity",
        )
    ):
        rows.setdefault(
            pk, (version_id, organisation_id, name_ko, pillar, unit, lineage, description)
        )
        if year_index is not None:
            targets[pk].append(TargetInput(year_index, quantity))
    result: dict[int, list[tuple[CommitmentInput, CommitmentLine]]] = {
        a.pk: [] for a in versions.values()
    }
    if not rows:
        return result
    delivered = _delivered([a.pk for a in versions.values()], organisation_ids)
    for pk, (
        version_id,
        organisation_id,
        name_ko,
        pillar,
        unit,
        lineage,
        description,
    ) in rows.items():
        agreement = versions[version_id]
        result[agreement.pk].append(
            (
                CommitmentInput(
                    key=str(pk),
                    party=str(organisation_id),
                    pillar=pillar,
                    unit=unit,
                    targets=tuple(targets.get(pk, ())),
                    deliveries=tuple(delivered.get((agreement.pk, lineage), ())),
                ),
                CommitmentLine(pk, organisation_id, name_ko, description),
            )
        )
    return result


def _overall_inputs(agreements: Sequence[Agreement]) -> dict[int, list[CommitmentInput]]:
    """``_commitment_inputs(agreements, None)``'s commitments without their lines, in no
    particular order: the lists need no organisation name and no description, so the
    commitments are read without the join to the organisations and without the text, one
    row per target, unsorted. At most two queries."""
    versions = {a.in_force_version_id: a for a in agreements if a.in_force_version_id}
    if not versions:
        return {}
    rows: dict[int, tuple[int, int, str, str, str]] = {}
    targets: dict[int, list[TargetInput]] = defaultdict(list)
    for pk, version_id, organisation_id, pillar, unit, lineage, year_index, quantity in (
        # In no particular order: an overall figure is a count and a mean (exact), the
        # same whatever the order of the commitments and their targets.
        Commitment.objects.filter(party__version_id__in=list(versions))
        .order_by()
        .annotate(lineage_key=_lineage_text("lineage"))
        .values_list(
            "pk",
            "party__version_id",
            "party__organisation_id",
            "pillar",
            "unit",
            "lineage_key",
            "targets__year_index",
            "targets__quantity",
        )
    ):
        if pk not in rows:
            rows[pk] = (version_id, organisation_id, pillar, unit, lineage)
        if year_index is not None:
            targets[pk].append(TargetInput(year_index, quantity))
    result: dict[int, list[CommitmentInput]] = {a.pk: [] for a in versions.values()}
    if not rows:
        return result
    delivered = _delivered([a.pk for a in versions.values()], None)
    for pk, (version_id, organisation_id, pillar, unit, lineage) in rows.items():
        agreement_id = versions[version_id].pk
        result[agreement_id].append(
            CommitmentInput(
                key=str(pk),
                party=str(organisation_id),
                pillar=pillar,
                unit=unit,
                targets=tuple(targets.get(pk, ())),
                deliveries=tuple(delivered.get((agreement_id, lineage), ())),
            )
        )
    return result


def overall_progress_for(agreements: Sequence[Agreement], as_of: date) -> dict[int, GroupProgress]:
    """``progress_for(agreements, as_of)[pk][0].overall`` of each agreement (the lists show
    nothing else), computed by the same arithmetic from plain values. At most two queries."""
    by_id = {a.pk: a for a in agreements}
    results: dict[int, GroupProgress] = {}
    for agreement_id, commitments in _overall_inputs(agreements).items():
        agreement = by_id[agreement_id]
        results[agreement_id] = overall_progress(
            start=agreement.start_date,
            end=agreement.end_date,
            commitments=commitments,
            as_of=progress_date(agreement, as_of),
            key=str(agreement_id),
        )
    return results


@dataclass(frozen=True)
class OwnCommitment:
    """A commitment of one of the user's organisations, its agreement and its progress."""

    agreement_id: int
    agreement_title: str
    progress: CommitmentProgress
    line: CommitmentLine


def own_commitment_progress(
    agreements: QuerySet[Agreement], as_of: date, *, organisation_ids: Collection[int]
) -> list[OwnCommitment]:
    """Each commitment of ``organisation_ids``' parties in the version in force of
    ``agreements`` (a queryset through the permission layer, used as a subquery) with its
    progress on ``as_of``: what the tests' ``commitment_progress_for`` gives for the list of those
    agreements that have such a party, in the agreements' order (newest start first, then
    title and id) and then ``progress_for``'s. Two queries (commitments with their
    agreement and targets, then deliveries)."""
    organisations = list(organisation_ids)
    rows: dict[int, tuple[Any, ...]] = {}
    targets: dict[int, list[TargetInput]] = defaultdict(list)
    for (
        pk,
        agreement_id,
        title,
        start,
        end,
        status,
        closed_at,
        organisation_id,
        name_ko,
        pillar,
        unit,
        lineage,
        description,
        year_index,
        quantity,
    ) in (
        # The versions in force of the agreements: one condition, not the agreement's id
        # in the agreements and its version in force equal to the party's version.
        Commitment.objects.filter(
            party__organisation_id__in=organisations,
            party__version__in=agreements.values("in_force_version"),
        )
        # The targets in no particular order: only their sums are used.
        .order_by(
            "-party__version__agreement__start_date",
            "party__version__agreement__title",
            "party__version__agreement_id",
            "party__position",
            "party_id",
            "position",
            "pk",
        )
        .values_list(
            "pk",
            "party__version__agreement_id",
            "party__version__agreement__title",
            "party__version__agreement__start_date",
            "party__version__agreement__end_date",
            "party__version__agreement__status",
            "party__version__agreement__closed_at",
            "party__organisation_id",
            "party__organisation__name_ko",
            "pillar",
            "unit",
            "lineage",
            "description",
            "targets__year_index",
            "targets__quantity",
        )
    ):
        rows.setdefault(
            pk,
            (agreement_id, title, start, end, status, closed_at, organisation_id, name_ko,
             pillar, unit, lineage, description),
        )  # fmt: skip
        if year_index is not None:
            targets[pk].append(TargetInput(year_index, quantity))
    if not rows:
        return []
    delivered = _delivered({row[0] for row in rows.values()}, organisations, lineage_as_text=False)
    years: dict[int, tuple[AgreementYear, ...]] = {}
    result: list[OwnCommitment] = []
    for pk, (
        agreement_id, title, start, end, status, closed_at, organisation_id, name_ko,
        pillar, unit, lineage, description,
    ) in rows.items():  # fmt: skip
        if agreement_id not in years:
            years[agreement_id] = agreement_years(start, end)
        commitment = CommitmentInput(
            key=str(pk),
            party=str(organisation_id),
            pillar=pillar,
            unit=unit,
            targets=tuple(targets.get(pk, ())),
            deliveries=tuple(delivered.get((agreement_id, lineage), ())),
        )
        result.append(
            OwnCommitment(
                agreement_id,
                title,
                commitment_progress(
                    commitment, years[agreement_id], _progress_day(status, closed_at, as_of)
                ),
                CommitmentLine(pk, organisation_id, name_ko, description),
            )
        )
    return result
