"""Programme endpoints: thin — parse input, call one selector or service, return.

Applications the caller may not see answer 404; bad input 422 with the field and the rule in
Korean and English (a late submission cites the call's window in Asia/Seoul).
"""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination
from vocnet.programmes import selectors, services
from vocnet.programmes.models import Application, Call

router = Router(tags=["programmes"])


class ProgrammeCallOut(Schema):
    id: int
    kind: str
    year: int
    round_number: int
    title: str
    issuing_organisation: str
    status: str
    opens_at: datetime
    closes_at: datetime
    quota: int
    duration_years: int
    is_blind: bool


class ProgrammeApplicationOut(Schema):
    id: int
    call_id: int
    blind_code: str
    title: str
    lead_organisation: str
    status: str
    submitted_at: datetime | None
    parties: list[str]
    versions: int


def _call_out(call: Call) -> ProgrammeCallOut:
    return ProgrammeCallOut(
        id=call.pk,
        kind=call.kind.code,
        year=call.year,
        round_number=call.round_number,
        title=call.title,
        issuing_organisation=call.issuing_organisation.name_ko,
        status=call.status,
        opens_at=call.opens_at,
        closes_at=call.closes_at,
        quota=call.quota,
        duration_years=call.duration_years,
        is_blind=call.is_blind,
    )


def _application_out(application: Application) -> ProgrammeApplicationOut:
    return ProgrammeApplicationOut(
        id=application.pk,
        call_id=application.call_id,
        blind_code=application.blind_code,
        title=application.title,
        lead_organisation=application.lead_organisation.name_ko,
        status=application.status,
        submitted_at=application.submitted_at,
        parties=[
            p.organisation.name_ko for p in application.parties.select_related("organisation")
        ],
        versions=application.versions.count(),
    )


@router.get("/programmes/calls", response=list[ProgrammeCallOut])
def list_calls(request: HttpRequest) -> Any:
    """Published calls, and the drafts of the calls the caller manages."""
    return [_call_out(call) for call in selectors.calls_visible(request.user)]


@router.get("/programmes/applications/{application_id}", response=ProgrammeApplicationOut)
def get_application(request: HttpRequest, application_id: int) -> Any:
    """An application, for the call's officers and the staff of its parties (else 404)."""
    return _application_out(selectors.application_detail(request.user, application_id))


@router.post("/programmes/applications/{application_id}/submit", response=ProgrammeApplicationOut)
def submit_application(request: HttpRequest, application_id: int) -> Any:
    """Submit before the deadline (the lead school's staff): the content is frozen in a
    version. 422 names what is missing or late."""
    application = selectors.application_detail(request.user, application_id)
    services.application_submit(actor=request.user, application=application)
    return _application_out(selectors.application_detail(request.user, application_id))


@router.get("/programmes/applications", response=list[ProgrammeApplicationOut])
@paginate(BoundedPagination)
def list_applications(request: HttpRequest) -> Any:
    """Applications the caller may see: to the calls they manage, or as a party."""
    return [_application_out(a) for a in selectors.applications_visible(request.user)]


class ProgrammeWithdrawIn(Schema):
    reason: str = Field(..., max_length=300)


@router.post("/programmes/applications/{application_id}/withdraw", response=ProgrammeApplicationOut)
def withdraw_application(
    request: HttpRequest, application_id: int, payload: ProgrammeWithdrawIn
) -> Any:
    """Withdraw (the lead school's staff); who, when and why are recorded."""
    application = selectors.application_detail(request.user, application_id)
    services.application_withdraw(
        actor=request.user, application=application, reason=payload.reason
    )
    return _application_out(selectors.application_detail(request.user, application_id))


# Designation and grants (docs/adr/0024-designation-grants-accountability.md) ----------------

from datetime import date as _date  # noqa: E402
from decimal import Decimal  # noqa: E402

from vocnet.programmes import selectors_grants  # noqa: E402
from vocnet.programmes.models import Designation  # noqa: E402
from vocnet.programmes.selectors_grants import ExecutionRow  # noqa: E402
from vocnet.programmes.services import grants as grant_services  # noqa: E402


class ProgrammeDesignationOut(Schema):
    id: int
    school: str
    programme: str
    year: int
    role: str
    cohort: int
    duration_years: int
    agreement_status: str | None
    is_synthetic: bool


def _designation_out(designation: Designation) -> ProgrammeDesignationOut:
    badge = designation.school_designation
    return ProgrammeDesignationOut(
        id=designation.pk,
        school=badge.school.organisation.name_ko,
        programme=designation.programme.code,
        year=badge.year,
        role=badge.role,
        cohort=designation.cohort,
        duration_years=designation.duration_years,
        agreement_status=designation.agreement.status if designation.agreement else None,
        is_synthetic=designation.is_synthetic,
    )


@router.get("/programmes/designations", response=list[ProgrammeDesignationOut])
@paginate(BoundedPagination)
def list_designations(request: HttpRequest) -> Any:
    """Designations the caller may see: all for the province, their calls' for the issuing
    officers, their own for the school and its consortium."""
    return [_designation_out(d) for d in selectors_grants.designations_visible(request.user)]


