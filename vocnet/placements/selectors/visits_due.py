"""Monitoring visits due (순회지도 예정): which placements in progress a teacher should visit.

직업교육훈련 촉진법 제9조의3 obliges the school to have teachers give on-site guidance; the
statute sets no frequency (the operating guideline that does was not found:
``/work/shared/data/fieldtraining_rules.md`` §2). vocnet's policy (미확인 — unverified against
any guideline): a first visit once :data:`FIRST_VISIT_DAYS` days of training have passed, then
one every :data:`VISIT_INTERVAL_DAYS` days. The school's home to-do, the list of visits due
and the reminders to the teachers all read this one rule.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet

from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import Placement, PlacementStatus
from vocnet.placements.policies import is_support_office

FIRST_VISIT_DAYS = 14
VISIT_INTERVAL_DAYS = 28


def visit_due_q(today: date) -> Q:
    """Placements (annotated ``last_visit``) whose next visit is due on ``today``: in
    progress, started at least :data:`FIRST_VISIT_DAYS` days ago, and without a visit in
    the last :data:`VISIT_INTERVAL_DAYS` days."""
    return (
        Q(status=PlacementStatus.IN_PROGRESS)
        & Q(offer__start_date__lte=today - timedelta(days=FIRST_VISIT_DAYS))
        & (
            Q(last_visit__isnull=True)
            | Q(last_visit__lte=today - timedelta(days=VISIT_INTERVAL_DAYS))
        )
    )


def placements_due_for_visit(today: date) -> QuerySet[Placement]:
    """Every placement due for a visit on ``today`` (no permission filter: for the reminder
    task, which tells each school's staff about their own students only)."""
    return (
        Placement.objects.annotate(last_visit=Max("visits__visited_on"))
        .filter(visit_due_q(today))
        .order_by("offer__start_date", "pk")
    )


def visits_due(*, user: UserLike, today: date) -> QuerySet[Placement]:
    """The placements due for a visit on ``today`` that ``user`` follows as a school's staff,
    a support office or the province (those who visit or oversee visits; nobody else), with
    the relations the list shows, the longest-waiting first."""
    actor = actor_for(user)
    if not (actor.is_province or actor.organisations("school_staff") or is_support_office(actor)):
        return Placement.objects.none()
    return (
        restrict(user, placements_due_for_visit(today))
        .with_list_relations()
        .order_by("last_visit", "offer__start_date", "pk")
    )
