"""Form helpers: KRDS classes and accessible descriptions on every widget, domain problems put
back on the fields they name, and the upload form of every Excel import page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.errors import FieldProblem


def problem_text(problem: FieldProblem) -> str:
    """A problem's message in the interface language."""
    return problem.localized


def add_problems(
    form: forms.Form, problems: Iterable[FieldProblem], names: dict[str, str] | None = None
) -> None:
    """Put each problem on the form field it names (``names`` maps service or API field names
    to form fields), or on the whole form when no field has that name."""
    for problem in problems:
        name = (names or {}).get(problem.field, problem.field)
        form.add_error(name if name in form.fields else None, problem_text(problem))


class KrdsFormMixin:
    """Gives each widget its KRDS class and links help text and errors to the control."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = "krds-form-select" if isinstance(widget, forms.Select) else "krds-input"
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):
                continue
            widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{name}_hint")

    def add_error(self, field: str | None, error: Any) -> None:
        """Django's ``add_error``, and each field that now has an error is marked
        ``aria-invalid`` and described by its error text (``includes/form_field.html``), so a
        screen reader announces the problem on the field itself (issue 16 §2)."""
        super().add_error(field, error)  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                self.mark_invalid(name)

    def mark_invalid(self, name: str) -> None:
        attrs = self.fields[name].widget.attrs
        attrs["aria-invalid"] = "true"
        described = attrs.get("aria-describedby", "").split()
        if f"id_{name}_error" not in described:
            attrs["aria-describedby"] = " ".join([*described, f"id_{name}_error"])


class ImportForm(KrdsFormMixin, forms.Form):
    """The file of an Excel import page (checked first, then imported on request)."""

    file = forms.FileField(
        label=_("파일(.xlsx 또는 .csv)"),
        help_text=_("양식의 열 제목을 그대로 쓰세요. 첫 시트의 제목 행 아래를 읽습니다."),
    )
