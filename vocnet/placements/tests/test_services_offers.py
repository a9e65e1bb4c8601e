"""Offers: create, the labour rules on every write, publish by a vetted host, close, withdraw."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.placements import services
from vocnet.placements.errors import LabourRulesBroken
from vocnet.placements.models import FieldTrainingOffer, OfferSchedule, OfferStatus, TrainingType
from vocnet.placements.rules.period import add_months
from vocnet.placements.services.terms import generate_terms
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _day(weekday: int, start: str = "09:00", end: str = "17:00", rest: int = 60) -> Any:
    return services.ScheduleInput(weekday, time.fromisoformat(start), time.fromisoformat(end), rest)


def _input(**overrides: Any) -> services.OfferInput:
    start = pf.next_monday()
    values: dict[str, Any] = {
        "title": "스마트공장 설비 보전 현장실습",
        "region_code": "41390",
        "ncs_code": "1501",
        "seats": 4,
        "start_date": start,
        "end_date": start + timedelta(days=53),
        "allowance_krw": 1_300_000,
        "schedule": [_day(w) for w in range(5)],
        "mentor_name": "최멘토",
        "tasks": "설비 점검 보조",
        "safety_measures": "안전교육, 보호구",
        "hazard_categories": ["machinery"],
    }
    return services.OfferInput(**{**values, **overrides})


def test_company_staff_create_a_draft_offer_with_its_weekly_schedule(world: World) -> None:
    # given company A's staff
    # when they create an offer of Mon–Fri 09:00–17:00 with an hour's break
    offer = services.offer_create(
        actor=world.user("company_staff"), company=world.company_a, data=_input()
    )
    # then a draft with five schedule rows of 7 hours is written and audited
    assert (offer.status, offer.seats, offer.region.sigungu_code) == (OfferStatus.DRAFT, 4, "41390")
    rows = list(offer.schedule.values_list("weekday", "start", "end", "break_minutes"))
    assert rows == [(w, time(9), time(17), 60) for w in range(5)]
    assert AuditEvent.objects.filter(action="placements.offer_create").count() == 1


def test_offer_over_seven_hours_a_day_is_rejected_and_nothing_is_written(world: World) -> None:
    # given a Wednesday (third row) of 09:00–18:00 with an hour's break (8 h), no agreement
    schedule = [_day(0), _day(1), _day(2, end="18:00"), _day(3), _day(4)]
    # when the offer is created
    with pytest.raises(LabourRulesBroken) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(schedule=schedule),
        )
    # then the error names the field, the rule and the article, and nothing was written
    error = raised.value
    assert (error.status, error.code) == (422, "labour_rules_broken")
    assert [(p.field, p.code) for p in error.problems] == [
        ("schedule[2].end", "extension_without_agreement"),
        ("schedule", "extension_without_agreement"),
    ]
    assert "직업교육훈련 촉진법 제9조의2 ①" in error.message_ko
    assert "schedule[2].end" in error.message_ko
    assert "Art. 9-2(1)" in error.message_en
    assert FieldTrainingOffer.objects.count() == 0
    assert OfferSchedule.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_eight_hours_a_day_with_a_recorded_agreement_is_accepted(world: World) -> None:
    schedule = [_day(w, start="08:00") for w in range(5)]
    offer = services.offer_create(
        actor=world.user("company_staff"),
        company=world.company_a,
        data=_input(
            schedule=schedule,
            has_extension_agreement=True,
            extension_agreement_note="2026-12-01 기업·학교·학생·보호자 합의서",
        ),
    )
    assert offer.has_extension_agreement is True


def test_an_extension_agreement_without_its_record_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(has_extension_agreement=True),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("extension_agreement_note", "required")
    ]
    assert FieldTrainingOffer.objects.count() == 0


def test_night_training_is_refused_naming_the_end(world: World) -> None:
    schedule = [_day(0, start="15:00", end="22:30")]
    with pytest.raises(LabourRulesBroken) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(schedule=schedule),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("schedule[0].end", "night_training")
    ]


def test_sunday_training_is_refused(world: World) -> None:
    with pytest.raises(LabourRulesBroken) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(schedule=[_day(6)]),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("schedule[0].weekday", "holiday_training")
    ]


def test_work_barred_to_minors_is_refused(world: World) -> None:
    with pytest.raises(LabourRulesBroken) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(hazard_categories=["machinery", "licensed_driving"]),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("hazard_categories[1]", "hazardous_work")
    ]
    assert "근로기준법 제65조" in raised.value.message_ko


def test_the_same_weekday_twice_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(schedule=[_day(0), _day(0)]),
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("schedule[1].weekday", "duplicate_weekday")
    ]


def test_company_staff_cannot_create_an_offer_for_another_company(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.offer_create(
            actor=world.user("company_staff"), company=world.company_b, data=_input()
        )
    assert FieldTrainingOffer.objects.count() == 0


def test_a_vetted_host_publishes_its_draft(world: World, vetted_a: Any) -> None:
    draft = pf.DraftOfferFactory(company=world.company_a)
    offer = services.offer_publish(actor=world.user("company_staff"), offer=draft)
    assert offer.status == OfferStatus.PUBLISHED
    assert offer.published_at is not None


def test_an_unvetted_host_cannot_publish(world: World) -> None:
    draft = pf.DraftOfferFactory(company=world.company_a)
    with pytest.raises(Conflict) as raised:
        services.offer_publish(actor=world.user("company_staff"), offer=draft)
    assert (raised.value.code, raised.value.status) == ("host_not_vetted", 409)
    draft.refresh_from_db()
    assert draft.status == OfferStatus.DRAFT


def test_an_expired_vetting_does_not_allow_publishing(world: World) -> None:
    today = timezone.localdate()
    pf.ApprovedVettingFactory(
        company=world.company_a,
        valid_from=today - timedelta(days=400),
        valid_until=today - timedelta(days=1),
    )
    draft = pf.DraftOfferFactory(company=world.company_a)
    with pytest.raises(Conflict) as raised:
        services.offer_publish(actor=world.user("company_staff"), offer=draft)
    assert raised.value.code == "host_not_vetted"


def test_publishing_needs_the_mentor_tasks_and_safety_measures(world: World, vetted_a: Any) -> None:
    draft = pf.DraftOfferFactory(company=world.company_a, mentor_name="", safety_measures="")
    with pytest.raises(ValidationFailed) as raised:
        services.offer_publish(actor=world.user("company_staff"), offer=draft)
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("mentor_name", "required_to_publish"),
        ("safety_measures", "required_to_publish"),
    ]


def test_an_offer_with_placements_cannot_be_edited_or_withdrawn(world: World, offer_a: Any) -> None:
    pf.PlacementFactory(offer=offer_a, student=world.student_a)
    with pytest.raises(Conflict) as raised:
        services.offer_update(actor=world.user("company_staff"), offer=offer_a, data=_input())
    assert raised.value.code == "offer_has_placements"
    with pytest.raises(Conflict):
        services.offer_withdraw(actor=world.user("company_staff"), offer=offer_a)


def test_closing_a_published_offer_keeps_the_reason(world: World, offer_a: Any) -> None:
    offer = services.offer_close(
        actor=world.user("company_staff"), offer=offer_a, reason="조기 마감"
    )
    assert (offer.status, offer.closing_reason) == (OfferStatus.CLOSED, "조기 마감")
    with pytest.raises(Conflict) as raised:
        services.offer_close(actor=world.user("company_staff"), offer=offer)
    assert raised.value.code == "transition_not_allowed"


# Training types, period limits and the allowance warning (issue 15 §1) ---------------------


def test_an_offer_longer_than_its_types_limit_is_refused_naming_the_source(world: World) -> None:
    # given a learning-centred offer of three months and a day (the limit is 3 months)
    start = pf.next_monday()
    end = add_months(start, 3)
    # when it is created
    with pytest.raises(LabourRulesBroken) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(end_date=end),
        )
    # then the end date is refused by the period rule, citing the unverified guideline
    [problem] = [p for p in raised.value.problems if p.code == "period_too_long"]
    assert problem.field == "end_date"
    assert "최장 3개월" in problem.message_ko
    assert "미확인" in problem.message_ko
    assert "at most 3 months" in problem.message_en
    assert "unverified" in problem.message_en
    assert FieldTrainingOffer.objects.count() == 0


def test_the_period_limit_is_configurable(world: World, settings: Any) -> None:
    # given a configured limit of 2 months for learning-centred training
    settings.VOCNET_FIELD_TRAINING_MAX_MONTHS = {"learning_centred": 2}
    start = pf.next_monday()
    # when an offer of 2 months and a day is created
    with pytest.raises(LabourRulesBroken) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(end_date=add_months(start, 2)),
        )
    # then it is refused; an offer of exactly 2 months passes
    assert "period_too_long" in {p.code for p in raised.value.problems}
    offer = services.offer_create(
        actor=world.user("company_staff"),
        company=world.company_a,
        data=_input(end_date=add_months(start, 2) - timedelta(days=1)),
    )
    assert offer.pk is not None


def test_the_training_type_is_on_the_offer_and_the_contract(world: World) -> None:
    # given a hiring-linked offer
    offer = services.offer_create(
        actor=world.user("company_staff"),
        company=world.company_a,
        data=_input(training_type="hiring_linked"),
    )
    # then the offer and the contract terms carry the type, with its support schemes
    assert offer.training_type == TrainingType.HIRING_LINKED
    placement = pf.PlacementFactory(offer=offer)
    terms = generate_terms(placement)
    assert terms["training_type"]["code"] == "hiring_linked"
    assert terms["training_type"]["name_ko"] == "산업체 채용형 현장실습"
    assert terms["training_type"]["support_verification"] == "unverified"


def test_an_unknown_training_type_is_refused_and_nothing_is_written(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(training_type="early_employment"),
        )
    assert "training_type" in {p.field for p in raised.value.problems}
    assert FieldTrainingOffer.objects.count() == 0


def test_a_zero_allowance_needs_the_companys_acknowledgement(world: World) -> None:
    # given an offer paying 0 원 a month, not acknowledged
    with pytest.raises(ValidationFailed) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(allowance_krw=0),
        )
    # then the acknowledgement field is named, bilingual, and nothing is written
    [problem] = raised.value.problems
    assert (problem.field, problem.code) == (
        "acknowledge_low_allowance",
        "low_allowance_not_acknowledged",
    )
    assert "0원" in problem.message_ko
    assert "KRW 0" in problem.message_en
    assert FieldTrainingOffer.objects.count() == 0
    # when the company acknowledges it
    offer = services.offer_create(
        actor=world.user("company_staff"),
        company=world.company_a,
        data=_input(allowance_krw=0, acknowledge_low_allowance=True),
    )
    # then it is saved with the acknowledgement's time, and the figure reaches the contract
    assert offer.allowance_warning_acknowledged_at is not None
    terms = generate_terms(pf.PlacementFactory(offer=offer))
    assert terms["allowance_krw"] == 0
    assert terms["allowance_warning_acknowledged_at"] is not None


def test_an_allowance_below_the_configured_floor_warns(world: World, settings: Any) -> None:
    settings.VOCNET_FIELD_TRAINING_ALLOWANCE_FLOOR_KRW = 1_000_000
    with pytest.raises(ValidationFailed) as raised:
        services.offer_create(
            actor=world.user("company_staff"),
            company=world.company_a,
            data=_input(allowance_krw=900_000),
        )
    assert [p.code for p in raised.value.problems] == ["low_allowance_not_acknowledged"]
    # at or above the floor, no acknowledgement is needed and none is recorded
    offer = services.offer_create(
        actor=world.user("company_staff"),
        company=world.company_a,
        data=_input(allowance_krw=1_000_000),
    )
    assert offer.allowance_warning_acknowledged_at is None
