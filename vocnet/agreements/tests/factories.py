"""Factories of agreements, one per state of the lifecycle.

An agreement is a small tree (versions, parties, pillars, commitments, yearly targets,
signatures), so each factory builds it with :func:`build_agreement` straight through the ORM
(no service, no audit entry): tests of the services start from a known state and count the
audit entries their own call writes.

    DraftAgreementFactory(lead=school.organisation, others=[(company.organisation, "member")])
    SignedAgreementFactory(...)        # = ActiveAgreementFactory: every party signed, in force
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from vocnet.agreements.fulfilment import add_years, agreement_years
from vocnet.agreements.models import (
    DEFAULT_UNITS,
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
    AgreementVersion,
    Commitment,
    CommitmentTarget,
    Delivery,
    PartyPillar,
    PartyRole,
    Signature,
    VersionStatus,
)
from vocnet.agreements.services.drafting import terms_of
from vocnet.registry.models import Organisation, OrganisationKind

START = date(2025, 3, 1)


@dataclass(frozen=True)
class CommitmentSpec:
    kind: str
    pillar: str
    per_year: Decimal
    description: str = ""


# A typical commitment per kind of party.
DEFAULT_COMMITMENTS: dict[str, CommitmentSpec] = {
    OrganisationKind.SCHOOL: CommitmentSpec(
        "curriculum_modules", "industry_linkage", Decimal(2), "산업체 공동 교육과정 개발"
    ),
    OrganisationKind.COMPANY: CommitmentSpec(
        "field_training_seats", "cross_track", Decimal(10), "현장실습 자리 제공"
    ),
    OrganisationKind.CITY_COUNTY: CommitmentSpec(
        "funding", "regional_cooperation", Decimal(100_000_000), "지역 특화 교육 사업비"
    ),
    OrganisationKind.PROVINCE: CommitmentSpec(
        "funding", "regional_cooperation", Decimal(200_000_000), "도 사업비"
    ),
    OrganisationKind.UNIVERSITY: CommitmentSpec(
        "university_places", "university_linkage", Decimal(5), "선취업 후학습 입학 정원"
    ),
    OrganisationKind.EDUCATION_OFFICE: CommitmentSpec(
        "funding", "class_flexibility", Decimal(300_000_000), "교육청 지원금"
    ),
    OrganisationKind.SUPPORT_OFFICE: CommitmentSpec(
        "other", "regional_cooperation", Decimal(4), "지역 협의회 운영"
    ),
    # The other partners a consortium names (issue 14): advice, instructors, research.
    OrganisationKind.INDUSTRY_BODY: CommitmentSpec(
        "instructor_hours", "industry_linkage", Decimal(40), "조합 소속 정비 전문가 수업"
    ),
    OrganisationKind.PUBLIC_AGENCY: CommitmentSpec(
        "other", "regional_cooperation", Decimal(2), "지역 산업 인력 수요 조사"
    ),
    OrganisationKind.RESEARCH_INSTITUTE: CommitmentSpec(
        "curriculum_modules", "industry_linkage", Decimal(1), "미래차 기술 교육 모듈 공동 개발"
    ),
    OrganisationKind.COUNCIL: CommitmentSpec(
        "other", "regional_cooperation", Decimal(1), "직업교육 지원 조례 검토"
    ),
    OrganisationKind.MINISTRY: CommitmentSpec(
        "funding", "cross_track", Decimal(900_000_000), "특별교부금"
    ),
}


def _signed_at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def _write_version(
    version: AgreementVersion,
    parties: Sequence[tuple[Organisation, str]],
    commitments: dict[int, list[CommitmentSpec]] | None,
    lineages: dict[tuple[int, int], Any] | None = None,
) -> None:
    years = agreement_years(version.start_date, version.end_date)
    for position, (organisation, role) in enumerate(parties):
        specs = (commitments or {}).get(organisation.pk)
        if specs is None:
            specs = [DEFAULT_COMMITMENTS[organisation.kind]]
        party = AgreementParty.objects.create(
            version=version, organisation=organisation, role=role, position=position
        )
        pillars = sorted({spec.pillar for spec in specs}) or ["regional_cooperation"]
        PartyPillar.objects.bulk_create([PartyPillar(party=party, pillar=p) for p in pillars])
        for index, spec in enumerate(specs):
            extra = {}
            if lineages and (organisation.pk, index) in lineages:
                extra["lineage"] = lineages[(organisation.pk, index)]
            commitment = Commitment.objects.create(
                party=party,
                kind=spec.kind,
                unit=DEFAULT_UNITS[spec.kind],
                pillar=spec.pillar,
                description=spec.description or spec.kind,
                position=index,
                **extra,
            )
            CommitmentTarget.objects.bulk_create(
                [
                    CommitmentTarget(
                        commitment=commitment,
                        year_index=year.index,
                        quantity=spec.per_year,
                        due_date=year.end,
                    )
                    for year in years
                ]
            )


def build_agreement(
    *,
    lead: Organisation,
    others: Sequence[tuple[Organisation, str]] = (),
    status: str = AgreementStatus.DRAFT,
    kind_code: str = "school_company_mou",
    title: str | None = None,
    start: date = START,
    years: int = 3,
    commitments: dict[int, list[CommitmentSpec]] | None = None,
    signed_by: Sequence[Organisation] = (),
    is_synthetic: bool = False,
) -> Agreement:
    """An agreement of ``lead`` and ``others`` in ``status`` (draft, circulated — signed by
    ``signed_by`` —, active, amended — version 2 in draft —, completed or terminated)."""
    end = add_years(start, years) - timedelta(days=1)
    agreement = Agreement.objects.create(
        kind=AgreementKind.objects.get(code=kind_code),
        title=title or f"{lead.name_ko} 협약",
        lead_organisation=lead,
        start_date=start,
        end_date=end,
        status=AgreementStatus.DRAFT,
        is_synthetic=is_synthetic,
    )
    parties = [(lead, PartyRole.LEAD), *others]
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        status=VersionStatus.DRAFT,
        title=agreement.title,
        start_date=start,
        end_date=end,
    )
    _write_version(version, parties, commitments)
    agreement.current_version = version
    if status == AgreementStatus.DRAFT:
        agreement.save()
        return agreement
    version.status = VersionStatus.CIRCULATED
    version.circulated_at = _signed_at(start) - timedelta(days=10)
    version.terms = terms_of(version)
    signers = list(signed_by) if status == AgreementStatus.CIRCULATED else [o for o, _ in parties]
    for party in version.parties.select_related("organisation"):
        if party.organisation in signers:
            Signature.objects.create(
                version=version,
                party=party,
                signer_name="서명자",
                organisation=party.organisation,
                organisation_name=party.organisation.name_ko,
                signed_at=_signed_at(start) - timedelta(days=1),
            )
    if status == AgreementStatus.CIRCULATED:
        version.save()
        agreement.status = AgreementStatus.CIRCULATED
        agreement.save()
        return agreement
    version.status = VersionStatus.IN_FORCE
    version.in_force_at = _signed_at(start)
    version.save()
    agreement.status = AgreementStatus.ACTIVE
    agreement.in_force_version = version
    agreement.activated_at = version.in_force_at
    if status == AgreementStatus.AMENDED:
        amendment = AgreementVersion.objects.create(
            agreement=agreement,
            number=2,
            status=VersionStatus.DRAFT,
            title=agreement.title,
            start_date=start,
            end_date=end,
            supersedes=version,
            change_note="변경",
        )
        lineages = {
            (c.party.organisation_id, c.position): c.lineage
            for c in Commitment.objects.filter(party__version=version).select_related("party")
        }
        _write_version(amendment, parties, commitments, lineages)
        agreement.current_version = amendment
        agreement.status = AgreementStatus.AMENDED
    elif status == AgreementStatus.COMPLETED:
        agreement.status = AgreementStatus.COMPLETED
        agreement.closed_at = _signed_at(end)
    elif status == AgreementStatus.TERMINATED:
        agreement.status = AgreementStatus.TERMINATED
        agreement.termination_reason = "참여 기업 폐업"
        agreement.closed_at = _signed_at(start) + timedelta(days=200)
    agreement.save()
    return agreement


def commitment_of(agreement: Agreement, organisation: Organisation) -> Commitment:
    """The first commitment of ``organisation`` in the agreement's newest version."""
    return Commitment.objects.filter(
        party__version_id=agreement.current_version_id, party__organisation=organisation
    ).order_by("position", "pk")[0]


