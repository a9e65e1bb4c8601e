"""The clearinghouse demo: one completed, published province round on the demo's offers.

Run after the registry demo and the placements demo (vetted hosts, published offers), in
``vocnet/demo/domains.py``. Deterministic for a seed and the rows it builds on:

* about 85 % of the enrolled third-year students whose department's NCS field has offers in
  their own 시·군 or a neighbouring one (``vocnet/demand/data/gyeonggi_region_adjacency.csv``)
  rank 3 to 5 of those offers — popular offers (a heavy-tailed popularity per offer, doubled
  in the student's own 시·군) come up more often and higher (weighted sampling without
  replacement, Efraimidis–Spirakis keys); the demo's student login always takes part;
* about 90 % of the schools give their recommended order of their taking-part students;
* about 30 % of the offers with applicants — every offer of the demo's company login among
  them — are ranked by their company: applicants in bands of equal rank (ties, broken by the
  lottery), one in ten left unranked (not acceptable);
* the round is then closed, run through the same code path as the background task
  (``run_round_task.call``) and published as the demo province officer: placements with
  origin ``round``, labelled synthetic.

Rows are bulk-written through the ORM (a seeding tool, like the registry demo); starting the
run and publishing go through the services (permission, audit).
"""

from __future__ import annotations

import heapq
import random
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundRun,
    RoundStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.services import round_publish, round_start_run
from vocnet.clearinghouse.services.eligibility import scope_offers, scope_students
from vocnet.clearinghouse.tasks import run_round_task
from vocnet.demand.reference import region_neighbours
from vocnet.registry.models import Membership, Role

DEFAULT_SEED = 2025
ROUND_NAME = "2026학년도 현장실습 1차 매칭(경기도 전체·합성 데모)"
PARTICIPATION = 0.85
SCHOOLS_RECOMMENDING = 0.9
OFFERS_RANKED = 0.3
UNRANKED_SHARE = 0.1
OWN_REGION_BOOST = 2.0
BATCH = 5000


def demo_round() -> PlacementRound | None:
    return PlacementRound.objects.filter(is_synthetic=True, name=ROUND_NAME).first()


def reset_clearinghouse_demo() -> None:
    """Delete the demo's rounds, and every other round holding demo students or offers (so
    the placements and registry demos can be reset after it), with everything in them. The
    placements the rounds created stay for the placements demo's reset."""
    touching = Q(student__is_synthetic=True) | Q(offer__is_synthetic=True)
    rounds = set(
        PlacementRound.objects.filter(
            Q(is_synthetic=True)
            | Q(pk__in=RoundOutcome.objects.filter(touching).values("round_id"))
            | Q(pk__in=StudentPreference.objects.filter(touching).values("round_id"))
        ).values_list("pk", flat=True)
    )
    while True:  # follow-ups of those rounds point at them (PROTECT)
        more = set(
            PlacementRound.objects.filter(parent_id__in=rounds)
            .exclude(pk__in=rounds)
            .values_list("pk", flat=True)
        )
        if not more:
            break
        rounds |= more
    RoundOutcome.objects.filter(round_id__in=rounds).delete()
    RoundRun.objects.filter(round_id__in=rounds).delete()
    for model in (StudentPreference, OfferRanking, SchoolRecommendation):
        model.objects.filter(round_id__in=rounds).delete()
    PlacementRound.objects.filter(pk__in=rounds).update(parent=None)
    PlacementRound.objects.filter(pk__in=rounds).delete()


def _login(username: str, role: str) -> Any:
    membership = (
        Membership.objects.filter(user__username=username, role=role, is_active=True)
        .select_related("user", "organisation")
        .first()
    )
    return membership


