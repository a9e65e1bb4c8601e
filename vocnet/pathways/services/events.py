"""Writes of a graduate's pathway events (issue 18, §1) and of the summary the indicators
count.

``event_record`` checks permission (the graduate's school or the province, through
``vocnet.core.permissions``), validates every field naming it in Korean and English with the
rule it breaks, writes the event, refreshes the graduate's summary (``indicators.summarise``)
and records an audit entry, all in one transaction. Bad input raises ValidationFailed and
writes nothing. The Excel import (``importing_events.py``) applies ``event_problems`` row by
row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import authorize_change
from vocnet.core.users import UserLike, user_row
from vocnet.pathways import indicators, rules
from vocnet.pathways.models import (
    CheckSource,
    EmploymentType,
    EventKind,
    GraduateDestination,
    PathwayEvent,
    ServiceType,
    StudyRoute,
    WageBand,
)
from vocnet.pathways.services.destinations import resolve_company
from vocnet.registry.models import CompanySize, DataOrigin

SIGUNGU = re.compile(r"^\d{5}$")
KSIC = re.compile(r"^\d{2,5}$")
MAX_WEEKLY_HOURS = 68  # 근로기준법 제50조·제53조: 40 h + 12 h overtime (+ 16 h holiday, unverified)
JOB_KINDS = frozenset({EventKind.HIRED, EventKind.JOB_CHANGE})
# Which fields belong to which kinds of event; any other kind must leave them empty.
FIELDS_OF_KIND: dict[str, frozenset[str]] = {
    "business_number": JOB_KINDS,
    "employer_name": JOB_KINDS,
    "ksic_code": JOB_KINDS,
    "workplace_sigungu_code": JOB_KINDS,
    "employment_type": JOB_KINDS,
    "weekly_hours": JOB_KINDS,
    "wage_band": JOB_KINDS,
    "firm_size": JOB_KINDS,
    "check_month": frozenset({EventKind.INSURANCE_CHECK}),
    "is_insured": frozenset({EventKind.INSURANCE_CHECK}),
    "source": frozenset({EventKind.INSURANCE_CHECK}),
    "service_type": frozenset({EventKind.ENLISTED}),
    "route": frozenset({EventKind.ENROLLED, EventKind.COMPLETED}),
    "institution_name": frozenset({EventKind.ENROLLED, EventKind.COMPLETED}),
}
CHOICES: dict[str, Any] = {
    "kind": EventKind,
    "employment_type": EmploymentType,
    "wage_band": WageBand,
    "firm_size": CompanySize,
    "source": CheckSource,
    "service_type": ServiceType,
    "route": StudyRoute,
}


@dataclass
class EventInput:
    """One event of a graduate; which fields apply depends on ``kind`` (``FIELDS_OF_KIND``)."""

    kind: str
    occurred_on: date
    business_number: str | None = None  # a registered employer …
    employer_name: str = ""  # … or its name
    ksic_code: str = ""
    workplace_sigungu_code: str = ""
    employment_type: str = ""
    weekly_hours: int | None = None
    wage_band: str = ""
    firm_size: str = ""  # 기업 규모 of an unregistered employer (eligibility, issue 18 §3)
    check_month: int | None = None
    is_insured: bool | None = None
    source: str = ""
    service_type: str = ""
    route: str = ""
    institution_name: str = ""
    note: str = ""
    data_origin: str = DataOrigin.ENTERED


def _problem(field: str, code: str, ko: str, en: str) -> FieldProblem:
    return FieldProblem(field, code, ko, en)


def _present(value: Any) -> bool:
    return value not in (None, "")


def _kind_problems(data: EventInput, has_enrolment: bool) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    kind = data.kind
    if kind in JOB_KINDS and not (data.business_number or data.employer_name.strip()):
        problems.append(
            _problem(
                "employer_name",
                "employer_required",
                "취업·이직에는 기업(사업자등록번호 또는 기업명)을 적어야 합니다.",
                "A hire or job change needs the employer (business number or name).",
            )
        )
    if kind == EventKind.INSURANCE_CHECK:
        if not data.source:
            problems.append(
                _problem(
                    "source",
                    "source_required",
                    "고용보험 확인에는 출처(고용보험 DB·사업장·졸업생 응답·학교 확인)를 "
                    "적어야 합니다.",
                    "An insurance status check needs its source (insurance records, employer, "
                    "graduate's answer, school's call).",
                )
            )
        if data.check_month not in (3, 6, 12):
            problems.append(
                _problem(
                    "check_month",
                    "check_month_invalid",
                    "고용보험 확인 시점은 입사 후 3·6·12개월 중 하나입니다.",
                    "An insurance status check is made 3, 6 or 12 months after the hire.",
                )
            )
        if data.is_insured is None:
            problems.append(
                _problem(
                    "is_insured",
                    "required",
                    "고용보험 가입 여부를 적어야 합니다.",
                    "Say whether the graduate is insured.",
                )
            )
    if kind == EventKind.ENROLLED and not data.route:
        problems.append(
            _problem(
                "route",
                "route_required",
                "진학에는 경로(재직자 특별전형·계약학과·사내대학·방송통신대·사이버대·일반 진학)를 "
                "적어야 합니다.",
                "An enrolment needs its route (special admission for employees, a contract "
                "department, a corporate, open or cyber university, or regular admission).",
            )
        )
    if kind == EventKind.COMPLETED and not has_enrolment:
        problems.append(
            _problem(
                "kind",
                "completion_without_enrolment",
                "학업 마침은 그 전의 진학 기록이 있어야 적을 수 있습니다.",
                "A completion needs an earlier enrolment of the graduate.",
            )
        )
    if kind == EventKind.ENLISTED and not data.service_type:
        problems.append(
            _problem(
                "service_type",
                "service_type_required",
                "입대에는 복무 형태(현역 등·산업기능요원)를 적어야 합니다.",
                "An enlistment needs the type of service (active etc. or 산업기능요원).",
            )
        )
    for name, kinds in FIELDS_OF_KIND.items():
        if kind not in kinds and _present(getattr(data, name)):
            problems.append(
                _problem(
                    name,
                    "not_for_this_kind",
                    f"이 사건({EventKind(kind).label})에는 적지 않는 항목입니다: {name}",
                    f"{name} is not given for this kind of event ({kind}).",
                )
            )
    return problems


def _format_problems(data: EventInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for name, choices in CHOICES.items():
        value = getattr(data, name)
        if value and value not in choices.values:
            problems.append(
                _problem(
                    name,
                    "invalid_choice",
                    f"허용되지 않는 값입니다: {value}",
                    f"Not an allowed value: {value}",
                )
            )
    if data.workplace_sigungu_code and not SIGUNGU.match(data.workplace_sigungu_code):
        problems.append(
            _problem(
                "workplace_sigungu_code",
                "sigungu_invalid",
                "근무지는 시군구 코드 5자리 숫자로 적습니다(예: 41390 시흥시).",
                "The workplace is a 5-digit 시군구 code (e.g. 41390 Siheung).",
            )
        )
    if data.ksic_code and not KSIC.match(data.ksic_code):
        problems.append(
            _problem(
                "ksic_code",
                "ksic_invalid",
                "업종은 한국표준산업분류(KSIC) 코드 2~5자리 숫자입니다.",
                "The industry is a KSIC code of 2 to 5 digits.",
            )
        )
    if data.weekly_hours is not None and not 1 <= data.weekly_hours <= MAX_WEEKLY_HOURS:
        problems.append(
            _problem(
                "weekly_hours",
                "weekly_hours_out_of_range",
                f"주 소정근로시간은 1~{MAX_WEEKLY_HOURS}시간입니다.",
                f"Weekly hours are from 1 to {MAX_WEEKLY_HOURS}.",
            )
        )
    return problems


def event_problems(
    data: EventInput, *, graduation_year: int, has_enrolment: bool, today: date
) -> list[FieldProblem]:
    """Every rule ``data`` breaks for a graduate of ``graduation_year``: a date before the
    graduation day (``rules.GRADUATION_DAY``; a hire from 1 September of the year before,
    ``rules.EARLY_HIRE``) or after ``today``; an enrolment without a route; an insurance
    check without its source, month or status; a completion without an earlier enrolment;
    an enlistment without its type of service; a field that does not belong to the kind; a
    value of the wrong form. Empty when the event may be written."""
    problems = _format_problems(data)
    if data.kind not in EventKind.values:
        return problems
    earliest = (
        rules.earliest_hire(graduation_year)
        if data.kind in JOB_KINDS
        else rules.graduation_date(graduation_year)
    )
    if data.occurred_on < earliest:
        problems.append(
            _problem(
                "occurred_on",
                "before_graduation",
                f"졸업({graduation_year}년 2월) 전의 사건은 적을 수 없습니다: "
                f"{earliest.isoformat()} 이후여야 합니다"
                + (" (취업은 3학년 2학기부터)." if data.kind in JOB_KINDS else "."),
                f"An event cannot precede graduation ({graduation_year}-02): it must be on or "
                f"after {earliest.isoformat()}"
                + (
                    " (a hire from the 3rd year's second semester)."
                    if data.kind in JOB_KINDS
                    else "."
                ),
            )
        )
    if data.occurred_on > today:
        problems.append(
            _problem(
                "occurred_on",
                "in_the_future",
                "아직 오지 않은 날짜입니다.",
                "The date is in the future.",
            )
        )
    return problems + _kind_problems(data, has_enrolment)


def summary_fields(summary: indicators.PathwaySummary) -> dict[str, Any]:
    """The graduate's model fields of ``summary``."""
    return {
        "pathway_status": summary.status,
        "first_job_on": summary.first_job_on,
        "days_to_first_job": summary.days_to_first_job,
        "retained_6": summary.retained_6,
        "retained_12": summary.retained_12,
        "workplace_sigungu_code": summary.workplace_code,
        "study_route": summary.study_route,
        "works_in_school_city": summary.in_school_city,
        "works_in_school_province": summary.in_school_province,
    }


