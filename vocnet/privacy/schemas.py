from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import FilterQuery

AccessActionCode = Literal["view", "export", "change", "create", "delete"]
SubjectKindCode = Literal["registry.student", "registry.guardian"]


class AccessLogQuery(FilterQuery):
    """Filters of the access log. Records are named by id only: a name in the address would
    be personal data in URLs and logs (the web page searches names by POST)."""

    subject_kind: SubjectKindCode | None = None
    subject_id: int | None = Field(None, ge=1)
    actor: str | None = Field(None, max_length=150, description="username fragment")
    action: AccessActionCode | None = None
    date_from: date | None = None
    date_to: date | None = None


class AccessLogOut(Schema):
    id: int
    at: datetime
    event_id: UUID
    actor_id: int | None
    actor_username: str
    client_ip: str | None
    channel: str
    path: str
    action: str
    subject_kind: str
    subject_id: int
    reason: str


class ExportReasonIn(Schema):
    """The reason for an export of personal data, sent in the body of the export's POST (a
    form field): a download that writes to the access log is never a GET
    (안전성 확보조치 기준 제8조제2항)."""

    reason: str = Field(
        "",
        max_length=500,
        description="내려받는 사유 (필수) / why the personal data is exported (required)",
    )
