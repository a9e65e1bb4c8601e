"""Review: conflicts refused with the reason, scores in range, blind stage 1, independence,
closing a stage, the decision within the quota, feedback without reviewers, objections."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from vocnet.core.errors import NotFound, ValidationFailed
from vocnet.programmes.models import Application, Decision, Objection, Score, StageResult
from vocnet.programmes.selectors import (
    applicant_feedback,
    application_for_review,
    scores_visible,
)
from vocnet.programmes.services import application_submit
from vocnet.programmes.services.review import (
    DecisionInput,
    ItemScoreInput,
    decisions_record,
    objection_lodge,
    reviewer_assign,
    scores_submit,
    stage_close,
)
from vocnet.programmes.tests.factories import DURING, published_call, ready_application
from vocnet.registry.models import Organisation
from vocnet.registry.tests import factories as f
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(world: World, orgs: dict[str, Organisation]) -> dict[str, Any]:
    """Gyeonggi's blind pre-screen: school A (with the city and company A) and school B (with
    the university) submitted; two external experts and a university reviewer in stage 1."""
    officer = world.user("province_officer")
    call = published_call(
        officer,
        orgs["education_office"],
        kind_code="gg_regional_winwin",
        title="2025 경기 협약형 특성화고 사전 심사",
        quota=1,
        is_blind=True,
    )
    stage1 = call.stages.get(number=1)
    stage1.shortlist_size = 1
    stage1.save()
    a = ready_application(
        world.user("school_staff_a"), call, orgs["school_a"], [orgs["city"], orgs["company_a"]]
    )
    b = ready_application(
        world.user("school_staff_b"), call, orgs["school_b"], [orgs["university"]]
    )
    for staff, application in (("school_staff_a", a), ("school_staff_b", b)):
        application_submit(actor=world.user(staff), application=application, now=DURING)
        application.refresh_from_db()
    experts = [f.UserFactory(username=f"expert{n}") for n in (1, 2)]
    r1, r2 = (
        reviewer_assign(actor=officer, stage=stage1, user=u, organisation_id=None, is_external=True)
        for u in experts
    )
    r3 = reviewer_assign(
        actor=officer,
        stage=stage1,
        user=world.user("university_staff"),
        organisation_id=orgs["university"].pk,
        is_external=False,
    )
    return {"call": call, "stage1": stage1, "a": a, "b": b, "r1": r1, "r2": r2, "r3": r3}


def all_items(call: Any, share: Decimal) -> list[ItemScoreInput]:
    return [
        ItemScoreInput(item.code, (item.max_points * share).quantize(Decimal("0.01")), "근거 의견")
        for item in call.rubric_items.all()
    ]


def test_a_reviewer_whose_organisation_is_a_party_is_refused_with_the_reason(
    setting: dict[str, Any],
) -> None:
    # given the university's reviewer and school B's application, to which the university is a party
    r3, b = setting["r3"], setting["b"]
    # when they score it
    with pytest.raises(ValidationFailed) as caught:
        scores_submit(
            actor=r3.user,
            assignment=r3,
            application=b,
            scores=all_items(setting["call"], Decimal("0.5")),
        )
    # then the refusal names the organisation and the rule; nothing written
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("application", "conflict_of_interest")
    assert "시험대학교" in problem.message_ko
    assert "Conflict of interest" in problem.message_en
    assert Score.objects.count() == 0


def test_a_score_out_of_range_is_refused_naming_the_item_and_range(setting: dict[str, Any]) -> None:
    r1, a, call = setting["r1"], setting["a"], setting["call"]
    scores = all_items(call, Decimal("0.5"))
    scores[0] = ItemScoreInput("education_plan.vision", Decimal("10.5"), "과다")
    with pytest.raises(ValidationFailed) as caught:
        scores_submit(actor=r1.user, assignment=r1, application=a, scores=scores)
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("scores[0].points", "out_of_range")
    assert "0~10점" in problem.message_ko
    assert "scored 0–10 (got 10.5)" in problem.message_en
    assert Score.objects.count() == 0


def test_stage_1_of_a_blind_call_shows_codes_not_names(setting: dict[str, Any]) -> None:
    r1, a = setting["r1"], setting["a"]
    view = application_for_review(r1.user, r1.pk, a.pk)
    assert view.is_blind
    assert view.lead_name == "A-01"
    assert view.title == "A-01"
    assert [p.name for p in view.parties] == ["A-01-0", "A-01-1", "A-01-2"]
    names = {"시흥미래공업고등학교", "시흥시"}
    assert not names & {view.lead_name, view.title, *(p.name for p in view.parties)}


def test_reviewers_see_only_their_own_scores_until_the_stage_closes(
    world: World, setting: dict[str, Any]
) -> None:
    call, stage1, a, b, r1, r2 = (setting[k] for k in ("call", "stage1", "a", "b", "r1", "r2"))
    for reviewer, share_a, share_b in ((r1, "0.9", "0.6"), (r2, "0.8", "0.7")):
        scores_submit(
            actor=reviewer.user,
            assignment=reviewer,
            application=a,
            scores=all_items(call, Decimal(share_a)),
        )
        scores_submit(
            actor=reviewer.user,
            assignment=reviewer,
            application=b,
            scores=all_items(call, Decimal(share_b)),
        )
    own = {s.assignment_id for s in scores_visible(r1.user, stage1.pk)}
    assert own == {r1.pk}
    # the applicant sees nothing before the decision
    assert scores_visible(world.user("school_staff_a"), stage1.pk).count() == 0
    # when the officer closes the stage (r3 did not score: conflicted with B, absent for A)
    results = stage_close(actor=world.user("province_officer"), stage=stage1)
    # then A ranks first (mean 85 + bonus) and alone is shortlisted; reviewers see every score
    assert [(r.application_id, r.rank, r.is_shortlisted) for r in results] == [
        (a.pk, 1, True),
        (b.pk, 2, False),
    ]
    assert results[0].total == Decimal("87.55")
    assert {s.assignment_id for s in scores_visible(r1.user, stage1.pk)} == {r1.pk, r2.pk}


def _decide(world: World, setting: dict[str, Any]) -> None:
    call, a, b, r1 = setting["call"], setting["a"], setting["b"], setting["r1"]
    for application, share in ((a, "0.8"), (b, "0.7")):
        scores_submit(
            actor=r1.user,
            assignment=r1,
            application=application,
            scores=all_items(call, Decimal(share)),
        )
    stage_close(actor=world.user("province_officer"), stage=setting["stage1"])


def test_deciding_beyond_the_quota_is_refused_and_nothing_is_written(
    world: World, setting: dict[str, Any]
) -> None:
    _decide(world, setting)
    with pytest.raises(ValidationFailed) as caught:
        decisions_record(
            actor=world.user("province_officer"),
            call=setting["call"],
            decisions=[
                DecisionInput(setting["a"].pk, "nominated", "1위"),
                DecisionInput(setting["b"].pk, "nominated", "2위"),
            ],
            now=DURING,
        )
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("decisions", "quota_exceeded")
    assert "1곳" in problem.message_ko
    assert "quota is 1" in problem.message_en
    assert Decision.objects.count() == 0


def test_applicants_see_their_scores_and_comments_after_the_decision_never_the_reviewers(
    world: World, setting: dict[str, Any]
) -> None:
    _decide(world, setting)
    staff_b = world.user("school_staff_b")
    with pytest.raises(NotFound):
        applicant_feedback(staff_b, setting["b"].pk)
    decisions_record(
        actor=world.user("province_officer"),
        call=setting["call"],
        decisions=[
            DecisionInput(setting["a"].pk, "nominated", "서면평가 1위"),
            DecisionInput(setting["b"].pk, "pilot", "경기협약형 1년 시범 운영"),
        ],
        now=DURING,
    )
    feedback = applicant_feedback(staff_b, setting["b"].pk)
    assert (feedback.outcome, feedback.reasons) == ("pilot", "경기협약형 1년 시범 운영")
    first = feedback.stages[1][0]
    assert (first.item, first.max_points, first.mean_points, first.comments) == (
        "비전·목표와 지역 산업의 연계",
        Decimal("10.00"),
        Decimal("7.00"),
        ("근거 의견",),
    )
    rendered = repr(feedback)
    assert "expert1" not in rendered
    assert "R-01" not in rendered
    with pytest.raises(NotFound):
        applicant_feedback(staff_b, setting["a"].pk)
    # the objection window: 7 days from the decision
    objection_lodge(
        actor=staff_b, application=setting["b"], text="재검토 요청", now=DURING + timedelta(days=7)
    )
    with pytest.raises(ValidationFailed) as caught:
        objection_lodge(
            actor=staff_b,
            application=setting["b"],
            text="늦은 요청",
            now=DURING + timedelta(days=7, minutes=1),
        )
    assert caught.value.problems[0].code == "objection_window_closed"
    assert Objection.objects.count() == 1


def test_stage_2_scores_only_shortlisted_applications(
    world: World, setting: dict[str, Any]
) -> None:
    _decide(world, setting)
    stage2 = setting["call"].stages.get(number=2)
    reviewer = reviewer_assign(
        actor=world.user("province_officer"),
        stage=stage2,
        user=f.UserFactory(username="expert9"),
        organisation_id=None,
        is_external=True,
    )
    b: Application = setting["b"]
    with pytest.raises(ValidationFailed) as caught:
        scores_submit(
            actor=reviewer.user,
            assignment=reviewer,
            application=b,
            scores=all_items(setting["call"], Decimal("1")),
        )
    assert ("application", "not_shortlisted") in [(p.field, p.code) for p in caught.value.problems]
    assert StageResult.objects.filter(stage=stage2).count() == 0
    assert Score.objects.filter(assignment=reviewer).count() == 0
