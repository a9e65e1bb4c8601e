"""Schema pieces every API module shares: the error body, a PATCH body that refuses ``null``
on fields that cannot be empty, and a time of day that refuses a time zone."""

from __future__ import annotations

from datetime import time
from typing import Annotated, Any, ClassVar, Literal

from ninja import Schema
from pydantic import AfterValidator, field_validator
from pydantic_core import PydanticCustomError


class FieldErrorSchema(Schema):
    field: str
    code: str
    message_ko: str
    message_en: str


class ErrorSchema(Schema):
    """Every API error: a stable ``code``, the message in Korean and English, and one entry
    per field rule broken."""

    code: str
    message_ko: str
    message_en: str
    errors: list[FieldErrorSchema]


class PatchSchema(Schema):
    """A partial update: a field left out keeps its value; ``null`` is allowed only on the
    fields named in ``nullable`` (those that may be empty). Elsewhere ``null`` is a 422 naming
    the field (``null_not_allowed``), never a database error."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: Any, info: Any) -> Any:
        if value is None and info.field_name not in cls.nullable:
            raise PydanticCustomError("null_not_allowed", "null is not allowed for this field")
        return value


def _naive_time(value: time) -> time:
    if value.tzinfo is not None:
        raise PydanticCustomError(
            "time_with_timezone", "a time of day without a time zone is expected"
        )
    return value


# A local (Korean) time of day, "HH:MM" or "HH:MM:SS"; "09:00:00Z" or "09:00+09:00" is refused.
LocalTime = Annotated[time, AfterValidator(_naive_time)]


# References to rows of other apps, the same in every app's documents (one name, one schema).


class OrganisationRef(Schema):
    id: int
    name_ko: str
    kind: str


class SupportOfficeRef(Schema):
    id: int
    name_ko: str
    name_en: str


class DepartmentRef(Schema):
    id: int
    name_ko: str
    school_id: int
    school_name_ko: str
    ncs_code: str


class CompanyRef(Schema):
    id: int
    name_ko: str
    business_number: str

    @staticmethod
    def resolve_id(obj: Any) -> int:
        return int(obj.pk)


class DeletedOut(Schema):
    id: int
    code: Literal["deleted"] = "deleted"
