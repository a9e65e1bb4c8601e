"""Events: creating a briefing or launch ceremony with its invited organisations, registering
participants, and the organiser's attendance check-in (a list they tick). Every refusal is a
bilingual problem naming the field and the rule; nothing written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem
from vocnet.core.models import record_audit
from vocnet.core.permissions import (
    Action,
    actor_for,
    authorize_change,
    authorize_create,
    restrict,
)
from vocnet.core.users import UserLike, user_row
from vocnet.programmes.models import (
    Designation,
    Event,
    EventInvitation,
    EventKind,
    EventRegistration,
)
from vocnet.programmes.rules import problem, raise_if, seoul, text_problems
from vocnet.registry.models import Organisation


@dataclass
class EventInput:
    kind: str
    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    place: str
    organiser_id: int
    invited_ids: list[int] = field(default_factory=list)
    designation_ids: list[int] = field(default_factory=list)
    call_id: int | None = None
    capacity: int | None = None
    registration_closes_at: datetime | None = None
    description: str = ""


@transaction.atomic
def event_create(*, actor: UserLike, data: EventInput) -> Event:
    """Create an event of the organiser (whose officers — or the province — may), with the
    invited organisations and the designations it celebrates.

    Raises PermissionDenied, ValidationFailed (unknown kind; title or place missing; no or
    misordered times; registration closing after the start; capacity 0; unknown
    organisations or designations), nothing written."""
    authorize_create(actor, Event, organiser_id=data.organiser_id)
    problems: list[FieldProblem] = []
    if data.kind not in EventKind.values:
        problems.append(
            problem(
                "kind",
                "unknown_kind",
                "행사 구분은 briefing, launch, other 중 하나입니다.",
                "The kind is briefing, launch or other.",
            )
        )
    problems += text_problems("title", data.title, 200, required=True)
    problems += text_problems("place", data.place, 200, required=True)
    problems += text_problems("description", data.description, 3000, required=False)
    for name in ("starts_at", "ends_at"):
        if getattr(data, name) is None:
            problems.append(
                problem(name, "required", "일시를 입력하세요.", "Give the date and time.")
            )
    if data.starts_at and data.ends_at and data.ends_at < data.starts_at:
        problems.append(
            problem(
                "ends_at",
                "before_start",
                "종료 일시가 시작 일시보다 앞섭니다.",
                "The event ends before it starts.",
            )
        )
    if (
        data.registration_closes_at
        and data.starts_at
        and data.registration_closes_at > data.starts_at
    ):
        problems.append(
            problem(
                "registration_closes_at",
                "after_start",
                "참가 신청 마감은 행사 시작 전이어야 합니다.",
                "Registration must close before the event starts.",
            )
        )
    if data.capacity is not None and data.capacity < 1:
        problems.append(
            problem("capacity", "out_of_range", "정원은 1명 이상입니다.", "Capacity is 1 or more.")
        )
    known = set(Organisation.objects.filter(pk__in=data.invited_ids).values_list("pk", flat=True))
    if set(data.invited_ids) - known:
        problems.append(
            problem(
                "invited_ids",
                "unknown_organisation",
                "등록되지 않은 기관이 있습니다.",
                "An invited organisation does not exist.",
            )
        )
    designations = list(Designation.objects.filter(pk__in=data.designation_ids))
    if len(designations) != len(set(data.designation_ids)):
        problems.append(
            problem(
                "designation_ids",
                "unknown_designation",
                "없는 지정이 있습니다.",
                "A designation does not exist.",
            )
        )
    raise_if(problems)
    assert data.starts_at is not None
    assert data.ends_at is not None
    event = Event.objects.create(
        kind=data.kind,
        title=data.title.strip(),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        place=data.place.strip(),
        organiser_id=data.organiser_id,
        call_id=data.call_id,
        capacity=data.capacity,
        registration_closes_at=data.registration_closes_at,
        description=data.description.strip(),
        created_by=user_row(actor),
    )
    EventInvitation.objects.bulk_create(
        [EventInvitation(event=event, organisation_id=pk) for pk in sorted(known)]
    )
    event.designations.set(designations)
    record_audit(
        actor=actor,
        action="programmes.event.create",
        obj=event,
        after={"kind": data.kind, "invited": sorted(known)},
    )
    return event


@transaction.atomic
def registration_create(
    *,
    actor: UserLike,
    event: Event,
    name: str,
    organisation_id: int | None,
    role_title: str = "",
    now: datetime | None = None,
) -> EventRegistration:
    """Register a participant. The organiser's officers register anyone; another user
    registers themselves (once). When the event has invited organisations, the participant's
    organisation must be one of them. Registration closes at ``registration_closes_at`` (or
    the start) and stops at the capacity; the event row is locked, so the last seat is given
    once.

    Raises PermissionDenied (not signed in), ValidationFailed (no name; closed; full; not
    invited; already registered), nothing written."""
    authorize_create(actor, EventRegistration, event_id=event.pk)
    event = Event.objects.select_for_update().get(pk=event.pk)
    moment = now if now is not None else timezone.now()
    is_organiser = restrict(actor, Event.objects.filter(pk=event.pk), Action.CHANGE).exists()
    problems = text_problems("name", name, 100, required=True)
    problems += text_problems("role_title", role_title, 100, required=False)
    closes = event.registration_closes_at or event.starts_at
    if moment > closes:
        problems.append(
            problem(
                "event",
                "registration_closed",
                f"참가 신청이 마감되었습니다(마감 {seoul(closes)} Asia/Seoul).",
                f"Registration closed at {seoul(closes)} (Asia/Seoul).",
            )
        )
    if (
        event.capacity is not None
        and event.registrations.filter(cancelled_at__isnull=True).count() >= event.capacity
    ):
        problems.append(
            problem(
                "event",
                "full",
                f"정원({event.capacity}명)이 찼습니다.",
                f"The event is full ({event.capacity}).",
            )
        )
    invited = set(event.invitations.values_list("organisation_id", flat=True))
    if invited and organisation_id not in invited:
        problems.append(
            problem(
                "organisation_id",
                "not_invited",
                "초청 기관 소속만 신청할 수 있습니다.",
                "Only participants of the invited organisations may register.",
            )
        )
    if (
        not is_organiser
        and organisation_id is not None
        and organisation_id not in actor_for(actor).staff_organisation_ids
    ):
        problems.append(
            problem(
                "organisation_id",
                "not_your_organisation",
                "소속된 기관으로만 신청할 수 있습니다.",
                "You can only register under an organisation you work for.",
            )
        )
    user = None if is_organiser else user_row(actor)
    if user is not None and event.registrations.filter(user=user).exists():
        problems.append(
            problem(
                "event",
                "already_registered",
                "이미 신청했습니다.",
                "You are registered already.",
            )
        )
    raise_if(problems)
    registration = EventRegistration.objects.create(
        event=event,
        name=name.strip(),
        organisation_id=organisation_id,
        role_title=role_title.strip(),
        user=user,
        registered_at=moment,
    )
    record_audit(
        actor=actor,
        action="programmes.event.register",
        obj=event,
        after={"registration": registration.pk, "organisation": organisation_id},
    )
    return registration


@transaction.atomic
def attendance_check_in(
    *, actor: UserLike, event: Event, attended_ids: list[int], now: datetime | None = None
) -> int:
    """The organiser ticks the list: the registrations in ``attended_ids`` attended, the
    others did not (the list is the whole state, so an untick corrects a mistake). Returns
    the attendance count.

    Raises PermissionDenied (the organiser's officers), ValidationFailed (an id that is not a
    registration of this event), nothing written."""
    authorize_change(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    # A cancelled registration is not on the list (its seat was freed).
    ids = set(event.registrations.filter(cancelled_at__isnull=True).values_list("pk", flat=True))
    unknown = set(attended_ids) - ids
    if unknown:
        raise_if(
            [
                problem(
                    "attended_ids",
                    "not_registered",
                    f"이 행사의 참가 신청이 아닙니다: {sorted(unknown)}",
                    f"Not registrations of this event: {sorted(unknown)}",
                )
            ]
        )
    moment = now if now is not None else timezone.now()
    event.registrations.filter(pk__in=attended_ids, attended=False).update(
        attended=True, checked_in_at=moment
    )
    event.registrations.exclude(pk__in=attended_ids).filter(cancelled_at__isnull=True).update(
        attended=False, checked_in_at=None
    )
    count = event.registrations.filter(attended=True, cancelled_at__isnull=True).count()
    record_audit(
        actor=actor, action="programmes.event.check_in", obj=event, after={"attended": count}
    )
    return count
