"""Turning Django validation errors into bilingual field problems.

Model validators in vocnet write their messages as ``"한국어 / English"``; Django's built-in
messages are translated by rendering them once under each language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils import translation

from vocnet.core.errors import FieldProblem, ValidationFailed


def _render(error: DjangoValidationError) -> tuple[str, str]:
    message = error.message
    params = error.params or {}

    def render_in(language: str) -> str:
        with translation.override(language):
            text = str(message)
            return text % params if params else text

    ko, en = render_in("ko"), render_in("en")
    if " / " in ko and ko == en:
        ko, _, en = ko.partition(" / ")
    return ko, en


def problems_from_django(
    exc: DjangoValidationError, field_names: Mapping[str, str] | None = None
) -> list[FieldProblem]:
    """One FieldProblem per message; ``field_names`` renames model fields to input names."""
    names = field_names or {}
    problems: list[FieldProblem] = []
    error_dict = (
        exc.error_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.error_list}
    )
    for field, errors in error_dict.items():
        name = names.get(field, field if field != NON_FIELD_ERRORS else "__all__")
        for error in errors:
            ko, en = _render(error)
            problems.append(FieldProblem(name, error.code or "invalid", ko, en))
    return problems


def clean_or_raise(
    obj: models.Model,
    *,
    exclude: Iterable[str] | None = None,
    field_names: Mapping[str, str] | None = None,
) -> None:
    """``full_clean()`` the object; raise ValidationFailed naming every broken rule."""
    try:
        obj.full_clean(exclude=list(exclude) if exclude else None)
    except DjangoValidationError as exc:
        raise ValidationFailed.from_problems(problems_from_django(exc, field_names)) from None
