"""Recording a graduate's pathway: the school records its own graduates' events, every bad
field is named with its rule in Korean and English, nothing is written on bad input, and the
graduate's summary follows the events."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.pathways.models import FollowUpSurvey, GraduateDestination, PathwayEvent
from vocnet.pathways.services import (
    EventInput,
    event_delete,
    event_record,
    survey_answer,
    survey_create,
)
from vocnet.pathways.tests.factories import DestinationFactory
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


def _graduate(world: World) -> GraduateDestination:
    return DestinationFactory(department=world.objects["department_a"], graduation_year=2025)


def _hire(**changes: object) -> EventInput:
    data = EventInput(
        kind="hired",
        occurred_on=date(2025, 3, 4),
        employer_name="(주)시흥정밀",
        ksic_code="29",
        workplace_sigungu_code="41390",
        employment_type="regular",
        weekly_hours=40,
        wage_band="200_250",
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_a_hire_is_recorded_audited_and_the_graduate_counts_as_employed(world: World) -> None:
    graduate = _graduate(world)
    event = event_record(
        actor=world.user("school_staff_a"), graduate=graduate, data=_hire(), today=TODAY
    )
    assert PathwayEvent.objects.get() == event
    graduate.refresh_from_db()
    assert graduate.pathway_status == "employed"
    assert graduate.first_job_on == date(2025, 3, 4)
    assert graduate.workplace_sigungu_code == "41390"
    assert AuditEvent.objects.filter(action="pathway_event.record").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"occurred_on": date(2024, 8, 31)}, "occurred_on", "before_graduation"),
        (
            {
                "kind": "enrolled",
                "occurred_on": date(2025, 1, 31),
                "employer_name": "",
                "ksic_code": "",
                "workplace_sigungu_code": "",
                "employment_type": "",
                "weekly_hours": None,
                "wage_band": "",
                "route": "regular",
            },
            "occurred_on",
            "before_graduation",
        ),
        (
            {
                "kind": "enrolled",
                "employer_name": "",
                "ksic_code": "",
                "workplace_sigungu_code": "",
                "employment_type": "",
                "weekly_hours": None,
                "wage_band": "",
            },
            "route",
            "route_required",
        ),
        (
            {
                "kind": "insurance_check",
                "employer_name": "",
                "ksic_code": "",
                "workplace_sigungu_code": "",
                "employment_type": "",
                "weekly_hours": None,
                "wage_band": "",
                "check_month": 6,
                "is_insured": True,
            },
            "source",
            "source_required",
        ),
        ({"workplace_sigungu_code": "4139"}, "workplace_sigungu_code", "sigungu_invalid"),
        ({"weekly_hours": 80}, "weekly_hours", "weekly_hours_out_of_range"),
        ({"route": "regular"}, "route", "not_for_this_kind"),
        ({"employer_name": ""}, "employer_name", "employer_required"),
        ({"occurred_on": date(2027, 1, 1)}, "occurred_on", "in_the_future"),
    ],
)
def test_bad_input_names_the_field_and_rule_and_writes_nothing(
    world: World, changes: dict[str, object], field: str, code: str
) -> None:
    graduate = _graduate(world)
    with pytest.raises(ValidationFailed) as raised:
        event_record(
            actor=world.user("school_staff_a"),
            graduate=graduate,
            data=_hire(**changes),
            today=TODAY,
        )
    problems = {(p.field, p.code) for p in raised.value.problems}
    assert (field, code) in problems
    problem = next(p for p in raised.value.problems if p.code == code)
    assert problem.message_ko
    assert problem.message_en
    assert problem.message_ko != problem.message_en
    assert PathwayEvent.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    graduate.refresh_from_db()
    assert graduate.first_job_on is None


def test_a_hire_in_the_third_years_second_semester_is_allowed(world: World) -> None:
    graduate = _graduate(world)
    event_record(
        actor=world.user("school_staff_a"),
        graduate=graduate,
        data=_hire(occurred_on=date(2024, 9, 1)),
        today=TODAY,
    )
    graduate.refresh_from_db()
    assert graduate.days_to_first_job == 0


def test_a_completion_needs_an_enrolment_and_takes_its_route(world: World) -> None:
    graduate = _graduate(world)
    staff = world.user("school_staff_a")
    completion = EventInput(kind="completed", occurred_on=date(2026, 2, 20))
    with pytest.raises(ValidationFailed) as raised:
        event_record(actor=staff, graduate=graduate, data=completion, today=TODAY)
    assert raised.value.problems[0].code == "completion_without_enrolment"
    event_record(actor=staff, graduate=graduate, data=_hire(), today=TODAY)
    event_record(
        actor=staff,
        graduate=graduate,
        data=EventInput(kind="enrolled", occurred_on=date(2025, 3, 2), route="open_cyber"),
        today=TODAY,
    )
    done = event_record(actor=staff, graduate=graduate, data=completion, today=TODAY)
    assert done.route == "open_cyber"
    graduate.refresh_from_db()
    assert graduate.study_route == "open_cyber"


def test_other_schools_and_offices_may_not_record_events(world: World) -> None:
    graduate = _graduate(world)
    for persona in ("school_staff_b", "support_office_officer", "local_government_officer"):
        with pytest.raises((PermissionDenied, NotFound)):
            event_record(actor=world.user(persona), graduate=graduate, data=_hire(), today=TODAY)
    assert PathwayEvent.objects.count() == 0


def test_deleting_an_event_restores_the_summary(world: World) -> None:
    graduate = _graduate(world)
    event = event_record(
        actor=world.user("school_staff_a"), graduate=graduate, data=_hire(), today=TODAY
    )
    event_delete(actor=world.user("school_staff_a"), event=event)
    graduate.refresh_from_db()
    assert graduate.pathway_status == "higher_education"  # the factory's destination
    assert graduate.first_job_on is None


def test_a_survey_link_is_answered_without_signing_in_and_the_answer_dated(world: World) -> None:
    graduate = _graduate(world)
    survey = survey_create(actor=world.user("school_staff_a"), graduate=graduate, month=6)
    assert len(survey.token) >= 40
    with pytest.raises(Conflict):
        survey_create(actor=world.user("school_staff_a"), graduate=graduate, month=6)
    with pytest.raises(ValidationFailed):
        survey_answer(token=survey.token, answer="dancing")
    assert FollowUpSurvey.objects.get().answered_on is None
    survey_answer(token=survey.token, answer="working", same_employer=True, today=date(2025, 8, 3))
    stored = FollowUpSurvey.objects.get()
    assert (stored.answer, stored.same_employer, stored.answered_on) == (
        "working",
        True,
        date(2025, 8, 3),
    )
    with pytest.raises(NotFound):
        survey_answer(token="nope", answer="working")


def test_a_survey_at_another_month_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        survey_create(actor=world.user("school_staff_a"), graduate=_graduate(world), month=9)
    assert raised.value.problems[0].field == "month"
    assert FollowUpSurvey.objects.count() == 0