def as_event(event: PathwayEvent) -> indicators.Event:
    """The ORM → pure adapter of ``indicators.summarise``."""
    return indicators.Event(
        kind=event.kind,
        on=event.occurred_on,
        check_month=event.check_month,
        is_insured=event.is_insured,
        workplace_code=event.workplace_sigungu_code,
        route=event.route,
        service_type=event.service_type,
    )


def school_code(graduate: GraduateDestination) -> str:
    """The 시군구 code of the graduate's school (one query unless loaded)."""
    code = (
        GraduateDestination.objects.filter(pk=graduate.pk)
        .values_list("department__school__organisation__region__sigungu_code", flat=True)
        .first()
    )
    return code or ""


def summarise_graduate(
    graduate: GraduateDestination, events: Iterable[PathwayEvent], school: str | None = None
) -> dict[str, Any]:
    return summary_fields(
        indicators.summarise(
            [as_event(event) for event in events],
            graduate.graduation_year,
            graduate.kind,
            school_code(graduate) if school is None else school,
        )
    )


def summary_refresh(graduate: GraduateDestination) -> None:
    """Recompute and store ``graduate``'s pathway summary from their events (two queries)."""
    values = summarise_graduate(graduate, PathwayEvent.objects.filter(graduate=graduate))
    for name, value in values.items():
        setattr(graduate, name, value)
    GraduateDestination.objects.filter(pk=graduate.pk).update(**values)


