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
from vocnet.courses.models import Course, Instructor
from vocnet.courses.schemas import (
    CourseCreateIn,
    CourseInstructorIn,
    CourseInstructorOut,
    CourseOut,
    CourseReturnIn,
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


@router.get("/courses/{course_id}", response=CourseOut)
def get_course(request: HttpRequest, course_id: int) -> Any:
    """One course: approved ones for everyone signed in; drafts for the host and reviewers."""
    return _detail(request, course_id)


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