class ProgrammeExecutionRowOut(Schema):
    key: str
    label: str
    planned_krw: int
    disbursed_krw: int
    spent_krw: int
    rate_percent: Decimal | None
    rate_base: str
    is_synthetic: bool


class ProgrammeExecutionOut(Schema):
    fiscal_year: int | None
    by_school: list[ProgrammeExecutionRowOut]
    by_programme: list[ProgrammeExecutionRowOut]
    by_source: list[ProgrammeExecutionRowOut]
    by_category: list[ProgrammeExecutionRowOut]
    total: ProgrammeExecutionRowOut


def _execution_row(row: ExecutionRow) -> ProgrammeExecutionRowOut:
    return ProgrammeExecutionRowOut(
        key=row.key,
        label=row.label,
        planned_krw=row.planned,
        disbursed_krw=row.disbursed,
        spent_krw=row.spent,
        rate_percent=row.rate,
        rate_base="planned" if row.by_plan else "disbursed",
        is_synthetic=row.is_synthetic,
    )


@router.get("/programmes/execution", response=ProgrammeExecutionOut)
def get_execution(request: HttpRequest, year: int | None = None) -> Any:
    """Execution rates (spent ÷ disbursed; per category spent ÷ planned) of the grants the
    caller may see, by school, programme, source and category."""
    dashboard = selectors_grants.execution_dashboard(request.user, year)
    return ProgrammeExecutionOut(
        fiscal_year=dashboard.fiscal_year,
        by_school=[_execution_row(r) for r in dashboard.by_school],
        by_programme=[_execution_row(r) for r in dashboard.by_programme],
        by_source=[_execution_row(r) for r in dashboard.by_source],
        by_category=[_execution_row(r) for r in dashboard.by_category],
        total=_execution_row(dashboard.total),
    )


class ProgrammeDisbursementIn(Schema):
    source: str = Field(..., max_length=20)
    disbursed_on: _date
    amount_krw: int
    note: str = Field("", max_length=300)


class ProgrammeDisbursementOut(Schema):
    id: int
    grant_id: int
    source: str
    disbursed_on: _date
    amount_krw: int


@router.post("/programmes/grants/{grant_id}/disbursements", response=ProgrammeDisbursementOut)
def record_disbursement(
    request: HttpRequest, grant_id: int, payload: ProgrammeDisbursementIn
) -> Any:
    """Record a disbursement (the province, the issuing officers); within the year's plan for
    the source. 422 names the field and the rule."""
    grant = selectors_grants.grant_detail(request.user, grant_id)
    row = grant_services.disbursement_record(
        actor=request.user,
        grant=grant,
        source=payload.source,
        disbursed_on=payload.disbursed_on,
        amount_krw=payload.amount_krw,
        note=payload.note,
    )
    return ProgrammeDisbursementOut(
        id=row.pk,
        grant_id=grant.pk,
        source=row.source,
        disbursed_on=row.disbursed_on,
        amount_krw=row.amount_krw,
    )


# Events ----------------------------------------------------------------------------------

from vocnet.programmes import selectors_events  # noqa: E402
from vocnet.programmes.services import events as event_services  # noqa: E402


class ProgrammeEventOut(Schema):
    id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    organiser: str
    registered: int
    attended: int
    reported_participants: int | None
    is_synthetic: bool


@router.get("/programmes/events", response=list[ProgrammeEventOut])
@paginate(BoundedPagination)
def list_events(request: HttpRequest) -> Any:
    """Briefings and launch ceremonies with their registration and attendance counts."""
    return [
        ProgrammeEventOut(
            id=e.pk,
            kind=e.kind,
            title=e.title,
            starts_at=e.starts_at,
            ends_at=e.ends_at,
            place=e.place,
            organiser=e.organiser.name_ko,
            registered=e.registered,
            attended=e.attended_count,
            reported_participants=e.reported_participants,
            is_synthetic=e.is_synthetic,
        )
        for e in selectors_events.events_visible(request.user)
    ]


class ProgrammeEventRegistrationIn(Schema):
    name: str = Field(..., max_length=100)
    organisation_id: int | None = None
    role_title: str = Field("", max_length=100)


class ProgrammeEventRegistrationOut(Schema):
    id: int
    event_id: int
    name: str
    organisation_id: int | None


@router.post("/programmes/events/{event_id}/registrations", response=ProgrammeEventRegistrationOut)
def register_for_event(
    request: HttpRequest, event_id: int, payload: ProgrammeEventRegistrationIn
) -> Any:
    """Register for an event (any signed-in user for themselves; the organiser for anyone).
    422 when closed, full, not invited or already registered."""
    event = selectors_events.event_detail(request.user, event_id)
    row = event_services.registration_create(
        actor=request.user,
        event=event,
        name=payload.name,
        organisation_id=payload.organisation_id,
        role_title=payload.role_title,
    )
    return ProgrammeEventRegistrationOut(
        id=row.pk, event_id=event.pk, name=row.name, organisation_id=row.organisation_id
    )
