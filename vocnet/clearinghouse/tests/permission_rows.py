"""Permission-matrix rows of the clearinghouse API.

The world (built by ``_clearinghouse``): students A (school A, 시흥) and B (school B, 수원) and
a second student A2 of school A, all third-year; offer A1 of company A (시흥, 3 seats) and B1
of company B (수원, 2 seats). Rounds: ``round_open`` (province, open; student A ranked A1),
``round_matched`` (province, matched: A → A1), ``round_published`` (province, published: A2 →
A1, B → B1, A unmatched because company A ranked only A2), ``round_draft_a`` and
``round_closed_a`` (시흥 office), ``round_open_b`` (수원 office).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundOutcome,
    RoundRun,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.tests.conftest import EARLY
from vocnet.placements.models import Placement
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

OPERATORS = frozenset({"province_officer", "support_office_officer"})
# Everyone who takes part in a round of the province (not local governments, universities).
SEE_ROUNDS = SIGNED_IN - {"local_government_officer", "university_staff"}
A_SIDE = {"round_open", "round_matched", "round_published", "round_closed_a"}
ROUNDS_VISIBLE = {
    "province_officer": A_SIDE | {"round_draft_a", "round_open_b"},
    "support_office_officer": A_SIDE | {"round_draft_a"},
    "school_staff_a": A_SIDE,
    "school_staff_b": {"round_open", "round_matched", "round_published", "round_open_b"},
    "company_staff": A_SIDE,
    "student": A_SIDE,
    "guardian": A_SIDE,
    "local_government_officer": set(),
    "university_staff": set(),
}
RESULTS_VISIBLE = {
    "province_officer": {"outcome_a", "outcome_a2", "outcome_b"},
    "support_office_officer": {"outcome_a", "outcome_a2"},
    "school_staff_a": {"outcome_a", "outcome_a2"},
    "school_staff_b": {"outcome_b"},
    "company_staff": {"outcome_a2"},
    "student": {"outcome_a"},
    "guardian": {"outcome_a"},
}
ROUND = "/api/clearinghouse/rounds/{round_id}"
RUN = "/api/clearinghouse/runs/{run_id}"


def _clearinghouse(world: World) -> None:
    """Row hook: the offers, rounds, runs and outcomes of the module docstring."""
    if "round_open" in world.objects:
        return
    from vocnet.clearinghouse import services
    from vocnet.clearinghouse.tests import factories as cf

    province = world.user("province_officer")
    student_a, student_b = cf.third_year(world.student_a), cf.third_year(world.student_b)
    student_a2 = cf.ThirdYearStudentFactory(department=world.objects["department_a"])
    offer_a = cf.OfferFactory(company=world.company_a, seats=3)
    offer_b = cf.OfferFactory(company=world.company_b, seats=2)
    office_a = world.school_a.organisation.region.support_office
    office_b = world.school_b.organisation.region.support_office

    def run(placement_round: PlacementRound) -> RoundRun:
        started = services.round_start_run(
            actor=province, placement_round=placement_round, override_reason=EARLY
        )
        done = services.run_execute(run_id=started.pk)
        assert done is not None
        return done

    matched = cf.ClosedRoundFactory(name="도 2차")
    cf.prefer(matched, student_a, offer_a)
    run_matched = run(matched)
    published = cf.ClosedRoundFactory(name="도 1차")
    cf.prefer(published, student_a, offer_a)
    cf.prefer(published, student_a2, offer_a)
    cf.prefer(published, student_b, offer_b)
    cf.rank(published, offer_a, (student_a2, 1))
    run_published = run(published)
    services.round_publish(actor=province, placement_round=published)
    open_round = cf.RoundFactory(name="도 3차")
    cf.prefer(open_round, student_a, offer_a)
    outcomes = {o.student_id: o for o in RoundOutcome.objects.filter(run=run_published)}
    world.objects.update(
        {
            "student_a2": student_a2,
            "offer_a": offer_a,
            "offer_b": offer_b,
            "round_open": open_round,
            "round_matched": matched,
            "round_published": published,
            "round_draft_a": cf.DraftRoundFactory(support_office=office_a),
            "round_closed_a": cf.ClosedRoundFactory(support_office=office_a),
            "round_open_b": cf.RoundFactory(support_office=office_b),
            "run_matched": run_matched,
            "run_published": run_published,
            "outcome_a": outcomes[student_a.pk],
            "outcome_a2": outcomes[student_a2.pk],
            "outcome_b": outcomes[student_b.pk],
        }
    )


def _row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=_clearinghouse, **kwargs)


def _deadlines() -> dict[str, str]:
    now = timezone.now()
    return {
        "preference_deadline": (now + timedelta(days=7)).isoformat(),
        "ranking_deadline": (now + timedelta(days=14)).isoformat(),
    }


def _new_round(office_key: str | None) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        office = None
        if office_key is not None:
            office = getattr(world, office_key).organisation.region.support_office_id
        return {"name": "새 매칭 차수", "support_office_id": office, **_deadlines()}

    return build


def _export_results(client: Client, world: World) -> Any:
    """The results export is a POST: filters in the address, the reason in the body."""
    round_id = world.objects["round_published"].pk
    return client.post(
        f"/api/clearinghouse/rounds/{round_id}/results.xlsx?outcome=matched", {"reason": "확인"}
    )


def _get(
    round_key: str, suffix: str, query: Callable[[World], str]
) -> Callable[[Client, World], Any]:
    """Send hook: GET the round's ``suffix`` with a query string built from the world."""

    def send(client: Client, world: World) -> Any:
        round_id = world.objects[round_key].pk
        return client.get(f"/api/clearinghouse/rounds/{round_id}{suffix}?{query(world)}")

    return send


