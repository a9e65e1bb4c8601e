"""Selects written in Python (vocnet.core.form_renderer) are the template's markup, byte for
byte: every select of the filter forms, chosen values, several values, groups, disabled
options, markup in labels, numbers as labels (ADR 0037)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation

from vocnet.agreements.forms import AgreementFilterForm
from vocnet.clearinghouse.forms import ResultFilterForm
from vocnet.core.form_renderer import SELECT_TEMPLATE, VocnetFormRenderer, render_select
from vocnet.courses.forms import CatalogueFilterForm
from vocnet.demand.forms import DeclarationFilterForm, GapFilterForm, RecommendationFilterForm
from vocnet.pathways.forms import DestinationFilterForm, IndicatorFilterForm
from vocnet.placements.forms.offers import OfferFilterForm
from vocnet.placements.forms.placements import IncidentFilterForm, PlacementFilterForm
from vocnet.placements.forms.vetting import VettingFilterForm
from vocnet.registry.forms import DirectoryFilterForm

pytestmark = pytest.mark.django_db

FILTER_FORMS = (
    AgreementFilterForm,
    ResultFilterForm,
    CatalogueFilterForm,
    DirectoryFilterForm,
    OfferFilterForm,
    VettingFilterForm,
    PlacementFilterForm,
    IncidentFilterForm,
    DestinationFilterForm,
    IndicatorFilterForm,
    GapFilterForm,
    DeclarationFilterForm,
    RecommendationFilterForm,
)


class Odd(forms.Form):
    grouped = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("A", [("a1", "<b>에이&원</b>"), ("a2", 'a "two"')]),
            ("B", [(3, 1234567)]),
        ]
    )
    many = forms.MultipleChoiceField(choices=[(1, "하나"), (2, "둘"), (3, "셋")])
    plain = forms.ChoiceField(
        choices=[(20, 20), (50, 50)], widget=forms.Select(attrs={"data-x": "y<", "disabled": True})
    )


def _both(form: forms.Form) -> list[tuple[str, str, str]]:
    templates = TemplatesSetting()
    pairs = []
    for field in form:
        widget = field.field.widget
        if widget.template_name != SELECT_TEMPLATE:
            continue
        context = widget.get_context(field.html_name, field.value(), field.build_widget_attrs({}))
        fast = render_select(context)
        assert fast is not None
        pairs.append((field.name, str(fast), templates.render(SELECT_TEMPLATE, context)))
    return pairs


def _forms() -> list[forms.Form]:
    built: list[forms.Form] = []
    for form_class in FILTER_FORMS:
        built.append(form_class())
    built.append(Odd(data={"grouped": "a2", "many": ["1", "3"], "plain": "50"}))
    built.append(Odd())
    return built


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_select_of_the_filter_forms_is_the_templates_markup(language: str) -> None:
    seen = 0
    with translation.override(language):
        for form in _forms():
            for name, fast, slow in _both(form):
                assert fast == slow, f"{type(form).__name__}.{name}"
                seen += 1
    assert seen >= 30


def test_the_renderer_writes_selects_and_leaves_other_widgets_to_templates() -> None:
    renderer = VocnetFormRenderer()
    form = Odd(data={"grouped": "a1"}, renderer=renderer)
    html = str(form["grouped"])
    assert '<option value="a1" selected>&lt;b&gt;에이&amp;원&lt;/b&gt;</option>' in html
    assert "1,234,567" in html or "1234567" in html
    text = forms.CharField().widget.render("q", "<x>", renderer=renderer)
    assert text == '<input type="text" name="q" value="&lt;x&gt;">'


def test_an_option_with_its_own_template_goes_through_the_templates() -> None:
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/attrs.html"

    context: dict[str, Any] = Special(choices=[("1", "one")]).get_context("s", "1", {})
    assert render_select(context) is None
