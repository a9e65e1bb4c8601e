"""Who and what may take part in a round — the rules the entry forms and the run both apply.

A **student** takes part in a round when they are an enrolled third-year student (field
training is a third-year activity under the Ministry's guidelines, 직업계고 현장실습 운영
지침; vocnet's choice, see ADR 0010), their school is in
the round's scope (any school for a province round; a school in one of the support office's
regions for an office round), they have no active placement, and — in a follow-up round — the
round's parent left them unmatched.

An **offer** may be ranked in a round when it is published, its host holds an approved vetting
decision valid on the day (``placements.HostVetting.valid_on``), its region is in the round's
scope (any region for a province round; a region of the support office for an office round)
and it has a seat left (seats minus its active placements). A student may rank it only when its
NCS middle field is the field of the student's department — exactly, not the major field.

The run applies the same rules again on its day: a preference for an offer withdrawn or
filled meanwhile, or of a student placed directly meanwhile, is left out of the snapshot and
counted in the run's statistics.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RunStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.placements.eligibility import FIELD_TRAINING_GRADE
from vocnet.placements.models import FieldTrainingOffer, HostVetting, OfferStatus, Placement
from vocnet.registry.models import Student


def round_chain(placement_round: PlacementRound) -> list[PlacementRound]:
    """The round, its parent, the parent's parent … (a follow-up chain is short)."""
    chain = [placement_round]
    current = placement_round
    while current.parent_id is not None:
        parent = current.parent
        assert parent is not None
        chain.append(parent)
        current = parent
    return chain


def scope_students(placement_round: PlacementRound) -> QuerySet[Student]:
    """Students of the round's scope who may take part (see the module docstring)."""
    students = Student.objects.filter(is_enrolled=True, grade=FIELD_TRAINING_GRADE).exclude(
        Exists(Placement.objects.active().filter(student_id=OuterRef("pk")))
    )
    if placement_round.support_office_id is not None:
        students = students.filter(
            school__organisation__region__support_office_id=placement_round.support_office_id
        )
    if placement_round.parent_id is not None:
        unmatched = RoundOutcome.objects.filter(
            round_id=placement_round.parent_id,
            run__status=RunStatus.SUCCEEDED,
            offer__isnull=True,
            student_id=OuterRef("pk"),
        )
        students = students.filter(Exists(unmatched))
    return students


def scope_offers(placement_round: PlacementRound, *, on: date) -> Any:
    """Offers of the round's scope that may be ranked on ``on``, annotated ``seats_taken``
    and ``seats_left`` (only those with a seat left)."""
    vetted = HostVetting.objects.valid_on(on).filter(company_id=OuterRef("company_id"))
    offers = (
        FieldTrainingOffer.objects.filter(status=OfferStatus.PUBLISHED)
        .filter(Exists(vetted))
        .with_seats_taken()
        .annotate(seats_left=F("seats") - F("seats_taken"))
        .filter(seats_left__gt=0)
    )
    if placement_round.support_office_id is not None:
        offers = offers.filter(region__support_office_id=placement_round.support_office_id)
    return offers


def offers_for_student(placement_round: PlacementRound, student: Student, *, on: date) -> Any:
    """The offers ``student`` may rank in the round: in scope and in their department's field."""
    return scope_offers(placement_round, on=on).filter(
        ncs_middle_id=student.department.ncs_middle_id
    )


def field_matches_q(prefix: str = "") -> Q:
    """The preference's offer is in the NCS field of its student's department."""
    return Q(**{f"{prefix}offer__ncs_middle_id": F(f"{prefix}student__department__ncs_middle_id")})


def follow_up_has_news(placement_round: PlacementRound, *, on: date) -> bool:
    """Whether running a follow-up round could place anyone its parent left unmatched.

    A stable matching that left a student unmatched stays so on the same lists, the same
    rankings and the same free seats: every offer the student ranked was full of applicants it
    preferred or did not accept them. So a follow-up round has news only if someone entered a
    list, a ranking or a school order in it, or there are more seats left on ``on`` than the
    parent's run left unfilled (a cancelled placement, a new offer). A round that is not a
    follow-up, or whose parent has no successful run, always "has news"."""
    if placement_round.parent_id is None:
        return True
    for model in (StudentPreference, OfferRanking, SchoolRecommendation):
        if model.objects.filter(round=placement_round).exists():
            return True
    parent_run = (
        RoundRun.objects.without_payload()
        .filter(round_id=placement_round.parent_id, status=RunStatus.SUCCEEDED)
        .first()
    )
    if parent_run is None or not parent_run.statistics:
        return True
    seats = scope_offers(placement_round, on=on).aggregate(seats=Sum("seats_left"))["seats"] or 0
    return bool(seats > int(parent_run.statistics.get("unfilled_seat_count", 0)))