@transaction.atomic
def event_record(
    *,
    actor: UserLike,
    graduate: GraduateDestination,
    data: EventInput,
    today: date | None = None,
) -> PathwayEvent:
    """Record one event of ``graduate``'s pathway (진로 이력) and refresh their summary.
    Raises PermissionDenied unless the actor keeps the graduate's school (its staff, or the
    province), ValidationFailed naming every bad field and its rule (``event_problems``;
    an unknown business number too). Nothing is written on error."""
    authorize_change(actor, graduate)
    problems = event_problems(
        data,
        graduation_year=graduate.graduation_year,
        has_enrolment=PathwayEvent.objects.filter(
            graduate=graduate, kind=EventKind.ENROLLED, occurred_on__lte=data.occurred_on
        ).exists(),
        today=today or timezone.localdate(),
    )
    company = resolve_company(data.business_number, problems)
    if problems:
        raise ValidationFailed.from_problems(problems)
    route = data.route
    if data.kind == EventKind.COMPLETED and not route:
        enrolment = (
            PathwayEvent.objects.filter(
                graduate=graduate, kind=EventKind.ENROLLED, occurred_on__lte=data.occurred_on
            )
            .order_by("-occurred_on")
            .first()
        )
        route = enrolment.route if enrolment else ""
    event = PathwayEvent.objects.create(
        graduate=graduate,
        kind=data.kind,
        occurred_on=data.occurred_on,
        company=company,
        employer_name=data.employer_name.strip()
        or (company.organisation.name_ko if company else ""),
        ksic_code=data.ksic_code,
        workplace_sigungu_code=data.workplace_sigungu_code,
        employment_type=data.employment_type,
        weekly_hours=data.weekly_hours,
        wage_band=data.wage_band,
        firm_size=data.firm_size,
        check_month=data.check_month,
        is_insured=data.is_insured,
        source=data.source,
        service_type=data.service_type,
        route=route,
        institution_name=data.institution_name.strip(),
        note=data.note.strip(),
        data_origin=data.data_origin,
        recorded_by=user_row(actor),
    )
    summary_refresh(graduate)
    record_audit(actor=actor, action="pathway_event.record", obj=event, after=snapshot(event))
    return event


@transaction.atomic
def event_delete(*, actor: UserLike, event: PathwayEvent) -> None:
    """Delete an event and refresh the graduate's summary. Raises PermissionDenied unless
    the actor may change the graduate."""
    graduate = event.graduate
    authorize_change(actor, graduate)
    record_audit(actor=actor, action="pathway_event.delete", obj=event, before=snapshot(event))
    event.delete()
    summary_refresh(graduate)
