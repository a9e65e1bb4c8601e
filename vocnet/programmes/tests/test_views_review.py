"""Review in the browser: the officer builds the pool, reviewers declare and score (blind in
stage 1, refused with the reason on a conflict, each item within range), nobody sees the
others' scores until the stage closes, the officer ranks and decides, and the applicant sees
the mean points and comments — never who gave them — and objects within the window."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from vocnet.programmes.models import (
    ConflictDeclaration,
    Decision,
    Objection,
    ReviewerAssignment,
    Score,
    StageResult,
)
from vocnet.programmes.services import application_submit
from vocnet.programmes.tests.factories import DURING, published_call, ready_application
from vocnet.registry.models import Organisation
from vocnet.registry.tests import factories as f
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    client: Any = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def setting(world: World, orgs: dict[str, Organisation]) -> dict[str, Any]:
    """Gyeonggi's blind pre-screen: school A (with the city and company A) and school B (with
    the university) submitted; the call's stage 1 shortlists 1."""
    officer = world.user("province_officer")
    call = published_call(
        officer,
        orgs["education_office"],
        kind_code="gg_regional_winwin",
        title="2025 경기 협약형 특성화고 사전 심사",
        quota=1,
        is_blind=True,
    )
    stage = call.stages.get(number=1)
    stage.shortlist_size = 1
    stage.save()
    a = ready_application(
        world.user("school_staff_a"), call, orgs["school_a"], [orgs["city"], orgs["company_a"]]
    )
    b = ready_application(
        world.user("school_staff_b"), call, orgs["school_b"], [orgs["university"]]
    )
    for staff, application in (("school_staff_a", a), ("school_staff_b", b)):
        application_submit(actor=world.user(staff), application=application, now=DURING)
    experts = [f.UserFactory(username=f"expert{n}") for n in (1, 2)]
    client = _client(officer)
    for expert in experts:
        client.post(
            f"/programmes/calls/{call.pk}/review/",
            {"stage": stage.pk, "username": expert.username, "is_external": "on"},
        )
    client.post(
        f"/programmes/calls/{call.pk}/review/",
        {"stage": stage.pk, "username": world.user("university_staff").username},
    )
    return {"call": call, "stage": stage, "a": a, "b": b, "experts": experts, "officer": client}


def _scores(call: Any, share: str, comment: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"action": "scores"}
    for item in call.rubric_items.all():
        data[f"points_{item.pk}"] = str(
            (item.max_points * Decimal(share)).quantize(Decimal("0.01"))
        )
        data[f"comment_{item.pk}"] = comment
    data.update(overrides)
    return data


def _url(assignment: ReviewerAssignment, application: Any) -> str:
    return f"/programmes/review/{assignment.pk}/applications/{application.pk}/"


def test_the_officer_builds_the_pool_with_each_reviewers_organisation(
    world: World, setting: dict[str, Any], orgs: dict[str, Organisation]
) -> None:
    pool = ReviewerAssignment.objects.filter(stage=setting["stage"]).order_by("code")
    assert [(r.code, r.is_external, r.organisation_id) for r in pool] == [
        ("R-01", True, None),
        ("R-02", True, None),
        ("R-03", False, orgs["university"].pk),
    ]
    page = setting["officer"].get(f"/programmes/calls/{setting['call'].pk}/review/")
    assert "R-03" in page.content.decode()


def test_a_reviewer_whose_organisation_is_a_party_is_refused_with_the_reason(
    world: World, setting: dict[str, Any]
) -> None:
    # given the university's reviewer and school B's application, to which it is a party
    reviewer = world.user("university_staff")
    assignment = ReviewerAssignment.objects.get(user=reviewer)
    client = _client(reviewer)
    # when they open it and try to score it anyway
    page = client.get(_url(assignment, setting["b"])).content.decode()
    response = client.post(_url(assignment, setting["b"]), _scores(setting["call"], "1", "좋음"))
    # then the page names the organisation and the rule, and nothing is written
    assert "이해충돌" in page
    assert "컨소시엄 구성 기관" in page
    assert response.status_code == 200
    assert Score.objects.count() == 0


