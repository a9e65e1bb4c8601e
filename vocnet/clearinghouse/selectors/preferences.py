"""Reads of what a round matches on — students' lists, applicants, rankings, schools' orders —
through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.policies import company_ids, school_ids
from vocnet.clearinghouse.services.eligibility import (
    offers_for_student,
    round_chain,
    scope_offers,
    scope_students,
)
from vocnet.clearinghouse.services.preferences import applicant_counts, applicant_ids
from vocnet.core.errors import not_found
from vocnet.core.permissions import actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import FieldTrainingOffer, Placement
from vocnet.registry.models import School, Student

WHAT_STUDENT = ("학생", "Student")
WHAT_OFFER = ("현장실습 제안", "Offer")
WHAT_SCHOOL = ("학교", "School")


def student_get(*, user: UserLike, student_id: int) -> Student:
    """A student whose record the user may see (person scope), with school and department."""
    return get_visible(
        user,
        Student.objects.select_related("school__organisation", "department__ncs_middle"),
        student_id,
        WHAT_STUDENT,
    )


def preferences_of(
    *, user: UserLike, placement_round: PlacementRound, student: Student
) -> list[StudentPreference]:
    """The student's list in the round, best first, as far as the user may see it."""
    return list(
        restrict(
            user,
            StudentPreference.objects.filter(round=placement_round, student=student),
        )
        .select_related("offer__company__organisation", "offer__region", "offer__ncs_middle")
        .order_by("rank")
    )


def choosable_offers(placement_round: PlacementRound, student: Student) -> QuerySet[Any]:
    """The offers the student may rank in the round today (public facts of published offers),
    by company and title."""
    return (
        offers_for_student(placement_round, student, on=timezone.localdate())
        .with_list_relations()
        .order_by("company__organisation__name_ko", "title", "pk")
    )


@dataclass(frozen=True)
class SchoolStudent:
    student: Student
    choices: int
    recommendation: int | None


def staff_school_ids(*, user: UserLike) -> list[int]:
    return sorted(school_ids(actor_for(user)))


def may_enter_preferences(
    *, user: UserLike, placement_round: PlacementRound, student: Student
) -> bool:
    """Whether the user may change the student's preferences in the round: only while it is
    open, and only the province, the staff of the student's school, or the student."""
    actor = actor_for(user)
    return placement_round.status == RoundStatus.OPEN and (
        actor.is_province
        or student.school_id in school_ids(actor)
        or actor.student_id == student.pk
    )


def school_get(*, user: UserLike, school_id: int) -> School:
    """A school the user works at (staff) or oversees — NotFound otherwise."""
    actor = actor_for(user)
    school = School.objects.select_related("organisation").filter(pk=school_id).first()
    if school is None:
        raise not_found(*WHAT_SCHOOL)
    if actor.is_province or school.pk in school_ids(actor):
        return school
    if school.organisation.region_id in actor.region_ids:
        return school
    raise not_found(*WHAT_SCHOOL)


def school_students(
    *, user: UserLike, placement_round: PlacementRound, school: School
) -> list[SchoolStudent]:
    """The school's students who take part in the round (person scope applies), with the
    length of their list and their rank in the school's order; by student number."""
    students = restrict(
        user,
        scope_students(placement_round)
        .filter(school_id=school.pk)
        .select_related("department__ncs_middle"),
    )
    counts = dict(
        StudentPreference.objects.filter(round=placement_round, student__school_id=school.pk)
        .values("student_id")
        .annotate(n=Count("pk"))
        .values_list("student_id", "n")
    )
    ranks = dict(
        SchoolRecommendation.objects.filter(round=placement_round, school=school).values_list(
            "student_id", "rank"
        )
    )
    return [
        SchoolStudent(student, counts.get(student.pk, 0), ranks.get(student.pk))
        for student in students.order_by("student_number")
    ]


@dataclass(frozen=True)
class CompanyOffer:
    offer: Any
    applicants: int
    ranked: int


