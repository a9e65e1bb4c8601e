"""Writes of follow-up surveys (추적 조사, issue 18 §1): the school makes a link per graduate
at 6 or 12 months and copies it into an e-mail or a text message (vocnet sends nothing);
the graduate answers through the link without signing in; the answer is stored with its
date."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import Conflict, FieldProblem, ValidationFailed, not_found
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change
from vocnet.core.users import UserLike
from vocnet.pathways.models import FollowUpSurvey, GraduateDestination, SurveyAnswer, SurveyMonth
from vocnet.pathways.services.events import SIGUNGU, EventInput
from vocnet.pathways.services.survey_events import survey_event_inputs, survey_events_write


@transaction.atomic
def survey_create(*, actor: UserLike, graduate: GraduateDestination, month: int) -> FollowUpSurvey:
    """The follow-up survey of ``graduate`` at ``month`` (6 or 12) with a fresh unguessable
    token. Raises PermissionDenied unless the actor keeps the graduate's school,
    ValidationFailed for another month, Conflict when that survey exists (its link is on the
    graduate's page)."""
    authorize_change(actor, graduate)
    if month not in SurveyMonth.values:
        raise ValidationFailed.from_problems(
            [
                FieldProblem(
                    "month",
                    "survey_month_invalid",
                    "추적 조사는 졸업 후 6개월 또는 12개월에 합니다.",
                    "A follow-up survey is made 6 or 12 months after graduation.",
                )
            ]
        )
    if FollowUpSurvey.objects.filter(graduate=graduate, month=month).exists():
        raise Conflict(
            code="duplicate",
            message_ko="이 졸업생의 같은 시점 추적 조사가 이미 있습니다. 그 링크를 쓰세요.",
            message_en="This graduate's survey at that month exists; use its link.",
        )
    survey = FollowUpSurvey.objects.create(
        graduate=graduate, month=month, token=secrets.token_urlsafe(32)
    )
    record_audit(actor=actor, action="survey.create", obj=survey, after=snapshot(survey))
    return survey


@dataclass(frozen=True)
class SurveyChange:
    """What changed, when the answer says so: the day, a new employer (name, weekly hours,
    size), the route and school of an enrolment. Empty for "nothing new"."""

    changed_on: date | None = None
    employer_name: str = ""
    weekly_hours: int | None = None
    firm_size: str = ""
    route: str = ""
    institution_name: str = ""


@transaction.atomic
def survey_answer(
    *,
    token: str,
    answer: str,
    same_employer: bool | None = None,
    workplace_sigungu_code: str = "",
    change: SurveyChange | None = None,
    today: date | None = None,
) -> FollowUpSurvey:
    """Store the graduate's answer, dated ``today``, and the pathway events it stands for
    (``survey_events``); a later answer through the same link replaces both. The link is the
    graduate's authority: NotFound for an unknown token, ValidationFailed naming every bad
    field with its rule (the answer's own and those of the events), nothing written."""
    survey = (
        FollowUpSurvey.objects.select_for_update()
        .select_related("graduate")
        .filter(token=token)
        .first()
    )
    if survey is None:
        raise not_found("추적 조사", "Follow-up survey")
    change = change or SurveyChange()
    today = today or timezone.localdate()
    problems: list[FieldProblem] = []
    if answer not in SurveyAnswer.values:
        problems.append(
            FieldProblem(
                "answer",
                "required",
                "지금 하고 있는 일을 하나 고르세요.",
                "Choose what you are doing now.",
            )
        )
    if workplace_sigungu_code and not SIGUNGU.match(workplace_sigungu_code):
        problems.append(
            FieldProblem(
                "workplace_sigungu_code",
                "sigungu_invalid",
                "근무지는 시군구 코드 5자리 숫자입니다.",
                "The workplace is a 5-digit 시군구 code.",
            )
        )
    inputs: list[EventInput] = []
    if not problems:
        inputs, problems = survey_event_inputs(
            survey,
            answer=answer,
            same_employer=same_employer,
            changed_on=change.changed_on,
            employer_name=change.employer_name,
            weekly_hours=change.weekly_hours,
            firm_size=change.firm_size,
            workplace_sigungu_code=workplace_sigungu_code,
            route=change.route,
            institution_name=change.institution_name,
            today=today,
        )
    if problems:
        raise ValidationFailed.from_problems(problems)
    before = snapshot(survey)
    survey.answer = answer
    survey.same_employer = same_employer
    survey.workplace_sigungu_code = workplace_sigungu_code
    survey.changed_on = change.changed_on
    survey.employer_name = change.employer_name.strip()
    survey.weekly_hours = change.weekly_hours
    survey.firm_size = change.firm_size
    survey.route = change.route
    survey.institution_name = change.institution_name.strip()
    survey.answered_on = today
    survey.save()
    survey_events_write(survey, inputs)
    record_audit(
        actor=None, action="survey.answer", obj=survey, before=before, after=snapshot(survey)
    )
    return survey
