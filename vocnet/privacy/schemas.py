from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Schema
from pydantic import Field

AccessActionCode = Literal["view", "export", "change", "create", "delete"]
SubjectKindCode = Literal["registry.student", "registry.guardian"]


class AccessLogQuery(Schema):
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
