"""The clearinghouse pages for each role: operators run a round, schools enter lists and their
order, companies rank applicants, students and guardians see their own; lists run a bounded
number of queries; every page showing students writes the access log."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vocnet.clearinghouse import selectors
from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.services import round_publish, round_start_run, run_execute
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import EARLY, Market
from vocnet.core.models import AuditEvent
from vocnet.placements.models import Placement, PlacementStatus
from vocnet.privacy.models import PersonalDataAccess
from vocnet.spreadsheets.testing import open_xlsx
from vocnet.testing import sign_in

pytestmark = pytest.mark.django_db


def _client(market: Market, persona: str) -> Client:
    client = Client()
    sign_in(client, market.user(persona))
    return client


def _matched(market: Market, *, publish: bool = False) -> Any:
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    cf.prefer(market.round, market.student_b, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_b, 1), (market.student_a, 2))
    market.round.status = RoundStatus.CLOSED
    market.round.save()
    run = round_start_run(
        override_reason=EARLY, actor=market.user("province_officer"), placement_round=market.round
    )
    run = run_execute(run_id=run.pk)
    if publish:
        round_publish(actor=market.user("province_officer"), placement_round=market.round)
    return run


def test_the_province_creates_a_round_from_the_form(market: Market) -> None:
    # when the province fills in the new-round form for the whole province
    response = _client(market, "province_officer").post(
        reverse("clearinghouse:round_create"),
        {
            "name": "2027 도 1차",
            "support_office": "",
            "preference_deadline": "2099-05-01T18:00",
            "ranking_deadline": "2099-05-08T18:00",
            "max_choices": "4",
        },
    )
    # then the round exists in draft and the page goes to it
    created = PlacementRound.objects.get(name="2027 도 1차")
    assert response.status_code == 302
    assert response["Location"] == reverse("clearinghouse:round", args=[created.pk])
    assert (created.status, created.support_office_id, created.max_choices) == ("draft", None, 4)


def test_a_round_form_with_deadlines_in_the_wrong_order_shows_the_rule(market: Market) -> None:
    # when the ranking deadline comes before the preference deadline
    response = _client(market, "province_officer").post(
        reverse("clearinghouse:round_create"),
        {
            "name": "거꾸로 된 마감",
            "preference_deadline": "2099-05-08T18:00",
            "ranking_deadline": "2099-05-01T18:00",
            "max_choices": "5",
        },
    )
    # then the form comes back naming the rule, and no round was made
    assert response.status_code == 200
    assert (
        "기업 순위·학교 추천 마감은 학생 지망 마감과 같거나 그 뒤여야 합니다."
        in response.content.decode()
    )
    assert not PlacementRound.objects.filter(name="거꾸로 된 마감").exists()


def test_the_rounds_list_runs_a_bounded_number_of_queries(
    market: Market, django_assert_max_num_queries: Any
) -> None:
    # given thirty more rounds
    for _ in range(30):
        cf.RoundFactory()
    client = _client(market, "school_staff_a")
    # when school staff open the list, then the queries do not grow with the rounds
    with django_assert_max_num_queries(14):
        response = client.get(reverse("clearinghouse:rounds"))
    assert response.status_code == 200
    assert response.content.decode().count("clearinghouse/") >= 31


def test_the_round_page_shows_the_run_with_its_proof_and_figures(market: Market) -> None:
    # given a matched round
    run = _matched(market)
    # when the province opens the round
    page = (
        _client(market, "province_officer")
        .get(reverse("clearinghouse:round", args=[market.round.pk]))
        .content.decode()
    )
    # then hash, seed, engine version, proof, rank distribution and the publish button show
    assert run.input_hash in page
    assert str(run.seed) in page
    assert "vocnet.matching 1.0.0" in page
    assert "안정성 검증 통과" in page
    assert "1지망" in page
    assert "2지망" in page
    assert "결과 공개(현장실습 배치 만들기)" in page
    assert "100.0%" in page


@pytest.mark.parametrize(
    ("status", "action", "after"),
    [
        (RoundStatus.DRAFT, "open", RoundStatus.OPEN),
        (RoundStatus.OPEN, "close", RoundStatus.CLOSED),
        (RoundStatus.CLOSED, "run", RoundStatus.RUNNING),
    ],
)
def test_the_province_moves_a_round_along_after_confirming(
    market: Market, status: str, action: str, after: str
) -> None:
    # given the round in a state
    market.round.status = status
    market.round.save()
    client = _client(market, "province_officer")
    url = reverse("clearinghouse:round_action", args=[market.round.pk, action])
    # when the province presses the button, then a confirmation page shows first
    page = client.get(url).content.decode()
    assert "확인하고" in page
    # and a POST without the confirmation moves nothing
    client.post(url)
    market.round.refresh_from_db()
    assert market.round.status == status
    # when it confirms (with a reason, as the deadlines are still ahead)
    response = client.post(url, {"confirm": "1", "reason": "일정 앞당김"})
    # then the round moves on
    assert response.status_code == 302
    market.round.refresh_from_db()
    assert market.round.status == after


def test_an_early_close_without_a_reason_shows_the_rule_on_the_field(market: Market) -> None:
    # given the open round before its preference deadline
    client = _client(market, "province_officer")
    url = reverse("clearinghouse:round_action", args=[market.round.pk, "close"])
    assert "사유를 적어야 마감할 수 있습니다" in client.get(url).content.decode()
    # when the province confirms without a reason
    response = client.post(url, {"confirm": "1", "reason": ""})
    # then the form says which rule, and nothing changes
    assert response.status_code == 200
    assert (
        "공지한 학생 지망 마감 전에 마감하려면 사유를 적어야 합니다." in response.content.decode()
    )
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.OPEN
    assert AuditEvent.objects.filter(action="round.close_preferences").count() == 0


def test_the_run_confirmation_lists_the_prechecks(market: Market) -> None:
    # given the closed round
    market.round.status = RoundStatus.CLOSED
    market.round.save()
    # when the province opens the run's confirmation
    page = (
        _client(market, "province_officer")
        .get(reverse("clearinghouse:round_action", args=[market.round.pk, "run"]))
        .content.decode()
    )
    # then the pre-checks are listed with their figures
    prechecks = selectors.run_prechecks(market.round)
    assert "실행 전 점검" in page
    assert f"지망을 내지 않은 학생: {prechecks.students_without_preferences}명" in page
    assert f"기업이 순위를 매기지 않은 제안: {prechecks.offers_without_rankings}개" in page
    assert f"남은 자리 {prechecks.seats}개, 지망을 낸 학생 {prechecks.applicants}명" in page


def test_the_running_round_polls_its_status_and_reloads_when_done(market: Market) -> None:
    # given a running round
    market.round.status = RoundStatus.RUNNING
    market.round.save()
    client = _client(market, "province_officer")
    # then its page polls the status fragment (htmx attributes, no inline script)
    page = client.get(reverse("clearinghouse:round", args=[market.round.pk])).content.decode()
    status_url = reverse("clearinghouse:run_status", args=[market.round.pk])
    assert f'hx-get="{status_url}"' in page
    assert 'hx-trigger="every 3s"' in page
    # when the run is done, the fragment asks htmx to reload the page
    market.round.status = RoundStatus.MATCHED
    market.round.save()
    response = client.get(status_url, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert "hx-get" not in response.content.decode()


def test_school_staff_may_not_press_the_buttons(market: Market) -> None:
    # when school staff post "close" on the open round, then it is refused and nothing moves
    url = reverse("clearinghouse:round_action", args=[market.round.pk, "close"])
    client = _client(market, "school_staff_a")
    response = client.post(url, {"confirm": "1", "reason": "x"})
    assert response.status_code == 403
    market.round.refresh_from_db()
    assert market.round.status == RoundStatus.OPEN
    # and the confirmation page is not theirs to see
    assert client.get(url).status_code == 403


def test_school_staff_enter_a_students_list_through_the_form(market: Market) -> None:
    # given school A's staff on student A's page
    client = _client(market, "school_staff_a")
    url = reverse("clearinghouse:student_preferences", args=[market.round.pk, market.student_a.pk])
    page = client.get(url).content.decode()
    assert market.offer_a.title in page
    assert market.offer_b.title in page
    # when they choose B1 first and A1 second
    response = client.post(
        url, {"choice_1": market.offer_b.pk, "choice_2": market.offer_a.pk, "choice_3": ""}
    )
    # then the list is saved in that order, and the view and the change are logged
    assert response.status_code == 302
    assert list(StudentPreference.objects.order_by("rank").values_list("offer_id", flat=True)) == [
        market.offer_b.pk,
        market.offer_a.pk,
    ]
    actions = set(
        PersonalDataAccess.objects.filter(subject_id=market.student_a.pk).values_list(
            "action", flat=True
        )
    )
    assert actions == {"view", "change"}


def test_a_repeated_choice_comes_back_on_its_field(market: Market) -> None:
    # when the same offer is chosen first and second
    response = _client(market, "student").post(
        reverse("clearinghouse:student_preferences", args=[market.round.pk, market.student_a.pk]),
        {"choice_1": market.offer_a.pk, "choice_2": market.offer_a.pk},
    )
    # then the page shows the rule on the second choice and nothing is saved
    assert response.status_code == 200
    assert "같은 제안을 두 번 지망할 수 없습니다." in response.content.decode()
    assert StudentPreference.objects.count() == 0


def test_the_school_gives_its_order_through_the_form(market: Market) -> None:
    # given a second taking-part student at school A
    other = cf.ThirdYearStudentFactory(department=market.world.objects["department_a"])
    client = _client(market, "school_staff_a")
    url = reverse("clearinghouse:school_recommendations", args=[market.round.pk])
    assert other.name in client.get(url).content.decode()
    # when the school puts other first and student A second
    response = client.post(
        url, {"school": market.world.school_a.pk, f"rank_{other.pk}": "1",
              f"rank_{market.student_a.pk}": "2"},
    )  # fmt: skip
    # then the order is saved
    assert response.status_code == 302
    assert list(
        SchoolRecommendation.objects.order_by("rank").values_list("student_id", flat=True)
    ) == [other.pk, market.student_a.pk]


def test_the_same_school_rank_twice_is_refused(market: Market) -> None:
    other = cf.ThirdYearStudentFactory(department=market.world.objects["department_a"])
    response = _client(market, "school_staff_a").post(
        reverse("clearinghouse:school_recommendations", args=[market.round.pk]),
        {f"rank_{other.pk}": "1", f"rank_{market.student_a.pk}": "1"},
    )
    assert response.status_code == 200
    assert "학교 추천 순위는 서로 달라야 합니다" in response.content.decode()
    assert SchoolRecommendation.objects.count() == 0


def test_a_company_ranks_its_applicants_then_takes_the_school_order(market: Market) -> None:
    # given students A and B applied to company A's offer
    cf.prefer(market.round, market.student_a, market.offer_a)
    cf.prefer(market.round, market.student_b, market.offer_a)
    client = _client(market, "company_staff")
    offers_page = client.get(reverse("clearinghouse:company_offers", args=[market.round.pk]))
    assert market.offer_a.title in offers_page.content.decode()
    url = reverse("clearinghouse:offer_ranking", args=[market.round.pk, market.offer_a.pk])
    # when the company ranks B first and leaves A out
    client.post(url, {"save": "", f"rank_{market.student_b.pk}": "1"})
    assert list(OfferRanking.objects.values_list("student_id", "rank")) == [
        (market.student_b.pk, 1)
    ]
    # and then chooses the school's order
    client.post(url, {"school_order": ""})
    # then no ranking is left
    assert OfferRanking.objects.count() == 0


def test_the_results_list_is_filtered_bounded_and_logged(
    market: Market, django_assert_max_num_queries: Any
) -> None:
    # given a published round and forty more students matched nowhere in it
    _matched(market, publish=True)
    client = _client(market, "province_officer")
    url = reverse("clearinghouse:results", args=[market.round.pk])
    # when the province lists the matched students
    with django_assert_max_num_queries(16):
        response = client.get(url, {"outcome": "matched"})
    page = response.content.decode()
    # then both students show with their offers, and both views are logged
    assert market.student_a.name in page
    assert market.student_b.name in page
    assert market.offer_b.title in page
    assert PersonalDataAccess.objects.filter(action="view").count() == 2


def test_school_b_sees_only_its_student_in_the_results(market: Market) -> None:
    _matched(market, publish=True)
    page = (
        _client(market, "school_staff_b")
        .get(reverse("clearinghouse:results", args=[market.round.pk]))
        .content.decode()
    )
    assert market.student_b.name in page
    assert market.student_a.name not in page


def test_the_export_asks_for_a_reason_and_keeps_the_filters(market: Market) -> None:
    # given a published round
    _matched(market, publish=True)
    client = _client(market, "province_officer")
    url = reverse("clearinghouse:results_export", args=[market.round.pk])
    # when the export is asked for without a reason, then the reason form shows, nothing logged
    region = market.offer_b.region.sigungu_code
    asked = client.get(url, {"outcome": "matched", "region": region})
    assert asked.status_code == 200
    assert 'method="post"' in asked.content.decode()
    assert f"region={region}" in asked.content.decode()
    assert PersonalDataAccess.objects.filter(action="export").count() == 0
    # when a GET carries a reason, then still nothing is exported or logged (a GET never writes)
    again = client.get(url, {"outcome": "matched", "region": region, "reason": "배치 확인"})
    assert again["Content-Type"].startswith("text/html")
    assert PersonalDataAccess.objects.filter(action="export").count() == 0
    # when the form is posted with a reason, then the workbook has the filtered rows only
    response = client.post(f"{url}?outcome=matched&region={region}", {"reason": "배치 확인"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = open_xlsx(response.content).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert (market.student_a.name, "배정", market.offer_b.title) in [
        (row[4], row[5], row[9]) for row in rows
    ]
    assert {row[5] for row in rows} == {"배정"}
    assert "outcome=matched" in sheet["A1"].value
    logged = PersonalDataAccess.objects.filter(action="export")
    assert market.student_a.pk in {entry.subject_id for entry in logged}
    assert {entry.reason for entry in logged} == {"배치 확인"}


def test_a_student_and_their_guardian_see_the_list_and_the_result(market: Market) -> None:
    # given a published round where student A got B1, their second choice
    _matched(market, publish=True)
    for persona in ("student", "guardian"):
        # when they open their page
        page = _client(market, persona).get(reverse("clearinghouse:mine")).content.decode()
        # then it shows the result and the list
        assert f"배정: {market.offer_b.title}" in page
        assert "2지망" in page
        assert market.offer_a.title in page


def test_a_company_sees_the_school_pages_as_not_found(market: Market) -> None:
    response = _client(market, "company_staff").get(
        reverse("clearinghouse:student_preferences", args=[market.round.pk, market.student_a.pk])
    )
    assert response.status_code == 404


def test_a_cancelled_placement_never_shows_as_placed_and_no_engine_words_show(
    market: Market,
) -> None:
    # given a published round whose placement of student A was then cancelled
    run = _matched(market, publish=True)
    Placement.objects.filter(student=market.student_a).update(status=PlacementStatus.CANCELLED)
    for persona in ("student", "guardian"):
        # when they open their page
        page = _client(market, persona).get(reverse("clearinghouse:mine")).content.decode()
        # then it says the placement was cancelled, in plain words, and never "배정:"
        assert f"배정: {market.offer_b.title}" not in page
        assert f"{market.offer_b.title}에 배정되었으나 취소되었습니다." in page
        # and the officials' words (hash, seed, engine) stay off the page
        assert run.input_hash not in page
        assert str(run.seed) not in page
        assert "vocnet.matching" not in page


def test_a_placed_student_is_not_offered_the_preference_form(market: Market) -> None:
    # given student A placed by a published round, and a new round open for preferences
    _matched(market, publish=True)
    new_round = cf.RoundFactory()
    form_url = reverse(
        "clearinghouse:student_preferences", args=[new_round.pk, market.student_a.pk]
    )
    # when the student opens their page and the new round's preference page
    mine = _client(market, "student").get(reverse("clearinghouse:mine")).content.decode()
    page = _client(market, "student").get(form_url).content.decode()
    # then neither offers the form
    assert form_url not in mine
    assert "이미 현장실습에 배정된 학생이라" in page
    assert "지망 저장" not in page


@pytest.mark.parametrize(
    ("persona", "status"),
    [("province_officer", 200), ("student", 403), ("school_staff_a", 403), ("company_staff", 403)],
)
def test_only_operators_poll_the_run_status(market: Market, persona: str, status: int) -> None:
    # given a running round, when each persona asks for the status fragment
    market.round.status = RoundStatus.RUNNING
    market.round.save()
    response = _client(market, persona).get(
        reverse("clearinghouse:run_status", args=[market.round.pk])
    )
    # then only the operators get it
    assert response.status_code == status
