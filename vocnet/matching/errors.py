"""The one error type of the matching package: a stable code plus a Korean and English message.

The package stays free of Django, so this mirrors the shape of ``vocnet.core.errors.DomainError``
(code, ``message_ko``, ``message_en``) without importing it; the calling app maps it.
"""

from __future__ import annotations


class MatchingInputError(ValueError):
    """An instance or result that cannot be matched or checked as given.

    ``code`` is stable and meant for programs; the messages name the student and/or placement
    concerned so that a person can fix the input. ``student`` and ``placement`` repeat those
    ids for callers that want to point at a form field or a spreadsheet row.
    """

    def __init__(
        self,
        *,
        code: str,
        message_ko: str,
        message_en: str,
        student: str | None = None,
        placement: str | None = None,
    ) -> None:
        super().__init__(code, message_ko, message_en)
        self.code = code
        self.message_ko = message_ko
        self.message_en = message_en
        self.student = student
        self.placement = placement

    def __str__(self) -> str:
        return f"[{self.code}] {self.message_ko} / {self.message_en}"

    def __repr__(self) -> str:
        return (
            f"MatchingInputError(code={self.code!r}, message_ko={self.message_ko!r}, "
            f"message_en={self.message_en!r})"
        )

    def as_dict(self) -> dict[str, str | None]:
        """The error as JSON-ready data, the shape ``vocnet.core.errors.DomainError`` uses."""
        return {
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
            "student": self.student,
            "placement": self.placement,
        }
