"""During the placement: the diary and its breach detection, incidents and their escalation,
monitoring visits, evaluations."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.core.permissions import restrict
from vocnet.placements import services
from vocnet.placements.models import (
    ContractVersion,
    ContractVersionStatus,
    Evaluation,
    HoursEntry,
    IncidentKind,
    IncidentLevel,
    IncidentReport,
    IncidentStatus,
    LeaveKind,
    MonitoringVisit,
    PlacementContract,
    PlacementStatus,
)
from vocnet.placements.services.terms import generate_terms
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world: World, vetted_a: Any) -> Any:
    """Student A in training at company A since a Monday three weeks ago."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 21)
    offer = pf.PublishedOfferFactory(
        company=world.company_a, start_date=monday, end_date=monday + timedelta(days=60)
    )
    return pf.PlacementFactory(
        offer=offer, student=world.student_a, status=PlacementStatus.IN_PROGRESS
    )


def _weekday(placement: Any, weekday: int, weeks: int = 0) -> date:
    return placement.offer.start_date + timedelta(days=7 * weeks + weekday)


def test_a_lawful_day_is_logged_without_a_breach(world: World, running: Any) -> None:
    # given the student in training
    # when they log Tuesday of the first week, 09:00–17:00 with an hour's break
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 1),
        start=time(9), end=time(17), break_minutes=60, activities="치수 측정",
    )  # fmt: skip
    # then 420 minutes are kept, no breach, no report
    assert (entry.minutes, entry.is_breach, entry.violations) == (420, False, [])
    assert IncidentReport.objects.count() == 0


def test_a_day_over_the_limit_is_kept_and_reported_to_the_school(
    world: World, running: Any
) -> None:
    # given a Monday of 09:00–19:00 with an hour's break (9 h), no extension agreement
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 0, weeks=1),
        start=time(9), end=time(19), break_minutes=60,
    )  # fmt: skip
    # then the day is kept as a breach naming the rule (and the signed schedule's 7 h), and
    # the school has a report due in 3 days
    assert entry.is_breach is True
    assert [v["rule"] for v in entry.violations] == ["daily_hours", "beyond_agreed_schedule"]
    assert "직업교육훈련 촉진법 제9조의2 ①" in entry.violations[0]["message_ko"]
    incident = IncidentReport.objects.get()
    assert (incident.kind, incident.level, incident.hours_entry_id) == (
        IncidentKind.HOURS_BREACH, IncidentLevel.SCHOOL, entry.pk
    )  # fmt: skip
    assert incident.response_due - incident.filed_at == timedelta(days=3)


def test_the_weekly_limit_counts_the_days_already_logged(world: World, running: Any) -> None:
    # given Monday to Friday of the second week logged at 7 h each (35 h)
    for weekday in range(5):
        services.hours_log(
            actor=world.user("student"), placement=running, day=_weekday(running, weekday, 1),
            start=time(9), end=time(17), break_minutes=60,
        )  # fmt: skip
    # when an hour on Saturday brings the week to 36 h
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 5, 1),
        start=time(9), end=time(10), break_minutes=0,
    )  # fmt: skip
    # then the weekly limit is breached (no agreement), and Saturday is no agreed day
    assert [(v["rule"], v["field"]) for v in entry.violations] == [
        ("extension_without_agreement", "week"),
        ("beyond_agreed_schedule", "day"),
    ]


def test_training_on_a_sunday_is_detected(world: World, running: Any) -> None:
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 6),
        start=time(10), end=time(14), break_minutes=30,
    )  # fmt: skip
    assert [v["rule"] for v in entry.violations] == ["holiday_training", "beyond_agreed_schedule"]


def _signed_amendment(placement: Any, **changes: Any) -> None:
    """A signed version 2 of the placement's contract whose terms differ from the offer's
    (``period`` dates, ``has_extension_agreement``, ``schedule`` as weekday → (start, end))."""
    terms = generate_terms(placement)
    if "start_date" in changes:
        terms["period"]["start_date"] = changes["start_date"].isoformat()
    if "end_date" in changes:
        terms["period"]["end_date"] = changes["end_date"].isoformat()
    if "has_extension_agreement" in changes:
        terms["has_extension_agreement"] = changes["has_extension_agreement"]
    if "schedule" in changes:
        terms["schedule"] = [
            {"weekday": w, "start": f"{a}:00", "end": f"{b}:00", "break_minutes": 60,
             "minutes": (b - a) * 60 - 60}
            for w, (a, b) in changes["schedule"].items()
        ]  # fmt: skip
    contract = PlacementContract.objects.create(placement=placement)
    ContractVersion.objects.create(
        contract=contract, number=1, status=ContractVersionStatus.SUPERSEDED,
        terms=generate_terms(placement),
    )  # fmt: skip
    version = ContractVersion.objects.create(
        contract=contract, number=2, status=ContractVersionStatus.SIGNED, terms=terms,
        signed_at=timezone.now(),
    )  # fmt: skip
    contract.current_version = version
    contract.save(update_fields=["current_version"])


