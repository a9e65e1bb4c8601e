"""Domain errors: a stable code plus a message in Korean and English.

Services raise these; ``vocnet.api`` maps them to an HTTP status once for every endpoint and
the web views turn them into form errors. A message names the field and the rule, so a user
knows what to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from vocnet.core.fieldlabels import field_label, field_label_pair
from vocnet.core.i18n import is_english
from vocnet.core.korean import with_particle


class Bilingual(Protocol):
    """Anything that carries one message in Korean and in English."""

    @property
    def message_ko(self) -> str: ...

    @property
    def message_en(self) -> str: ...


def localized(message: Bilingual) -> str:
    """The message in the interface language: English when English is active, else Korean
    (the service's language). The one place that chooses; pages call this or ``.localized``."""
    return message.message_en if is_english() else message.message_ko


@dataclass(frozen=True)
class FieldProblem:
    """One rule broken by one field (``field`` is the API/Excel column name)."""

    field: str
    code: str
    message_ko: str
    message_en: str

    @property
    def localized(self) -> str:
        """The message in the interface language."""
        return localized(self)

    @property
    def label(self) -> str:
        """The field's label in the interface language (never its code name)."""
        return field_label(self.field)

    def as_dict(self) -> dict[str, str]:
        return {
            "field": self.field,
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }


@dataclass
class DomainError(Exception):
    """Base of every error a user can cause; ``status`` is the HTTP status it maps to."""

    code: str
    message_ko: str
    message_en: str
    problems: list[FieldProblem] = field(default_factory=list)
    status = 400

    def __str__(self) -> str:
        return f"{self.message_ko} / {self.message_en}"

    @property
    def localized(self) -> str:
        """The message in the interface language (a page's error message or form error)."""
        return localized(self)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
            "errors": [problem.as_dict() for problem in self.problems],
        }


class ValidationFailed(DomainError):
    """Input broke one or more field rules; nothing was written."""

    status = 422

    @classmethod
    def from_problems(cls, problems: list[FieldProblem]) -> ValidationFailed:
        first = problems[0]
        label_ko, label_en = field_label_pair(first.field)
        return cls(
            code="validation_failed",
            message_ko=f"입력값을 확인하세요: {label_ko} — {first.message_ko}",
            message_en=f"Check the input: {label_en} — {first.message_en}",
            problems=problems,
        )


class PermissionDenied(DomainError):
    status = 403


class NotFound(DomainError):
    status = 404


class Conflict(DomainError):
    status = 409


def permission_denied() -> PermissionDenied:
    return PermissionDenied(
        code="permission_denied",
        message_ko="이 작업을 할 권한이 없습니다.",
        message_en="You do not have permission to do this.",
    )


def not_found(what_ko: str, what_en: str) -> NotFound:
    return NotFound(
        code="not_found",
        message_ko=f"{with_particle(what_ko, '을/를')} 찾을 수 없습니다.",
        message_en=f"{what_en} not found.",
    )


def reraise_refusal(error: DomainError) -> None:
    """Re-raise ``error`` if it is a refusal (:class:`PermissionDenied`, :class:`NotFound`).

    Web views that show a domain error as a message on the page call this first: a refusal is
    not a message but the 403 or 404 page (``DomainErrorMiddleware``), so a refused POST
    answers exactly as a refused GET does and the page matrix can tell them apart."""
    if isinstance(error, (PermissionDenied, NotFound)):
        raise error
