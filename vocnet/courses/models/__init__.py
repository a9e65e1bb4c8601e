from vocnet.courses.models.allocation import (
    AllocationRun,
    ApplicationStatus,
    CourseApplication,
    CourseChoice,
    Enrolment,
    RunStatus,
)
from vocnet.courses.models.offerings import (
    DEFAULT_PRIORITIES,
    Course,
    CourseSlot,
    CourseStatus,
    CourseType,
    Instructor,
    Term,
    Weekday,
)

__all__ = [
    "DEFAULT_PRIORITIES",
    "AllocationRun",
    "ApplicationStatus",
    "Course",
    "CourseApplication",
    "CourseChoice",
    "CourseSlot",
    "CourseStatus",
    "CourseType",
    "Enrolment",
    "Instructor",
    "RunStatus",
    "Term",
    "Weekday",
]
