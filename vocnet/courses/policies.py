"""Permission rules of courses, registered in ``vocnet.core.permissions``.

Courses: every signed-in user reads approved courses (the catalogue is public to students,
teachers and parents); the staff of the host organisation read and edit their own courses in
every state; the support office of the course's region and the province read and review them
(a province-wide course is reviewed by the province only: :func:`may_review`).

Applications and enrolments: a student sees their own, a guardian their children's, school
staff their students'; the province and the support office of the student's school region see
them for the allocation; the host organisation's staff see the roster of their own courses
(enrolments, never the ranked applications of students of other schools).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.courses.models import (
    AllocationRun,
    Attendance,
    Course,
    CourseApplication,
    CourseChoice,
    CourseSession,
    CourseSlot,
    CourseStatus,
    Enrolment,
    Instructor,
    Term,
)
from vocnet.registry.models import Role

# Every row, as a Q that survives being OR-ed with others (an empty Q() would vanish from
# ``Q() | other`` and leave ``other`` alone).
EVERY_ROW = Q(pk__isnull=False)

# The roles whose organisation may host (offer) a course.
HOST_ROLES = (
    Role.SCHOOL_STAFF,
    Role.COMPANY_STAFF,
    Role.UNIVERSITY_STAFF,
    Role.SUPPORT_OFFICE_OFFICER,
    Role.PROVINCE_OFFICER,
)


def host_organisations(actor: Actor) -> frozenset[int]:
    """Organisations for which the actor offers courses."""
    ids: set[int] = set()
    for role in HOST_ROLES:
        ids |= actor.organisations(role)
    return frozenset(ids)


def course_review_q(actor: Actor, prefix: str = "") -> Q:
    """Courses the actor reviews: the province all, a support office those of its regions
    that are not province-wide."""
    if actor.is_province:
        return EVERY_ROW
    if not actor.region_ids:
        return Q(pk__in=[])
    return Q(**{f"{prefix}region_id__in": actor.region_ids, f"{prefix}is_province_wide": False})


def course_change_q(actor: Actor, prefix: str = "") -> Q:
    if actor.is_superuser:
        return EVERY_ROW
    return Q(**{f"{prefix}host_id__in": host_organisations(actor)})


def course_view_q(actor: Actor, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}status": CourseStatus.APPROVED})
        | course_change_q(actor, prefix)
        | course_review_q(actor, prefix)
    )


def may_review(actor: Actor, course: Course) -> bool:
    """Whether the actor approves or returns ``course``: the province any course, the support
    office of the course's region a course that is not province-wide."""
    if actor.is_province:
        return True
    return not course.is_province_wide and course.region_id in actor.region_ids


def student_rows_q(actor: Actor, prefix: str) -> Q:
    """Rows about a student the actor may see: their own, their children's, their school's
    students', and the students of the schools of a support office's regions."""
    if actor.is_province:
        return EVERY_ROW
    q = Q(**{f"{prefix}student__school_id__in": actor.organisations(Role.SCHOOL_STAFF)})
    if actor.student_id is not None:
        q |= Q(**{f"{prefix}student_id": actor.student_id})
    if actor.guardian_student_ids:
        q |= Q(**{f"{prefix}student_id__in": actor.guardian_student_ids})
    if actor.region_ids:
        q |= Q(**{f"{prefix}student__school__organisation__region_id__in": actor.region_ids})
    return q


@register(Term)
class TermPolicy(ModelPolicy):
    """Terms are announcements: read by every signed-in user, managed by the province."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW or actor.is_province:
            return queryset
        return queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province


@register(Course)
class CoursePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(course_view_q(actor))
        return queryset.filter(course_change_q(actor))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_superuser or context.get("host_id") in host_organisations(actor)


@register(CourseSlot)
class CourseSlotPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(course_view_q(actor, "course__"))
        return queryset.filter(course_change_q(actor, "course__"))


@register(Instructor)
class InstructorPolicy(ModelPolicy):
    """Instructors are registered by the organisations that host courses; their names appear
    on the courses they teach. Staff of any host organisation read the register (to pick an
    instructor); a host edits only the instructors of its own organisation."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        hosts = host_organisations(actor)
        if action is Action.VIEW:
            return queryset if (hosts or actor.is_superuser) else queryset.none()
        if actor.is_superuser:
            return queryset
        return queryset.filter(organisation_id__in=hosts)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_superuser or context.get("organisation_id") in host_organisations(actor)


@register(CourseApplication)
class CourseApplicationPolicy(ModelPolicy):
    """A student applies for themself; their school confirms (CHANGE for school staff)."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(student_rows_q(actor, ""))
        if actor.is_superuser:
            return queryset
        q = Q(student__school_id__in=actor.organisations(Role.SCHOOL_STAFF))
        if actor.student_id is not None:
            q |= Q(student_id=actor.student_id)
        return queryset.filter(q)

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.student_id is not None and context.get("student_id") == actor.student_id


@register(CourseChoice)
class CourseChoicePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(student_rows_q(actor, "application__"))
        return queryset.none()


@register(AllocationRun)
class AllocationRunPolicy(ModelPolicy):
    """Runs are the province's: it starts, reads and confirms them."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        return queryset if actor.is_province else queryset.none()

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        return actor.is_province


@register(Enrolment)
class EnrolmentPolicy(ModelPolicy):
    """A student's seat: the student's own rows, their school's and their support office's,
    and the roster of the host organisation's own courses (CHANGE: attendance and completion
    by the host)."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        host = course_change_q(actor, "course__")
        if action is Action.VIEW:
            return queryset.filter(student_rows_q(actor, "") | host)
        return queryset.filter(host)


@register(CourseSession)
class CourseSessionPolicy(ModelPolicy):
    """Sessions: seen with the course, kept by its host."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(course_view_q(actor, "course__"))
        return queryset.filter(course_change_q(actor, "course__"))


@register(Attendance)
class AttendancePolicy(ModelPolicy):
    """A student's attendance: seen as their enrolment is; ticked by the course's host."""

    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        host = course_change_q(actor, "enrolment__course__")
        if action is Action.VIEW:
            return queryset.filter(student_rows_q(actor, "enrolment__") | host)
        return queryset.filter(host)


# The rules of credits, hires and course deliveries register themselves on import.
from vocnet.courses import policies_credits  # noqa: E402, F401
