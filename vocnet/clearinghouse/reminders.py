"""The clearinghouse's reminders (issue 15 §5), registered with the notification centre in
``ClearinghouseConfig.ready()``: a round's preference deadline (to the students of its scope
who have not submitted a list) and its ranking deadline (to the staff of companies whose
offers have applicants but no ranking yet). Sent once a day by ``manage.py send_reminders``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from vocnet.clearinghouse.models import (
    OfferRanking,
    PlacementRound,
    RoundStatus,
    StudentPreference,
)
from vocnet.clearinghouse.services.eligibility import scope_students
from vocnet.notifications.models import NotificationKind
from vocnet.notifications.reminders import Reminder, register_reminder_source
from vocnet.notifications.services import Message
from vocnet.registry.models import Membership, Role

# Reminders start this many days before a deadline (vocnet policy).
DEADLINE_NOTICE_DAYS = 3


def _window(day: date) -> tuple[datetime, datetime]:
    """From the start of ``day`` to the end of the notice window, as aware datetimes."""
    start = datetime.combine(day, time(), tzinfo=timezone.get_current_timezone())
    return start, start + timedelta(days=DEADLINE_NOTICE_DAYS + 1)


def preference_deadline_reminders(day: date) -> Iterator[Reminder]:
    """Each student of an open round's scope without a preference list, when its preference
    deadline falls within :data:`DEADLINE_NOTICE_DAYS` days of ``day``."""
    start, end = _window(day)
    rounds = PlacementRound.objects.filter(
        status=RoundStatus.OPEN, preference_deadline__gte=start, preference_deadline__lt=end
    ).order_by("pk")
    for placement_round in rounds:
        submitted = StudentPreference.objects.filter(
            round=placement_round, student_id=OuterRef("pk")
        )
        students = (
            scope_students(placement_round)
            .exclude(Exists(submitted))
            .filter(user__isnull=False)
            .order_by("pk")
            .values_list("pk", "user_id")
        )
        due = timezone.localtime(placement_round.preference_deadline)
        for student_id, user_id in students:
            yield Reminder(
                recipient_ids=(user_id,),
                message=Message(
                    kind=NotificationKind.DEADLINE,
                    title_ko=f"현장실습 지망 마감 {due:%m-%d %H:%M}: 아직 지망을 내지 않았습니다",
                    title_en=f"Preferences close {due:%m-%d %H:%M}: you have not submitted yet",
                    body_ko=placement_round.name,
                    body_en=placement_round.name,
                    url=f"/clearinghouse/{placement_round.pk}/",
                ),
                item=f"preference_deadline:{placement_round.pk}:{student_id}",
            )


def ranking_deadline_reminders(day: date) -> Iterator[Reminder]:
    """The staff of each company with applicants to an offer in a round but no ranking of
    that offer, when the round's ranking deadline falls within :data:`DEADLINE_NOTICE_DAYS`
    days of ``day``."""
    start, end = _window(day)
    rounds = PlacementRound.objects.filter(
        status__in=(RoundStatus.OPEN, RoundStatus.CLOSED),
        ranking_deadline__gte=start,
        ranking_deadline__lt=end,
    ).order_by("pk")
    for placement_round in rounds:
        ranked = OfferRanking.objects.filter(round=placement_round, offer_id=OuterRef("offer_id"))
        companies = set(
            StudentPreference.objects.filter(round=placement_round)
            .exclude(Exists(ranked))
            .values_list("offer__company_id", flat=True)
            .distinct()
        )
        staff: dict[int, list[int]] = defaultdict(list)
        for organisation_id, user_id in Membership.objects.filter(
            organisation_id__in=companies, role=Role.COMPANY_STAFF, is_active=True
        ).values_list("organisation_id", "user_id"):
            staff[organisation_id].append(user_id)
        due = timezone.localtime(placement_round.ranking_deadline)
        for company_id in sorted(staff):
            yield Reminder(
                recipient_ids=tuple(staff[company_id]),
                message=Message(
                    kind=NotificationKind.DEADLINE,
                    title_ko=(
                        f"지원자 순위 마감 {due:%m-%d %H:%M}: 순위를 정하지 않은 제안이 있습니다"
                    ),
                    title_en=f"Rankings close {due:%m-%d %H:%M}: an offer has unranked applicants",
                    body_ko=placement_round.name,
                    body_en=placement_round.name,
                    url=f"/clearinghouse/{placement_round.pk}/offers/",
                ),
                item=f"ranking_deadline:{placement_round.pk}:{company_id}",
            )


def install() -> None:
    register_reminder_source("clearinghouse.preference_deadline", preference_deadline_reminders)
    register_reminder_source("clearinghouse.ranking_deadline", ranking_deadline_reminders)
