from vocnet.courses.services.offerings import (
    CourseInput,
    SlotInput,
    course_approve,
    course_create,
    course_return,
    course_submit,
    instructor_register,
)

__all__ = [
    "CourseInput",
    "SlotInput",
    "course_approve",
    "course_create",
    "course_return",
    "course_submit",
    "instructor_register",
]
