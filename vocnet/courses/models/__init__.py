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
from vocnet.courses.models.running import Attendance, CourseSession

__all__ = [
    "DEFAULT_PRIORITIES",
    "AllocationRun",
    "ApplicationStatus",
    "Attendance",
    "Course",
    "CourseApplication",
    "CourseChoice",
    "CourseSession",
    "CourseSlot",
    "CourseStatus",
    "CourseType",
    "Enrolment",
    "Instructor",
    "RunStatus",
    "Term",
    "Weekday",
]

from vocnet.courses.models.credits import (
    CourseDelivery,
    CreditDecision,
    CreditRecognition,
    TailoredHire,
)

__all__ += ["CourseDelivery", "CreditDecision", "CreditRecognition", "TailoredHire"]
