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