def company_offers(*, user: UserLike, placement_round: PlacementRound) -> list[CompanyOffer]:
    """The user's companies' offers in the round's scope, with their applicants and how many
    the company ranked (0: the schools' order is taken)."""
    own = company_ids(actor_for(user))
    if not own:
        return []
    offers = (
        scope_offers(placement_round, on=timezone.localdate())
        .filter(company_id__in=own)
        .with_list_relations()
        .annotate(
            ranked=Subquery(
                OfferRanking.objects.filter(round=placement_round, offer=OuterRef("pk"))
                .order_by()
                .values("offer")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )
        .order_by("title", "pk")
    )
    offers = list(offers)
    counts = applicant_counts(placement_round, [offer.pk for offer in offers])
    return [CompanyOffer(offer, counts.get(offer.pk, 0), offer.ranked or 0) for offer in offers]


def offer_get(*, user: UserLike, offer_id: int) -> Any:
    """An offer of the user's company (company staff) or any offer (province)."""
    actor = actor_for(user)
    offers = FieldTrainingOffer.objects.with_list_relations()
    if not actor.is_province:
        offers = offers.filter(company_id__in=company_ids(actor))
    offer = offers.filter(pk=offer_id).first()
    if offer is None:
        raise not_found(*WHAT_OFFER)
    return offer


@dataclass(frozen=True)
class Applicant:
    student: Student
    rank: int | None


def applicants(*, user: UserLike, placement_round: PlacementRound, offer: Any) -> list[Applicant]:
    """The offer's applicants in the round with the company's rank of each (None: unranked).

    Read through the preferences that name the offer (which the company may see), never
    through the student register, so the company learns only who applied to it; not which
    rank the student gave the offer."""
    ids = applicant_ids(placement_round, offer.pk)
    chain = [member.pk for member in round_chain(placement_round)]
    rows = (
        restrict(
            user,
            StudentPreference.objects.filter(round_id__in=chain, offer=offer, student_id__in=ids),
        )
        .select_related("student__school__organisation", "student__department")
        .order_by("student__school__organisation__name_ko", "student__student_number")
    )
    ranks = dict(
        restrict(user, OfferRanking.objects.filter(round=placement_round, offer=offer)).values_list(
            "student_id", "rank"
        )
    )
    seen: set[int] = set()
    result = []
    for row in rows:
        if row.student_id in seen:
            continue
        seen.add(row.student_id)
        result.append(Applicant(row.student, ranks.get(row.student_id)))
    result.sort(key=lambda a: (a.rank is None, a.rank or 0))
    return result


def recommendations_of(
    *, user: UserLike, placement_round: PlacementRound, school: School
) -> list[SchoolRecommendation]:
    return list(
        restrict(
            user,
            SchoolRecommendation.objects.filter(round=placement_round, school=school),
        )
        .select_related("student")
        .order_by("rank")
    )


def my_students(*, user: UserLike) -> list[Student]:
    """The student themself, or a guardian's children (what the "my placement" page shows)."""
    actor = actor_for(user)
    ids = set(actor.guardian_student_ids)
    if actor.student_id is not None:
        ids.add(actor.student_id)
    if not ids:
        return []
    return list(
        restrict(
            user,
            Student.objects.filter(pk__in=ids).select_related(
                "school__organisation", "department__ncs_middle"
            ),
        ).order_by("pk")
    )


def visible_preferences(
    *, user: UserLike, placement_round: PlacementRound, student_id: int | None = None
) -> QuerySet[StudentPreference]:
    """Preferences of the round the user may see (optionally of one student)."""
    rows = restrict(user, StudentPreference.objects.filter(round=placement_round))
    if student_id is not None:
        rows = rows.filter(student_id=student_id)
    return rows.select_related("offer", "student").order_by("student_id", "rank")


def is_placed(student: Student) -> bool:
    """Whether the student already holds an active placement (배정·협약·실습 중): such a student
    takes part in no round, so no page offers them the preference form. The caller has already
    checked the user may see the student."""
    return Placement.objects.active().filter(student_id=student.pk).exists()
