"""Recording what a party delivered against a commitment (이행 실적)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from vocnet.agreements.errors import transition_refused
from vocnet.agreements.evidence import SNIFF_BYTES, evidence_problems
from vocnet.agreements.models import (
    IN_FORCE_STATUSES,
    Agreement,
    Commitment,
    Delivery,
)
from vocnet.agreements.rules import problem, quantity_problems, text_problems
from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_create
from vocnet.core.users import UserLike, user_row


@dataclass
class DeliveryInput:
    commitment_id: int
    delivered_on: date
    quantity: Decimal
    note: str = ""

    def __post_init__(self) -> None:
        self.quantity = Decimal(str(self.quantity))


def delivery_date_problems(
    field: str, delivered_on: date, agreement: Agreement, today: date
) -> list[FieldProblem]:
    """A delivery happens within the agreement period and not in the future."""
    if delivered_on > today:
        return [
            problem(
                field,
                "future_date",
                "이행일은 오늘 이후일 수 없습니다.",
                "The delivery date cannot be in the future.",
            )
        ]
    if not agreement.start_date <= delivered_on <= agreement.end_date:
        return [
            problem(
                field,
                "outside_period",
                f"이행일은 협약 기간({agreement.start_date}~{agreement.end_date}) 안이어야 합니다.",
                f"The delivery date must fall within the agreement period "
                f"({agreement.start_date} to {agreement.end_date}).",
            )
        ]
    return []


def delivery_problems(
    data: DeliveryInput, commitment: Commitment, agreement: Agreement, today: date
) -> list[FieldProblem]:
    problems = delivery_date_problems("delivered_on", data.delivered_on, agreement, today)
    problems += quantity_problems("quantity", data.quantity, commitment.unit, allow_negative=True)
    problems += text_problems("note", data.note, 300, required=data.quantity < 0)
    return problems


def in_force_commitment(
    agreement: Agreement, commitment_id: int, field: str = "commitment_id"
) -> tuple[Commitment | None, list[FieldProblem]]:
    """The commitment ``commitment_id`` of the version in force, or the problem with it."""
    commitment = (
        Commitment.objects.select_related("party__organisation")
        .filter(pk=commitment_id, party__version__agreement=agreement)
        .first()
    )
    if commitment is None:
        return None, [
            problem(
                field,
                "unknown_commitment",
                f"이 협약의 약속이 아닙니다: {commitment_id}",
                f"Not a commitment of this agreement: {commitment_id}",
            )
        ]
    if commitment.party.version_id != agreement.in_force_version_id:
        return None, [
            problem(
                field,
                "not_in_force",
                "효력 있는 판의 약속에만 실적을 기록할 수 있습니다.",
                "Deliveries are recorded against the commitments of the version in force.",
            )
        ]
    return commitment, []


@transaction.atomic
def delivery_record(
    *,
    actor: UserLike,
    agreement: Agreement,
    data: DeliveryInput,
    evidence: UploadedFile | None = None,
    today: date | None = None,
) -> Delivery:
    """Record a delivery (date, quantity, note, evidence file) against a commitment of the
    version in force. A correction is a negative quantity with a note.

    Raises Conflict ``transition_not_allowed`` unless the agreement is active or being
    amended, PermissionDenied unless the actor is the province or works for the committing
    party, ValidationFailed naming every broken rule (nothing written, no file stored)."""
    agreement.refresh_from_db()
    if agreement.status not in IN_FORCE_STATUSES:
        raise transition_refused(agreement.status, "record_delivery")
    commitment, problems = in_force_commitment(agreement, data.commitment_id)
    if commitment is not None:
        authorize_create(actor, Delivery, organisation_id=commitment.party.organisation_id)
        problems += delivery_problems(data, commitment, agreement, today or timezone.localdate())
    if evidence is not None:
        evidence.seek(0)
        head = evidence.read(SNIFF_BYTES)
        evidence.seek(0)
        problems += evidence_problems(evidence.name or "", evidence.size or 0, head)
    if problems:
        raise ValidationFailed.from_problems(problems)
    assert commitment is not None
    delivery = Delivery(
        agreement=agreement,
        commitment=commitment,
        delivered_on=data.delivered_on,
        quantity=data.quantity,
        note=data.note.strip(),
        recorded_by=user_row(actor),
    )
    if evidence is not None:
        original = PurePath(evidence.name or "evidence").name
        delivery.evidence_name = original[:200]
        delivery.evidence_size = evidence.size
        # Stored under a random directory with a neutral name; the original name is kept
        # for the download only.
        delivery.evidence.save(f"evidence{PurePath(original).suffix.lower()}", evidence, save=False)
    delivery.save()
    record_audit(
        actor=actor,
        action="delivery.create",
        obj=agreement,
        after=snapshot(delivery, ["id", "commitment", "delivered_on", "quantity", "note"])
        | {"evidence_name": delivery.evidence_name, "commitment_lineage": str(commitment.lineage)},
    )
    return delivery


@transaction.atomic
def delivery_record_derived(
    *,
    actor: UserLike | None,
    agreement: Agreement,
    commitment: Commitment,
    delivered_on: date,
    quantity: Decimal,
    note: str,
    today: date | None = None,
) -> Delivery:
    """Record a delivery that another app derived from its own record — e.g. a course session
    taught by the company's industry instructor (vocnet.courses) — against a commitment of
    the version in force; the source record named in ``note`` is its evidence.

    The deriving service has decided that the delivery is due; no user asked for it, so the
    actor (who caused the source record, or None for a task) is kept as the recorder but not
    checked against the committing party. Raises Conflict ``transition_not_allowed`` unless
    the agreement is active or being amended, and ValidationFailed with the rules of
    :func:`delivery_record` (a commitment of the version in force, a date within the period
    and not in the future, a quantity fit for the unit); nothing is written then. The caller
    keeps it idempotent (courses stores one link per commitment lineage and source)."""
    agreement.refresh_from_db()
    if agreement.status not in IN_FORCE_STATUSES:
        raise transition_refused(agreement.status, "record_delivery")
    found, problems = in_force_commitment(agreement, commitment.pk)
    data = DeliveryInput(
        commitment_id=commitment.pk, delivered_on=delivered_on, quantity=quantity, note=note
    )
    if found is not None:
        problems += delivery_problems(data, found, agreement, today or timezone.localdate())
    if problems:
        raise ValidationFailed.from_problems(problems)
    assert found is not None
    delivery = Delivery.objects.create(
        agreement=agreement,
        commitment=found,
        delivered_on=delivered_on,
        quantity=data.quantity,
        note=note.strip()[:300],
        recorded_by=user_row(actor) if actor is not None else None,
    )
    record_audit(
        actor=actor,
        action="delivery.create_derived",
        obj=agreement,
        after=snapshot(delivery, ["id", "commitment", "delivered_on", "quantity", "note"])
        | {"commitment_lineage": str(found.lineage)},
    )
    return delivery
