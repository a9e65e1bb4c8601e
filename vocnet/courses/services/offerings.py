"""Offering a course (과목 개설), registering instructors (강사 등록) and the review of a course
by the support office or the province (승인 · 반려)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from django.db import transaction
from django.utils import timezone

from vocnet.core.errors import FieldProblem, permission_denied
from vocnet.core.models import record_audit, snapshot
from vocnet.core.permissions import actor_for, authorize_change, authorize_create, restrict
from vocnet.core.users import UserLike, user_row
from vocnet.courses.models import (
    Course,
    CourseSlot,
    CourseStatus,
    CourseType,
    Instructor,
    Term,
)
from vocnet.courses.policies import may_review
from vocnet.courses.rules import PRIORITY_CODES, problem, raise_if
from vocnet.courses.timetable import slot_text, slots_overlap
from vocnet.registry.models import Department, NcsMiddle, Organisation, Region, School

MAX_CAPACITY = 500
MAX_CREDITS = 10


@dataclass(frozen=True)
class SlotInput:
    weekday: int
    starts_at: time
    ends_at: time


@dataclass
class CourseInput:
    term_id: int
    host_id: int
    title: str
    course_type: str
    field_codes: list[str]
    capacity: int
    slots: list[SlotInput]
    region_id: int | None = None
    description: str = ""
    is_online: bool = False
    venue: str = ""
    is_province_wide: bool = False
    minimum_enrolment: int = 1
    eligible_grades: list[int] = field(default_factory=list)
    eligible_school_ids: list[int] = field(default_factory=list)
    eligible_department_ids: list[int] = field(default_factory=list)
    eligible_field_codes: list[str] = field(default_factory=list)
    credits: int = 0
    priorities: list[str] | None = None
    completion_threshold_percent: int = 80
    hiring_commitment: int = 0
    hiring_note: str = ""
    instructor_ids: list[int] = field(default_factory=list)
    is_synthetic: bool = False


def _text(name: str, value: str, max_length: int, *, required: bool) -> list[FieldProblem]:
    if required and not value.strip():
        return [problem(name, "required", "필수 항목입니다.", "This field is required.")]
    if len(value) > max_length:
        return [
            problem(
                name,
                "too_long",
                f"최대 {max_length}자까지 입력할 수 있습니다.",
                f"At most {max_length} characters are allowed.",
            )
        ]
    return []


def _slot_problems(slots: list[SlotInput]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not slots:
        return [
            problem(
                "slots",
                "required",
                "수업 시간을 하나 이상 입력하세요.",
                "Give at least one weekly slot.",
            )
        ]
    for index, slot in enumerate(slots):
        if not 0 <= slot.weekday <= 6:
            problems.append(
                problem(
                    f"slots[{index}].weekday",
                    "range",
                    "요일은 0(월)부터 6(일)까지입니다.",
                    "The weekday is 0 (Monday) to 6 (Sunday).",
                )
            )
        elif slot.ends_at <= slot.starts_at:
            problems.append(
                problem(
                    f"slots[{index}].ends_at",
                    "slot_order",
                    "수업 종료 시각은 시작 시각보다 뒤여야 합니다.",
                    "A slot must end after it starts.",
                )
            )
    if problems:
        return problems
    tuples = [(s.weekday, s.starts_at, s.ends_at) for s in slots]
    for i, first in enumerate(tuples):
        for j in range(i + 1, len(tuples)):
            if slots_overlap(first, tuples[j]):
                ko_a, en_a = slot_text(first)
                ko_b, en_b = slot_text(tuples[j])
                problems.append(
                    problem(
                        f"slots[{j}]",
                        "overlapping_slots",
                        f"한 과목의 수업 시간이 서로 겹칩니다: {ko_a} · {ko_b}.",
                        f"Two slots of the course overlap: {en_a} and {en_b}.",
                    )
                )
    return problems


def _instructor_problems(data: CourseInput, instructors: list[Instructor]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    found = {instructor.pk for instructor in instructors}
    missing = [pk for pk in data.instructor_ids if pk not in found]
    if missing:
        problems.append(
            problem(
                "instructor_ids",
                "unknown_instructor",
                f"등록된 강사가 아닙니다: {missing}",
                f"Not registered instructors: {missing}",
            )
        )
    for instructor in instructors:
        if instructor.is_industry and not instructor.qualification.strip():
            problems.append(
                problem(
                    "instructor_ids",
                    "industry_instructor_qualification",
                    f"산업체 강사 {instructor.name}의 자격·경력이 등록되지 않았습니다. "
                    "산업체 강사는 자격·경력이 있어야 합니다.",
                    f"Industry instructor {instructor.name} has no registered qualification; "
                    "an industry instructor needs one.",
                )
            )
    if data.course_type == CourseType.INDUSTRY_INSTRUCTOR and not any(
        instructor.is_industry for instructor in instructors
    ):
        problems.append(
            problem(
                "instructor_ids",
                "industry_instructor_required",
                "산업체 강사 수업에는 자격·경력이 등록된 산업체 강사가 한 명 이상 있어야 합니다.",
                "An industry-instructor course needs at least one registered industry "
                "instructor with a qualification.",
            )
        )
    return problems


def _course_problems(
    data: CourseInput,
    fields: list[NcsMiddle],
    eligible_fields: list[NcsMiddle],
    instructors: list[Instructor],
) -> list[FieldProblem]:
    problems = _text("title", data.title, 150, required=True)
    problems += _text("description", data.description, 5000, required=False)
    problems += _text("venue", data.venue, 200, required=not data.is_online)
    problems += _text("hiring_note", data.hiring_note, 300, required=False)
    if data.course_type not in CourseType.values:
        problems.append(
            problem(
                "course_type",
                "unknown_choice",
                f"과목 유형 코드가 아닙니다: {data.course_type} "
                f"(허용: {', '.join(CourseType.values)})",
                f"Not a course type: {data.course_type} (allowed: {', '.join(CourseType.values)})",
            )
        )
    if not data.field_codes:
        problems.append(
            problem(
                "field_codes",
                "required",
                "NCS 분야(중분류)를 하나 이상 고르세요.",
                "Choose at least one NCS field (middle category).",
            )
        )
    for name, codes, rows in (
        ("field_codes", data.field_codes, fields),
        ("eligible_field_codes", data.eligible_field_codes, eligible_fields),
    ):
        unknown = sorted(set(codes) - {row.code for row in rows})
        if unknown:
            problems.append(
                problem(
                    name,
                    "unknown_ncs",
                    f"NCS 중분류 코드가 아닙니다: {', '.join(unknown)}",
                    f"Not NCS middle-category codes: {', '.join(unknown)}",
                )
            )
    if not 1 <= data.capacity <= MAX_CAPACITY:
        problems.append(
            problem(
                "capacity",
                "range",
                f"정원은 1명 이상 {MAX_CAPACITY}명 이하입니다.",
                f"The capacity is 1 to {MAX_CAPACITY}.",
            )
        )
    elif not 1 <= data.minimum_enrolment <= data.capacity:
        problems.append(
            problem(
                "minimum_enrolment",
                "range",
                f"최소 개설 인원은 1명 이상 정원({data.capacity}명) 이하입니다.",
                f"The minimum enrolment is 1 to the capacity ({data.capacity}).",
            )
        )
    bad_grades = [g for g in data.eligible_grades if g not in (1, 2, 3)]
    if bad_grades:
        problems.append(
            problem(
                "eligible_grades",
                "range",
                f"학년은 1, 2, 3 중에서 고르세요: {bad_grades}",
                f"Grades are 1, 2 or 3: {bad_grades}",
            )
        )
    if not 0 <= data.credits <= MAX_CREDITS:
        problems.append(
            problem(
                "credits",
                "range",
                f"학점은 0 이상 {MAX_CREDITS} 이하입니다.",
                f"Credits are 0 to {MAX_CREDITS}.",
            )
        )
    if not 1 <= data.completion_threshold_percent <= 100:
        problems.append(
            problem(
                "completion_threshold_percent",
                "range",
                "이수 기준 출석률은 1%에서 100% 사이입니다.",
                "The completion threshold is 1 % to 100 %.",
            )
        )
    priorities = data.priorities if data.priorities is not None else []
    unknown_priorities = [p for p in priorities if p not in PRIORITY_CODES]
    if unknown_priorities or len(set(priorities)) != len(priorities):
        problems.append(
            problem(
                "priorities",
                "unknown_priority",
                f"선발 우선순위는 {', '.join(PRIORITY_CODES)} 중에서 한 번씩 고르세요: "
                f"{priorities}",
                f"Priorities are chosen once each from {', '.join(PRIORITY_CODES)}: {priorities}",
            )
        )
    if data.course_type == CourseType.COMPANY_TAILORED and data.hiring_commitment < 1:
        # vocnet's rule (unverified against a statute): a 취업맞춤반 states how many it hires.
        problems.append(
            problem(
                "hiring_commitment",
                "hiring_commitment_required",
                "취업맞춤반은 채용 약정 인원을 1명 이상 적어야 합니다"
                "(vocnet 운영 규칙, 법령 미확인).",
                "A company-tailored class states a hiring commitment of at least 1 "
                "(vocnet's rule, not verified against statute).",
            )
        )
    problems += _slot_problems(data.slots)
    problems += _instructor_problems(data, instructors)
    return problems


@transaction.atomic
def course_create(*, actor: UserLike, data: CourseInput) -> Course:
    """Offer a course (a draft of the host organisation) for the term, with its slots,
    fields, eligibility and instructors.

    Raises PermissionDenied (the actor does not work for the host) and ValidationFailed naming
    each broken rule: overlapping slots, an industry instructor without a qualification, an
    industry-instructor course without one, a capacity out of range, … Nothing is written
    when anything is refused."""
    authorize_create(actor, Course, host_id=data.host_id)
    term = Term.objects.filter(pk=data.term_id).first()
    host = Organisation.objects.filter(pk=data.host_id).select_related("region").first()
    problems: list[FieldProblem] = []
    if term is None:
        problems.append(problem("term_id", "unknown_term", "학기가 없습니다.", "No such term."))
    if host is None:
        problems.append(problem("host_id", "unknown_host", "기관이 없습니다.", "No such host."))
    region_id = data.region_id or (host.region_id if host is not None else None)
    if region_id is None or not Region.objects.filter(pk=region_id).exists():
        problems.append(
            problem(
                "region_id",
                "required",
                "수업 지역(시·군)을 고르세요.",
                "Choose the city or county the course is held in.",
            )
        )
    fields = list(NcsMiddle.objects.filter(code__in=data.field_codes).select_related("major"))
    eligible_fields = list(NcsMiddle.objects.filter(code__in=data.eligible_field_codes))
    instructors = list(restrict(actor, Instructor.objects.filter(pk__in=data.instructor_ids)))
    problems += _course_problems(data, fields, eligible_fields, instructors)
    schools = list(School.objects.filter(pk__in=data.eligible_school_ids))
    if len(schools) != len(set(data.eligible_school_ids)):
        problems.append(
            problem("eligible_school_ids", "unknown_school", "없는 학교입니다.", "Unknown school.")
        )
    departments = list(Department.objects.filter(pk__in=data.eligible_department_ids))
    if len(departments) != len(set(data.eligible_department_ids)):
        problems.append(
            problem(
                "eligible_department_ids",
                "unknown_department",
                "없는 학과입니다.",
                "Unknown department.",
            )
        )
    raise_if(problems)
    assert region_id is not None  # a missing region is a problem raised above
    course = Course(
        term=term,
        host=host,
        title=data.title.strip(),
        description=data.description,
        course_type=data.course_type,
        is_cross_track=len({f.major_id for f in fields}) > 1,
        is_online=data.is_online,
        venue=data.venue.strip(),
        region_id=region_id,
        is_province_wide=data.is_province_wide,
        capacity=data.capacity,
        minimum_enrolment=data.minimum_enrolment,
        eligible_grades=sorted(set(data.eligible_grades)),
        credits=data.credits,
        priorities=list(data.priorities) if data.priorities is not None else [],
        completion_threshold_percent=data.completion_threshold_percent,
        hiring_commitment=data.hiring_commitment,
        hiring_note=data.hiring_note,
        created_by=user_row(actor),
        is_synthetic=data.is_synthetic,
    )
    course.save()
    course.fields.set(fields)
    course.eligible_fields.set(eligible_fields)
    course.eligible_schools.set(schools)
    course.eligible_departments.set(departments)
    course.instructors.set(instructors)
    CourseSlot.objects.bulk_create(
        CourseSlot(course=course, weekday=s.weekday, starts_at=s.starts_at, ends_at=s.ends_at)
        for s in data.slots
    )
    record_audit(actor=actor, action="course.create", obj=course, after=snapshot(course))
    return course


def _status_problem(
    course: Course, allowed: tuple[str, ...], action_ko: str, action_en: str
) -> None:
    if course.status not in allowed:
        raise_if(
            [
                problem(
                    "status",
                    "wrong_status",
                    f"'{course.get_status_display()}' 상태의 과목은 {action_ko} 수 없습니다.",
                    f"A course in state '{course.status}' cannot be {action_en}.",
                )
            ]
        )


@transaction.atomic
def course_submit(*, actor: UserLike, course: Course) -> Course:
    """Send a draft or returned course for review (승인 요청) — the host's staff."""
    authorize_change(actor, course)
    _status_problem(course, (CourseStatus.DRAFT, CourseStatus.RETURNED), "요청할", "submitted")
    before = snapshot(course, ["status"])
    course.status = CourseStatus.SUBMITTED
    course.submitted_at = timezone.now()
    course.save(update_fields=["status", "submitted_at"])
    record_audit(
        actor=actor,
        action="course.submit",
        obj=course,
        before=before,
        after={"status": "submitted"},
    )
    return course


