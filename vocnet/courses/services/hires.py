"""Hires of a company-tailored class (취업맞춤반 채용): the class states a hiring commitment
(``Course.hiring_commitment``, the number the company means to hire); at its end the company
records which students of the class it hired.

Pathways (vocnet.pathways) keeps events of graduates (``GraduateDestination``), written by
their school; a student of a class is not a graduate yet, so the hire is recorded here and
shown on the class and on the student's record, not written as a pathway event.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem
from vocnet.core.models import record_audit
from vocnet.core.permissions import authorize_change
from vocnet.core.users import UserLike, user_row
from vocnet.courses.models import Course, CourseType, Enrolment, TailoredHire
from vocnet.courses.rules import problem, raise_if

NOTE_MAX_LENGTH = 300


def _input_problems(
    course: Course, student_ids: list[int], hired_on: date, note: str, today: date
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if course.course_type != CourseType.COMPANY_TAILORED:
        problems.append(
            problem(
                "course_id",
                "not_tailored",
                "채용은 취업맞춤반에만 기록할 수 있습니다.",
                "Hires are recorded for company-tailored classes only.",
            )
        )
    if not student_ids:
        problems.append(
            problem(
                "student_ids",
                "required",
                "채용한 학생을 한 명 이상 고르세요.",
                "Choose at least one hired student.",
            )
        )
    if len(set(student_ids)) != len(student_ids):
        problems.append(
            problem(
                "student_ids",
                "duplicate",
                "같은 학생이 두 번 들어 있습니다.",
                "A student is listed twice.",
            )
        )
    if hired_on > today:
        problems.append(
            problem(
                "hired_on",
                "future_date",
                "채용일은 오늘 이후일 수 없습니다.",
                "The hiring date cannot be in the future.",
            )
        )
    elif hired_on < course.term.starts_on:
        problems.append(
            problem(
                "hired_on",
                "before_class",
                f"채용일은 수업 시작일({course.term.starts_on}) 이후여야 합니다.",
                f"The hiring date must not be before the class starts ({course.term.starts_on}).",
            )
        )
    if len(note) > NOTE_MAX_LENGTH:
        problems.append(
            problem(
                "note",
                "too_long",
                f"비고는 최대 {NOTE_MAX_LENGTH}자까지 입력할 수 있습니다.",
                f"The note has at most {NOTE_MAX_LENGTH} characters.",
            )
        )
    return problems


@transaction.atomic
def hires_record(
    *,
    actor: UserLike,
    course: Course,
    student_ids: list[int],
    hired_on: date,
    note: str = "",
    today: date | None = None,
) -> list[TailoredHire]:
    """Record that the host company hired ``student_ids`` of the company-tailored class
    ``course`` on ``hired_on``; returns the new hires. The host's staff only
    (PermissionDenied).

    Raises ValidationFailed naming the field and the rule, and writes nothing: not a
    company-tailored class; no student, or one listed twice; a student not in the class
    (``not_in_class``); more hires than the class has students (``over_class_size``); a
    student already hired; a date in the future or before the class started. These are
    vocnet's rules for its record (미확인: no statute sets them)."""
    authorize_change(actor, course)
    course = Course.objects.select_for_update().select_related("term").get(pk=course.pk)
    problems = _input_problems(course, student_ids, hired_on, note, today or timezone.localdate())
    enrolments = {
        e.student_id: e for e in Enrolment.objects.filter(course=course).select_related("student")
    }
    strangers = [pk for pk in dict.fromkeys(student_ids) if pk not in enrolments]
    if strangers:
        problems.append(
            problem(
                "student_ids",
                "not_in_class",
                f"이 반의 수강생이 아닌 학생은 채용으로 기록할 수 없습니다: {strangers}",
                f"Students not in this class cannot be recorded as hired: {strangers}",
            )
        )
    hired = set(
        TailoredHire.objects.filter(course=course).values_list("enrolment__student_id", flat=True)
    )
    if len(hired) + len(student_ids) > len(enrolments):
        problems.append(
            problem(
                "student_ids",
                "over_class_size",
                f"채용 인원({len(hired) + len(student_ids)}명)이 반의 수강생 수"
                f"({len(enrolments)}명)를 넘을 수 없습니다.",
                f"Hires ({len(hired) + len(student_ids)}) cannot exceed the class size "
                f"({len(enrolments)} students).",
            )
        )
    again = sorted(set(student_ids) & hired)
    if again:
        problems.append(
            problem(
                "student_ids",
                "already_hired",
                f"이미 채용으로 기록된 학생입니다: {again}",
                f"Already recorded as hired: {again}",
            )
        )
    raise_if(problems)
    hires = TailoredHire.objects.bulk_create(
        TailoredHire(
            course=course,
            enrolment=enrolments[pk],
            hired_on=hired_on,
            note=note.strip(),
            recorded_by=user_row(actor),
            is_synthetic=course.is_synthetic,
        )
        for pk in student_ids
    )
    record_audit(
        actor=actor,
        action="course.hires",
        obj=course,
        after={
            "student_ids": student_ids,
            "hired_on": hired_on.isoformat(),
            "hiring_commitment": course.hiring_commitment,
            "hired_total": len(hired) + len(hires),
        },
    )
    return hires
