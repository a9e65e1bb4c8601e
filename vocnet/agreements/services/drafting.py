"""Drafting an agreement: the first draft and every change to a version still in draft
(version 1 before circulation, or an amendment before it is circulated).

Parties, their pillars and commitments with yearly targets are given as plain dataclasses
(``drafting_validation``, which checks them); every broken rule of the whole input is
reported at once (ValidationFailed, nothing written). This module holds the writes.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction

from vocnet.agreements.errors import transition_refused
from vocnet.agreements.fulfilment import AgreementYear, agreement_years
from vocnet.agreements.models import (
    DEFAULT_UNITS,
    Agreement,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    CommitmentTarget,
    PartyPillar,
    PartyRole,
    Pillar,
    VersionStatus,
)
from vocnet.agreements.policies import PARTY_KINDS
from vocnet.agreements.rules import period_problems, problem, text_problems
from vocnet.agreements.selectors.agreements import version_parties
from vocnet.agreements.services.drafting_validation import (
    AgreementInput,
    CommitmentInput,
    DraftChanges,
    PartyInput,
    ResolvedParty,
    resolve_kind,
    resolve_organisation,
    resolve_parties,
)
from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change, authorize_create


def _commitment_inputs(version: AgreementVersion) -> dict[int, list[CommitmentInput]]:
    """The draft's commitments per organisation, as inputs (to keep or re-write them)."""
    inputs: dict[int, list[CommitmentInput]] = {}
    for party in version.parties.prefetch_related("commitments__targets"):
        inputs[party.organisation_id] = [
            CommitmentInput(
                kind=c.kind,
                unit=c.unit,
                pillar=c.pillar,
                description=c.description,
                targets=[t.quantity for t in c.targets.all()],
                key=str(c.lineage),
            )
            for c in party.commitments.all()
        ]
    return inputs


def _party_inputs(version: AgreementVersion) -> list[PartyInput]:
    return [
        PartyInput(organisation_id=p.organisation_id, role=p.role, pillars=p.pillars)
        for p in version.parties.prefetch_related("pillar_rows")
    ]


def _fit_targets(
    commitments: dict[int, list[CommitmentInput]], years: int
) -> dict[int, list[CommitmentInput]]:
    """Commitments kept through a change of dates: targets cut or padded with 0 to the new
    number of agreement years."""
    for items in commitments.values():
        for commitment in items:
            commitment.targets = (commitment.targets + [Decimal(0)] * years)[:years]
    return commitments


def write_parties(
    version: AgreementVersion,
    parties: list[ResolvedParty],
    years: tuple[AgreementYear, ...],
    known_lineages: set[str],
) -> None:
    """Replace the version's parties, pillars, commitments and targets (a draft only: no
    signature or delivery can point at them)."""
    version.parties.all().delete()
    party_rows = AgreementParty.objects.bulk_create(
        [
            AgreementParty(
                version=version, organisation=p.organisation, role=p.role, position=index
            )
            for index, p in enumerate(parties)
        ]
    )
    PartyPillar.objects.bulk_create(
        [
            PartyPillar(party=row, pillar=code)
            for row, party in zip(party_rows, parties, strict=True)
            for code in party.pillars
        ]
    )
    commitment_rows: list[Commitment] = []
    target_rows: list[list[Decimal]] = []
    for row, party in zip(party_rows, parties, strict=True):
        for position, commitment in enumerate(party.commitments):
            lineage = (
                uuid.UUID(commitment.key)
                if commitment.key and commitment.key in known_lineages
                else uuid.uuid4()
            )
            commitment_rows.append(
                Commitment(
                    party=row,
                    lineage=lineage,
                    kind=commitment.kind,
                    unit=commitment.unit or DEFAULT_UNITS[commitment.kind],
                    pillar=commitment.pillar,
                    description=commitment.description.strip(),
                    position=position,
                )
            )
            target_rows.append(commitment.targets)
    Commitment.objects.bulk_create(commitment_rows)
    CommitmentTarget.objects.bulk_create(
        [
            CommitmentTarget(
                commitment=commitment,
                year_index=year.index,
                quantity=quantity,
                due_date=year.end,
            )
            for commitment, quantities in zip(commitment_rows, target_rows, strict=True)
            for year, quantity in zip(years, quantities, strict=True)
        ]
    )


def lineages_of(agreement: Agreement) -> set[str]:
    return {
        str(value)
        for value in Commitment.objects.filter(party__version__agreement=agreement).values_list(
            "lineage", flat=True
        )
    }