def test_stage_1_is_blind_and_scores_out_of_range_are_refused_on_the_item(
    world: World, setting: dict[str, Any]
) -> None:
    expert = setting["experts"][0]
    assignment = ReviewerAssignment.objects.get(user=expert)
    client = _client(expert)
    page = client.get(_url(assignment, setting["a"])).content.decode()
    # blind: neither the school nor its partners are named
    assert setting["a"].lead_organisation.name_ko not in page
    assert "A-01" in page
    # the vision item is worth 10: 11 is refused on its field; nothing written
    vision = setting["call"].rubric_items.get(code="education_plan.vision")
    response = client.post(
        _url(assignment, setting["a"]),
        _scores(setting["call"], "0.5", "의견", **{f"points_{vision.pk}": "11"}),
    )
    assert response.context["score_form"].errors[f"points_{vision.pk}"] == [
        "'비전·목표와 지역 산업의 연계' 점수는 0~10점이어야 합니다(입력 11)."
    ]
    assert Score.objects.count() == 0


def test_a_declared_conflict_is_recorded_and_blocks_scoring(
    world: World, setting: dict[str, Any]
) -> None:
    expert = setting["experts"][1]
    assignment = ReviewerAssignment.objects.get(user=expert)
    client = _client(expert)
    # a conflict without a reason is refused; with one it is recorded
    client.post(_url(assignment, setting["a"]), {"action": "conflict", "has_conflict": "yes"})
    assert ConflictDeclaration.objects.count() == 0
    client.post(
        _url(assignment, setting["a"]),
        {"action": "conflict", "has_conflict": "yes", "reason": "前 재직 학교"},
    )
    assert ConflictDeclaration.objects.get().reason == "前 재직 학교"
    client.post(_url(assignment, setting["a"]), _scores(setting["call"], "1", "좋음"))
    assert Score.objects.count() == 0


def test_independent_scoring_then_ranking_decision_feedback_and_objection(
    world: World, setting: dict[str, Any]
) -> None:
    call, a, b = setting["call"], setting["a"], setting["b"]
    one, two = (ReviewerAssignment.objects.get(user=e) for e in setting["experts"])
    c1, c2 = _client(one.user), _client(two.user)
    for client, assignment, shares, comment in (
        (c1, one, ("0.9", "0.6"), "첫째 의견"),
        (c2, two, ("0.8", "0.7"), "둘째 의견"),
    ):
        for application, share in zip((a, b), shares, strict=True):
            response = client.post(_url(assignment, application), _scores(call, share, comment))
            assert response.status_code == 302
    # before the stage closes, expert 1 never sees expert 2's comments
    assert "둘째 의견" not in c1.get(_url(one, a)).content.decode()
    # the officer closes stage 1: A ranks first and alone is shortlisted
    setting["officer"].post(f"/programmes/stages/{setting['stage'].pk}/close/")
    results = dict(StageResult.objects.values_list("application_id", "is_shortlisted"))
    assert results == {a.pk: True, b.pk: False}
    # now expert 1 sees the others' scores
    assert "둘째 의견" in c1.get(_url(one, a)).content.decode()
    # the officer decides: A nominated to the Ministry, B a one-year 경기협약형 pilot
    setting["officer"].post(
        f"/programmes/calls/{call.pk}/decisions/",
        {
            f"outcome_{a.pk}": "nominated",
            f"reasons_{a.pk}": "서면평가 1위",
            f"outcome_{b.pk}": "pilot",
            f"reasons_{b.pk}": "경기협약형 1년 시범 운영",
        },
    )
    assert Decision.objects.count() == 2
    # school B sees its mean points and the comments, never a reviewer's name or code
    staff_b = _client(world.user("school_staff_b"))
    page = staff_b.get(f"/programmes/applications/{b.pk}/result/").content.decode()
    assert "1년 시범 운영 지정" in page
    assert "6.50" in page  # vision: (6 + 7) / 2
    assert "expert1" not in page
    assert "둘째 의견" in page
    assert "R-01" not in page
    assert "R-02" not in page
    # and objects within the window; the university (a party, not the lead) may not
    staff_b.post(f"/programmes/applications/{b.pk}/result/", {"text": "재검토 요청"})
    assert Objection.objects.get().text == "재검토 요청"
    university = _client(world.user("university_staff"))
    response = university.post(f"/programmes/applications/{b.pk}/result/", {"text": "x"})
    assert response.status_code == 403
    assert Objection.objects.count() == 1


