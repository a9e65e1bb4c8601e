"""Form helpers: KRDS classes and accessible descriptions on every widget."""

from __future__ import annotations

from typing import Any

from django import forms


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
