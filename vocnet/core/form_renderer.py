"""The form renderer: Django's templates for every widget, a select written in Python.

A select is the one widget whose template loops: the offers, placements and demand filters
carry 100–150 NCS and region options, and the template engine spent ~5 ms of a request's CPU
writing them (a fifth of an uncached list page, ADR 0037). ``render_select`` writes the same
markup as ``templates/django/forms/widgets/select.html`` (Django's select, attrs and
select_option templates) from the same context; a test compares the two on every select of
the filter forms. A widget with another template, or options with their own template, still
goes through the templates.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict[str, Any]) -> str:
    """``attrs.html``: False leaves the attribute out, True writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _text(value: Any) -> str:
    """``{{ value }}``: numbers and dates localized as the template engine does, escaped."""
    if not isinstance(value, str):
        value = localize(value)
    return conditional_escape(value)


def render_select(context: dict[str, Any]) -> SafeString | None:
    """The select's HTML, or None when an option needs its own template."""
    widget = context["widget"]
    out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{_text(option['label'])}</option>"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    # Every name, value and label above went through conditional_escape.
    return mark_safe("".join(out))


class VocnetFormRenderer(TemplatesSetting):
    """``TemplatesSetting`` (templates/ may override widgets) with selects written in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT_TEMPLATE:
            html = render_select(context)
            if html is not None:
                return html
        return super().render(template_name, context, request=request)
