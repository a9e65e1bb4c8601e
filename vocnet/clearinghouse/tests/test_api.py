"""The clearinghouse API: bodies, errors that name the field and the rule, the run's payload
that replays to its hash, exports that need a reason, and bounded lists."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vocnet.clearinghouse.models import PlacementRound, RoundStatus, StudentPreference
from vocnet.clearinghouse.services import round_publish, round_start_run, run_execute
from vocnet.clearinghouse.snapshot import result_json, run_snapshot, snapshot_hash
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import EARLY, Market
from vocnet.privacy.models import PersonalDataAccess
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db


def _client(market: Market, persona: str) -> Client:
    client = Client()
    sign_in(client, market.user(persona))
    return client


def _json(client: Client, method: str, path: str, body: dict[str, Any]) -> Any:
    return client.generic(method, path, json.dumps(body), content_type="application/json")


def _published(market: Market) -> Any:
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    cf.prefer(market.round, market.student_b, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_b, 1), (market.student_a, 2))
    market.round.status = RoundStatus.CLOSED
    market.round.save()
    run = round_start_run(
        override_reason=EARLY, actor=market.user("province_officer"), placement_round=market.round
    )
    run = run_execute(run_id=run.pk)
    round_publish(actor=market.user("province_officer"), placement_round=market.round)
    return run


def test_the_support_office_creates_a_round_of_its_office(market: Market) -> None:
    # given the 시흥 support office's officer
    office = market.world.school_a.organisation.region.support_office
    now = timezone.now()
    # when it posts a round of its office
    response = _json(
        _client(market, "support_office_officer"),
        "POST",
        "/api/clearinghouse/rounds",
        {
            "name": "시흥 1차",
            "support_office_id": office.pk,
            "preference_deadline": (now + timedelta(days=3)).isoformat(),
            "ranking_deadline": (now + timedelta(days=5)).isoformat(),
        },
    )
    # then it is created in draft with a seed, scoped to the office
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["scope"], body["support_office"]["id"]) == (
        "draft",
        "support_office",
        office.pk,
    )
    assert body["seed"] == PlacementRound.objects.get(pk=body["id"]).seed


def test_a_late_preference_is_refused_naming_the_deadline_field(market: Market) -> None:
    # given a round whose preference deadline has passed
    market.round.preference_deadline = timezone.now() - timedelta(hours=1)
    market.round.save()
    # when the student sends a list
    response = _json(
        _client(market, "student"),
        "PUT",
        f"/api/clearinghouse/rounds/{market.round.pk}/preferences",
        {"student_id": market.student_a.pk, "offer_ids": [market.offer_a.pk]},
    )
    # then 409 names the field and the rule in both languages, and nothing was written
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "deadline_passed"
    assert [error["field"] for error in body["errors"]] == ["preference_deadline"]
    assert body["message_ko"].startswith("preference_deadline: 학생 지망 마감(")
    assert body["message_en"].startswith("preference_deadline: The preference deadline (")
    assert StudentPreference.objects.count() == 0


def test_starting_a_run_enqueues_the_task_once_committed(
    market: Market, django_capture_on_commit_callbacks: Any
) -> None:
    # given a closed round
    market.round.status = RoundStatus.CLOSED
    market.round.save()
    # when the province starts it
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _client(market, "province_officer").post(
            f"/api/clearinghouse/rounds/{market.round.pk}/run?override_reason=early"
        )
    # then the run is queued and one task was handed to the backend on commit
    assert response.status_code == 201
    assert response.json()["status"] == "queued"
    assert len(callbacks) == 1
    # and a second start answers 409
    again = _client(market, "province_officer").post(
        f"/api/clearinghouse/rounds/{market.round.pk}/run?override_reason=early"
    )
    assert again.status_code == 409
    assert again.json()["code"] == "transition_not_allowed"


def test_the_run_payload_replays_to_its_hash_and_result(market: Market) -> None:
    # given a published round
    run = _published(market)
    # when the province fetches the run's payload
    body = _client(market, "province_officer").get(f"/api/clearinghouse/runs/{run.pk}/payload")
    payload = body.json()
    # then hashing the snapshot gives the stored hash, and replaying it gives the result
    assert snapshot_hash(payload["input_snapshot"]) == payload["input_hash"] == run.input_hash
    assert result_json(run_snapshot(payload["input_snapshot"]).result) == payload["result"]


def test_the_run_payload_is_the_provinces_and_each_read_is_logged(market: Market) -> None:
    # given a published round whose snapshot names its students
    run = _published(market)
    in_snapshot = {int(student_id) for student_id, _ in run.input_snapshot["students"]}
    assert in_snapshot
    path = f"/api/clearinghouse/runs/{run.pk}/payload"
    # when a support office asks for the full input, then it is refused and nothing logged
    refused = _client(market, "support_office_officer").get(path)
    assert refused.status_code == 403
    assert refused.json()["message_ko"]
    assert refused.json()["message_en"]
    assert PersonalDataAccess.objects.count() == 0
    # when the province reads it, then each student in it is logged as viewed, once
    assert _client(market, "province_officer").get(path).status_code == 200
    logged = PersonalDataAccess.objects.filter(path=path)
    assert sorted(entry.subject_id for entry in logged) == sorted(in_snapshot)
    assert {(entry.action, entry.subject_kind, entry.actor_username) for entry in logged} == {
        ("view", "registry.student", "province_officer")
    }


def test_the_run_figures_are_public_to_the_rounds_participants(market: Market) -> None:
    run = _published(market)
    body = _client(market, "school_staff_b").get(f"/api/clearinghouse/runs/{run.pk}").json()
    assert body["input_hash"] == run.input_hash
    assert body["engine_version"] == "1.0.0"
    assert body["stability"]["is_stable"] is True
    assert body["statistics"]["rank_distribution"] == {"1": 1, "2": 1}


def test_the_export_without_a_reason_is_refused_naming_reason(market: Market) -> None:
    _published(market)
    response = _client(market, "province_officer").post(
        f"/api/clearinghouse/rounds/{market.round.pk}/results.xlsx"
    )
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["reason"]
    assert PersonalDataAccess.objects.filter(action="export").count() == 0


def test_results_are_paginated_in_a_bounded_number_of_queries(
    market: Market, django_assert_max_num_queries: Any
) -> None:
    # given a published round
    _published(market)
    client = _client(market, "province_officer")
    # when the results are listed, then they come with their offers in few queries
    with django_assert_max_num_queries(14):
        response = client.get(f"/api/clearinghouse/rounds/{market.round.pk}/results?limit=1")
    body = response.json()
    assert body["count"] == 2
    assert len(body["items"]) == 1
    # and the access log holds the student shown, not the whole list
    logged = PersonalDataAccess.objects.filter(action="view").values_list("subject_id", flat=True)
    assert list(logged) == [body["items"][0]["student_id"]]


def test_a_company_reads_its_applicants_without_their_choice_ranks(market: Market) -> None:
    # given students A and B applied to A1 (A as second choice)
    cf.prefer(market.round, market.student_a, market.offer_b, market.offer_a)
    cf.prefer(market.round, market.student_b, market.offer_a)
    # when company A lists A1's applicants
    body = (
        _client(market, "company_staff")
        .get(f"/api/clearinghouse/rounds/{market.round.pk}/applicants?offer_id={market.offer_a.pk}")
        .json()
    )
    # then both show, unranked (the school order is taken), with no choice rank
    assert body["uses_school_order"] is True
    assert sorted(a["student_id"] for a in body["applicants"]) == sorted(
        [market.student_a.pk, market.student_b.pk]
    )
    assert set(body["applicants"][0]) == {
        "student_id",
        "name",
        "student_number",
        "school_name_ko",
        "department_name_ko",
        "rank",
    }
