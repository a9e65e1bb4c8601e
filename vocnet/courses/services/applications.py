"""Applying for courses (수강 신청) in a term's window, and the school's confirmation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for, authorize_change
from vocnet.core.users import UserLike, user_row
from vocnet.courses.allocation import is_eligible
from vocnet.courses.models import (
    ApplicationStatus,
    Course,
    CourseApplication,
    CourseChoice,
    CourseStatus,
    Term,
)
from vocnet.courses.rules import problem, raise_if, seoul
from vocnet.registry.models import Student


def course_facts(course: Course) -> dict[str, object]:
    """The eligibility lists of a course (as in the snapshot); prefetch the three lists."""
    return {
        "grades": list(course.eligible_grades),
        "schools": sorted(s.pk for s in course.eligible_schools.all()),
        "departments": sorted(d.pk for d in course.eligible_departments.all()),
        "eligible_fields": sorted(f.code for f in course.eligible_fields.all()),
    }


def _window_problem(term: Term) -> list[FieldProblem]:
    now = timezone.now()
    if term.applications_open_at <= now < term.applications_close_at:
        return []
    window = f"{seoul(term.applications_open_at)} – {seoul(term.applications_close_at)}"
    return [
        problem(
            "term_id",
            "outside_window",
            f"수강 신청 기간({window}, 한국 시간)이 아닙니다.",
            f"Applications are taken only within the window {window} (Asia/Seoul).",
        )
    ]


@transaction.atomic
def application_submit(*, actor: UserLike, term: Term, course_ids: list[int]) -> CourseApplication:
    """A student ranks up to the term's ``max_choices`` approved courses of the term, most
    wanted first, within the application window. A second submission in the window replaces
    the first (and needs the school's confirmation again).

    Raises PermissionDenied (not a student) and ValidationFailed naming the rule: outside the
    window, too many or repeated choices, a course not approved for the term, a course the
    student is not eligible for. Nothing is written on a refusal."""
    student_id = actor_for(actor).student_id
    if student_id is None:
        raise permission_denied()
    student = Student.objects.select_related("department__ncs_middle").get(pk=student_id)
    problems = _window_problem(term)
    if not course_ids:
        problems.append(
            problem("course_ids", "required", "과목을 하나 이상 고르세요.", "Choose a course.")
        )
    if len(course_ids) > term.max_choices:
        problems.append(
            problem(
                "course_ids",
                "too_many_choices",
                f"이 학기에는 최대 {term.max_choices}개까지 지망할 수 있습니다.",
                f"At most {term.max_choices} choices are allowed this term.",
            )
        )
    if len(set(course_ids)) != len(course_ids):
        problems.append(
            problem(
                "course_ids",
                "duplicate_choice",
                "같은 과목을 두 번 지망할 수 없습니다.",
                "A course can be chosen once.",
            )
        )
    courses = {
        c.pk: c
        for c in Course.objects.filter(
            pk__in=course_ids, term=term, status=CourseStatus.APPROVED
        ).prefetch_related("eligible_schools", "eligible_departments", "eligible_fields")
    }
    unknown = [pk for pk in course_ids if pk not in courses]
    if unknown:
        problems.append(
            problem(
                "course_ids",
                "course_not_open",
                f"이 학기에 승인된 과목이 아닙니다: {unknown}",
                f"Not approved courses of this term: {unknown}",
            )
        )
    facts = (
        student.school_id,
        student.department_id,
        student.department.ncs_middle.code,
        student.grade,
    )
    for pk, course in courses.items():
        if not is_eligible(*facts, course_facts(course)):
            problems.append(
                problem(
                    "course_ids",
                    "not_eligible",
                    f"'{course.title}'의 신청 자격(학년·학교·학과·분야)에 맞지 않습니다.",
                    f"You do not meet the eligibility (grade, school, department, field) of "
                    f"course {pk}.",
                )
            )
    raise_if(problems)
    application, created = CourseApplication.objects.select_for_update().get_or_create(
        term=term,
        student=student,
        defaults={"submitted_at": timezone.now()},
    )
    if not created:
        application.choices.all().delete()
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.confirmed_at = None
        application.confirmed_by = None
        application.save()
    CourseChoice.objects.bulk_create(
        CourseChoice(application=application, course_id=pk, rank=rank)
        for rank, pk in enumerate(course_ids, start=1)
    )
    record_audit(
        actor=actor,
        action="course_application.submit",
        obj=application,
        after={"course_ids": course_ids},
    )
    return application


@transaction.atomic
def application_confirm(*, actor: UserLike, application: CourseApplication) -> CourseApplication:
    """The student's school confirms the application (학교 확인): only confirmed applications
    take part in the allocation. Raises PermissionDenied for anyone but the school's staff."""
    if actor_for(actor).student_id is not None:
        raise permission_denied()
    authorize_change(actor, application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise_if(
            [
                problem(
                    "status",
                    "wrong_status",
                    "신청 상태인 수강 신청만 확인할 수 있습니다.",
                    "Only a submitted application can be confirmed.",
                )
            ]
        )
    application.status = ApplicationStatus.CONFIRMED
    application.confirmed_at = timezone.now()
    application.confirmed_by = user_row(actor)
    application.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    record_audit(
        actor=actor,
        action="course_application.confirm",
        obj=application,
        after={"status": "confirmed"},
    )
    return application
