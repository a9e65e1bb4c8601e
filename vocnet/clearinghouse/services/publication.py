"""Publishing a matched round: one placement per matched student, all or nothing, after the
seats are checked again under the same row locks a direct accept takes (``matched`` →
``published``). The rest of a round's life is in ``lifecycle``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from vocnet.clearinghouse.models import (
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RoundStatus,
    RunStatus,
)
from vocnet.clearinghouse.services.lifecycle import lock_round, transition_refused
from vocnet.core.errors import Conflict, FieldProblem
from vocnet.core.korean import particle, with_particle
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change
from vocnet.core.users import UserLike, user_row
from vocnet.notifications.models import NotificationKind
from vocnet.notifications.recipients import members
from vocnet.notifications.services import Message, notify
from vocnet.placements.models import (
    FieldTrainingOffer,
    OfferStatus,
    Placement,
    PlacementOrigin,
    PlacementStatus,
)
from vocnet.registry.models import GuardianLink, Role, Student


def seats_conflicts(outcomes: list[RoundOutcome]) -> list[FieldProblem]:
    """Why the matched outcomes cannot all become placements now (empty when they can).

    Called with the offers locked. An offer must still be published and have, besides its
    active placements of today, a seat for every student the run gave it; a student must not
    have got an active placement meanwhile (a direct accept)."""
    wanted: Counter[int] = Counter(
        outcome.offer_id for outcome in outcomes if outcome.offer_id is not None
    )
    offers: dict[int, Any] = {
        offer.pk: offer
        for offer in FieldTrainingOffer.objects.filter(pk__in=list(wanted)).with_seats_taken()
    }
    problems: list[FieldProblem] = []
    for offer_id, count in sorted(wanted.items()):
        offer = offers[offer_id]
        if offer.status != OfferStatus.PUBLISHED:
            problems.append(
                FieldProblem(
                    f"offers[{offer_id}]",
                    "offer_not_published",
                    f"제안 '{offer.title}'{particle(offer.title, '이/가')} 매칭 뒤 게시 상태가 "
                    "아니게 되었습니다.",
                    f"Offer '{offer.title}' is no longer published since the run.",
                )
            )
        elif offer.seats_taken + count > offer.seats:
            problems.append(
                FieldProblem(
                    f"offers[{offer_id}]",
                    "seats_taken_meanwhile",
                    f"제안 '{offer.title}'의 자리가 매칭 뒤 채워졌습니다: 정원 {offer.seats}, "
                    f"이미 배치 {offer.seats_taken}, 이번 배정 {count}.",
                    f"Seats of offer '{offer.title}' were taken since the run: {offer.seats} "
                    f"seats, {offer.seats_taken} placed already, {count} matched now.",
                )
            )
    placed = set(
        Placement.objects.active()
        .filter(student_id__in=[outcome.student_id for outcome in outcomes])
        .values_list("student_id", flat=True)
    )
    for student_id in sorted(placed):
        problems.append(
            FieldProblem(
                f"students[{student_id}]",
                "student_placed_meanwhile",
                f"학생 {with_particle(student_id, '은/는')} 매칭 뒤 다른 현장실습에 "
                "배치되었습니다.",
                f"Student {student_id} was placed elsewhere since the run.",
            )
        )
    return problems


@transaction.atomic
def round_publish(*, actor: UserLike, placement_round: PlacementRound) -> PlacementRound:
    """Publish a matched round: one ``Placement`` (origin ``round``, status ``matched``) per
    matched student, linked from the student's outcome, all in one transaction, and the
    result becomes visible to schools, companies, students and guardians.

    Seats are re-checked under the same row locks a direct accept of an offer takes
    (``select_for_update`` on the offers, in id order): if an offer was withdrawn, or its
    seats were taken by direct accepts since the run, or a student was placed meanwhile, the
    publication is refused with Conflict ``seats_taken_meanwhile`` listing every such offer
    and student, and nothing is written (run a follow-up round or start again).
    """
    authorize_change(actor, placement_round)
    placement_round = lock_round(placement_round)
    if placement_round.status != RoundStatus.MATCHED:
        raise transition_refused(placement_round, "결과 공개", "published")
    run = RoundRun.objects.without_payload().get(round=placement_round, status=RunStatus.SUCCEEDED)
    outcomes = list(
        RoundOutcome.objects.filter(run=run, offer__isnull=False).order_by("student_id")
    )
    offer_ids = sorted({outcome.offer_id for outcome in outcomes if outcome.offer_id})
    list(FieldTrainingOffer.objects.select_for_update().filter(pk__in=offer_ids).order_by("pk"))
    problems = seats_conflicts(outcomes)
    if problems:
        raise Conflict(
            code="seats_taken_meanwhile",
            message_ko=(
                "매칭 뒤 자리나 학생의 상황이 바뀌어 결과를 공개할 수 없습니다: "
                f"{problems[0].message_ko}"
            ),
            message_en=(
                "Seats or students changed since the run, so the result cannot be published: "
                f"{problems[0].message_en}"
            ),
            problems=problems,
        )
    created_by = user_row(actor)
    placements = Placement.objects.bulk_create(
        [
            Placement(
                student_id=outcome.student_id,
                offer_id=int(outcome.offer_id or 0),
                origin=PlacementOrigin.ROUND,
                status=PlacementStatus.MATCHED,
                created_by=created_by,
                is_synthetic=placement_round.is_synthetic,
            )
            for outcome in outcomes
        ],
        batch_size=2000,
    )
    # One UPDATE links every outcome to its new placement (the student's only active one,
    # which the partial unique index guarantees); bulk_update's CASE would be one per batch.
    RoundOutcome.objects.filter(run=run, offer__isnull=False).update(
        placement=Subquery(
            Placement.objects.active()
            .filter(
                student_id=OuterRef("student_id"),
                offer_id=OuterRef("offer_id"),
                origin=PlacementOrigin.ROUND,
            )
            .values("pk")[:1]
        )
    )
    placement_round.status = RoundStatus.PUBLISHED
    placement_round.published_at = timezone.now()
    placement_round.save(update_fields=["status", "published_at", "updated_at"])
    record_audit(
        actor=actor,
        action="round.publish",
        obj=placement_round,
        before={"status": RoundStatus.MATCHED.value},
        after={
            "status": RoundStatus.PUBLISHED.value,
            "run_id": run.pk,
            "placements": len(placements),
        },
    )
    _tell_results(placement_round, run)
    return placement_round


def _tell_results(placement_round: PlacementRound, run: RoundRun) -> None:
    """Tell everyone the published round concerns: its students (each sees their own result
    on 나의 현장실습) and their guardians, the staff of their schools and of the companies
    whose offers were matched (issue 15 §5)."""
    outcomes = RoundOutcome.objects.filter(run=run)
    students = outcomes.values("student_id")
    people = set(
        Student.objects.filter(pk__in=students, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    people |= set(
        GuardianLink.objects.filter(student_id__in=students).values_list(
            "guardian__user_id", flat=True
        )
    )
    schools = Student.objects.filter(pk__in=students).values_list("school_id", flat=True)
    companies = FieldTrainingOffer.objects.filter(
        pk__in=outcomes.filter(offer__isnull=False).values("offer_id")
    ).values_list("company__organisation_id", flat=True)
    staff = members(set(schools), Role.SCHOOL_STAFF) + members(set(companies), Role.COMPANY_STAFF)
    name = placement_round.name
    notify(
        recipient_ids=[pk for pk in people if pk is not None],
        message=Message(
            kind=NotificationKind.ROUND_RESULT,
            title_ko=f"현장실습 배정 결과가 나왔습니다: {name}",
            title_en=f"Field-training results are out: {name}",
            url=reverse("clearinghouse:mine"),
        ),
        key=f"round:{placement_round.pk}:published",
    )
    notify(
        recipient_ids=staff,
        message=Message(
            kind=NotificationKind.ROUND_RESULT,
            title_ko=f"현장실습 매칭 결과 공개: {name}",
            title_en=f"Field-training round published: {name}",
            url=reverse("clearinghouse:results", args=[placement_round.pk]),
        ),
        key=f"round:{placement_round.pk}:published:staff",
    )
