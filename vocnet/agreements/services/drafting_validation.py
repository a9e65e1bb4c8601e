"""Validation of a draft agreement: the inputs (plain dataclasses) and every rule on them.

``resolve_parties`` checks the whole input at once and returns the parties it could resolve,
with every broken rule appended to ``problems`` (bilingual, named by field); it writes
nothing. ``vocnet.agreements.services.drafting`` writes what passed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from vocnet.agreements.models import (
    DEFAULT_UNITS,
    AgreementKind,
    CommitmentKind,
    PartyRole,
    Pillar,
    Unit,
)
from vocnet.agreements.policies import PARTY_KINDS
from vocnet.agreements.rules import problem, quantity_problems, text_problems
from vocnet.core.errors import FieldProblem
from vocnet.core.korean import particle
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


def resolve_kind(code: str, problems: list[FieldProblem]) -> AgreementKind | None:
    """The active kind of ``code``, or None with the problem appended."""
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


def resolve_organisation(
    organisation_id: int, field_name: str, problems: list[FieldProblem]
) -> Organisation | None:
    """The active organisation ``organisation_id``, or None with the problem appended."""
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
        organisation = resolve_organisation(
            party.organisation_id, f"{name}.organisation_id", problems
        )
        if organisation is not None and organisation.kind not in PARTY_KINDS:
            problems.append(
                problem(
                    f"{name}.organisation_id",
                    "cannot_sign",
                    f"'{organisation.name_ko}'{particle(organisation.name_ko, '은/는')} "
                    "서명할 담당자 역할이 없는 기관 유형"
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
