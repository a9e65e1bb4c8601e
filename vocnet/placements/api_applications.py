"""Applications (현장실습 지원): a student or their school applies to an offer; the host company
records the interview and accepts (a seat is taken; 409 ``offer_full`` when none is left) or
declines. Mounted on ``vocnet.placements.api.router``; thin like it."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination
from vocnet.core.permissions import get_visible
from vocnet.placements import selectors, services
from vocnet.placements.schemas import (
    ApplicationDeclineIn,
    ApplicationInterviewIn,
    PlacementApplicationIn,
    PlacementApplicationOut,
    PlacementOut,
)
from vocnet.privacy.services import record_personal_data_access
from vocnet.registry.models import Student

router = Router(tags=["placements"])

APPLICATION = "/placements/applications/{application_id}"


class ApplicationQuery(Schema):
    offer: int | None = Field(None, ge=1, le=2_147_483_647)
    status: str | None = Field(None, pattern=r"^(applied|interview|accepted|declined|withdrawn)$")


@router.post("/placements/offers/{offer_id}/applications", response={201: PlacementApplicationOut})
def apply_to_offer(request: HttpRequest, offer_id: int, payload: PlacementApplicationIn) -> Any:
    """Apply for a student (the student, staff of the student's school, the province). No
    seat is taken until the company accepts."""
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    student = get_visible(
        request.user,
        Student.objects.select_related("department", "school__organisation"),
        payload.student_id,
        ("학생", "Student"),
    )
    application = services.application_submit(
        actor=request.user, offer=offer, student=student, note=payload.note,
        field_justification=payload.field_justification,
    )  # fmt: skip
    record_personal_data_access(request=request, subjects=[student], action="create")
    return Status(201, selectors.application_get(user=request.user, application_id=application.pk))


@router.get("/placements/applications", response=list[PlacementApplicationOut])
@paginate(BoundedPagination)
def list_applications(request: HttpRequest, filters: Query[ApplicationQuery]) -> Any:
    offer = (
        selectors.offer_get(user=request.user, offer_id=filters.offer) if filters.offer else None
    )
    return selectors.application_list(user=request.user, offer=offer, status=filters.status)


@router.post(APPLICATION + "/interview", response=PlacementApplicationOut)
def record_interview(
    request: HttpRequest, application_id: int, payload: ApplicationInterviewIn
) -> Any:
    """The host company records the interview (date and time, place, outcome once held)."""
    application = selectors.application_get(user=request.user, application_id=application_id)
    services.application_record_interview(
        actor=request.user, application=application, interview_at=payload.interview_at,
        place=payload.place, outcome=payload.outcome,
    )  # fmt: skip
    return selectors.application_get(user=request.user, application_id=application_id)


@router.post(APPLICATION + "/accept", response={201: PlacementOut})
def accept_application(request: HttpRequest, application_id: int) -> Any:
    """The host company accepts: the student is placed. Concurrency-safe: when every seat is
    taken the answer is 409 ``offer_full``."""
    application = selectors.application_get(user=request.user, application_id=application_id)
    placement = services.application_accept(actor=request.user, application=application)
    return Status(201, selectors.placement_get(user=request.user, placement_id=placement.pk))


@router.post(APPLICATION + "/decline", response=PlacementApplicationOut)
def decline_application(
    request: HttpRequest, application_id: int, payload: ApplicationDeclineIn
) -> Any:
    application = selectors.application_get(user=request.user, application_id=application_id)
    services.application_decline(actor=request.user, application=application, reason=payload.reason)
    return selectors.application_get(user=request.user, application_id=application_id)


@router.post(APPLICATION + "/withdraw", response=PlacementApplicationOut)
def withdraw_application(request: HttpRequest, application_id: int) -> Any:
    application = selectors.application_get(user=request.user, application_id=application_id)
    services.application_withdraw(actor=request.user, application=application)
    return selectors.application_get(user=request.user, application_id=application_id)
