"""The source of ``vocnet.pathways.hosted_courses``: a university's university-linked courses
(대학연계 과목) read through the courses' permission layer. Installed in
``CoursesConfig.ready()``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vocnet.core.permissions import restrict
from vocnet.courses.models import Course, CourseType
from vocnet.pathways.hosted_courses import HostedCourse


def university_linked_courses(user: Any, university_ids: Iterable[int]) -> list[HostedCourse]:
    """The courses of type 대학연계 hosted by ``university_ids`` that ``user`` may see, newest
    term first (one query)."""
    courses = (
        restrict(user, Course.objects.all())
        .filter(host_id__in=list(university_ids), course_type=CourseType.UNIVERSITY_LINKED)
        .select_related("host", "term", "region")
        .order_by("-term__year", "-term__semester", "title", "pk")
    )
    return [
        HostedCourse(
            course_id=course.pk,
            host_name=course.host.name_ko,
            title=course.title,
            term=course.term.name,
            region=course.region.name_ko,
            capacity=course.capacity,
            status=str(course.get_status_display()),
            is_synthetic=course.is_synthetic,
        )
        for course in courses
    ]
