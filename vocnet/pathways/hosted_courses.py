"""The university-linked courses (대학연계 과목) a university hosts, shown read-only beside
its programmes for graduates (issue 18 §4).

Courses sit above pathways in the layers (.importlinter), so pathways cannot read them: the
courses app registers its source here in ``CoursesConfig.ready()``; without it (pathways
alone) the list is empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HostedCourse:
    """One course as the programmes page lists it."""

    course_id: int
    host_name: str
    title: str
    term: str
    region: str
    capacity: int
    status: str
    is_synthetic: bool


# (user, university ids) → the university-linked courses those universities host that the
# user may see, through the courses' permission layer.
HostedCoursesSource = Callable[[Any, Iterable[int]], list[HostedCourse]]

_source: HostedCoursesSource | None = None


def register_hosted_courses_source(source: HostedCoursesSource) -> None:
    global _source
    _source = source


def hosted_courses(user: Any, university_ids: Iterable[int]) -> list[HostedCourse]:
    """The university-linked courses hosted by ``university_ids`` that ``user`` may see (an
    empty list when the courses app is not installed)."""
    ids = list(university_ids)
    if _source is None or not ids:
        return []
    return _source(user, ids)
