"""A follow-up answer becomes pathway events (issue 18 §1, §3): "still at my first job" is an
employment-status check with the source 졸업생 응답; a new employer a hire or a job change;
studying an enrolment with its route; military service an enlistment; neither (or studying,
or serving) after a recorded job the end of that job. Each event carries the survey, so a new
answer through the same link replaces the events of the previous one; its note says the
answer's date.

``survey_event_inputs`` decides the events and every rule they break (the rules of
``events.event_problems`` too, named by the survey form's fields); ``survey_events_write``
writes them. ``surveys.survey_answer`` calls both in one transaction: on any problem nothing
is written, neither the answer nor an event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vocnet.core.errors import FieldProblem
from vocnet.pathways import eligibility
from vocnet.pathways.models import (
    CheckSource,
    EventKind,
    FollowUpSurvey,
    PathwayEvent,
    ServiceType,
    SurveyAnswer,
)
from vocnet.pathways.services.events import (
    EventInput,
    event_problems,
    summary_refresh,
)
from vocnet.registry.models import DataOrigin

WORKING = frozenset({SurveyAnswer.WORKING, SurveyAnswer.WORKING_AND_STUDYING})
STUDYING = frozenset({SurveyAnswer.STUDYING, SurveyAnswer.WORKING_AND_STUDYING})
# The survey form's field for each event field a problem may name.
FORM_FIELD = {"occurred_on": "changed_on", "kind": "answer"}


def _problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def _working(events: list[PathwayEvent], on: date) -> tuple[bool, bool]:
    """Whether the recorded events (up to ``on``) had a job, and whether one is held then."""
    periods = eligibility.spells(
        eligibility.Fact(e.kind, e.occurred_on, service_type=e.service_type)
        for e in events
        if e.occurred_on <= on
    )
    return bool(periods), bool(periods) and periods[-1].end is None


def survey_event_inputs(
    survey: FollowUpSurvey,
    *,
    answer: str,
    same_employer: bool | None,
    changed_on: date | None,
    employer_name: str,
    weekly_hours: int | None,
    firm_size: str,
    workplace_sigungu_code: str,
    route: str,
    institution_name: str,
    today: date,
) -> tuple[list[EventInput], list[FieldProblem]]:
    """The events an answer given on ``today`` stands for, and every rule it breaks (named by
    the survey form's fields, in Korean and English). Reads the graduate's events recorded
    otherwise than by this survey."""
    graduate = survey.graduate
    recorded = list(PathwayEvent.objects.filter(graduate=graduate).exclude(survey=survey))
    had_job, works = _working(recorded, today)
    note = f"추적 조사 {survey.month}개월 응답 ({today.isoformat()})"
    inputs: list[EventInput] = []
    problems: list[FieldProblem] = []
    needs_date = False

    def new(kind: str, **fields: object) -> None:
        nonlocal needs_date
        needs_date = True
        inputs.append(
            EventInput(kind=kind, occurred_on=changed_on or today, note=note, **fields)  # type: ignore[arg-type]
        )

    if answer in WORKING:
        if same_employer is None:
            problems.append(
                _problem(
                    "same_employer",
                    "required",
                    "일하고 있다면 첫 직장에 계속 다니는지 골라 주세요.",
                    "If you are working, say whether it is still your first job.",
                )
            )
        elif same_employer and works:
            inputs.append(
                EventInput(
                    kind=EventKind.INSURANCE_CHECK,
                    occurred_on=today,
                    check_month=survey.month,
                    is_insured=True,
                    source=CheckSource.GRADUATE,
                    note=note,
                )
            )
        elif same_employer and not (employer_name.strip() or changed_on):
            # "Still at my first job" that the school never recorded: the answer is kept
            # (shown on the graduate's page) and the school records the hire; an employer
            # and a day given with it make the hire here.
            pass
        else:
            if not employer_name.strip():
                problems.append(
                    _problem(
                        "employer_name",
                        "employer_required",
                        "새로 다니는 곳이면 기업명을 적어 주세요.",
                        "For a new job, give the employer's name.",
                    )
                )
            new(
                EventKind.JOB_CHANGE if had_job else EventKind.HIRED,
                employer_name=employer_name.strip(),
                weekly_hours=weekly_hours,
                firm_size=firm_size,
                workplace_sigungu_code=workplace_sigungu_code,
            )
    elif works:
        new(EventKind.LEFT_WORK)
    if answer in STUDYING:
        enrolled = {e.route for e in recorded if e.kind == EventKind.ENROLLED}
        if not route:
            problems.append(
                _problem(
                    "route",
                    "route_required",
                    "공부하고 있다면 진학 경로(재직자 특별전형·계약학과·사내대학·방송통신대·"
                    "사이버대·일반 진학)를 골라 주세요.",
                    "If you are studying, choose the route (special admission for employees, a "
                    "contract department, a corporate, open or cyber university, or regular).",
                )
            )
        elif route not in enrolled:
            new(EventKind.ENROLLED, route=route, institution_name=institution_name.strip())
    if answer == SurveyAnswer.MILITARY and not any(e.kind == EventKind.ENLISTED for e in recorded):
        new(EventKind.ENLISTED, service_type=ServiceType.ACTIVE)
    if needs_date and changed_on is None:
        problems.append(
            _problem(
                "changed_on",
                "required",
                "새 직장·진학·입대·퇴직이 있으면 그날을 적어 주세요.",
                "Give the day of the new job, enrolment, enlistment or leaving.",
            )
        )
    if not problems:
        problems = _rule_problems(inputs, survey, recorded, today)
    return inputs, problems


def _rule_problems(
    inputs: list[EventInput], survey: FollowUpSurvey, recorded: list[PathwayEvent], today: date
) -> list[FieldProblem]:
    """The rules of ``event_problems`` the events break, named by the survey form's fields."""
    problems: list[FieldProblem] = []
    has_enrolment = any(e.kind == EventKind.ENROLLED for e in recorded)
    for data in inputs:
        for problem in event_problems(
            data,
            graduation_year=survey.graduate.graduation_year,
            has_enrolment=has_enrolment,
            today=today,
        ):
            renamed = replace(problem, field=FORM_FIELD.get(problem.field, problem.field))
            if renamed not in problems:
                problems.append(renamed)
    return problems


def survey_events_write(survey: FollowUpSurvey, inputs: list[EventInput]) -> list[PathwayEvent]:
    """Replace the events of ``survey``'s previous answer by ``inputs`` (already checked by
    ``survey_event_inputs``) and refresh the graduate's summary. Call inside the answer's
    transaction."""
    PathwayEvent.objects.filter(survey=survey).delete()
    events = [
        PathwayEvent.objects.create(
            graduate=survey.graduate,
            survey=survey,
            kind=data.kind,
            occurred_on=data.occurred_on,
            employer_name=data.employer_name,
            workplace_sigungu_code=data.workplace_sigungu_code,
            weekly_hours=data.weekly_hours,
            firm_size=data.firm_size,
            check_month=data.check_month,
            is_insured=data.is_insured,
            source=data.source,
            service_type=data.service_type,
            route=data.route,
            institution_name=data.institution_name,
            note=data.note,
            data_origin=DataOrigin.ENTERED,
        )
        for data in inputs
    ]
    summary_refresh(survey.graduate)
    return events
