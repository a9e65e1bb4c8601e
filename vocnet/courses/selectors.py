"""Reads of the courses app, always through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from django.db.models import Exists, OuterRef, Q

from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.courses.models import Course, CourseSlot, CourseStatus, Term
from vocnet.courses.policies import course_review_q


@dataclass(frozen=True)
class CatalogueFilter:
    """The catalogue's filters; None (or empty) leaves a filter out."""

    term_id: int | None = None
    region_id: int | None = None
    field: str = ""  # an NCS middle (4 digits) or major (2 digits) code
    course_type: str = ""
    weekday: int | None = None
    time_from: time | None = None
    time_to: time | None = None
    cross_track: bool = False


def catalogue(user: UserLike, filters: CatalogueFilter | None = None) -> Any:
    """Approved courses, filtered by term, region, NCS field, type, weekday and time of day.

    A weekday or time filter keeps a course with at least one slot that lies on that weekday
    and starts at or after ``time_from`` and ends by ``time_to``."""
    filters = filters or CatalogueFilter()
    rows = restrict(user, Course.objects.for_catalogue()).filter(status=CourseStatus.APPROVED)
    if filters.term_id is not None:
        rows = rows.filter(term_id=filters.term_id)
    if filters.region_id is not None:
        rows = rows.filter(region_id=filters.region_id)
    if len(filters.field) == 4:
        rows = rows.filter(fields__code=filters.field)
    elif len(filters.field) == 2:
        rows = rows.filter(fields__major__code=filters.field).distinct()
    if filters.course_type:
        rows = rows.filter(course_type=filters.course_type)
    if filters.cross_track:
        rows = rows.filter(is_cross_track=True)
    if filters.weekday is not None or filters.time_from or filters.time_to:
        slot = Q(course_id=OuterRef("pk"))
        if filters.weekday is not None:
            slot &= Q(weekday=filters.weekday)
        if filters.time_from is not None:
            slot &= Q(starts_at__gte=filters.time_from)
        if filters.time_to is not None:
            slot &= Q(ends_at__lte=filters.time_to)
        rows = rows.filter(Exists(CourseSlot.objects.filter(slot)))
    return rows.order_by("title", "id")


def course_detail(user: UserLike, course_id: int) -> Course:
    """One visible course with its term, host and region, or NotFound."""
    return get_visible(
        user,
        Course.objects.select_related("term", "host", "region", "reviewed_by"),
        course_id,
        ("과목", "Course"),
    )


def review_queue(user: UserLike) -> Any:
    """Submitted courses the user reviews (the support office of the region, the province)."""
    actor = actor_for(user)
    if not actor.is_authenticated:
        return Course.objects.none()
    return (
        Course.objects.for_catalogue()
        .filter(course_review_q(actor), status=CourseStatus.SUBMITTED)
        .order_by("submitted_at", "id")
    )


def own_courses(user: UserLike) -> Any:
    """Courses the user's organisation hosts, in every state."""
    return restrict(user, Course.objects.for_catalogue(), Action.CHANGE).order_by("title", "id")


def terms_visible(user: UserLike) -> Any:
    return restrict(user, Term.objects.all())
