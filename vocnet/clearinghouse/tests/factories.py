"""Factories of clearinghouse rows, one per meaningful state, and the offers they rank.

Offers and host vettings are the placements app's models; they are built here directly (not
through its services) so these tests depend only on its models.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.placements.models import (
    FieldTrainingOffer,
    HostKind,
    HostVetting,
    OfferStatus,
    VettingStatus,
)
from vocnet.registry.models import NcsMiddle, Student
from vocnet.registry.tests import factories as rf


def vet(company: Any, *, valid_until: date | None = None) -> HostVetting:
    """An approved host-vetting decision of ``company``, valid today."""
    today = timezone.localdate()
    return HostVetting.objects.create(
        company=company,
        host_kind=HostKind.PARTICIPATING,
        status=VettingStatus.APPROVED,
        person_in_charge_name="김담당",
        valid_from=today - timedelta(days=30),
        valid_until=valid_until or today + timedelta(days=365),
    )


class OfferFactory(factory.django.DjangoModelFactory):
    """A published offer of a vetted company (vetted on creation)."""

    class Meta:
        model = FieldTrainingOffer
        skip_postgeneration_save = True

    company = factory.SubFactory(rf.CompanyFactory)
    title = factory.Sequence(lambda n: f"스마트공장 현장실습 {n}")
    region = factory.LazyAttribute(lambda o: o.company.organisation.region)
    ncs_middle = factory.LazyFunction(lambda: NcsMiddle.objects.get(code="1501"))
    seats = 2
    start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=60))
    allowance_krw = 800_000
    status = OfferStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def vetted(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False and not self.company.host_vettings.exists():
            vet(self.company)


class RoundFactory(factory.django.DjangoModelFactory):
    """A province-wide round open for preferences, deadlines a week and two weeks away."""

    class Meta:
        model = PlacementRound

    name = factory.Sequence(lambda n: f"2026학년도 {n}차 현장실습 매칭")
    support_office = None
    preference_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ranking_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    max_choices = 5
    status = RoundStatus.OPEN
    seed = factory.Sequence(lambda n: 1000 + n)


class DraftRoundFactory(RoundFactory):
    status = RoundStatus.DRAFT


class ClosedRoundFactory(RoundFactory):
    status = RoundStatus.CLOSED


def third_year(student: Student) -> Student:
    student.grade = 3
    student.save(update_fields=["grade"])
    return student


class ThirdYearStudentFactory(rf.StudentFactory):
    grade = 3


def prefer(placement_round: PlacementRound, student: Student, *offers: Any) -> None:
    """The student's list in the round, written directly (most wanted first)."""
    StudentPreference.objects.bulk_create(
        [
            StudentPreference(round=placement_round, student=student, offer=offer, rank=rank)
            for rank, offer in enumerate(offers, start=1)
        ]
    )


def rank(placement_round: PlacementRound, offer: Any, *ranked: tuple[Student, int]) -> None:
    """A company's ranking of applicants to ``offer`` (student, rank), written directly."""
    OfferRanking.objects.bulk_create(
        [
            OfferRanking(round=placement_round, offer=offer, student=student, rank=position)
            for student, position in ranked
        ]
    )


def recommend(placement_round: PlacementRound, *students: Student) -> None:
    """The school's recommended order (best first), written directly."""
    SchoolRecommendation.objects.bulk_create(
        [
            SchoolRecommendation(
                round=placement_round, school=student.school, student=student, rank=position
            )
            for position, student in enumerate(students, start=1)
        ]
    )