def test_the_diary_follows_the_signed_contract_not_the_offer(world: World, running: Any) -> None:
    # given a signed amendment: start a week later, an extension agreement, Monday 09–18
    later = running.offer.start_date + timedelta(days=7)
    _signed_amendment(
        running, start_date=later, has_extension_agreement=True,
        schedule={0: (9, 18), 1: (9, 17), 2: (9, 17), 3: (9, 17), 4: (9, 17)},
    )  # fmt: skip
    # when a day of the offer's first week (before the agreed start) is logged
    with pytest.raises(ValidationFailed) as raised:
        services.hours_log(
            actor=world.user("student"), placement=running, day=_weekday(running, 1),
            start=time(9), end=time(17), break_minutes=60,
        )  # fmt: skip
    # then it is refused naming the agreed period, and nothing is written
    [refusal] = raised.value.problems
    assert (refusal.field, refusal.code) == ("day", "outside_period")
    assert later.isoformat() in refusal.message_ko
    assert HoursEntry.objects.count() == 0
    # and an 8-hour Monday of the second week is lawful under the agreed extension and schedule
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 0, weeks=1),
        start=time(9), end=time(18), break_minutes=60,
    )  # fmt: skip
    assert (entry.minutes, entry.is_breach, entry.violations) == (480, False, [])


def test_a_day_the_signed_schedule_does_not_have_is_a_breach(world: World, running: Any) -> None:
    # given a signed amendment with training Monday to Thursday only
    _signed_amendment(running, schedule={0: (9, 17), 1: (9, 17), 2: (9, 17), 3: (9, 17)})
    # when the student logs a lawful Friday
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 4),
        start=time(9), end=time(17), break_minutes=60,
    )  # fmt: skip
    # then it is kept as a breach of the contract, citing 제9조 ④, and reported to the school
    assert [v["rule"] for v in entry.violations] == ["beyond_agreed_schedule"]
    assert "제9조 ④" in entry.violations[0]["message_ko"]
    assert "signed contract" in entry.violations[0]["message_en"]
    assert IncidentReport.objects.filter(hours_entry=entry).count() == 1


def test_completion_follows_the_signed_end_date(world: World, running: Any) -> None:
    # given a signed amendment ending the training yesterday (the offer ends in weeks)
    _signed_amendment(running, end_date=timezone.localdate() - timedelta(days=1))
    # when the school completes it today, then it is completed
    done = services.placement_complete(actor=world.user("school_staff_a"), placement=running)
    assert done.status == PlacementStatus.COMPLETED


def test_a_day_in_the_future_is_refused(world: World, running: Any) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.hours_log(
            actor=world.user("student"), placement=running,
            day=timezone.localdate() + timedelta(days=1), start=time(9), end=time(17),
            break_minutes=60,
        )  # fmt: skip
    assert raised.value.problems[0].field == "day"
    assert HoursEntry.objects.count() == 0