def _authorize_review(actor: UserLike, course: Course) -> None:
    if not may_review(actor_for(actor), course):
        raise permission_denied()


@transaction.atomic
def course_approve(*, actor: UserLike, course: Course) -> Course:
    """Approve a submitted course (the support office of its region, or the province for a
    province-wide course): it appears in the catalogue."""
    _authorize_review(actor, course)
    _status_problem(course, (CourseStatus.SUBMITTED,), "승인할", "approved")
    course.status = CourseStatus.APPROVED
    course.review_reason = ""
    course.reviewed_at = timezone.now()
    course.reviewed_by = user_row(actor)
    course.save(update_fields=["status", "review_reason", "reviewed_at", "reviewed_by"])
    record_audit(actor=actor, action="course.approve", obj=course, after={"status": "approved"})
    return course


@transaction.atomic
def course_return(*, actor: UserLike, course: Course, reason: str) -> Course:
    """Return a submitted course to its host with a reason (반려); the host may correct and
    submit it again."""
    _authorize_review(actor, course)
    raise_if(_text("reason", reason, 500, required=True))
    _status_problem(course, (CourseStatus.SUBMITTED,), "반려할", "returned")
    course.status = CourseStatus.RETURNED
    course.review_reason = reason.strip()
    course.reviewed_at = timezone.now()
    course.reviewed_by = user_row(actor)
    course.save(update_fields=["status", "review_reason", "reviewed_at", "reviewed_by"])
    record_audit(
        actor=actor,
        action="course.return",
        obj=course,
        after={"status": "returned", "reason": course.review_reason},
    )
    return course


@transaction.atomic
def instructor_register(
    *,
    actor: UserLike,
    name: str,
    organisation_id: int,
    qualification: str = "",
    is_industry: bool = False,
    is_synthetic: bool = False,
) -> Instructor:
    """Register an instructor of the actor's organisation. Raises ValidationFailed when an
    industry instructor (산업체 강사) has no qualification."""
    authorize_create(actor, Instructor, organisation_id=organisation_id)
    problems = _text("name", name, 50, required=True)
    problems += _text("qualification", qualification, 200, required=is_industry)
    if is_industry and not qualification.strip():
        problems = [p for p in problems if p.field != "qualification"]
        problems.append(
            problem(
                "qualification",
                "industry_instructor_qualification",
                "산업체 강사는 자격·경력을 입력해야 합니다.",
                "An industry instructor needs a qualification.",
            )
        )
    raise_if(problems)
    instructor = Instructor.objects.create(
        name=name.strip(),
        organisation_id=organisation_id,
        qualification=qualification.strip(),
        is_industry=is_industry,
        registered_by=user_row(actor),
        is_synthetic=is_synthetic,
    )
    record_audit(
        actor=actor, action="instructor.register", obj=instructor, after=snapshot(instructor)
    )
    return instructor
