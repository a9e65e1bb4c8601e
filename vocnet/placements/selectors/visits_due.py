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

from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.placements.models import Placement, PlacementStatus

FIRST_VISIT_DAYS = 14
VISIT_INTERVAL_DAYS = 28
POLICY_NOTE_KO = (
    "순회지도 주기: 실습 시작 14일 뒤 첫 방문, 이후 28일마다(vocnet 정책 — 지침 미확인; "
    "직업교육훈련 촉진법 제9조의3은 순회지도를 의무로 하되 횟수는 정하지 않습니다)"
)


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
    """The placements ``user`` may see that are due for a visit on ``today``, with the
    relations the list shows, the longest-waiting first."""
    return (
        restrict(user, placements_due_for_visit(today))
        .with_list_relations()
        .order_by("last_visit", "offer__start_date", "pk")
    )
