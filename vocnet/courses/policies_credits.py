"""Permission rules of what follows a course: credits, hires and agreement deliveries.

Credits (학점 인정): the student's home school decides — its staff read and write the
decisions of their own students (never of another school's students, whatever course they
took); the student, their guardian, the support office of the school's region and the
province read them.

Hires of a company-tailored class: recorded by the class's host (the company); read by the
host, the student's school and support office, the student and their guardian, the province.

Course deliveries (the link from a course event to an agreement's delivery) are read by the
course's host and by whoever reviews the course; only services write them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import Action, Actor, ModelPolicy, register
from vocnet.courses.models import CourseDelivery, CreditRecognition, TailoredHire
from vocnet.courses.policies import (
    EVERY_ROW,
    course_change_q,
    course_review_q,
    student_rows_q,
)
from vocnet.registry.models import Role


def home_school_q(actor: Actor, prefix: str) -> Q:
    """Rows of the students of the schools the actor works at (the home school)."""
    if actor.is_superuser:
        return EVERY_ROW
    return Q(**{f"{prefix}student__school_id__in": actor.organisations(Role.SCHOOL_STAFF)})


@register(CreditRecognition)
class CreditRecognitionPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(student_rows_q(actor, "enrolment__"))
        return queryset.filter(home_school_q(actor, "enrolment__"))

    def can_create(self, actor: Actor, context: Mapping[str, Any]) -> bool:
        """``school_id``: the home school of the student whose credits are decided."""
        return actor.is_superuser or context.get("school_id") in actor.organisations(
            Role.SCHOOL_STAFF
        )


@register(TailoredHire)
class TailoredHirePolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        host = course_change_q(actor, "course__")
        if action is Action.VIEW:
            return queryset.filter(student_rows_q(actor, "enrolment__") | host)
        return queryset.filter(host)


@register(CourseDelivery)
class CourseDeliveryPolicy(ModelPolicy):
    def scope(self, actor: Actor, queryset: QuerySet[Any], action: Action) -> Any:
        if action is Action.VIEW:
            return queryset.filter(
                course_change_q(actor, "course__") | course_review_q(actor, "course__")
            )
        return queryset.none()
