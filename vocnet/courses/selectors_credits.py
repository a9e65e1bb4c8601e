"""Reads of credits, learning records, hires and course deliveries — always through the
permission layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef

from vocnet.core.errors import permission_denied
from vocnet.core.permissions import Action, actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.courses.models import (
    Course,
    CourseDelivery,
    CourseType,
    CreditDecision,
    CreditRecognition,
    Enrolment,
    TailoredHire,
)
from vocnet.courses.policies_credits import home_school_q
from vocnet.registry.models import Role, Student


def credit_queue(user: UserLike) -> Any:
    """완료된 학점 인정 대기 — completed courses with credits whose credits the user's school
    has not decided yet, for the students of the schools the user works at (empty for
    everyone else), oldest completion first."""
    actor = actor_for(user)
    undecided = ~Exists(CreditRecognition.objects.filter(enrolment_id=OuterRef("pk")))
    return (
        restrict(user, Enrolment.objects.all())
        .filter(home_school_q(actor, ""))
        .filter(undecided, completed_at__isnull=False, course__credits__gt=0)
        .select_related("course__host", "course__term", "student__department")
        .order_by("completed_at", "student__name", "pk")
    )


def require_school_staff(user: UserLike) -> None:
    """Raise PermissionDenied unless the user works at a school (the credit queue's page)."""
    actor = actor_for(user)
    if not (actor.is_superuser or actor.organisations(Role.SCHOOL_STAFF)):
        raise permission_denied()


def queue_rows(user: UserLike, enrolment_ids: list[int]) -> Any:
    """The chosen rows of the user's queue (for the confirmation step), in queue order."""
    return credit_queue(user).filter(pk__in=enrolment_ids)


@dataclass(frozen=True)
class LearningRecord:
    """학습 이력 — one student's completed courses with each one's credits decision, and the
    credits the home school recognised in total."""

    student: Student
    rows: list[Enrolment]
    recognised_credits: int
    pending: int


def learning_record(user: UserLike, student_id: int) -> LearningRecord:
    """Every course the student completed (newest first), with the home school's decision on
    its credits. NotFound unless the user may see the student."""
    student = get_visible(
        user,
        Student.objects.select_related("school__organisation", "department"),
        student_id,
        ("학생", "Student"),
    )
    rows = list(
        restrict(user, Enrolment.objects.filter(student=student, completed_at__isnull=False))
        .select_related("course__host", "course__term", "credit_recognition")
        .order_by("-completed_at", "pk")
    )
    recognised = 0
    pending = 0
    for row in rows:
        decision = getattr(row, "credit_recognition", None)
        if decision is None:
            pending += row.course.credits > 0
        elif decision.decision == CreditDecision.RECOGNISED:
            recognised += decision.credits
    return LearningRecord(
        student=student, rows=rows, recognised_credits=recognised, pending=pending
    )


def own_student_id(user: UserLike) -> int:
    """The signed-in student's own id (PermissionDenied for anyone else)."""
    student_id = actor_for(user).student_id
    if student_id is None:
        raise permission_denied()
    return student_id


def hires_of(user: UserLike, course: Course) -> Any:
    return (
        restrict(user, TailoredHire.objects.filter(course=course))
        .select_related("enrolment__student__school__organisation")
        .order_by("enrolment__student__name", "pk")
    )


def tailored_course(user: UserLike, course_id: int) -> Course:
    """A company-tailored class the user's organisation hosts (NotFound / PermissionDenied)."""
    course = get_visible(
        user,
        Course.objects.filter(course_type=CourseType.COMPANY_TAILORED).select_related("term"),
        course_id,
        ("취업맞춤반", "Company-tailored class"),
    )
    if not restrict(user, Course.objects.filter(pk=course.pk), Action.CHANGE).exists():
        raise permission_denied()
    return course


def deliveries_of(user: UserLike, course: Course) -> Any:
    """The agreement deliveries the course produced (its host and reviewers see them)."""
    return (
        restrict(user, CourseDelivery.objects.filter(course=course))
        .select_related("delivery__agreement", "delivery__commitment", "session")
        .order_by("pk")
    )