def _post_early(round_key: str, suffix: str, field: str) -> Callable[[Client, World], Any]:
    """Send hook: POST the round's ``suffix`` with the reason an action before its deadline
    needs (the rows' rounds have their deadlines ahead)."""

    def send(client: Client, world: World) -> Any:
        round_id = world.objects[round_key].pk
        return client.post(f"/api/clearinghouse/rounds/{round_id}{suffix}?{field}=early")

    return send


ROWS: list[Row] = [
    _row(
        "GET",
        "/api/clearinghouse/rounds",
        None,
        SIGNED_IN,
        visible=ROUNDS_VISIBLE,
        list_model="round",
    ),
    _row("POST", "/api/clearinghouse/rounds", None, PROVINCE, _new_round(None)),
    _row("POST", "/api/clearinghouse/rounds", None, OPERATORS, _new_round("school_a")),
    _row("POST", "/api/clearinghouse/rounds", None, PROVINCE, _new_round("school_b")),
    _row("GET", ROUND, "round_open", SEE_ROUNDS),
    _row("GET", ROUND, "round_draft_a", OPERATORS),
    _row("GET", ROUND, "round_open_b", PROVINCE | {"school_staff_b"}),
    _row("PATCH", ROUND, "round_draft_a", OPERATORS, lambda w: {"name": "고친 이름"}),
    _row("PATCH", ROUND, "round_open_b", PROVINCE, lambda w: {"name": "고친 이름"}),
    _row("POST", ROUND + "/open", "round_draft_a", OPERATORS),
    _row(
        "POST",
        ROUND + "/close",
        "round_open",
        PROVINCE,
        send=_post_early("round_open", "/close", "reason"),
    ),
    _row(
        "POST",
        ROUND + "/close",
        "round_open_b",
        PROVINCE,
        send=_post_early("round_open_b", "/close", "reason"),
    ),
    _row(
        "POST",
        ROUND + "/run",
        "round_closed_a",
        OPERATORS,
        send=_post_early("round_closed_a", "/run", "override_reason"),
    ),
    _row("POST", ROUND + "/publish", "round_matched", PROVINCE),
    _row(
        "POST",
        ROUND + "/follow-up",
        "round_published",
        PROVINCE,
        lambda w: {"name": "추가 모집", **_deadlines()},
    ),
    _row("GET", ROUND + "/runs", "round_published", SEE_ROUNDS),
    _row("GET", RUN, "run_matched", OPERATORS),
    _row("GET", RUN, "run_published", SEE_ROUNDS),
    # The full input snapshot names every student of the province: the province only.
    _row("GET", RUN + "/payload", "run_published", PROVINCE),
    _row("GET", ROUND + "/preferences", "round_open", SEE_ROUNDS),
    _row(
        "PUT",
        ROUND + "/preferences",
        "round_open",
        frozenset({"province_officer", "school_staff_a", "student"}),
        lambda w: {
            "student_id": w.student_a.pk,
            "offer_ids": [w.objects["offer_a"].pk, w.objects["offer_b"].pk],
        },
    ),
    _row(
        "GET",
        ROUND + "/applicants",
        "round_open",
        frozenset({"province_officer", "company_staff"}),
        send=_get("round_open", "/applicants", lambda w: f"offer_id={w.objects['offer_a'].pk}"),
    ),
    _row(
        "PUT",
        ROUND + "/rankings",
        "round_open",
        frozenset({"province_officer", "company_staff"}),
        lambda w: {
            "offer_id": w.objects["offer_a"].pk,
            "entries": [{"student_id": w.student_a.pk, "rank": 1}],
        },
    ),
    _row(
        "GET",
        ROUND + "/recommendations",
        "round_open",
        frozenset({"province_officer", "support_office_officer", "school_staff_a"}),
        send=_get("round_open", "/recommendations", lambda w: f"school_id={w.school_a.pk}"),
    ),
    _row(
        "PUT",
        ROUND + "/recommendations",
        "round_open",
        frozenset({"province_officer", "school_staff_a"}),
        lambda w: {"school_id": w.school_a.pk, "student_ids": [w.student_a.pk]},
    ),
    _row(
        "GET",
        ROUND + "/results",
        "round_published",
        SEE_ROUNDS,
        visible=RESULTS_VISIBLE,
        list_model="outcome",
    ),
    _row(
        "POST",
        ROUND + "/results.xlsx",
        "round_published",
        SEE_ROUNDS,
        send=_export_results,
        read_only=True,
    ),
]

COUNTED = (
    PlacementRound,
    StudentPreference,
    OfferRanking,
    SchoolRecommendation,
    RoundRun,
    RoundOutcome,
    Placement,
)