def test_the_company_cannot_log_but_confirms(world: World, running: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.hours_log(
            actor=world.user("company_staff"), placement=running, day=_weekday(running, 1),
            start=time(9), end=time(17), break_minutes=60,
        )  # fmt: skip
    entry = services.hours_log(
        actor=world.user("student"), placement=running, day=_weekday(running, 1),
        start=time(9), end=time(17), break_minutes=60,
    )  # fmt: skip
    confirmed = services.hours_confirm(actor=world.user("company_staff"), entry=entry)
    assert confirmed.confirmed_at is not None
    with pytest.raises(Conflict):
        services.hours_confirm(actor=world.user("company_staff"), entry=entry)


def test_a_grievance_is_never_shown_to_the_company(world: World, running: Any) -> None:
    # given the student reports unfair treatment
    incident = services.incident_file(
        actor=world.user("student"), placement=running, kind="grievance",
        description="폭언을 들었습니다.",
    )  # fmt: skip
    # then the school and the guardian see it, the host company does not
    for persona, seen in (
        ("school_staff_a", 1), ("guardian", 1), ("province_officer", 1),
        ("support_office_officer", 1), ("company_staff", 0), ("school_staff_b", 0),
    ):  # fmt: skip
        assert restrict(world.user(persona), IncidentReport.objects.all()).count() == seen, persona
    assert incident.level == IncidentLevel.SCHOOL


def test_an_unanswered_report_goes_to_the_province_after_the_deadline(
    world: World, running: Any
) -> None:
    incident = services.incident_file(
        actor=world.user("guardian"), placement=running, kind="safety", description="보호구 없음"
    )
    # before the deadline nothing moves; four days later it is escalated
    assert services.incidents_escalate_overdue() == 0
    later = timezone.now() + timedelta(days=4)
    assert services.incidents_escalate_overdue(now=later) == 1
    incident.refresh_from_db()
    assert incident.level == IncidentLevel.PROVINCE
    assert incident.response_due == later + timedelta(days=5)
    # and the province answers and closes it
    services.incident_respond(
        actor=world.user("province_officer"), incident=incident, response="현장 점검 실시",
        close=True,
    )  # fmt: skip
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED


def test_the_company_cannot_answer_a_report(world: World, running: Any) -> None:
    incident = services.incident_file(
        actor=world.user("student"), placement=running, kind="safety", description="위험"
    )
    with pytest.raises(PermissionDenied):
        services.incident_respond(
            actor=world.user("company_staff"), incident=incident, response="x"
        )


def test_a_visit_with_an_unmet_item_needs_a_follow_up(world: World, running: Any) -> None:
    data = services.VisitInput(
        visited_on=timezone.localdate(), hours_kept=True, tasks_match=False, safety_ok=True,
        mentor_present=True, student_wellbeing=True, notes="직무가 협약과 다름",
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as raised:
        services.visit_record(actor=world.user("school_staff_a"), placement=running, data=data)
    assert [p.field for p in raised.value.problems] == ["follow_up"]
    data.follow_up = "기업과 직무 조정 협의"
    visit = services.visit_record(actor=world.user("school_staff_a"), placement=running, data=data)
    assert (visit.teacher_name, visit.tasks_match) == (world.user("school_staff_a").name, False)
    with pytest.raises(PermissionDenied):
        services.visit_record(actor=world.user("school_staff_b"), placement=running, data=data)
    assert MonitoringVisit.objects.count() == 1


def test_each_party_evaluates_once_after_the_end(world: World, running: Any) -> None:
    with pytest.raises(Conflict):
        services.evaluation_submit(
            actor=world.user("student"), placement=running, role="student", rating=4
        )
    with freeze_time(running.offer.end_date):
        services.placement_complete(actor=world.user("company_staff"), placement=running)
    for persona, role in (("student", "student"), ("company_staff", "mentor"),
                          ("school_staff_a", "teacher")):  # fmt: skip
        services.evaluation_submit(
            actor=world.user(persona), placement=running, role=role, rating=5
        )
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(
            actor=world.user("company_staff"), placement=running, role="teacher", rating=1
        )
    with pytest.raises(Conflict):
        services.evaluation_submit(
            actor=world.user("student"), placement=running, role="student", rating=1
        )
    assert Evaluation.objects.count() == 3


def test_a_menstrual_leave_day_is_kept_without_a_breach(world: World, running: Any) -> None:
    # given the student takes 생리휴가 on the Wednesday of the first week
    entry = services.hours_log_leave(
        actor=world.user("student"), placement=running, day=_weekday(running, 2),
        kind="menstrual", note="청구",
    )  # fmt: skip
    # then the day is in the diary with no times or minutes, not a breach, and nobody is alerted
    assert (entry.leave, entry.start, entry.minutes, entry.is_breach) == (
        LeaveKind.MENSTRUAL, None, 0, False
    )  # fmt: skip
    assert IncidentReport.objects.count() == 0
    # and the week's cap counts only the days trained
    for weekday in (0, 1, 3, 4):
        day = services.hours_log(
            actor=world.user("student"), placement=running, day=_weekday(running, weekday),
            start=time(9), end=time(17), break_minutes=60,
        )  # fmt: skip
        assert day.is_breach is False


def test_leave_off_the_signed_schedule_or_of_an_unknown_kind_is_refused(
    world: World, running: Any
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.hours_log_leave(
            actor=world.user("student"), placement=running, day=_weekday(running, 5),
            kind="holiday",
        )  # fmt: skip
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("kind", "invalid_leave_kind"),
        ("day", "not_a_training_day"),
    ]
    assert "제73조" in raised.value.problems[1].message_ko
    assert "Art. 73" in raised.value.problems[1].message_en
    assert HoursEntry.objects.count() == 0


def test_the_company_cannot_log_leave(world: World, running: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.hours_log_leave(
            actor=world.user("company_staff"), placement=running, day=_weekday(running, 2),
            kind="absence",
        )  # fmt: skip
    assert HoursEntry.objects.count() == 0
