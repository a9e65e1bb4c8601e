"""API schemas of the clearinghouse (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import FilterQuery, PatchSchema, SupportOfficeRef
from vocnet.clearinghouse.models import (
    MAX_CHOICES_LIMIT,
    MAX_RANK,
    PlacementRound,
    RoundOutcome,
    RoundRun,
)

RoundStatusName = Literal["draft", "open", "closed", "running", "matched", "published"]


class RoundIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    support_office_id: int | None = Field(
        None, ge=1, description="the support office whose round it is; empty: the province"
    )
    preference_deadline: datetime
    ranking_deadline: datetime
    max_choices: int = Field(5, ge=1, le=MAX_CHOICES_LIMIT)


class RoundPatch(PatchSchema):
    name: str | None = Field(None, min_length=1, max_length=100)
    preference_deadline: datetime | None = None
    ranking_deadline: datetime | None = None
    max_choices: int | None = Field(None, ge=1, le=MAX_CHOICES_LIMIT)


class FollowUpIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    preference_deadline: datetime
    ranking_deadline: datetime
    max_choices: int | None = Field(None, ge=1, le=MAX_CHOICES_LIMIT)


class RoundOut(Schema):
    id: int
    name: str
    scope: Literal["province", "support_office"]
    support_office: SupportOfficeRef | None
    status: RoundStatusName
    preference_deadline: datetime
    ranking_deadline: datetime
    max_choices: int
    parent_id: int | None
    seed: int
    is_synthetic: bool
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None
    matched_at: datetime | None
    published_at: datetime | None

    @staticmethod
    def resolve_scope(obj: PlacementRound) -> str:
        return "province" if obj.is_province_wide else "support_office"


class RunOut(Schema):
    """A run's figures and proof; the payload (snapshot, result) is served separately."""

    id: int
    round_id: int
    status: Literal["queued", "running", "succeeded", "failed"]
    input_hash: str
    seed: int
    engine_version: str
    statistics: dict[str, Any] | None
    stability: dict[str, Any] | None
    timings: dict[str, float]
    error: str
    queued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class RunPayloadOut(Schema):
    """What replays a run: the input snapshot (hash it to check ``input_hash``) and the
    result (assignment, seed, lottery, engine version)."""

    id: int
    input_hash: str
    input_snapshot: dict[str, Any] | None
    result: dict[str, Any] | None

    @staticmethod
    def resolve_input_snapshot(obj: RoundRun) -> dict[str, Any] | None:
        return obj.input_snapshot


class RoundOfferRef(Schema):
    id: int
    title: str
    company_id: int
    company_name_ko: str
    region_code: str
    ncs_code: str
    seats: int

    @staticmethod
    def resolve_company_name_ko(obj: Any) -> str:
        return str(obj.company.organisation.name_ko)

    @staticmethod
    def resolve_region_code(obj: Any) -> str:
        return str(obj.region.sigungu_code)

    @staticmethod
    def resolve_ncs_code(obj: Any) -> str:
        return str(obj.ncs_middle.code)


class PreferencesIn(Schema):
    student_id: int = Field(ge=1)
    offer_ids: list[int] = Field(
        max_length=MAX_CHOICES_LIMIT, description="most wanted first; [] withdraws the list"
    )


class PreferenceOut(Schema):
    student_id: int
    rank: int
    offer: RoundOfferRef


class RankingEntryIn(Schema):
    student_id: int = Field(ge=1)
    rank: int = Field(ge=1, le=MAX_RANK, description="equal ranks are ties")


class RankingIn(Schema):
    offer_id: int = Field(ge=1)
    entries: list[RankingEntryIn] = Field(
        max_length=MAX_RANK, description="[] takes the schools' recommended order"
    )


class ApplicantOut(Schema):
    student_id: int
    name: str
    student_number: str
    school_name_ko: str
    department_name_ko: str
    rank: int | None = Field(description="the company's rank; null: not ranked")


class ApplicantsOut(Schema):
    offer: RoundOfferRef
    uses_school_order: bool
    applicants: list[ApplicantOut]


class RecommendationsIn(Schema):
    school_id: int = Field(ge=1)
    student_ids: list[int] = Field(max_length=MAX_RANK, description="best first")


class SchoolRecommendationOut(Schema):
    student_id: int
    name: str
    student_number: str
    rank: int

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.student.name)

    @staticmethod
    def resolve_student_number(obj: Any) -> str:
        return str(obj.student.student_number)


class OutcomeOut(Schema):
    id: int
    student_id: int
    student_name: str
    student_number: str
    school_id: int
    school_name_ko: str
    department_name_ko: str
    matched: bool
    offer: RoundOfferRef | None
    choice_rank: int | None
    choice_count: int
    placement_id: int | None

    @staticmethod
    def resolve_student_name(obj: RoundOutcome) -> str:
        return obj.student.name

    @staticmethod
    def resolve_student_number(obj: RoundOutcome) -> str:
        return obj.student.student_number

    @staticmethod
    def resolve_school_id(obj: RoundOutcome) -> int:
        return int(obj.student.school_id)

    @staticmethod
    def resolve_school_name_ko(obj: RoundOutcome) -> str:
        return obj.student.school.organisation.name_ko

    @staticmethod
    def resolve_department_name_ko(obj: RoundOutcome) -> str:
        return obj.student.department.name_ko

    @staticmethod
    def resolve_matched(obj: RoundOutcome) -> bool:
        return obj.offer_id is not None


class ResultQuery(FilterQuery):
    school: int | None = Field(None, ge=1)
    company: int | None = Field(None, ge=1)
    offer: int | None = Field(None, ge=1)
    region: str | None = Field(None, pattern=r"^41\d{3}$")
    outcome: Literal["matched", "unmatched"] | None = None


class RoundQuery(FilterQuery):
    status: RoundStatusName | None = None
    support_office: int | None = Field(None, ge=1)
    q: str | None = Field(None, max_length=50)
