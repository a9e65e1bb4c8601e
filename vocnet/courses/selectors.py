"""Reads of the courses app, always through the permission layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.courses.models import (
    AllocationRun,
    ApplicationStatus,
    Attendance,
    Course,
    CourseApplication,
    CourseChoice,
    CourseSession,
    CourseSlot,
    CourseStatus,
    Enrolment,
    Term,
)
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


def term_detail(user: UserLike, term_id: int) -> Term:
    return get_visible(user, Term.objects.all(), term_id, ("학기", "Term"))


def applications_visible(user: UserLike) -> Any:
    """Applications the user may see: a student their own, a guardian their children's, school
    staff their students', a support office those of its regions' schools, the province all."""
    return (
        restrict(user, CourseApplication.objects.all())
        .select_related("term", "student__school__organisation")
        .prefetch_related(
            Prefetch("choices", CourseChoice.objects.select_related("course").order_by("rank"))
        )
        .order_by("-term_id", "student_id")
    )


def application_detail(user: UserLike, application_id: int) -> CourseApplication:
    return get_visible(
        user,
        CourseApplication.objects.select_related("term", "student"),
        application_id,
        ("수강 신청", "Course application"),
    )


def confirmable_application_ids(user: UserLike, ids: list[int]) -> set[int]:
    """Of ``ids``, the submitted applications the user's school confirms."""
    if actor_for(user).student_id is not None:
        return set()
    return set(
        restrict(
            user,
            CourseApplication.objects.filter(pk__in=ids, status=ApplicationStatus.SUBMITTED),
            Action.CHANGE,
        ).values_list("pk", flat=True)
    )


def enrolments_visible(user: UserLike) -> Any:
    """Enrolments the user may see: the student's own (and a guardian's children's), their
    school's students', and the rosters of the courses the user's organisation hosts."""
    return (
        restrict(user, Enrolment.objects.all())
        .select_related("course__term", "course__host", "student__school__organisation")
        .order_by("course_id", "student_id")
    )


def runs_visible(user: UserLike, term: Term) -> Any:
    return restrict(user, AllocationRun.objects.filter(term=term).defer("input_snapshot", "result"))


def run_detail(user: UserLike, run_id: int) -> AllocationRun:
    return get_visible(
        user,
        AllocationRun.objects.select_related("term").defer("input_snapshot", "result"),
        run_id,
        ("배정 실행", "Allocation run"),
    )


def require_province(user: UserLike) -> None:
    """Raise PermissionDenied unless the user is a province officer (the allocation's pages)."""
    if not actor_for(user).is_province:
        raise permission_denied()


def require_student(user: UserLike) -> None:
    """Raise PermissionDenied unless the user signs in as a student (the application form)."""
    if actor_for(user).student_id is None:
        raise permission_denied()


def open_courses(user: UserLike, term: Term) -> Any:
    """The approved courses of ``term`` a student may rank."""
    return catalogue(user, CatalogueFilter(term_id=term.pk))


def open_terms_for_student(user: UserLike) -> Any:
    """Terms whose window has not closed, for a student (others apply for nobody)."""
    if actor_for(user).student_id is None:
        return Term.objects.none()
    return terms_visible(user).filter(applications_close_at__gt=timezone.now())


@dataclass(frozen=True)
class CertificateCheck:
    """What the public verification page shows for a valid code: enough to confirm the
    certificate, nothing more (the name masked but its first letter)."""

    student: str
    course: str
    host: str
    term: str
    credits: int
    completed_on: Any


def certificate_check(code: str) -> CertificateCheck | None:
    """The certificate with verification ``code`` (public: no user), or None."""
    enrolment = (
        Enrolment.objects.filter(certificate_code=code.strip().upper(), completed_at__isnull=False)
        .exclude(certificate_code="")
        .select_related("student", "course__host", "course__term")
        .first()
    )
    if enrolment is None:
        return None
    name = enrolment.student.name
    return CertificateCheck(
        student=name[:1] + "*" * max(len(name) - 1, 1),
        course=enrolment.course.title,
        host=enrolment.course.host.name_ko,
        term=enrolment.course.term.name,
        credits=enrolment.course.credits,
        completed_on=timezone.localdate(enrolment.completed_at),
    )


def attendance_of(user: UserLike, enrolment_id: int) -> Any:
    """One visible enrolment's attendance marks by session (the student sees their own)."""
    enrolment = get_visible(
        user, Enrolment.objects.select_related("course"), enrolment_id, ("수강", "Enrolment")
    )
    return enrolment, restrict(user, Attendance.objects.filter(enrolment=enrolment)).select_related(
        "session"
    ).order_by("session__number")


def keeps_roster(user: UserLike, course: Course) -> bool:
    """Whether the user's organisation hosts the course (and keeps its attendance)."""
    return bool(restrict(user, Course.objects.filter(pk=course.pk), Action.CHANGE).exists())


def course_roster(user: UserLike, course_id: int) -> Course:
    """A course whose roster the user keeps (its host's staff), or NotFound / PermissionDenied."""
    course = course_detail(user, course_id)
    if not keeps_roster(user, course):
        raise permission_denied()
    return course


def roster(user: UserLike, course: Course) -> Any:
    return (
        restrict(user, Enrolment.objects.filter(course=course))
        .select_related("student__school__organisation")
        .order_by("student__name", "pk")
    )


def sessions_of(user: UserLike, course: Course) -> Any:
    return restrict(user, CourseSession.objects.filter(course=course)).annotate(
        present=Count("marks", filter=Q(marks__is_present=True)), marked=Count("marks")
    )


def completed_enrolment(user: UserLike, enrolment_id: int) -> Enrolment:
    """A visible enrolment that was completed (its certificate exists), or NotFound."""
    return get_visible(
        user,
        Enrolment.objects.filter(completed_at__isnull=False).select_related(
            "student__school__organisation", "course__host", "course__term"
        ),
        enrolment_id,
        ("이수증", "Certificate"),
    )
