"""The registry's data subjects (students and guardians) as the privacy access log sees them.

Registered in ``RegistryConfig.ready()`` (see ``vocnet.privacy.subjects``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.privacy.models import SubjectKind
from vocnet.privacy.subjects import SubjectSource, register_subject_source
from vocnet.registry.models import Guardian, Student


def _students_named(user: UserLike, term: str) -> QuerySet[Any]:
    """Students ``user`` may see whose name contains ``term`` or whose 학번 is ``term``."""
    students = restrict(user, Student.objects.all()).filter(
        Q(name__icontains=term) | Q(student_number=term)
    )
    return students.values("pk")


def _guardians_named(user: UserLike, term: str) -> QuerySet[Any]:
    """Guardians whose account name contains ``term`` or whose username is ``term``."""
    return Guardian.objects.filter(Q(user__name__icontains=term) | Q(user__username=term)).values(
        "pk"
    )


def _student_labels(ids: Iterable[int]) -> dict[int, str]:
    return {
        student.pk: (
            f"{student.name} ({student.student_number}) · {student.school.organisation.name_ko}"
        )
        for student in Student.objects.filter(pk__in=ids).select_related("school__organisation")
    }


def _guardian_labels(ids: Iterable[int]) -> dict[int, str]:
    return {
        guardian.pk: str(guardian.user)
        for guardian in Guardian.objects.filter(pk__in=ids).select_related("user")
    }


def register_subjects() -> None:
    register_subject_source(
        SubjectKind.STUDENT, SubjectSource(search=_students_named, labels=_student_labels)
    )
    register_subject_source(
        SubjectKind.GUARDIAN, SubjectSource(search=_guardians_named, labels=_guardian_labels)
    )
