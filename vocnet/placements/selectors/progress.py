"""Reads of what happens during a placement, through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import (
    Evaluation,
    HoursEntry,
    IncidentReport,
    MonitoringVisit,
    Placement,
    SafetyEducation,
)
from vocnet.placements.policies import evaluator_roles


@dataclass(frozen=True)
class IncidentFilters:
    """``status`` an IncidentStatus value, ``level`` school/province, ``kind`` an IncidentKind."""

    status: str | None = None
    level: str | None = None
    kind: str | None = None


def hours_of(*, user: UserLike, placement: Placement) -> QuerySet[HoursEntry]:
    return restrict(user, HoursEntry.objects.filter(placement=placement)).order_by("day")


def hours_entry_get(*, user: UserLike, entry_id: int) -> HoursEntry:
    return get_visible(user, HoursEntry.objects.all(), entry_id, ("실습 시간 기록", "Diary entry"))


def confirmable_ids(*, user: UserLike, ids: list[int]) -> set[int]:
    """Of ``ids``, the diary entries the user may confirm (the host company's staff)."""
    queryset = HoursEntry.objects.filter(pk__in=ids, confirmed_at__isnull=True)
    return set(restrict(user, queryset, Action.CHANGE).values_list("pk", flat=True))


def visits_of(*, user: UserLike, placement: Placement) -> QuerySet[MonitoringVisit]:
    return restrict(user, MonitoringVisit.objects.filter(placement=placement)).order_by(
        "-visited_on", "-id"
    )


def safety_educations_of(*, user: UserLike, placement: Placement) -> QuerySet[SafetyEducation]:
    """The safety education recorded for the placement (직업교육훈련 촉진법 제9조의5)."""
    return restrict(user, SafetyEducation.objects.filter(placement=placement)).order_by(
        "-given_on", "-id"
    )


def incidents_of(*, user: UserLike, placement: Placement) -> QuerySet[IncidentReport]:
    """The placement's reports the user may see (none for the host company)."""
    return restrict(user, IncidentReport.objects.filter(placement=placement)).order_by(
        "-filed_at", "-id"
    )


def incident_list(*, user: UserLike, filters: IncidentFilters) -> QuerySet[IncidentReport]:
    qs = restrict(user, IncidentReport.objects.all()).select_related(
        "placement__student__school__organisation", "placement__offer__company__organisation"
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs.order_by("response_due", "pk")


def incident_get(*, user: UserLike, incident_id: int) -> IncidentReport:
    return get_visible(
        user,
        IncidentReport.objects.select_related("placement__student"),
        incident_id,
        ("사고·고충 신고", "Incident report"),
    )


def answerable_ids(*, user: UserLike, ids: list[int]) -> set[int]:
    queryset = IncidentReport.objects.filter(pk__in=ids).exclude(status="closed")
    return set(restrict(user, queryset, Action.CHANGE).values_list("pk", flat=True))


def evaluations_of(*, user: UserLike, placement: Placement) -> QuerySet[Evaluation]:
    return restrict(user, Evaluation.objects.filter(placement=placement)).order_by("role")


def roles_to_evaluate(*, user: UserLike, placement: Placement) -> list[str]:
    """The roles the user still has to evaluate the placement in."""
    done = set(Evaluation.objects.filter(placement=placement).values_list("role", flat=True))
    return [r for r in evaluator_roles(actor_for(user), placement) if r not in done]


@dataclass(frozen=True)
class ProgressRights:
    """What the user may record on a placement's training in progress (the forms shown)."""

    log_hours: bool
    record_visit: bool
    report_incident: bool
    record_education: bool = False


def progress_rights(*, user: UserLike, placement: Placement) -> ProgressRights:
    """Safety education (제9조의5): the school's staff and the province before the start;
    hours: the student and the school's staff while it runs; visits: the school's staff
    and the province while it runs; incidents: the student, a guardian, the school's staff and
    the province unless it was cancelled. The services check the same rules again."""
    actor = actor_for(user)
    running = placement.status == "in_progress"
    is_student = actor.student_id == placement.student_id
    is_guardian = placement.student_id in actor.guardian_student_ids
    is_school = placement.student.school_id in actor.organisations("school_staff")
    return ProgressRights(
        log_hours=running and (is_student or is_school),
        record_visit=running and (is_school or actor.is_province),
        report_incident=(is_student or is_guardian or is_school or actor.is_province)
        and placement.status != "cancelled",
        record_education=(is_school or actor.is_province)
        and placement.status in ("matched", "contracted"),
    )
