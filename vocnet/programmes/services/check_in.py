"""QR check-in and cancellation of event registrations.

Each registration carries an unguessable code (``check_in_token``); its QR code encodes the
check-in URL ``/programmes/events/<event>/check-in/<code>/``. The organiser's officer who
opens (scans) it, signed in, marks the registration attended — once: a second scan changes
nothing and says so. A code of another event, or of a cancelled registration, is refused
with a bilingual problem naming the field and the rule; nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from vocnet.core.models import record_audit
from vocnet.core.permissions import Action, authorize_change, restrict
from vocnet.core.users import UserLike, user_row
from vocnet.programmes.models import Event, EventRegistration
from vocnet.programmes.rules import problem, raise_if, seoul


@dataclass(frozen=True)
class CheckInResult:
    registration: EventRegistration
    # False when the registration had been checked in already (the scan changed nothing).
    is_new: bool
    attended_count: int


def _code_of(value: str) -> str:
    """The code alone, whether the organiser typed it or pasted the whole check-in URL."""
    return value.strip().rstrip("/").rsplit("/", 1)[-1]


@transaction.atomic
def registration_check_in_by_code(
    *, actor: UserLike, event: Event, code: str, now: datetime | None = None
) -> CheckInResult:
    """Mark the registration whose code is ``code`` attended at ``event`` (idempotent).

    Raises PermissionDenied (only the event's organiser's officers check in),
    ValidationFailed (no such code; a code of another event; a cancelled registration),
    nothing written."""
    authorize_change(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    token = _code_of(code)
    registration = (
        EventRegistration.objects.select_for_update(of=("self",))
        .select_related("event", "organisation")
        .filter(check_in_token=token)
        .first()
        if token
        else None
    )
    if registration is None:
        raise_if(
            [
                problem(
                    "code",
                    "unknown_code",
                    "참석 확인 코드가 맞지 않습니다. QR 코드를 다시 읽거나 명단에서 표시하세요.",
                    "The check-in code is not valid. Scan the QR code again or tick the list.",
                )
            ]
        )
    assert registration is not None
    if registration.event_id != event.pk:
        raise_if(
            [
                problem(
                    "code",
                    "other_event",
                    f"다른 행사의 참석 확인 코드입니다: {registration.event.title}",
                    f"The code is a registration for another event: {registration.event.title}",
                )
            ]
        )
    if registration.cancelled_at is not None:
        raise_if(
            [
                problem(
                    "code",
                    "cancelled",
                    f"취소된 참가 신청입니다(취소 {seoul(registration.cancelled_at)} Asia/Seoul).",
                    f"The registration was cancelled ({seoul(registration.cancelled_at)}"
                    " Asia/Seoul).",
                )
            ]
        )
    is_new = not registration.attended
    if is_new:
        registration.attended = True
        registration.checked_in_at = now if now is not None else timezone.now()
        registration.save(update_fields=["attended", "checked_in_at"])
        record_audit(
            actor=actor,
            action="programmes.event.check_in_code",
            obj=event,
            after={"registration": registration.pk},
        )
    count = event.registrations.filter(attended=True, cancelled_at__isnull=True).count()
    return CheckInResult(registration, is_new, count)


@transaction.atomic
def registration_cancel(
    *, actor: UserLike, registration: EventRegistration, now: datetime | None = None
) -> EventRegistration:
    """Cancel a registration: the registrant themselves or the event's organiser, before the
    event starts. The seat is freed; the code no longer checks in.

    Raises PermissionDenied (anyone else), ValidationFailed (cancelled already; attended;
    the event has started), nothing written."""
    registration = (
        EventRegistration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    is_organiser = restrict(
        actor, Event.objects.filter(pk=registration.event_id), Action.CHANGE
    ).exists()
    own = user_row(actor)
    if not is_organiser and (own is None or registration.user_id != own.pk):
        authorize_change(actor, registration)  # raises: only the organiser may change it
    moment = now if now is not None else timezone.now()
    starts_at = registration.event.starts_at
    problems = []
    if registration.cancelled_at is not None:
        problems.append(
            problem("registration", "cancelled", "이미 취소했습니다.", "Cancelled already.")
        )
    elif registration.attended:
        problems.append(
            problem(
                "registration",
                "attended",
                "참석이 확인된 신청은 취소할 수 없습니다.",
                "An attended registration cannot be cancelled.",
            )
        )
    elif moment >= starts_at:
        problems.append(
            problem(
                "registration",
                "started",
                f"행사가 시작된 뒤에는 취소할 수 없습니다(시작 {seoul(starts_at)} Asia/Seoul).",
                f"The event started at {seoul(starts_at)} (Asia/Seoul).",
            )
        )
    raise_if(problems)
    registration.cancelled_at = moment
    registration.save(update_fields=["cancelled_at"])
    record_audit(
        actor=actor,
        action="programmes.event.cancel",
        obj=registration.event,
        after={"registration": registration.pk},
    )
    return registration
