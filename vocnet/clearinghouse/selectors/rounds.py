"""Reads of rounds and runs, through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from vocnet.clearinghouse.models import (
    LIVE_RUN_STATUSES,
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RoundStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.policies import is_operator
from vocnet.clearinghouse.services.eligibility import (
    follow_up_has_news,
    scope_offers,
    scope_students,
)
from vocnet.core.errors import permission_denied
from vocnet.core.permissions import Action, actor_for, get_visible, policy_for, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import FieldTrainingOffer

WHAT_ROUND = ("현장실습 매칭 차수", "Placement round")
WHAT_RUN = ("매칭 실행", "Run")


@dataclass(frozen=True)
class RoundFilters:
    status: str | None = None
    support_office: int | None = None
    q: str | None = None


def round_list(*, user: UserLike, filters: RoundFilters | None = None) -> QuerySet[PlacementRound]:
    """Rounds the user may see, newest first, filtered."""
    rounds = restrict(user, PlacementRound.objects.with_relations())
    filters = filters or RoundFilters()
    if filters.status:
        rounds = rounds.filter(status=filters.status)
    if filters.support_office:
        rounds = rounds.filter(support_office_id=filters.support_office)
    if filters.q:
        rounds = rounds.filter(name__icontains=filters.q)
    return rounds.order_by("-created_at", "-pk")


def round_get(*, user: UserLike, round_id: int) -> PlacementRound:
    return get_visible(user, PlacementRound.objects.with_relations(), round_id, WHAT_ROUND)


def can_create_round(*, user: UserLike) -> bool:
    """The province and support-office officers make rounds (the latter for their office)."""
    actor = actor_for(user)
    return actor.is_authenticated and (actor.is_province or bool(actor.support_office_ids))


def can_change_round(*, user: UserLike, placement_round: PlacementRound) -> bool:
    return restrict(
        user, PlacementRound.objects.filter(pk=placement_round.pk), Action.CHANGE
    ).exists()


def can_operate(*, user: UserLike) -> bool:
    return is_operator(actor_for(user))


def creatable_offices(*, user: UserLike) -> list[int] | None:
    """The support offices the user may make rounds for; None means any (and the province)."""
    actor = actor_for(user)
    if actor.is_province:
        return None
    return sorted(
        office
        for office in actor.support_office_ids
        if policy_for(PlacementRound).can_create(actor, {"support_office_id": office})
    )


@dataclass(frozen=True)
class RoundCounts:
    students: int
    preferences: int
    offers: int
    seats: int
    ranked_offers: int
    recommendations: int
    outcomes: int
    matched: int


def round_counts(placement_round: PlacementRound) -> RoundCounts:
    """What the round holds so far (six small aggregate queries)."""
    preferences = StudentPreference.objects.filter(round=placement_round).aggregate(
        rows=Count("pk"), students=Count("student_id", distinct=True)
    )
    offers = scope_offers(placement_round, on=timezone.localdate()).aggregate(
        offers=Count("pk"), seats=Sum("seats_left")
    )
    outcomes = RoundOutcome.objects.filter(round=placement_round).aggregate(
        rows=Count("pk"), matched=Count("offer_id")
    )
    return RoundCounts(
        students=preferences["students"],
        preferences=preferences["rows"],
        offers=offers["offers"],
        seats=offers["seats"] or 0,
        ranked_offers=OfferRanking.objects.filter(round=placement_round)
        .values("offer_id")
        .distinct()
        .count(),
        recommendations=SchoolRecommendation.objects.filter(round=placement_round).count(),
        outcomes=outcomes["rows"],
        matched=outcomes["matched"],
    )


def run_list(*, user: UserLike, placement_round: PlacementRound) -> QuerySet[RoundRun]:
    """The round's runs the user may see, newest first, without their large JSON columns."""
    return restrict(
        user, RoundRun.objects.without_payload().filter(round=placement_round)
    ).order_by("-queued_at", "-pk")


def run_get(*, user: UserLike, run_id: int, with_payload: bool = False) -> RoundRun:
    runs = RoundRun.objects.select_related("round")
    if not with_payload:
        runs = runs.without_payload()
    return get_visible(user, runs, run_id, WHAT_RUN)


