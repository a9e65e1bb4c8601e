"""The review API's refusals: a score out of range, a reviewer whose organisation is a party, a
late submission and a plan over 30 pages each answer 422 naming the field and the rule in
Korean and English, and write nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from vocnet.core.models import AuditEvent
from vocnet.programmes.models import ApplicationDocument, ApplicationVersion, Score
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services import application_submit
from vocnet.programmes.services.review import reviewer_assign
from vocnet.programmes.tests.factories import (
    DURING,
    draft_application,
    pdf,
    published_call,
    ready_application,
)
from vocnet.registry.models import Organisation
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    client: Any = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def submitted(world: World, orgs: dict[str, Organisation]) -> dict[str, Any]:
    """School A's application (with the university) submitted to the 2025 call; the
    university's staff member and the support-office officer review stage 1."""
    officer = world.user("province_officer")
    call = published_call(officer, orgs["education_office"])
    staff = world.user("school_staff_a")
    application = ready_application(staff, call, orgs["school_a"], [orgs["university"]])
    application_submit(actor=staff, application=application, now=DURING)
    stage = call.stages.get(number=1)
    assignments = {
        persona: reviewer_assign(
            actor=officer,
            stage=stage,
            user=world.user(persona),
            organisation_id=world.user(persona).memberships.get().organisation_id,
            is_external=False,
        )
        for persona in ("university_staff", "support_office_officer")
    }
    return {"call": call, "application": application, **assignments}


def _payload(call: Any, application: Any, points: Any = None) -> dict[str, Any]:
    return {
        "application_id": application.pk,
        "scores": [
            {
                "item_code": item.code,
                "points": str(item.max_points if points is None else points),
                "comment": "근거",
            }
            for item in call.rubric_items.all()
        ],
    }


def test_a_score_above_the_items_points_answers_422_and_writes_nothing(
    world: World, submitted: dict[str, Any]
) -> None:
    client = _client(world.user("support_office_officer"))
    audits = AuditEvent.objects.count()
    response = client.put(
        f"/api/programmes/assignments/{submitted['support_office_officer'].pk}/scores",
        _payload(submitted["call"], submitted["application"], points=11),
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = {(e["field"], e["code"]) for e in response.json()["errors"]}
    # the 10-point items (vision, operation) and every 4- to 6-point item are out of range
    assert ("scores[0].points", "out_of_range") in errors
    first = response.json()["errors"][0]
    assert (
        first["message_ko"] == "'비전·목표와 지역 산업의 연계' 점수는 0~10점이어야 합니다(입력 11)."
    )
    assert first["message_en"].startswith("'Vision and goals tied to the region's industry'")
    assert Score.objects.count() == 0
    assert AuditEvent.objects.count() == audits


def test_a_reviewer_whose_organisation_is_a_party_answers_422_naming_it(
    world: World, submitted: dict[str, Any], orgs: dict[str, Organisation]
) -> None:
    client = _client(world.user("university_staff"))
    response = client.put(
        f"/api/programmes/assignments/{submitted['university_staff'].pk}/scores",
        _payload(submitted["call"], submitted["application"]),
        content_type="application/json",
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("application", "conflict_of_interest")
    assert orgs["university"].name_ko in error["message_ko"]
    assert orgs["university"].name_ko in error["message_en"]
    assert Score.objects.count() == 0


def test_another_reviewers_assignment_is_404(world: World, submitted: dict[str, Any]) -> None:
    client = _client(world.user("support_office_officer"))
    response = client.put(
        f"/api/programmes/assignments/{submitted['university_staff'].pk}/scores",
        _payload(submitted["call"], submitted["application"]),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Score.objects.count() == 0


def test_a_late_submission_answers_422_citing_the_window(
    world: World, orgs: dict[str, Organisation]
) -> None:
    # given a complete draft to the call that closed 2025-04-24 18:00 (Asia/Seoul)
    call = published_call(world.user("province_officer"), orgs["education_office"])
    staff = world.user("school_staff_a")
    application = ready_application(staff, call, orgs["school_a"], [])
    response = _client(staff).post(f"/api/programmes/applications/{application.pk}/submit")
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "submitted_at"
    assert "2025-04-24 18:00" in error["message_ko"]
    assert "2025-04-24 18:00" in error["message_en"]
    assert ApplicationVersion.objects.count() == 0


def test_a_plan_of_31_pages_answers_422_and_writes_nothing(
    world: World, orgs: dict[str, Organisation]
) -> None:
    call = published_call(
        world.user("province_officer"),
        orgs["education_office"],
        kind_code="gg_regional_winwin",
        opens_at=datetime(2025, 1, 1, tzinfo=SEOUL),
        closes_at=datetime(2099, 12, 31, 18, 0, tzinfo=SEOUL),
    )
    staff = world.user("school_staff_a")
    application = draft_application(staff, call, orgs["school_a"], [])
    response = _client(staff).post(
        f"/api/programmes/applications/{application.pk}/documents",
        {"file": pdf(pages=31), "requirement_code": "development_plan"},
    )
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("page_count", "too_many_pages")
    assert ApplicationDocument.objects.count() == 0
