from vocnet.courses.services.applications import application_confirm, application_submit
from vocnet.courses.services.offerings import (
    CourseInput,
    SlotInput,
    course_approve,
    course_create,
    course_return,
    course_submit,
    instructor_register,
)
from vocnet.courses.services.running import attendance_record, completion_decide
from vocnet.courses.services.runs import (
    allocation_confirm,
    allocation_execute,
    allocation_start,
    term_prechecks,
)

__all__ = [
    "CourseInput",
    "SlotInput",
    "allocation_confirm",
    "allocation_execute",
    "allocation_start",
    "application_confirm",
    "application_submit",
    "attendance_record",
    "completion_decide",
    "course_approve",
    "course_create",
    "course_return",
    "course_submit",
    "instructor_register",
    "term_prechecks",
]

from vocnet.courses.services.credits import credits_decide
from vocnet.courses.services.follow_up import allocation_follow_up_start

__all__ += ["allocation_follow_up_start", "credits_decide"]

from vocnet.courses.services.hires import hires_record  # noqa: E402

__all__ += ["hires_record"]
