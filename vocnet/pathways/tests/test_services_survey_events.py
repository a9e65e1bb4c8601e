"""A follow-up answer becomes pathway events: a status check with the graduate as source, a
job change, an enrolment with its route, leaving work; a new answer replaces the previous
answer's events; bad input is named on its field in Korean and English and nothing is
written (neither the answer nor an event)."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.core.errors import ValidationFailed
from vocnet.pathways.models import FollowUpSurvey, GraduateDestination, PathwayEvent
from vocnet.pathways.services import SurveyChange, survey_answer
from vocnet.pathways.tests.factories import DestinationFactory
from vocnet.testing import World

pytestmark = pytest.mark.django_db
TODAY = date(2025, 8, 3)


def _hired_graduate(world: World) -> tuple[GraduateDestination, FollowUpSurvey]:
    graduate = DestinationFactory(
        department=world.objects["department_a"], graduation_year=2025, kind="employed"
    )
    PathwayEvent.objects.create(
        graduate=graduate,
        kind="hired",
        occurred_on=date(2025, 2, 3),
        employer_name="(주)시흥정밀",
        weekly_hours=40,
        firm_size="sme",
    )
    survey = FollowUpSurvey.objects.create(graduate=graduate, month=6, token="t" * 43)
    return graduate, survey


def _kinds(graduate: GraduateDestination) -> list[str]:
    return list(graduate.events.order_by("occurred_on", "pk").values_list("kind", flat=True))


def test_still_at_the_first_job_is_a_status_check_from_the_graduate(world: World) -> None:
    # given a graduate hired in February
    graduate, survey = _hired_graduate(world)
    # when they answer "working, the first job" at 6 months
    survey_answer(token=survey.token, answer="working", same_employer=True, today=TODAY)
    # then an insurance-status check is recorded, sourced from the graduate, dated that day
    check = PathwayEvent.objects.get(kind="insurance_check")
    assert (check.occurred_on, check.check_month, check.is_insured, check.source) == (
        TODAY,
        6,
        True,
        "graduate",
    )
    assert check.survey_id == survey.pk
    assert check.note == "추적 조사 6개월 응답 (2025-08-03)"
    graduate.refresh_from_db()
    assert graduate.retained_6 is True


def test_a_new_employer_is_a_job_change_and_a_new_answer_replaces_it(world: World) -> None:
    graduate, survey = _hired_graduate(world)
    survey_answer(
        token=survey.token,
        answer="working",
        same_employer=False,
        change=SurveyChange(
            changed_on=date(2025, 7, 1), employer_name="(주)안산기계", weekly_hours=35
        ),
        today=TODAY,
    )
    change = PathwayEvent.objects.get(kind="job_change")
    assert (change.occurred_on, change.employer_name, change.weekly_hours) == (
        date(2025, 7, 1),
        "(주)안산기계",
        35,
    )
    # when the graduate answers again through the same link: still at the first job after all
    survey_answer(token=survey.token, answer="working", same_employer=True, today=TODAY)
    # then the job change is gone and a status check stands in its place
    assert _kinds(graduate) == ["hired", "insurance_check"]


def test_studying_is_an_enrolment_with_its_route(world: World) -> None:
    graduate, survey = _hired_graduate(world)
    survey_answer(
        token=survey.token,
        answer="working_studying",
        same_employer=True,
        change=SurveyChange(
            changed_on=date(2025, 3, 2), route="open_cyber", institution_name="한국방송통신대학교"
        ),
        today=TODAY,
    )
    assert _kinds(graduate) == ["hired", "enrolled", "insurance_check"]
    enrolment = PathwayEvent.objects.get(kind="enrolled")
    assert (enrolment.route, enrolment.institution_name) == ("open_cyber", "한국방송통신대학교")
    graduate.refresh_from_db()
    assert graduate.study_route == "open_cyber"


def test_neither_working_nor_studying_after_a_job_ends_it(world: World) -> None:
    graduate, survey = _hired_graduate(world)
    survey_answer(
        token=survey.token,
        answer="neither",
        change=SurveyChange(changed_on=date(2025, 6, 30)),
        today=TODAY,
    )
    assert _kinds(graduate) == ["hired", "left"]


@pytest.mark.parametrize(
    ("answer", "same_employer", "change", "field", "words"),
    [
        ("studying", None, SurveyChange(changed_on=date(2025, 3, 2)), "route", "진학 경로"),
        ("working", None, SurveyChange(), "same_employer", "첫 직장"),
        ("working", False, SurveyChange(employer_name="(주)안산기계"), "changed_on", "그날"),
        ("working", False, SurveyChange(changed_on=date(2025, 7, 1)), "employer_name", "기업명"),
        (
            "studying",
            None,
            SurveyChange(changed_on=date(2024, 3, 2), route="regular"),
            "changed_on",
            "졸업",
        ),
        (
            "studying",
            None,
            SurveyChange(changed_on=date(2025, 9, 1), route="regular"),
            "changed_on",
            "아직",
        ),
    ],
)
def test_a_bad_answer_is_named_on_its_field_and_nothing_is_written(
    world: World,
    answer: str,
    same_employer: bool | None,
    change: SurveyChange,
    field: str,
    words: str,
) -> None:
    # given a hired graduate's survey
    _graduate, survey = _hired_graduate(world)
    events_before = PathwayEvent.objects.count()
    # when the answer breaks a rule
    with pytest.raises(ValidationFailed) as raised:
        survey_answer(
            token=survey.token,
            answer=answer,
            same_employer=same_employer,
            change=change,
            today=TODAY,
        )
    # then the field is named in Korean and English, and nothing is written
    problem = next(p for p in raised.value.problems if p.field == field)
    assert words in problem.message_ko
    assert problem.message_en
    assert PathwayEvent.objects.count() == events_before
    stored = FollowUpSurvey.objects.get()
    assert (stored.answer, stored.answered_on) == ("", None)
