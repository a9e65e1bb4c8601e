"""Reads of the privacy app: the access-log search, the figures of a month for its review,
and the province's reminder to review."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import reduce
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.privacy.models import (
    AccessAction,
    AccessLogReview,
    PersonalDataAccess,
)
from vocnet.privacy.services import month_start
from vocnet.privacy.subjects import subject_sources

# Night hours (22:00–06:00, local time) are shown apart in the monthly figures: access at night
# is what a reviewer looks at first.
NIGHT_STARTS, NIGHT_ENDS = 22, 6


@dataclass(frozen=True)
class AccessLogFilters:
    """``subject`` is a name or a 학번 of the person whose record was accessed (personal data:
    the page sends it by POST, never in the address); ``subject_kind``/``subject_id`` name a
    record by its id (what the API offers)."""

    subject: str = ""
    subject_kind: str = ""
    subject_id: int | None = None
    actor: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    exports_only: bool = False


def require_province(user: UserLike) -> None:
    """PermissionDenied unless ``user`` is a province officer."""
    if not actor_for(user).is_province:
        raise permission_denied()


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_search(*, user: UserLike, filters: AccessLogFilters) -> QuerySet[PersonalDataAccess]:
    """The access-log rows matching ``filters``, newest first. Province only: raises
    PermissionDenied for everyone else (the log says who looked at which child)."""
    require_province(user)
    rows = restrict(user, PersonalDataAccess.objects.all())
    if filters.subject:
        term = filters.subject.strip()
        named = [
            Q(subject_kind=kind, subject_id__in=source.search(user, term))
            for kind, source in subject_sources().items()
        ]
        rows = rows.filter(reduce(operator.or_, named)) if named else rows.none()
    if filters.subject_kind:
        rows = rows.filter(subject_kind=filters.subject_kind)
    if filters.subject_id is not None:
        rows = rows.filter(subject_id=filters.subject_id)
    if filters.actor:
        rows = rows.filter(actor_username__icontains=filters.actor.strip())
    if filters.action:
        rows = rows.filter(action=filters.action)
    if filters.exports_only:
        rows = rows.filter(action=AccessAction.EXPORT)
    if filters.date_from:
        rows = rows.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        rows = rows.filter(at__lt=_day_start(filters.date_to + timedelta(days=1)))
    return rows.order_by("-at", "-id")


def subject_labels(rows: list[PersonalDataAccess]) -> dict[tuple[str, int], str]:
    """A readable label per (kind, id) on a page of rows: two queries whatever the page size.
    A record deleted since shows as its kind and id only."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.subject_kind, set()).add(row.subject_id)
    labels: dict[tuple[str, int], str] = {}
    sources = subject_sources()
    for kind, ids in wanted.items():
        source = sources.get(kind)
        if source is None:
            continue
        for pk, label in source.labels(ids).items():
            labels[(kind, pk)] = label
    return labels


@dataclass(frozen=True)
class MonthFigures:
    """What the monthly review looks at (안전성 확보조치 기준 제8조제2항)."""

    month: date
    rows: int
    by_action: dict[str, int]
    actors: int
    subjects: int
    export_events: int
    night_rows: int
    top_actors: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "by_action": self.by_action,
            "actors": self.actors,
            "subjects": self.subjects,
            "export_events": self.export_events,
            "night_rows": self.night_rows,
            "top_actors": [list(pair) for pair in self.top_actors],
        }


def _next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def _is_night(first: date, after: date) -> RawSQL:
    """1 for a row written at night (local time), else 0, in the database: the nights touching
    the month [first, after) are intervals of ``at`` (start, end, start, end, … in order), and
    a row is at night when an odd number of those bounds lie at or before it, which nested
    CASEs find by binary search in about seven comparisons a row. ``at__hour`` converted every
    row's time instead (on SQLite a Python call per row), and the same search built of ORM
    expressions cost more to compile than to run: this is one SQL fragment."""
    bounds: list[Any] = []
    day = first - timedelta(days=1)
    while day < after:
        for moment in (
            datetime.combine(day, time(NIGHT_STARTS)),
            datetime.combine(day + timedelta(days=1), time(NIGHT_ENDS)),
        ):
            bounds.append(connection.ops.adapt_datetimefield_value(timezone.make_aware(moment)))
        day += timedelta(days=1)
    quote = connection.ops.quote_name
    column = f"{quote(PersonalDataAccess._meta.db_table)}.{quote('at')}"
    params: list[Any] = []

    def parity(lo: int, hi: int) -> str:
        # The row lies at or after bounds[lo - 1] and before bounds[hi] (where they exist).
        if lo == hi:
            return str(lo % 2)
        mid = (lo + hi) // 2
        params.append(bounds[mid])
        below = parity(lo, mid)
        return f"CASE WHEN {column} < %s THEN {below} ELSE {parity(mid + 1, hi)} END"

    sql = parity(0, len(bounds))
    return RawSQL(sql, params, output_field=IntegerField())


def month_figures(*, user: UserLike, month: date) -> MonthFigures:
    """The month's totals by action, distinct users and records, export events, rows at night
    and the five users with the most rows. Province only (PermissionDenied otherwise)."""
    require_province(user)
    first = month_start(month)
    after = _next_month(first)
    rows = restrict(user, PersonalDataAccess.objects.all()).filter(
        at__gte=_day_start(first), at__lt=_day_start(after)
    )
    # One pass over the month for every total (the month can hold tens of thousands of rows).
    actions = sorted(AccessAction.values)
    totals = rows.aggregate(
        rows=Count("pk"),
        actors=Count("actor_username", distinct=True),
        subjects=Count("subject_id", distinct=True),
        exports=Count("event_id", distinct=True, filter=Q(action=AccessAction.EXPORT)),
        night=Sum(_is_night(first, after)),
        **{f"action_{code}": Count("pk", filter=Q(action=code)) for code in actions},
    )
    by_action = {code: totals[f"action_{code}"] for code in actions if totals[f"action_{code}"]}
    night = totals["night"] or 0
    top = list(
        rows.values_list("actor_username")
        .annotate(n=Count("pk"))
        .order_by("-n", "actor_username")[:5]
    )
    return MonthFigures(
        month=first,
        rows=totals["rows"],
        by_action=by_action,
        actors=totals["actors"],
        subjects=totals["subjects"],
        export_events=totals["exports"],
        night_rows=night,
        top_actors=[(name, n) for name, n in top],
    )


def review_list(*, user: UserLike) -> QuerySet[AccessLogReview]:
    return restrict(user, AccessLogReview.objects.all()).order_by("-month")[:12]


def month_to_review(today: date | None = None) -> date:
    """The month a review is due for: the last complete month."""
    today = today or timezone.localdate()
    return month_start(month_start(today) - timedelta(days=1))


@dataclass(frozen=True)
class ReviewReminder:
    text: str
    url: str


def home_items(*, user: UserLike, today: date | None = None) -> list[ReviewReminder]:
    """For the province: a reminder while last month's access log has not been reviewed."""
    if not actor_for(user).is_province:
        return []
    due = month_to_review(today)
    if AccessLogReview.objects.filter(month=due).exists():
        return []
    return [
        ReviewReminder(
            _("%(month)s 개인정보 접속기록을 점검하세요(매월 1회 이상).")
            % {"month": f"{due:%Y-%m}"},
            reverse("privacy:access_log"),
        )
    ]
