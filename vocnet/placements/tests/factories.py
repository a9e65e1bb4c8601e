"""Factories of field-training rows, one per meaningful state, built straight through the ORM
(no service, no audit entry), so a service test counts only what its own call writes.

    ApprovedVettingFactory(company=...)     # a host vetted today
    DraftOfferFactory(company=...)          # Mon–Fri 09:00–17:00, 1 h break (7 h a day, 35 a week)
    PublishedOfferFactory(company=...)      # … published by a vetted host
    PlacementFactory(offer=..., student=...)          # matched (direct)
    signed_contract(placement)              # all four parties signed: the placement is contracted
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import factory
from django.utils import timezone

from vocnet.placements.models import (
    ContractParty,
    ContractSignature,
    ContractVersionStatus,
    FieldTrainingOffer,
    HostInspection,
    HostKind,
    HostVetting,
    OfferSchedule,
    OfferStatus,
    Placement,
    PlacementContract,
    PlacementOrigin,
    PlacementStatus,
    SafetyEducation,
    VettingStatus,
)
from vocnet.placements.services.contracts import contract_draft
from vocnet.registry.models import NcsMiddle
from vocnet.registry.tests import factories as rf

WEEKDAYS = (0, 1, 2, 3, 4)


def next_monday(after_days: int = 60) -> date:
    """A Monday at least ``after_days`` from today (offers start in the future)."""
    day = timezone.localdate() + timedelta(days=after_days)
    return day + timedelta(days=(7 - day.weekday()) % 7)


class VettingFactory(factory.django.DjangoModelFactory):
    """An application (status ``applied``)."""

    class Meta:
        model = HostVetting

    company = factory.SubFactory(rf.CompanyFactory)
    host_kind = HostKind.PARTICIPATING
    status = VettingStatus.APPLIED
    person_in_charge_name = "김담당"
    person_in_charge_phone = "031-123-4567"


class ApprovedVettingFactory(VettingFactory):
    status = VettingStatus.APPROVED
    decided_at = factory.LazyFunction(timezone.now)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))


class InspectionFactory(factory.django.DjangoModelFactory):
    """An inspection meeting every checklist item."""

    class Meta:
        model = HostInspection

    vetting = factory.SubFactory(VettingFactory, status=VettingStatus.INSPECTED)
    inspected_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    teacher_name = "이지도"
    labour_attorney_name = "박노무"
    safety_agency_name = "안전보건공단 경기지역본부"
    job_field_fit = True
    training_conditions = True
    safety_and_health = True
    person_in_charge = True
    insurance = True


def weekly_schedule(
    offer: FieldTrainingOffer,
    start: time = time(9),
    end: time = time(17),
    break_minutes: int = 60,
    weekdays: tuple[int, ...] = WEEKDAYS,
) -> None:
    OfferSchedule.objects.bulk_create(
        OfferSchedule(offer=offer, weekday=w, start=start, end=end, break_minutes=break_minutes)
        for w in weekdays
    )


class DraftOfferFactory(factory.django.DjangoModelFactory):
    """A lawful draft: Mon–Fri 09:00–17:00 with an hour's break, starting in two months."""

    class Meta:
        model = FieldTrainingOffer
        skip_postgeneration_save = True

    company = factory.SubFactory(rf.CompanyFactory)
    title = factory.Sequence(lambda n: f"자동차 부품 품질검사 현장실습 {n}")
    region = factory.LazyAttribute(lambda o: o.company.organisation.region)
    site_address = "경기도 시흥시 정왕동 1"
    ncs_middle = factory.LazyFunction(lambda: NcsMiddle.objects.get(code="1501"))
    seats = 3
    start_date = factory.LazyFunction(next_monday)
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=53))
    allowance_krw = 1_200_000
    mentor_name = "최멘토"
    mentor_title = "품질팀 과장"
    mentor_phone = "031-555-0101"
    tasks = "부품 치수 측정, 검사 성적서 작성 보조"
    hazard_categories = factory.LazyFunction(lambda: ["machinery"])
    safety_measures = "안전교육 4시간, 보호구 지급, 위험 설비 조작 금지"
    status = OfferStatus.DRAFT

    @factory.post_generation
    def schedule(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            weekly_schedule(self)


class PublishedOfferFactory(DraftOfferFactory):
    """Published by a host vetted today."""

    status = OfferStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def vetted(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if (
            create
            and not HostVetting.objects.valid_on(timezone.localdate())
            .filter(company=self.company)
            .exists()
        ):
            ApprovedVettingFactory(company=self.company)


class PlacementFactory(factory.django.DjangoModelFactory):
    """A matched, direct placement."""

    class Meta:
        model = Placement

    student = factory.SubFactory(rf.StudentFactory)
    offer = factory.SubFactory(PublishedOfferFactory)
    origin = PlacementOrigin.DIRECT
    status = PlacementStatus.MATCHED


def drafted_contract(placement: Placement, actor: Any) -> PlacementContract:
    """The contract of a matched placement, drafted by ``actor`` (school staff)."""
    return contract_draft(actor=actor, placement=placement)


def signed_contract(placement: Placement, actor: Any) -> PlacementContract:
    """A contract signed by all four parties (signatures written directly): contracted."""
    contract = drafted_contract(placement, actor)
    version = contract.current_version
    assert version is not None
    now = timezone.now()
    ContractSignature.objects.bulk_create(
        ContractSignature(
            version=version, party=party, signer_name=f"서명자 {party}", signed_at=now
        )
        for party in ContractParty.values
    )
    version.status = ContractVersionStatus.SIGNED
    version.signed_at = now
    version.save(update_fields=["status", "signed_at"])
    Placement.objects.filter(pk=placement.pk).update(status=PlacementStatus.CONTRACTED)
    placement.refresh_from_db()
    return contract


def safety_educated(placement: Placement, given_by: str = "안전보건공단 강사") -> SafetyEducation:
    """The safety education (직업교육훈련 촉진법 제9조의5) recorded a week before the start."""
    return SafetyEducation.objects.create(
        placement=placement,
        given_on=placement.offer.start_date - timedelta(days=7),
        given_by=given_by,
        content="산업안전보건, 노동인권, 보호구 착용",
    )


def place_directly(
    offer: FieldTrainingOffer,
    student: Any,
    applicant: Any,
    decider: Any,
) -> Placement:
    """The direct path (issue 15 §2): ``applicant`` (school staff) applies for ``student``, and
    ``decider`` (the host company's staff, or the province) accepts."""
    from vocnet.placements.services import application_accept, application_submit

    application = application_submit(actor=applicant, offer=offer, student=student)
    return application_accept(actor=decider, application=application)


def consent_now() -> Any:
    """A student's or guardian's consent to every key item, re-authenticated just now (what
    the signing page gives ``contract_sign``, ADR 0033)."""
    from django.utils import timezone

    from vocnet.placements.consent import ITEM_CODES, ConsentGiven

    return ConsentGiven(frozenset(ITEM_CODES), timezone.now())