def _province_officer() -> Any:
    membership = _login("province", Role.PROVINCE_OFFICER) or (
        Membership.objects.filter(role=Role.PROVINCE_OFFICER, is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership is not None else None


def _counts(placement_round: PlacementRound, seconds: float) -> dict[str, int]:
    run = placement_round.runs.filter(status="succeeded").first()
    statistics = (run.statistics if run else None) or {}
    return {
        "rounds": 1,
        "preferences": StudentPreference.objects.filter(round=placement_round).count(),
        "students": statistics.get("student_count", 0),
        "matched": statistics.get("matched_count", 0),
        "ranked_offers": OfferRanking.objects.filter(round=placement_round)
        .values("offer_id")
        .distinct()
        .count(),
        "recommendations": SchoolRecommendation.objects.filter(round=placement_round).count(),
        "milliseconds": int(seconds * 1000),
    }


def load_clearinghouse_demo(
    *, seed: int = DEFAULT_SEED, today: date | None = None
) -> dict[str, int]:
    """Load the demo round (idempotent: an existing demo round is left as it is) and return
    its figures. Without published offers of vetted hosts (no placements demo) it loads
    nothing and says so in the counts (``rounds`` 0)."""
    started = time.perf_counter()
    existing = demo_round()
    if existing is not None:
        return _counts(existing, time.perf_counter() - started)
    officer = _province_officer()
    placement_round = build_demo_round(seed=seed, today=today, officer=officer)
    if placement_round is None:
        return {"rounds": 0, "offers": 0}
    run = round_start_run(actor=officer, placement_round=placement_round, enqueue=False)
    run_round_task.call(run.pk)
    placement_round.refresh_from_db()
    if placement_round.status == RoundStatus.MATCHED:
        round_publish(actor=officer, placement_round=placement_round)
    return _counts(placement_round, time.perf_counter() - started)


def build_demo_round(
    *, seed: int = DEFAULT_SEED, today: date | None = None, officer: Any = None
) -> PlacementRound | None:
    """The demo round, closed, with its students' lists, schools' orders and companies'
    rankings (not yet run); None when there is no province officer or no offer."""
    officer = officer or _province_officer()
    if officer is None:
        return None
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        placement_round = _round(seed, officer)
        offers = list(
            scope_offers(placement_round, on=today).values_list(
                "pk", "ncs_middle_id", "region__sigungu_code", "company_id"
            )
        )
        if not offers:
            placement_round.delete()
            return None
        chosen = _preferences(placement_round, offers, rng)
        _recommendations(placement_round, chosen, rng)
        _rankings(placement_round, offers, chosen, rng)
    return placement_round


def _insert(model: Any, columns: tuple[str, ...], rows: Sequence[tuple[int, ...]]) -> None:
    """Insert plain rows with ``executemany`` — the ORM's bulk_create builds a model object
    and prepares every value of 70,000 rows, several times slower; the timestamps are set
    here as the model's ``auto_now_add`` would."""
    if not rows:
        return
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    stamps = [f.column for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    stamps += [
        f.column
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) and f.column not in stamps
    ]
    names = ", ".join(connection.ops.quote_name(name) for name in (*columns, *stamps))
    marks = ", ".join(["%s"] * (len(columns) + len(stamps)))
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({names}) VALUES ({marks})"
    )
    extra = (now,) * len(stamps)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [(*row, *extra) for row in rows[start : start + BATCH]])


def _round(seed: int, officer: Any) -> PlacementRound:
    now = timezone.now()
    return PlacementRound.objects.create(
        name=ROUND_NAME,
        support_office=None,
        preference_deadline=now - timedelta(days=20),
        ranking_deadline=now - timedelta(days=13),
        max_choices=5,
        status=RoundStatus.CLOSED,
        seed=random.Random(seed).getrandbits(48),
        is_synthetic=True,
        created_by=officer,
        opened_at=now - timedelta(days=35),
        closed_at=now - timedelta(days=20),
    )


