"""Preferences, companies' rankings and schools' orders: who may enter them, which offers a
student may rank, and deadlines — every refusal names the field and the rule and writes
nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    RoundStatus,
    SchoolRecommendation,
    StudentPreference,
)
from vocnet.clearinghouse.services import (
    offer_ranking_set,
    preference_set,
    school_recommendation_set,
)
from vocnet.clearinghouse.tests import factories as cf
from vocnet.clearinghouse.tests.conftest import Market
from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.placements.models import OfferStatus, Placement, PlacementOrigin
from vocnet.registry.models import NcsMiddle
from vocnet.registry.tests import factories as rf

pytestmark = pytest.mark.django_db


def test_school_staff_enter_a_ranked_list_for_their_student(market: Market) -> None:
    # given the open province round and two offers in student A's field
    # when school A's staff enter B1 then A1 for student A
    preference_set(
        actor=market.user("school_staff_a"),
        placement_round=market.round,
        student=market.student_a,
        offer_ids=[market.offer_b.pk, market.offer_a.pk],
    )
    # then the list is stored in that order, with who entered it, and audited once
    rows = StudentPreference.objects.filter(round=market.round, student=market.student_a)
    assert list(rows.order_by("rank").values_list("offer_id", "rank")) == [
        (market.offer_b.pk, 1),
        (market.offer_a.pk, 2),
    ]
    assert {row.entered_by for row in rows} == {market.user("school_staff_a")}
    event = AuditEvent.objects.get(action="preference.set")
    assert event.after == {
        "student_id": market.student_a.pk,
        "offer_ids": [market.offer_b.pk, market.offer_a.pk],
    }


def test_a_student_replaces_their_own_list(market: Market) -> None:
    # given student A's list of two offers
    cf.prefer(market.round, market.student_a, market.offer_a, market.offer_b)
    # when the student sends a list of one
    preference_set(
        actor=market.user("student"),
        placement_round=market.round,
        student=market.student_a,
        offer_ids=[market.offer_a.pk],
    )
    # then only that one is left
    assert list(
        StudentPreference.objects.filter(student=market.student_a).values_list("offer_id", "rank")
    ) == [(market.offer_a.pk, 1)]


@pytest.mark.parametrize(
    "persona", ["school_staff_b", "company_staff", "guardian", "support_office_officer"]
)
def test_others_may_not_enter_a_students_list(market: Market, persona: str) -> None:
    # when someone other than the student, their school or the province tries
    with pytest.raises(PermissionDenied):
        preference_set(
            actor=market.user(persona),
            placement_round=market.round,
            student=market.student_a,
            offer_ids=[market.offer_a.pk],
        )
    # then nothing was written
    assert StudentPreference.objects.count() == 0


def test_a_preference_after_the_deadline_is_refused_naming_the_deadline(market: Market) -> None:
    # given a round still open whose preference deadline passed a minute ago
    market.round.preference_deadline = timezone.now() - timedelta(minutes=1)
    market.round.save()
    when = f"{timezone.localtime(market.round.preference_deadline):%Y-%m-%d %H:%M}"
    # when school staff enter a list
    with pytest.raises(Conflict) as raised:
        preference_set(
            actor=market.user("school_staff_a"),
            placement_round=market.round,
            student=market.student_a,
            offer_ids=[market.offer_a.pk],
        )
    # then it is refused naming the field and the rule in both languages, and nothing written
    error = raised.value
    assert error.code == "deadline_passed"
    assert error.status == 409
    assert [p.as_dict() for p in error.problems] == [
        {
            "field": "preference_deadline",
            "code": "deadline_passed",
            "message_ko": f"학생 지망 마감({when})이 지났습니다. 마감 시각까지만 입력·수정할 수 "
            "있습니다.",
            "message_en": f"The preference deadline ({when}) has passed; input is accepted "
            "only until then.",
        }
    ]
    assert StudentPreference.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_closed_round_takes_no_preferences(market: Market) -> None:
    # given the round closed to preferences (before its deadline)
    market.round.status = RoundStatus.CLOSED
    market.round.save()
    # when a list is sent, then it is refused with the round's state
    with pytest.raises(Conflict) as raised:
        preference_set(
            actor=market.user("student"),
            placement_round=market.round,
            student=market.student_a,
            offer_ids=[market.offer_a.pk],
        )
    assert raised.value.code == "round_not_accepting"
    assert (
        raised.value.message_en == "A round in state 'closed' does not take students' preferences."
    )
    assert StudentPreference.objects.count() == 0


def _refusal(market: Market, offer_ids: list[int]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as raised:
        preference_set(
            actor=market.user("province_officer"),
            placement_round=market.round,
            student=market.student_a,
            offer_ids=offer_ids,
        )
    assert StudentPreference.objects.count() == 0
    return [(p.field, p.code) for p in raised.value.problems]


def test_an_offer_in_another_ncs_field_is_refused_naming_both_fields(market: Market) -> None:
    # given an offer of company A in 2001 (응용SW엔지니어링), not student A's 1501
    software = cf.OfferFactory(
        company=market.world.company_a, ncs_middle=NcsMiddle.objects.get(code="2001")
    )
    # when it is ranked second
    with pytest.raises(ValidationFailed) as raised:
        preference_set(
            actor=market.user("student"),
            placement_round=market.round,
            student=market.student_a,
            offer_ids=[market.offer_a.pk, software.pk],
        )
    # then the second choice is refused with both fields named
    (problem,) = raised.value.problems
    assert problem.field == "offer_ids[1]"
    assert problem.code == "field_mismatch"
    assert "2001" in problem.message_ko
    assert "1501" in problem.message_ko
    assert "only offers in the department's field can be ranked" in problem.message_en
    assert StudentPreference.objects.count() == 0


def test_unpublished_unvetted_full_and_repeated_offers_are_refused_each_by_its_rule(
    market: Market,
) -> None:
    # given a draft offer, an offer of an unvetted company, and a full offer
    draft = cf.OfferFactory(company=market.world.company_a, status=OfferStatus.DRAFT)
    unvetted = cf.OfferFactory(vetted=False)
    full = cf.OfferFactory(company=market.world.company_a, seats=1)
    placed = cf.ThirdYearStudentFactory()
    Placement.objects.create(student=placed, offer=full, origin=PlacementOrigin.DIRECT)
    # when all of them, and A1 twice, are ranked
    problems = _refusal(
        market, [draft.pk, unvetted.pk, full.pk, market.offer_a.pk, market.offer_a.pk]
    )
    # then each is named by its index and rule
    assert problems == [
        ("offer_ids[0]", "offer_not_published"),
        ("offer_ids[1]", "host_not_vetted"),
        ("offer_ids[2]", "offer_full"),
        ("offer_ids[4]", "duplicate_choice"),
    ]


def test_more_choices_than_the_round_takes_are_refused(market: Market) -> None:
    # given a round taking one choice
    market.round.max_choices = 1
    market.round.save()
    # when two are sent, then the list is refused as too long
    assert _refusal(market, [market.offer_a.pk, market.offer_b.pk]) == [
        ("offer_ids", "too_many_choices")
    ]


def test_an_office_round_takes_only_its_regions_offers_and_students(market: Market) -> None:
    # given a round of 시흥교육지원청 (region A's office)
    office = market.world.school_a.organisation.region.support_office
    market.round.support_office = office
    market.round.save()
    # when student A ranks 수원's offer B1, then it is out of scope
    assert _refusal(market, [market.offer_b.pk]) == [("offer_ids[0]", "offer_out_of_scope")]
    # and student B (수원) cannot take part at all
    with pytest.raises(ValidationFailed) as raised:
        preference_set(
            actor=market.user("province_officer"),
            placement_round=market.round,
            student=market.student_b,
            offer_ids=[market.offer_a.pk],
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [("student_id", "out_of_scope")]


def test_only_third_year_students_without_a_placement_take_part(market: Market) -> None:
    # given a second-year student of school A and a third-year one already placed
    second_year = rf.StudentFactory(department=market.world.objects["department_a"], grade=2)
    placed = cf.ThirdYearStudentFactory(department=market.world.objects["department_a"])
    Placement.objects.create(student=placed, offer=market.offer_b, origin=PlacementOrigin.DIRECT)
    # when school staff enter lists for them, then each is refused by its rule
    codes = []
    for student in (second_year, placed):
        with pytest.raises(ValidationFailed) as raised:
            preference_set(
                actor=market.user("school_staff_a"),
                placement_round=market.round,
                student=student,
                offer_ids=[market.offer_a.pk],
            )
        codes.append(raised.value.problems[0].code)
    assert codes == ["not_third_year", "already_placed"]
    assert StudentPreference.objects.count() == 0


def test_a_company_ranks_its_applicants_with_ties(market: Market) -> None:
    # given students A and B both applied to offer A1
    cf.prefer(market.round, market.student_a, market.offer_a)
    cf.prefer(market.round, market.student_b, market.offer_a)
    # when company A ranks both first (a tie)
    offer_ranking_set(
        actor=market.user("company_staff"),
        placement_round=market.round,
        offer=market.offer_a,
        entries=[(market.student_a.pk, 1), (market.student_b.pk, 1)],
    )
    # then the tie is stored as given
    assert sorted(
        OfferRanking.objects.filter(offer=market.offer_a).values_list("student_id", "rank")
    ) == sorted([(market.student_a.pk, 1), (market.student_b.pk, 1)])
    assert AuditEvent.objects.get().action == "offer_ranking.set"


def test_a_company_may_rank_only_applicants_and_only_its_own_offers(market: Market) -> None:
    # given student A applied to A1, student B did not
    cf.prefer(market.round, market.student_a, market.offer_a)
    # when company A ranks student B, then B is refused as not an applicant
    with pytest.raises(ValidationFailed) as raised:
        offer_ranking_set(
            actor=market.user("company_staff"),
            placement_round=market.round,
            offer=market.offer_a,
            entries=[(market.student_a.pk, 1), (market.student_b.pk, 2)],
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("entries[1].student_id", "not_an_applicant")
    ]
    # and company A may not rank company B's offer at all
    with pytest.raises(PermissionDenied):
        offer_ranking_set(
            actor=market.user("company_staff"),
            placement_round=market.round,
            offer=market.offer_b,
            entries=[],
        )
    assert OfferRanking.objects.count() == 0


def test_taking_the_school_order_clears_the_companys_ranking(market: Market) -> None:
    # given company A's ranking of A1
    cf.prefer(market.round, market.student_a, market.offer_a)
    cf.rank(market.round, market.offer_a, (market.student_a, 1))
    # when the company sends an empty ranking
    offer_ranking_set(
        actor=market.user("company_staff"),
        placement_round=market.round,
        offer=market.offer_a,
        entries=[],
    )
    # then no ranking is left and the audit says the school order is taken
    assert OfferRanking.objects.count() == 0
    assert AuditEvent.objects.get().action == "offer_ranking.use_school_order"


def test_rankings_after_the_ranking_deadline_are_refused(market: Market) -> None:
    # given a closed round whose ranking deadline has passed
    market.round.status = RoundStatus.CLOSED
    market.round.preference_deadline = timezone.now() - timedelta(days=2)
    market.round.ranking_deadline = timezone.now() - timedelta(days=1)
    market.round.save()
    cf.prefer(market.round, market.student_a, market.offer_a)
    # when the company ranks and the school recommends, then both are refused by the deadline
    with pytest.raises(Conflict) as ranking:
        offer_ranking_set(
            actor=market.user("company_staff"),
            placement_round=market.round,
            offer=market.offer_a,
            entries=[(market.student_a.pk, 1)],
        )
    with pytest.raises(Conflict) as recommendation:
        school_recommendation_set(
            actor=market.user("school_staff_a"),
            placement_round=market.round,
            school=market.world.school_a,
            student_ids=[market.student_a.pk],
        )
    assert [p.field for p in ranking.value.problems] == ["ranking_deadline"]
    assert [p.field for p in recommendation.value.problems] == ["ranking_deadline"]
    assert OfferRanking.objects.count() == SchoolRecommendation.objects.count() == 0


def test_a_school_recommends_only_its_own_taking_part_students(market: Market) -> None:
    # given a second third-year student at school A
    other = cf.ThirdYearStudentFactory(department=market.world.objects["department_a"])
    # when school A orders other before student A, then the order is stored
    school_recommendation_set(
        actor=market.user("school_staff_a"),
        placement_round=market.round,
        school=market.world.school_a,
        student_ids=[other.pk, market.student_a.pk],
    )
    assert list(
        SchoolRecommendation.objects.order_by("rank").values_list("student_id", "rank")
    ) == [(other.pk, 1), (market.student_a.pk, 2)]
    # and naming school B's student is refused, leaving the stored order untouched
    with pytest.raises(ValidationFailed) as raised:
        school_recommendation_set(
            actor=market.user("school_staff_a"),
            placement_round=market.round,
            school=market.world.school_a,
            student_ids=[market.student_b.pk],
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("student_ids[0]", "student_not_eligible")
    ]
    assert SchoolRecommendation.objects.count() == 2
