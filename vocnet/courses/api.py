"""Course endpoints: thin — parse input, call one selector or service, return.

Courses the caller may not see answer 404; bad input 422 with the field and the rule in Korean
and English."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from vocnet.api.pagination import BoundedPagination
from vocnet.courses import selectors, services
from vocnet.courses.models import AllocationRun, Course, CourseApplication, Instructor
from vocnet.courses.schemas import (
    CourseApplicationOut,
    CourseApplyIn,
    CourseCreateIn,
    CourseEnrolmentOut,
    CourseInstructorIn,
    CourseInstructorOut,
    CourseOut,
    CourseReturnIn,
    CourseRunOut,
    CourseRunStartIn,
    CourseSlotSchema,
)

router = Router(tags=["courses"])


def course_out(course: Course) -> CourseOut:
    return CourseOut(
        id=course.pk,
        term_id=course.term_id,
        title=course.title,
        course_type=course.course_type,
        host=course.host.name_ko,
        region=course.region.name_ko,
        is_online=course.is_online,
        venue=course.venue,
        is_cross_track=course.is_cross_track,
        is_province_wide=course.is_province_wide,
        fields=[f.code for f in course.fields.all()],
        slots=[
            CourseSlotSchema(weekday=s.weekday, starts_at=s.starts_at, ends_at=s.ends_at)
            for s in course.slots.all()
        ],
        capacity=course.capacity,
        minimum_enrolment=course.minimum_enrolment,
        credits=course.credits,
        status=course.status,
        review_reason=course.review_reason,
        is_synthetic=course.is_synthetic,
    )


def _detail(request: HttpRequest, course_id: int) -> CourseOut:
    course = selectors.course_detail(request.user, course_id)
    return course_out(Course.objects.for_catalogue().get(pk=course.pk))


@router.get("/courses", response=list[CourseOut])
@paginate(BoundedPagination)
def list_courses(
    request: HttpRequest,
    term_id: int | None = None,
    region_id: int | None = None,
    field: str = "",
    course_type: str = "",
    weekday: int | None = None,
) -> Any:
    """The catalogue: approved courses, filtered by term, region, NCS field, type and weekday."""
    filters = selectors.CatalogueFilter(
        term_id=term_id,
        region_id=region_id,
        field=field[:4],
        course_type=course_type[:24],
        weekday=weekday if weekday is not None and 0 <= weekday <= 6 else None,
    )
    return [course_out(c) for c in selectors.catalogue(request.user, filters)]


def _instructor_out(instructor: Instructor) -> CourseInstructorOut:
    return CourseInstructorOut(
        id=instructor.pk,
        name=instructor.name,
        organisation=instructor.organisation.name_ko,
        qualification=instructor.qualification,
        is_industry=instructor.is_industry,
        created_at=instructor.created_at,
    )


@router.post("/courses/instructors", response={201: CourseInstructorOut})
def register_instructor(request: HttpRequest, payload: CourseInstructorIn) -> Any:
    """Register an instructor of the caller's organisation; an industry instructor needs a
    qualification (422 otherwise)."""
    instructor = services.instructor_register(actor=request.user, **payload.dict())
    return Status(
        201,
        _instructor_out(Instructor.objects.select_related("organisation").get(pk=instructor.pk)),
    )


@router.post("/courses", response={201: CourseOut})
def create_course(request: HttpRequest, payload: CourseCreateIn) -> Any:
    """Offer a course as a draft of the host organisation (its staff only)."""
    data = payload.dict()
    slots = [services.SlotInput(**slot) for slot in data.pop("slots")]
    course = services.course_create(
        actor=request.user, data=services.CourseInput(**data, slots=slots)
    )
    return Status(201, _detail(request, course.pk))


@router.post("/courses/{course_id}/submit", response=CourseOut)
def submit_course(request: HttpRequest, course_id: int) -> Any:
    """Send a draft (or returned) course for review — the host's staff."""
    course = selectors.course_detail(request.user, course_id)
    services.course_submit(actor=request.user, course=course)
    return _detail(request, course_id)


@router.post("/courses/{course_id}/approve", response=CourseOut)
def approve_course(request: HttpRequest, course_id: int) -> Any:
    """Approve a submitted course — the support office of its region, or the province."""
    course = selectors.course_detail(request.user, course_id)
    services.course_approve(actor=request.user, course=course)
    return _detail(request, course_id)


@router.post("/courses/{course_id}/return", response=CourseOut)
def return_course(request: HttpRequest, course_id: int, payload: CourseReturnIn) -> Any:
    """Return a submitted course with a reason — the support office or the province."""
    course = selectors.course_detail(request.user, course_id)
    services.course_return(actor=request.user, course=course, reason=payload.reason)
    return _detail(request, course_id)