def _preferences(
    placement_round: PlacementRound, offers: list[tuple[int, int, str, int]], rng: random.Random
) -> dict[int, tuple[int, list[int]]]:
    """Write the students' lists; returns student → (school, offers in rank order)."""
    popularity = {pk: rng.paretovariate(1.3) for pk, *_ in offers}
    by_field_region: dict[tuple[int, str], list[int]] = defaultdict(list)
    for pk, field, region, _company in offers:
        by_field_region[(field, region)].append(pk)
    neighbours = region_neighbours()
    demo_student = (
        Membership.objects.filter(user__username="student", role=Role.STUDENT)
        .values_list("user__student_record__pk", flat=True)
        .first()
    )
    students = (
        scope_students(placement_round)
        .filter(school__organisation__region__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "school_id",
            "department__ncs_middle_id",
            "school__organisation__region__sigungu_code",
        )
    )
    chosen: dict[int, tuple[int, list[int]]] = {}
    rows: list[tuple[int, int, int, int]] = []
    for student_id, school_id, field, region in students.iterator(chunk_size=BATCH):
        takes_part = rng.random() < PARTICIPATION or student_id == demo_student
        if not takes_part:
            continue
        candidates = [
            (pk, OWN_REGION_BOOST if area == region else 1.0)
            for area in (region, *sorted(neighbours.get(region, ())))
            for pk in by_field_region.get((field, area), ())
        ]
        if not candidates:
            continue
        count = min(rng.randint(3, 5), len(candidates))
        keyed = heapq.nlargest(
            count,
            ((rng.random() ** (1.0 / (popularity[pk] * boost)), pk) for pk, boost in candidates),
        )
        ranked = [pk for _key, pk in keyed]
        chosen[student_id] = (school_id, ranked)
        rows += [
            (placement_round.pk, student_id, pk, rank) for rank, pk in enumerate(ranked, start=1)
        ]
    _insert(StudentPreference, ("round_id", "student_id", "offer_id", "rank"), rows)
    return chosen


def _recommendations(
    placement_round: PlacementRound,
    chosen: dict[int, tuple[int, list[int]]],
    rng: random.Random,
) -> None:
    by_school: dict[int, list[int]] = defaultdict(list)
    for student_id, (school_id, _offers) in chosen.items():
        by_school[school_id].append(student_id)
    demo_school = _login("school", Role.SCHOOL_STAFF)
    rows: list[tuple[int, int, int, int]] = []
    for school_id in sorted(by_school):
        recommends = rng.random() < SCHOOLS_RECOMMENDING
        if not recommends and not (demo_school and demo_school.organisation_id == school_id):
            continue
        order = sorted(by_school[school_id])
        rng.shuffle(order)
        rows += [
            (placement_round.pk, school_id, student_id, rank)
            for rank, student_id in enumerate(order, start=1)
        ]
    _insert(SchoolRecommendation, ("round_id", "school_id", "student_id", "rank"), rows)


def _rankings(
    placement_round: PlacementRound,
    offers: list[tuple[int, int, str, int]],
    chosen: dict[int, tuple[int, list[int]]],
    rng: random.Random,
) -> None:
    applicants: dict[int, list[int]] = defaultdict(list)
    for student_id, (_school, ranked) in chosen.items():
        for pk in ranked:
            applicants[pk].append(student_id)
    demo_company = _login("company", Role.COMPANY_STAFF)
    demo_company_id = demo_company.organisation_id if demo_company else None
    rows: list[tuple[int, int, int, int]] = []
    for pk, _field, _region, company_id in offers:
        applied = sorted(applicants.get(pk, ()))
        if not applied:
            continue
        if rng.random() >= OFFERS_RANKED and company_id != demo_company_id:
            continue
        bands = max(1, len(applied) // 2)
        for student_id in applied:
            if rng.random() < UNRANKED_SHARE:
                continue
            rows.append((placement_round.pk, pk, student_id, 1 + int(rng.random() * bands)))
    _insert(OfferRanking, ("round_id", "offer_id", "student_id", "rank"), rows)
