"""Schema pieces every API module shares: the error body, a PATCH body that refuses ``null``
on fields that cannot be empty, and a time of day that refuses a time zone."""

from __future__ import annotations

from datetime import time
from typing import Annotated, Any, ClassVar, Literal, Union

from ninja import Schema
from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
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


def report_or_error(report: Any) -> Any:
    """A response that is either ``report`` (an endpoint's own body for the status, e.g. an
    import's row-by-row report) or the standard ``ErrorSchema`` (the same status raised by
    input validation or a domain error before the report exists). ``report`` is tried first,
    so its fields are never dropped."""
    return Annotated[Union[report, ErrorSchema], Field(union_mode="left_to_right")]  # noqa: UP007


class FilterQuery(Schema):
    """The filters of a list or an export in the query string. A blank value (``region=``,
    ``support_office=``, as a filter form submits every field left on "전체") means no filter,
    never a 422: a page's "엑셀로 내려받기" link carries the form's query as it is. Every
    filter schema a list or an export reads derives from this one (the export test walks every
    export with every filter blank)."""

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_no_filter(cls, value: Any, info: ValidationInfo) -> Any:
        if _blank(value) and info.field_name is not None:
            return cls.model_fields[info.field_name].get_default(call_default_factory=True)
        return value


def _blank(value: Any) -> bool:
    """An empty text, or a repeated parameter whose every value is empty."""
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list) and value:
        return all(_blank(item) for item in value)
    return False


class PatchSchema(Schema):
    """A partial update: a field left out keeps its value; ``null`` is allowed only on the
    fields named in ``nullable`` (those that may be empty). Elsewhere ``null`` is a 422 naming
    the field (``null_not_allowed``), never a database error."""

    nullable: ClassVar[frozenset[str]] = frozenset()

    # The published schema says the same: ``null`` only where ``nullable`` allows it.
    model_config = ConfigDict(json_schema_extra=lambda schema, cls: _drop_null(schema, cls))

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: Any, info: Any) -> Any:
        if value is None and info.field_name not in cls.nullable:
            raise PydanticCustomError("null_not_allowed", "null is not allowed for this field")
        return value


def _drop_null(schema: dict[str, Any], cls: Any) -> None:
    nullable: frozenset[str] = getattr(cls, "nullable", frozenset())
    for name, prop in schema.get("properties", {}).items():
        if name in nullable or "anyOf" not in prop:
            continue
        kept = [option for option in prop["anyOf"] if option.get("type") != "null"]
        if len(kept) == 1:
            del prop["anyOf"]
            prop.update(kept[0])
        else:
            prop["anyOf"] = kept
        if "default" in prop and prop["default"] is None:
            del prop["default"]


def _naive_time(value: time) -> time:
    if value.tzinfo is not None:
        raise PydanticCustomError(
            "time_with_timezone", "a time of day without a time zone is expected"
        )
    return value


# A local (Korean) time of day, "HH:MM" or "HH:MM:SS"; "09:00:00Z" or "09:00+09:00" is refused.
# Documented as a pattern, not as JSON Schema's "time" format: that one (RFC 3339 full-time)
# requires the time-zone offset this type refuses.
LOCAL_TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"
LocalTime = Annotated[
    time,
    AfterValidator(_naive_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "examples": ["09:00"],
            "description": "시간대 없는 시각 / local time of day, HH:MM[:SS]",
        }
    ),
]


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


class DeletedOut(Schema):
    id: int
    code: Literal["deleted"] = "deleted"
