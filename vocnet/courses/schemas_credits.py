"""Schemas of the credits, learning-record, hires and follow-up endpoints (unique names)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class CourseCreditQueueOut(Schema):
    id: int  # the enrolment (the completed course of one student)
    student_id: int
    student: str
    course_id: int
    course: str
    host: str
    term: str
    credits: int
    completed_at: datetime | None
    is_synthetic: bool


class CourseCreditDecideIn(Schema):
    enrolment_ids: list[int] = Field(..., max_length=500)
    recognise: bool
    reason: str = Field("", max_length=2000)


class CourseCreditDecisionOut(Schema):
    enrolment_id: int
    decision: str
    credits: int
    reason: str
    decided_at: datetime


class CourseRecordRowOut(Schema):
    enrolment_id: int
    course_id: int
    course: str
    host: str
    term: str
    course_credits: int
    completed_at: datetime | None
    certificate_code: str
    credit_decision: str | None
    credits_recognised: int
    credit_reason: str


class CourseLearningRecordOut(Schema):
    student_id: int
    student: str
    school: str
    recognised_credits: int
    pending_decisions: int
    courses: list[CourseRecordRowOut]


class CourseHiresIn(Schema):
    student_ids: list[int] = Field(..., max_length=500)
    hired_on: date
    note: str = Field("", max_length=2000)


class CourseHireOut(Schema):
    id: int
    course_id: int
    student_id: int
    student: str
    hired_on: date
    note: str


class CourseFollowUpIn(Schema):
    seed: int | None = Field(None, ge=0, le=2**62)


class CourseFollowUpOut(Schema):
    id: int
    term_id: int
    round_number: int
    status: str
    seed: int
