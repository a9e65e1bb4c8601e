"""Forms of the credits and hires pages. Forms only parse; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin


class CreditDecisionForm(KrdsFormMixin, forms.Form):
    """The rows chosen from the queue and the decision for all of them."""

    DECISIONS = (("recognise", _("학점 인정")), ("decline", _("학점 불인정")))

    enrolment_ids = forms.TypedMultipleChoiceField(
        label=_("학점을 결정할 이수 과목"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    decision = forms.ChoiceField(label=_("결정"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("불인정 사유"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("학점을 인정하지 않을 때는 사유를 적어야 합니다."),
    )

    def __init__(self, *args: Any, rows: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["enrolment_ids"]
        field.choices = [(e.pk, f"{e.student.name} · {e.course.title}") for e in rows]

    @property
    def recognise(self) -> bool:
        return bool(self.cleaned_data["decision"] == "recognise")


class HireForm(KrdsFormMixin, forms.Form):
    """The students of the class the company hired, the date and a note."""

    hired_on = forms.DateField(label=_("채용일"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("비고"), required=False, max_length=300)

    def __init__(self, *args: Any, enrolments: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["student_ids"] = forms.TypedMultipleChoiceField(
            label=_("채용한 학생"),
            choices=[
                (e.student_id, f"{e.student.name} ({e.student.school.organisation.name_ko})")
                for e in enrolments
            ],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
        )
