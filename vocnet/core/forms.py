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


class ImportForm(KrdsFormMixin, forms.Form):
    """The file of an Excel import page (checked first, then imported on request)."""

    file = forms.FileField(
        label=_("파일(.xlsx 또는 .csv)"),
        help_text=_("양식의 열 제목을 그대로 쓰세요. 첫 시트의 제목 행 아래를 읽습니다."),
    )
