"""API schemas of agreements (pydantic v2 through django-ninja). Quantities are decimals,
serialised as strings so KRW amounts stay exact."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from vocnet.agreements.fulfilment import AgreementProgress, GroupProgress
from vocnet.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementVersion,
    Commitment,
    Delivery,
)
from vocnet.api.schemas import OrganisationRef, PatchSchema

StatusCode = Literal["draft", "circulated", "active", "amended", "completed", "terminated"]
PillarCode = Literal[
    "regional_cooperation",
    "industry_linkage",
    "cross_track",
    "class_flexibility",
    "university_linkage",
]
CommitmentKindCode = Literal[
    "funding",
    "field_training_seats",
    "graduate_hires",
    "equipment",
    "instructor_hours",
    "curriculum_modules",
    "university_places",
    "facilities",
    "other",
]
UnitCode = Literal["krw", "seats", "persons", "items", "sets", "hours", "modules", "m2"]
RoleCode = Literal["lead", "member", "supporter"]


class KindOut(Schema):
    code: str
    name_ko: str
    name_en: str
    description: str
    default_pillars: list[str]
    source_note: str


class TargetOut(Schema):
    year: int
    quantity: Decimal
    due_date: date


class CommitmentOut(Schema):
    id: int
    key: str
    party_organisation_id: int
    kind: str
    kind_label: str
    unit: str
    unit_label: str
    pillar: str
    description: str
    targets: list[TargetOut]

    @staticmethod
    def resolve_key(obj: Commitment) -> str:
        return str(obj.lineage)

    @staticmethod
    def resolve_party_organisation_id(obj: Commitment) -> int:
        return obj.party.organisation_id

    @staticmethod
    def resolve_kind_label(obj: Commitment) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_unit_label(obj: Commitment) -> str:
        return str(obj.get_unit_display())

    @staticmethod
    def resolve_targets(obj: Commitment) -> list[dict[str, Any]]:
        return [
            {"year": t.year_index, "quantity": t.quantity, "due_date": t.due_date}
            for t in obj.targets.all()
        ]


class AgreementSignatureOut(Schema):
    organisation_id: int
    organisation_name: str
    signer_name: str
    signed_at: datetime


class PartyOut(Schema):
    id: int
    organisation: OrganisationRef
    role: RoleCode
    pillars: list[str]
    commitments: list[CommitmentOut]

    @staticmethod
    def resolve_commitments(obj: AgreementParty) -> list[Commitment]:
        return list(obj.commitments.all())


class VersionSummaryOut(Schema):
    number: int
    status: str
    title: str
    start_date: date
    end_date: date
    change_note: str
    circulated_at: datetime | None
    in_force_at: datetime | None


class AgreementOut(Schema):
    id: int
    kind: str
    kind_name: str
    title: str
    lead_organisation: OrganisationRef
    start_date: date
    end_date: date
    status: StatusCode
    status_label: str
    version: int | None
    in_force_version: int | None
    is_synthetic: bool

    @staticmethod
    def resolve_kind(obj: Agreement) -> str:
        return obj.kind.code

    @staticmethod
    def resolve_kind_name(obj: Agreement) -> str:
        return obj.kind.display_name

    @staticmethod
    def resolve_status_label(obj: Agreement) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_version(obj: Agreement) -> int | None:
        return obj.current_version.number if obj.current_version else None

    @staticmethod
    def resolve_in_force_version(obj: Agreement) -> int | None:
        version = obj.in_force_version if obj.in_force_version_id else None
        return version.number if version else None


class GroupOut(Schema):
    key: str
    commitments: int
    rated: int
    ratio: Decimal | None
    behind: int


class CommitmentProgressOut(Schema):
    commitment_id: int
    party_organisation_id: int
    pillar: str
    unit: str
    target_total: Decimal
    pro_rata_target: Decimal
    delivered: Decimal
    ratio: Decimal | None
    is_behind: bool


class UnitTotalOut(Schema):
    unit: str
    target_total: Decimal
    pro_rata_target: Decimal
    delivered: Decimal


class FulfilmentOut(Schema):
    as_of: date
    overall: GroupOut
    by_party: list[GroupOut]
    by_pillar: list[GroupOut]
    by_unit: list[UnitTotalOut]
    commitments: list[CommitmentProgressOut]


def group_out(group: GroupProgress) -> dict[str, Any]:
    return {
        "key": group.key,
        "commitments": group.commitments,
        "rated": group.rated,
        "ratio": group.ratio,
        "behind": group.behind,
    }


def fulfilment_out(progress: AgreementProgress) -> dict[str, Any]:
    return {
        "as_of": progress.as_of,
        "overall": group_out(progress.overall),
        "by_party": [group_out(g) for g in progress.by_party.values()],
        "by_pillar": [group_out(g) for g in progress.by_pillar.values()],
        "by_unit": [vars(u) for u in progress.by_unit],
        "commitments": [
            {
                "commitment_id": int(c.key),
                "party_organisation_id": int(c.party),
                "pillar": c.pillar,
                "unit": c.unit,
                "target_total": c.target_total,
                "pro_rata_target": c.pro_rata_target,
                "delivered": c.delivered,
                "ratio": c.ratio,
                "is_behind": c.is_behind,
            }
            for c in progress.commitments
        ],
    }


class AgreementDetailOut(AgreementOut):
    termination_reason: str
    parties: list[PartyOut]
    signatures: list[AgreementSignatureOut]
    version_history: list[VersionSummaryOut]
    fulfilment: FulfilmentOut | None


class VersionOut(VersionSummaryOut):
    terms: dict[str, Any] | None
    parties: list[PartyOut]

    @staticmethod
    def resolve_parties(obj: AgreementVersion) -> list[AgreementParty]:
        from vocnet.agreements.selectors import version_parties

        return version_parties(obj)


class DeliveryOut(Schema):
    id: int
    agreement_id: int
    commitment_id: int
    commitment_key: str
    delivered_on: date
    quantity: Decimal
    note: str
    evidence_name: str
    evidence_url: str | None
    recorded_by: str | None
    recorded_at: datetime

    @staticmethod
    def resolve_commitment_key(obj: Delivery) -> str:
        return str(obj.commitment.lineage)

    @staticmethod
    def resolve_evidence_url(obj: Delivery) -> str | None:
        if not obj.evidence:
            return None
        return reverse("api:agreement_delivery_evidence", args=[obj.pk])

    @staticmethod
    def resolve_recorded_by(obj: Delivery) -> str | None:
        return str(obj.recorded_by) if obj.recorded_by else None


class AuditOut(Schema):
    at: datetime
    actor: str | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return str(obj.actor) if obj.actor else None


class DashboardRowOut(Schema):
    agreement: AgreementOut
    overall: GroupOut | None
    by_pillar: dict[str, GroupOut | None]


class DashboardOut(Schema):
    as_of: date
    overall: GroupOut
    by_pillar: dict[str, GroupOut | None]
    rows: list[DashboardRowOut]


# Inputs ------------------------------------------------------------------------------------


class CommitmentIn(Schema):
    kind: CommitmentKindCode
    pillar: PillarCode
    description: str = Field(min_length=1, max_length=300)
    targets: list[Decimal] = Field(
        min_length=1, max_length=10, description="one quantity per agreement year"
    )
    unit: UnitCode | None = None
    key: str | None = Field(
        None, max_length=36, description="lineage of an existing commitment (keeps deliveries)"
    )


class PartyIn(Schema):
    organisation_id: int = Field(ge=1)
    role: RoleCode
    pillars: list[PillarCode] = Field(min_length=1, max_length=5)
    commitments: list[CommitmentIn] | None = Field(
        None, max_length=50, description="omitted: keep the party's commitments"
    )


class AgreementIn(Schema):
    kind_code: str = Field(max_length=40)
    title: str = Field(min_length=1, max_length=200)
    lead_organisation_id: int = Field(ge=1)
    start_date: date
    end_date: date
    parties: list[PartyIn] | None = Field(None, max_length=50)


class AgreementPatch(PatchSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    start_date: date | None = None
    end_date: date | None = None
    change_note: str | None = Field(None, max_length=2000)
    kind_code: str | None = Field(None, max_length=40)
    lead_organisation_id: int | None = Field(None, ge=1)
    parties: list[PartyIn] | None = Field(None, max_length=50)


class AgreementSignIn(Schema):
    party_id: int | None = Field(None, ge=1, description="omitted: the first party you sign for")


class AgreementAmendIn(Schema):
    change_note: str = Field("", max_length=2000)


class AgreementTerminateIn(Schema):
    reason: str = Field(max_length=2000)


def kind_out(kind: AgreementKind) -> dict[str, Any]:
    return {
        "code": kind.code,
        "name_ko": kind.name_ko,
        "name_en": kind.name_en,
        "description": kind.description,
        "default_pillars": kind.default_pillars,
        "source_note": kind.source_note,
    }