def terms_of(version: AgreementVersion) -> dict[str, Any]:
    """A JSON-safe snapshot of a version's terms (what the parties sign)."""
    agreement = version.agreement
    parties = version.parties.select_related("organisation").prefetch_related(
        "pillar_rows", "commitments__targets"
    )
    return {
        "version": version.number,
        "title": version.title,
        "kind": agreement.kind.code,
        "lead_organisation_id": agreement.lead_organisation_id,
        "start_date": version.start_date.isoformat(),
        "end_date": version.end_date.isoformat(),
        "change_note": version.change_note,
        "parties": [
            {
                "organisation_id": party.organisation_id,
                "organisation_name": party.organisation.name_ko,
                "role": party.role,
                "pillars": party.pillars,
                "commitments": [
                    {
                        "key": str(c.lineage),
                        "kind": c.kind,
                        "unit": c.unit,
                        "pillar": c.pillar,
                        "description": c.description,
                        "targets": [
                            {
                                "year": t.year_index,
                                "quantity": str(t.quantity),
                                "due_date": t.due_date.isoformat(),
                            }
                            for t in c.targets.all()
                        ],
                    }
                    for c in party.commitments.all()
                ],
            }
            for party in parties
        ],
    }


def _raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise ValidationFailed.from_problems(problems)


@transaction.atomic
def agreement_create_draft(*, actor: Any, data: AgreementInput) -> Agreement:
    """Start an agreement: the agreement in ``draft`` and its version 1. Without parties,
    the lead organisation is the only party, with the kind's default pillars.

    Raises PermissionDenied (only the province and the lead organisation's staff draft),
    ValidationFailed naming every broken rule (nothing written)."""
    problems: list[FieldProblem] = []
    kind = resolve_kind(data.kind_code, problems)
    lead = resolve_organisation(data.lead_organisation_id, "lead_organisation_id", problems)
    authorize_create(actor, Agreement, lead_organisation_id=data.lead_organisation_id)
    problems += text_problems("title", data.title, 200, required=True)
    problems += period_problems(data.start_date, data.end_date)
    if lead is not None and lead.kind not in PARTY_KINDS:
        problems.append(
            problem(
                "lead_organisation_id",
                "cannot_sign",
                "서명할 담당자 역할이 없는 기관 유형은 주관 기관이 될 수 없습니다.",
                "An organisation nobody can sign for cannot lead an agreement.",
            )
        )
    _raise_if(problems)
    assert kind is not None and lead is not None
    years = agreement_years(data.start_date, data.end_date)
    parties = data.parties or [
        PartyInput(
            organisation_id=lead.pk,
            role=PartyRole.LEAD,
            pillars=list(kind.default_pillars) or [Pillar.REGIONAL_COOPERATION],
            commitments=[],
        )
    ]
    resolved = resolve_parties(
        parties,
        lead_organisation_id=lead.pk,
        years=len(years),
        existing={},
        problems=problems,
    )
    _raise_if(problems)
    agreement = Agreement.objects.create(
        kind=kind,
        title=data.title.strip(),
        lead_organisation=lead,
        start_date=data.start_date,
        end_date=data.end_date,
        status=AgreementStatus.DRAFT,
        is_synthetic=data.is_synthetic,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        status=VersionStatus.DRAFT,
        title=agreement.title,
        start_date=data.start_date,
        end_date=data.end_date,
        created_by=agreement.created_by,
    )
    write_parties(version, resolved, years, known_lineages=set())
    agreement.current_version = version
    agreement.save(update_fields=["current_version"])
    record_audit(actor=actor, action="agreement.create", obj=agreement, after=terms_of(version))
    return agreement


def lock_current_version(agreement: Agreement) -> AgreementVersion:
    """The agreement's newest version, locked for this transaction (PostgreSQL: other
    writers of the same agreement wait; SQLite: writers are serialised anyway)."""
    if agreement.current_version_id is None:
        raise ValueError(f"agreement {agreement.pk} has no version")
    return (
        AgreementVersion.objects.select_for_update()
        .select_related("agreement__kind")
        .get(pk=agreement.current_version_id)
    )