def _application_out(application: CourseApplication) -> CourseApplicationOut:
    return CourseApplicationOut(
        id=application.pk,
        term_id=application.term_id,
        student_id=application.student_id,
        status=application.status,
        submitted_at=application.submitted_at,
        confirmed_at=application.confirmed_at,
        course_ids=[choice.course_id for choice in application.choices.all()],
    )


def _one_application(request: HttpRequest, application_id: int) -> CourseApplicationOut:
    application = selectors.applications_visible(request.user).get(pk=application_id)
    return _application_out(application)


@router.post("/courses/terms/{term_id}/applications", response={201: CourseApplicationOut})
def apply_for_courses(request: HttpRequest, term_id: int, payload: CourseApplyIn) -> Any:
    """A student ranks courses of the term (most wanted first) within its window; 422 names
    the rule broken (window, number of choices, eligibility)."""
    term = selectors.term_detail(request.user, term_id)
    application = services.application_submit(
        actor=request.user, term=term, course_ids=payload.course_ids
    )
    return Status(201, _one_application(request, application.pk))


@router.get("/courses/applications", response=list[CourseApplicationOut])
@paginate(BoundedPagination)
def list_applications(request: HttpRequest) -> Any:
    """Applications the caller may see: a student their own, a school its students'."""
    return [_application_out(a) for a in selectors.applications_visible(request.user)]


@router.post("/courses/applications/{application_id}/confirm", response=CourseApplicationOut)
def confirm_application(request: HttpRequest, application_id: int) -> Any:
    """The student's school confirms the application (only confirmed ones are allocated)."""
    application = selectors.application_detail(request.user, application_id)
    services.application_confirm(actor=request.user, application=application)
    return _one_application(request, application_id)


def _run_out(run: AllocationRun) -> CourseRunOut:
    return CourseRunOut(
        id=run.pk,
        term_id=run.term_id,
        status=run.status,
        seed=run.seed,
        input_hash=run.input_hash,
        engine_version=run.engine_version,
        stability=run.stability,
        statistics=run.statistics,
        timings=run.timings,
        error=run.error,
        queued_at=run.queued_at,
        finished_at=run.finished_at,
        confirmed_at=run.confirmed_at,
    )


@router.post("/courses/terms/{term_id}/runs", response={201: CourseRunOut})
def start_allocation(request: HttpRequest, term_id: int, payload: CourseRunStartIn) -> Any:
    """Queue the term's allocation (the province, after the window closed)."""
    term = selectors.term_detail(request.user, term_id)
    run = services.allocation_start(actor=request.user, term=term, seed=payload.seed)
    return Status(201, _run_out(selectors.run_detail(request.user, run.pk)))


@router.get("/courses/runs/{run_id}", response=CourseRunOut)
def get_allocation(request: HttpRequest, run_id: int) -> Any:
    """A run's live status, hash, seed, engine version and proofs (the province)."""
    return _run_out(selectors.run_detail(request.user, run_id))


@router.post("/courses/runs/{run_id}/confirm", response=CourseRunOut)
def confirm_allocation(request: HttpRequest, run_id: int) -> Any:
    """Confirm a succeeded run: its result becomes the enrolments (409 if the input changed)."""
    run = selectors.run_detail(request.user, run_id)
    services.allocation_confirm(actor=request.user, run=run)
    return _run_out(selectors.run_detail(request.user, run_id))


@router.get("/courses/enrolments", response=list[CourseEnrolmentOut])
@paginate(BoundedPagination)
def list_enrolments(request: HttpRequest) -> Any:
    """Enrolments the caller may see: their own, their school's students', their courses'
    rosters."""
    return [
        CourseEnrolmentOut(
            id=e.pk,
            course_id=e.course_id,
            course=e.course.title,
            student_id=e.student_id,
            student=e.student.name,
            school=e.student.school.organisation.name_ko,
            choice_rank=e.choice_rank,
            completed_at=e.completed_at,
        )
        for e in selectors.enrolments_visible(request.user)
    ]


# Last: a path with a parameter after the fixed paths it would otherwise shadow
# (/courses/applications, /courses/enrolments).
@router.get("/courses/{course_id}", response=CourseOut)
def get_course(request: HttpRequest, course_id: int) -> Any:
    """One course: approved ones for everyone signed in; drafts for the host and reviewers."""
    return _detail(request, course_id)


# The credits, record, hires and follow-up endpoints register on this router.
from vocnet.courses import api_credits  # noqa: E402, F401