def commitment_of_in_force(agreement: Agreement, organisation: Organisation) -> Commitment:
    """The organisation's first commitment in the version in force (the newest version when
    none is in force yet)."""
    version_id = agreement.in_force_version_id or agreement.current_version_id
    return Commitment.objects.filter(
        party__version_id=version_id, party__organisation=organisation
    ).order_by("position", "pk")[0]


def deliver(commitment: Commitment, day: date, quantity: Decimal | int, note: str = "") -> Delivery:
    return Delivery.objects.create(
        agreement=commitment.party.version.agreement,
        commitment=commitment,
        delivered_on=day,
        quantity=Decimal(quantity),
        note=note,
    )


class _AgreementFactory(factory.Factory):
    """Base: ``lead`` and ``others`` are organisations; see :func:`build_agreement`."""

    class Meta:
        model = Agreement

    lead: Any = None
    others: Any = ()
    status = AgreementStatus.DRAFT

    @classmethod
    def _create(cls, model_class: type[Agreement], **kwargs: Any) -> Agreement:
        return build_agreement(**kwargs)

    _build = _create


class DraftAgreementFactory(_AgreementFactory):
    status = AgreementStatus.DRAFT


class CirculatedAgreementFactory(_AgreementFactory):
    status = AgreementStatus.CIRCULATED


class SignedAgreementFactory(_AgreementFactory):
    """Every party signed: the agreement is active, version 1 in force."""

    status = AgreementStatus.ACTIVE


ActiveAgreementFactory = SignedAgreementFactory


class AmendedAgreementFactory(_AgreementFactory):
    """Active, with version 2 open in draft."""

    status = AgreementStatus.AMENDED


class CompletedAgreementFactory(_AgreementFactory):
    status = AgreementStatus.COMPLETED


class TerminatedAgreementFactory(_AgreementFactory):
    status = AgreementStatus.TERMINATED