def run_payload_get(*, user: UserLike, run_id: int) -> RoundRun:
    """A run with its full input snapshot (every student's id, choices and assignment) and
    result — for the province only: a support office's view of a round is scoped to its own
    schools (its results), and the snapshot holds the whole province's students
    (PermissionDenied for anyone else; NotFound for a run the province does not see). The
    caller logs the read of each student in the snapshot (``run_payload_students``)."""
    if not actor_for(user).is_province:
        raise permission_denied()
    return run_get(user=user, run_id=run_id, with_payload=True)


def run_payload_students(run: RoundRun) -> list[tuple[str, int]]:
    """The students a run's input snapshot names, as access-log subjects."""
    snapshot = run.input_snapshot or {}
    return [("registry.student", int(student_id)) for student_id, _ in snapshot.get("students", [])]


def current_run(*, user: UserLike, placement_round: PlacementRound) -> RoundRun | None:
    """The run that stands for the round (queued, running or successful), else the latest
    failed one — as far as the user may see it."""
    runs = run_list(user=user, placement_round=placement_round)
    return runs.filter(status__in=LIVE_RUN_STATUSES).first() or runs.first()


def unfilled_offers(run: RoundRun, limit: int = 20) -> list[tuple[Any, int]]:
    """The offers with seats left after the run, most seats left first (offer, seats)."""
    unfilled = {
        int(pk): seats
        for pk, seats in ((run.statistics or {}).get("unfilled_seats") or {}).items()
        if seats > 0
    }
    top = sorted(unfilled.items(), key=lambda item: (-item[1], item[0]))[:limit]
    offers = FieldTrainingOffer.objects.with_list_relations().in_bulk([pk for pk, _ in top])
    return [(offers[pk], seats) for pk, seats in top if pk in offers]


def rank_distribution(run: RoundRun) -> list[tuple[int, int, float]]:
    """(choice rank, students matched there, share of matched students in %), by rank."""
    statistics = run.statistics or {}
    distribution = {int(k): v for k, v in (statistics.get("rank_distribution") or {}).items()}
    matched = sum(distribution.values()) or 1
    return [(rank, count, 100 * count / matched) for rank, count in sorted(distribution.items())]


def open_rounds_for_entry(*, user: UserLike) -> QuerySet[PlacementRound]:
    """Rounds taking preferences or rankings now, that the user sees."""
    return round_list(user=user).filter(status__in=(RoundStatus.OPEN, RoundStatus.CLOSED))


@dataclass(frozen=True)
class RunPrechecks:
    """What an officer should see before pressing 매칭 실행 (three counts and two totals)."""

    students_without_preferences: int
    offers_without_rankings: int
    seats: int
    applicants: int
    # A follow-up round whose run would place nobody (see eligibility.follow_up_has_news).
    nothing_new: bool = False

    @property
    def fewer_seats_than_applicants(self) -> bool:
        return self.seats < self.applicants

    @property
    def has_warnings(self) -> bool:
        return bool(
            self.students_without_preferences
            or self.offers_without_rankings
            or self.fewer_seats_than_applicants
            or self.nothing_new
        )


def run_prechecks(placement_round: PlacementRound) -> RunPrechecks:
    """The pre-checks listed on the run's confirmation: students of the scope without a list in
    this round, offers of the scope no company ranked in this round (they fall back to the
    schools' order), and seats left against students with a list. Four aggregate queries; the
    caller has already checked the user may operate the round."""
    with_lists = StudentPreference.objects.filter(round=placement_round).values("student_id")
    ranked = OfferRanking.objects.filter(round=placement_round).values("offer_id")
    offers = scope_offers(placement_round, on=timezone.localdate())
    applicants = (
        StudentPreference.objects.filter(round=placement_round)
        .values("student_id")
        .distinct()
        .count()
    )
    return RunPrechecks(
        students_without_preferences=scope_students(placement_round)
        .exclude(pk__in=with_lists)
        .count(),
        offers_without_rankings=offers.exclude(pk__in=ranked).count(),
        seats=offers.aggregate(seats=Sum("seats_left"))["seats"] or 0,
        applicants=applicants,
        nothing_new=not follow_up_has_news(placement_round, on=timezone.localdate()),
    )
