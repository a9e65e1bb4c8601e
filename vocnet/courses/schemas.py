"""API schemas of courses (names unique across the project: each starts with ``Course``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import LocalTime


class CourseSlotSchema(Schema):
    weekday: int = Field(..., ge=0, le=6)
    # A local time of day (HH:MM[:SS], no time zone), as every schedule of the API.
    starts_at: LocalTime
    ends_at: LocalTime


class CourseOut(Schema):
    id: int
    term_id: int
    title: str
    course_type: str
    host: str
    region: str
    is_online: bool
    venue: str
    is_cross_track: bool
    is_province_wide: bool
    fields: list[str]
    slots: list[CourseSlotSchema]
    capacity: int
    minimum_enrolment: int
    credits: int
    status: str
    review_reason: str
    is_synthetic: bool


class CourseCreateIn(Schema):
    term_id: int
    host_id: int
    title: str = Field(..., max_length=150)
    course_type: str
    field_codes: list[str] = Field(..., max_length=10)
    capacity: int
    slots: list[CourseSlotSchema] = Field(..., max_length=14)
    region_id: int | None = None
    description: str = Field("", max_length=5000)
    is_online: bool = False
    venue: str = Field("", max_length=200)
    is_province_wide: bool = False
    minimum_enrolment: int = 1
    eligible_grades: list[int] = Field(default_factory=list, max_length=3)
    eligible_school_ids: list[int] = Field(default_factory=list, max_length=500)
    eligible_department_ids: list[int] = Field(default_factory=list, max_length=500)
    eligible_field_codes: list[str] = Field(default_factory=list, max_length=100)
    credits: int = 0
    priorities: list[str] | None = Field(None, max_length=3)
    completion_threshold_percent: int = 80
    hiring_commitment: int = 0
    hiring_note: str = Field("", max_length=300)
    instructor_ids: list[int] = Field(default_factory=list, max_length=20)


class CourseReturnIn(Schema):
    reason: str = Field(..., max_length=500)


class CourseInstructorIn(Schema):
    name: str = Field(..., max_length=50)
    organisation_id: int
    qualification: str = Field("", max_length=200)
    is_industry: bool = False


class CourseInstructorOut(Schema):
    id: int
    name: str
    organisation: str
    qualification: str
    is_industry: bool
    created_at: datetime


class CourseApplyIn(Schema):
    course_ids: list[int] = Field(..., max_length=20)


class CourseApplicationOut(Schema):
    id: int
    term_id: int
    student_id: int
    status: str
    submitted_at: datetime
    confirmed_at: datetime | None
    course_ids: list[int]


class CourseRunStartIn(Schema):
    seed: int | None = Field(None, ge=0, le=2**62)


class CourseRunOut(Schema):
    id: int
    term_id: int
    status: str
    seed: int
    input_hash: str
    engine_version: str
    stability: dict[str, Any] | None
    statistics: dict[str, Any] | None
    timings: dict[str, float]
    error: str
    queued_at: datetime
    finished_at: datetime | None
    confirmed_at: datetime | None


class CourseEnrolmentOut(Schema):
    id: int
    course_id: int
    course: str
    student_id: int
    student: str
    school: str
    choice_rank: int | None
    completed_at: datetime | None