@transaction.atomic
def agreement_update_draft(*, actor: Any, agreement: Agreement, changes: DraftChanges) -> Agreement:
    """Change the version in draft: title, dates, change note, parties with pillars and
    commitments (kind and lead only before the agreement was first in force).

    Raises PermissionDenied, Conflict ``transition_not_allowed`` when no version is in
    draft (circulated, in force, closed), ValidationFailed naming every broken rule."""
    authorize_change(actor, agreement)
    version = lock_current_version(agreement)
    agreement.refresh_from_db()
    if version.status != VersionStatus.DRAFT:
        raise transition_refused(agreement.status, "edit")
    before = terms_of(version)
    problems: list[FieldProblem] = []
    first_draft = agreement.in_force_version_id is None
    if not first_draft and (changes.kind_code or changes.lead_organisation_id):
        problems.append(
            problem(
                "kind_code" if changes.kind_code else "lead_organisation_id",
                "fixed_after_signing",
                "한 번 발효된 협약의 유형과 주관 기관은 바꿀 수 없습니다.",
                "The kind and lead of an agreement that has been in force cannot change.",
            )
        )
    kind = agreement.kind
    if changes.kind_code and first_draft:
        kind = resolve_kind(changes.kind_code, problems) or kind
    lead_id = agreement.lead_organisation_id
    if changes.lead_organisation_id and first_draft:
        lead = resolve_organisation(changes.lead_organisation_id, "lead_organisation_id", problems)
        lead_id = lead.pk if lead is not None else lead_id
        # Whoever moves the lead must still be allowed to draft under the new lead.
        authorize_create(actor, Agreement, lead_organisation_id=lead_id)
    title = changes.title if changes.title is not None else version.title
    start = changes.start_date or version.start_date
    end = changes.end_date or version.end_date
    problems += text_problems("title", title, 200, required=True)
    problems += period_problems(start, end)
    if changes.change_note is not None:
        problems += text_problems("change_note", changes.change_note, 2000, required=False)
    _raise_if(problems)
    years = agreement_years(start, end)
    existing = _fit_targets(_commitment_inputs(version), len(years))
    parties = changes.parties if changes.parties is not None else _party_inputs(version)
    if changes.parties is None and lead_id != agreement.lead_organisation_id:
        for party in parties:
            if party.organisation_id == agreement.lead_organisation_id:
                party.role = PartyRole.MEMBER
        if lead_id not in {p.organisation_id for p in parties}:
            parties.append(
                PartyInput(lead_id, PartyRole.LEAD, list(kind.default_pillars), commitments=[])
            )
        for party in parties:
            if party.organisation_id == lead_id:
                party.role = PartyRole.LEAD
    resolved = resolve_parties(
        parties,
        lead_organisation_id=lead_id,
        years=len(years),
        existing=existing,
        problems=problems,
    )
    _raise_if(problems)
    version.title = title.strip()
    version.start_date, version.end_date = start, end
    if changes.change_note is not None:
        version.change_note = changes.change_note.strip()
    version.save(update_fields=["title", "start_date", "end_date", "change_note"])
    write_parties(version, resolved, years, known_lineages=lineages_of(agreement))
    if first_draft:
        agreement.kind = kind
        agreement.lead_organisation_id = lead_id
        agreement.title, agreement.start_date, agreement.end_date = version.title, start, end
        agreement.save(
            update_fields=["kind", "lead_organisation", "title", "start_date", "end_date"]
        )
    record_audit(
        actor=actor,
        action="agreement.update_draft",
        obj=agreement,
        before=before,
        after=terms_of(version),
    )
    return agreement


def draft_party_inputs(version: AgreementVersion) -> list[PartyInput]:
    """The draft's parties as inputs, each with its commitments (lineage kept as ``key``), in
    their order: what a wizard step changes and gives back to ``agreement_update_draft``."""
    return [
        PartyInput(
            organisation_id=p.organisation_id,
            role=p.role,
            pillars=p.pillars,
            commitments=[
                CommitmentInput(
                    kind=c.kind,
                    pillar=c.pillar,
                    description=c.description,
                    targets=[t.quantity for t in c.targets.all()],
                    unit=c.unit,
                    key=str(c.lineage),
                )
                for c in p.commitments.all()
            ],
        )
        for p in version_parties(version)
    ]


@transaction.atomic
def draft_commitment_save(
    *, actor: Any, agreement: Agreement, organisation_id: int, commitment: CommitmentInput
) -> Agreement:
    """Put ``commitment`` on the party ``organisation_id`` of the draft version.

    With a ``key``, it replaces the commitment of that lineage (keeping its deliveries): at the
    same position when the party is unchanged, last when it moves to another party. Without
    one, it is added last. Raises ValidationFailed (every broken rule, nothing written) and
    PermissionDenied like ``agreement_update_draft``, which writes it."""
    editing = commitment.key or ""
    inputs = draft_party_inputs(lock_current_version(agreement))
    for party in inputs:
        assert party.commitments is not None
        kept = [c for c in party.commitments if not editing or c.key != editing]
        if party.organisation_id == organisation_id:
            position = next(
                (i for i, c in enumerate(party.commitments) if c.key == editing), len(kept)
            )
            kept.insert(position, commitment)
        party.commitments = kept
    return agreement_update_draft(
        actor=actor, agreement=agreement, changes=DraftChanges(parties=inputs)
    )


@transaction.atomic
def draft_commitment_remove(*, actor: Any, agreement: Agreement, key: str) -> Agreement:
    """Remove the commitment of lineage ``key`` from the draft version (a key it does not
    hold changes nothing). Raises like ``agreement_update_draft``, which writes it."""
    inputs = draft_party_inputs(lock_current_version(agreement))
    for party in inputs:
        assert party.commitments is not None
        party.commitments = [c for c in party.commitments if c.key != key]
    return agreement_update_draft(
        actor=actor, agreement=agreement, changes=DraftChanges(parties=inputs)
    )