def test_a_decision_over_the_quota_is_refused_and_writes_nothing(
    world: World, setting: dict[str, Any]
) -> None:
    call, a, b = setting["call"], setting["a"], setting["b"]
    response = setting["officer"].post(
        f"/programmes/calls/{call.pk}/decisions/",
        {
            f"outcome_{a.pk}": "nominated",
            f"reasons_{a.pk}": "1위",
            f"outcome_{b.pk}": "nominated",
            f"reasons_{b.pk}": "2위",
        },
    )
    assert response.status_code == 200
    assert "선정(추천) 규모 1곳을 넘습니다(2곳)." in response.content.decode()
    assert Decision.objects.count() == 0


def test_the_queue_and_the_overview_take_a_bounded_number_of_queries(
    world: World, setting: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    # given 3 reviewers and 2 submitted applications (one in conflict with the university)
    reviewer = _client(world.user("university_staff"))
    # when the reviewer opens their queue and the officer the review page
    with django_assert_max_num_queries(25):
        queue = reviewer.get("/programmes/review/")
    with django_assert_max_num_queries(25):
        overview = setting["officer"].get(f"/programmes/calls/{setting['call'].pk}/review/")
    # then both render, the conflict named in the queue
    assert "컨소시엄 구성 기관" in queue.content.decode()
    assert overview.status_code == 200


def test_a_nominee_the_ministry_did_not_select_becomes_a_one_year_pilot(
    world: World, setting: dict[str, Any], ministry: Any
) -> None:
    from vocnet.core.models import AuditEvent
    from vocnet.programmes.models import Call, Outcome
    from vocnet.programmes.services.review import DecisionInput, decisions_record

    # given the province nominated school A to the Ministry's call
    ministry_org, ministry_officer = ministry
    ministry_call = published_call(ministry_officer, ministry_org)
    Call.objects.filter(pk=setting["call"].pk).update(nominates_to=ministry_call)
    a = setting["a"]
    setting["officer"].post(
        f"/programmes/calls/{setting['call'].pk}/decisions/",
        {f"outcome_{a.pk}": "nominated", f"reasons_{a.pk}": "서면평가 1위"},
    )
    decision = Decision.objects.get(application=a)
    url = f"/programmes/decisions/{decision.pk}/pilot/"
    # when the province designates it a pilot before the Ministry decided: refused
    audits = AuditEvent.objects.count()
    response = setting["officer"].post(url, {"reasons": "시범 운영"}, follow=True)
    assert "미선정&#x27;으로 결정된 뒤에만" in response.content.decode()
    decision.refresh_from_db()
    assert decision.outcome == Outcome.NOMINATED
    assert AuditEvent.objects.count() == audits
    # then the Ministry does not select school A's application to its own call
    staff = world.user("school_staff_a")
    moe = ready_application(staff, ministry_call, world.school_a.organisation, [])
    application_submit(actor=staff, application=moe, now=DURING)
    decisions_record(
        actor=ministry_officer,
        call=ministry_call,
        decisions=[DecisionInput(moe.pk, "not_selected", "정원 초과")],
        now=DURING,
    )
    # and the province designates the one-year pilot
    setting["officer"].post(url, {"reasons": "경기협약형 1년 시범 운영, 내년 재도전"})
    decision.refresh_from_db()
    assert (decision.outcome, decision.reasons) == (
        Outcome.PILOT,
        "경기협약형 1년 시범 운영, 내년 재도전",
    )
