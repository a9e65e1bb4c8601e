"""Drafting an agreement: the first draft and every change to a version still in draft
(version 1 before circulation, or an amendment before it is circulated).

Parties, their pillars and commitments with yearly targets are given as plain dataclasses;
every broken rule of the whole input is reported at once (ValidationFailed, nothing written).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from vocnet.agreements.errors import transition_refused
from vocnet.agreements.fulfilment import AgreementYear, agreement_years
from vocnet.agreements.models import (
    DEFAULT_UNITS,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    CommitmentKind,
    CommitmentTarget,
    PartyPillar,
    PartyRole,
    Pillar,
    Unit,
    VersionStatus,
)
from vocnet.agreements.policies import PARTY_KINDS
from vocnet.agreements.rules import period_problems, problem, quantity_problems, text_problems
from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change, authorize_create
from vocnet.core.users import UserLike, user_row
from vocnet.registry.models import Organisation


@dataclass
class CommitmentInput:
    """One commitment of a party. ``targets`` holds one quantity per agreement year.
    ``key`` is the lineage of an existing commitment of this agreement: given, the
    commitment keeps its deliveries through an amendment."""

    kind: str
    pillar: str
    description: str
    targets: list[Decimal]
    unit: str | None = None
    key: str | None = None

    def __post_init__(self) -> None:
        # Integers and strings from forms and tests become exact decimals.
        self.targets = [Decimal(str(quantity)) for quantity in self.targets]


@dataclass
class PartyInput:
    """A party: ``commitments`` None keeps the commitments it already has in the draft."""

    organisation_id: int
    role: str
    pillars: list[str]
    commitments: list[CommitmentInput] | None = None


@dataclass
class AgreementInput:
    kind_code: str
    title: str
    lead_organisation_id: int
    start_date: date
    end_date: date
    parties: list[PartyInput] | None = None
    is_synthetic: bool = False


@dataclass
class DraftChanges:
    """Changes to the draft version; a field left None is unchanged. ``kind_code`` and
    ``lead_organisation_id`` can change only before the agreement was first signed."""

    title: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    change_note: str | None = None
    kind_code: str | None = None
    lead_organisation_id: int | None = None
    parties: list[PartyInput] | None = None


@dataclass
class ResolvedParty:
    organisation: Organisation
    role: str
    pillars: list[str]
    commitments: list[CommitmentInput] = field(default_factory=list)


def _resolve_kind(code: str, problems: list[FieldProblem]) -> AgreementKind | None:
    kind = AgreementKind.objects.filter(code=code, is_active=True).first()
    if kind is None:
        problems.append(
            problem(
                "kind_code",
                "unknown_kind",
                f"협약 유형 코드가 아닙니다: {code}",
                f"Not an agreement kind code: {code}",
            )
        )
    return kind


def _resolve_organisation(
    organisation_id: int, field_name: str, problems: list[FieldProblem]
) -> Organisation | None:
    organisation = Organisation.objects.filter(pk=organisation_id, is_active=True).first()
    if organisation is None:
        problems.append(
            problem(
                field_name,
                "unknown_organisation",
                f"등록된 기관이 아닙니다: {organisation_id}",
                f"No such organisation: {organisation_id}",
            )
        )
    return organisation


def _pillar_problems(name: str, pillars: list[str]) -> list[FieldProblem]:
    if not pillars:
        return [
            problem(
                name,
                "required",
                "요소를 하나 이상 고르세요.",
                "Choose at least one pillar.",
            )
        ]
    unknown = [code for code in pillars if code not in Pillar.values]
    if unknown:
        return [
            problem(
                name,
                "unknown_pillar",
                f"5대 요소 코드가 아닙니다: {', '.join(unknown)}",
                f"Not a pillar code: {', '.join(unknown)}",
            )
        ]
    if len(set(pillars)) != len(pillars):
        return [problem(name, "duplicate", "같은 요소가 두 번 있습니다.", "A pillar is repeated.")]
    return []


def _commitment_problems(
    name: str,
    commitment: CommitmentInput,
    party_pillars: list[str],
    years: int,
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if commitment.kind not in CommitmentKind.values:
        problems.append(
            problem(
                f"{name}.kind",
                "unknown_kind",
                f"약속 유형 코드가 아닙니다: {commitment.kind}",
                f"Not a commitment kind: {commitment.kind}",
            )
        )
    unit = commitment.unit or DEFAULT_UNITS.get(commitment.kind, Unit.ITEMS)
    if unit not in Unit.values:
        problems.append(
            problem(
                f"{name}.unit",
                "unknown_unit",
                f"단위 코드가 아닙니다: {unit}",
                f"Not a unit code: {unit}",
            )
        )
    if commitment.pillar not in party_pillars:
        problems.append(
            problem(
                f"{name}.pillar",
                "pillar_not_carried",
                "이 당사자가 맡은 요소가 아닙니다. 당사자의 요소 중에서 고르세요.",
                "The party does not carry this pillar; choose one of the party's pillars.",
            )
        )
    problems += text_problems(f"{name}.description", commitment.description, 300, required=True)
    if len(commitment.targets) != years:
        problems.append(
            problem(
                f"{name}.targets",
                "wrong_year_count",
                f"협약 연차마다 하나씩, 목표 {years}개를 입력하세요"
                f"(입력 {len(commitment.targets)}개).",
                f"Give one target per agreement year: {years} (got {len(commitment.targets)}).",
            )
        )
    for index, quantity in enumerate(commitment.targets):
        problems += quantity_problems(f"{name}.targets[{index}]", quantity, unit)
    if len(commitment.targets) == years and sum(commitment.targets, Decimal(0)) <= 0:
        problems.append(
            problem(
                f"{name}.targets",
                "no_target",
                "목표량의 합이 0보다 커야 합니다.",
                "The targets must add up to more than 0.",
            )
        )
    if commitment.key is not None:
        try:
            uuid.UUID(commitment.key)
        except ValueError:
            problems.append(
                problem(
                    f"{name}.key",
                    "invalid_key",
                    "약속 식별자 형식이 올바르지 않습니다(UUID).",
                    "Not a commitment key (a UUID).",
                )
            )
    return problems


def resolve_parties(
    parties: list[PartyInput],
    *,
    lead_organisation_id: int,
    years: int,
    existing: dict[int, list[CommitmentInput]],
    problems: list[FieldProblem],
) -> list[ResolvedParty]:
    """Check every party and commitment; ``existing`` maps an organisation to the
    commitments it has in the draft (kept when a party's ``commitments`` is None)."""
    resolved: list[ResolvedParty] = []
    seen: set[int] = set()
    keys: set[str] = set()
    for index, party in enumerate(parties):
        name = f"parties[{index}]"
        organisation = _resolve_organisation(
            party.organisation_id, f"{name}.organisation_id", problems
        )
        if organisation is not None and organisation.kind not in PARTY_KINDS:
            problems.append(
                problem(
                    f"{name}.organisation_id",
                    "cannot_sign",
                    f"'{organisation.name_ko}'은(는) 서명할 담당자 역할이 없는 기관 유형"
                    f"({organisation.get_kind_display()})이라 당사자가 될 수 없습니다.",
                    f"'{organisation.name_ko}' is a kind of organisation nobody can sign for "
                    "on vocnet, so it cannot be a party.",
                )
            )
        if party.organisation_id in seen:
            problems.append(
                problem(
                    f"{name}.organisation_id",
                    "duplicate_party",
                    "같은 기관이 두 번 당사자로 있습니다.",
                    "The same organisation is a party twice.",
                )
            )
        seen.add(party.organisation_id)
        if party.role not in PartyRole.values:
            problems.append(
                problem(
                    f"{name}.role",
                    "unknown_role",
                    f"역할 코드가 아닙니다: {party.role}",
                    f"Not a party role: {party.role}",
                )
            )
        elif (party.role == PartyRole.LEAD) != (party.organisation_id == lead_organisation_id):
            problems.append(
                problem(
                    f"{name}.role",
                    "lead_mismatch",
                    "주관 역할은 주관 기관에만, 주관 기관에는 주관 역할만 줄 수 있습니다.",
                    "The lead role belongs to the lead organisation, and only to it.",
                )
            )
        problems += _pillar_problems(f"{name}.pillars", party.pillars)
        commitments = (
            party.commitments
            if party.commitments is not None
            else existing.get(party.organisation_id, [])
        )
        for position, commitment in enumerate(commitments):
            problems += _commitment_problems(
                f"{name}.commitments[{position}]", commitment, party.pillars, years
            )
            if commitment.key:
                if commitment.key in keys:
                    problems.append(
                        problem(
                            f"{name}.commitments[{position}].key",
                            "duplicate_key",
                            "같은 약속 식별자가 두 번 있습니다.",
                            "The same commitment key appears twice.",
                        )
                    )
                keys.add(commitment.key)
        if organisation is not None:
            resolved.append(
                ResolvedParty(organisation, party.role, list(party.pillars), list(commitments))
            )
    if lead_organisation_id not in seen:
        problems.append(
            problem(
                "parties",
                "lead_missing",
                "주관 기관이 주관 역할의 당사자로 있어야 합니다.",
                "The lead organisation must be a party with the lead role.",
            )
        )
    return resolved


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
def agreement_create_draft(*, actor: UserLike, data: AgreementInput) -> Agreement:
    """Start an agreement: the agreement in ``draft`` and its version 1. Without parties,
    the lead organisation is the only party, with the kind's default pillars.

    Raises PermissionDenied (only the province and the lead organisation's staff draft),
    ValidationFailed naming every broken rule (nothing written)."""
    problems: list[FieldProblem] = []
    kind = _resolve_kind(data.kind_code, problems)
    lead = _resolve_organisation(data.lead_organisation_id, "lead_organisation_id", problems)
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
    assert kind is not None
    assert lead is not None
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
        created_by=user_row(actor),
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
def agreement_update_draft(
    *, actor: UserLike, agreement: Agreement, changes: DraftChanges
) -> Agreement:
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
        kind = _resolve_kind(changes.kind_code, problems) or kind
    lead_id = agreement.lead_organisation_id
    if changes.lead_organisation_id and first_draft:
        lead = _resolve_organisation(changes.lead_organisation_id, "lead_organisation_id", problems)
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
