"""Forms of applications (현장실습 지원): apply, the interview, the decline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.registry.models import Student

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class ApplyForm(KrdsFormMixin, forms.Form):
    student = forms.TypedChoiceField(label=_("학생"), coerce=int)
    note = forms.CharField(
        label=_("지원 메모"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    field_justification = forms.CharField(
        label=_("관련 분야 배치 사유(학과 분야가 다를 때)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, students: Iterable[Student] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["student"].choices = [
            (s.pk, f"{s.name} · {s.department.name_ko} {s.grade}학년 ({s.student_number})")
            for s in students
        ]


class InterviewForm(KrdsFormMixin, forms.Form):
    interview_at = forms.DateTimeField(
        label=_("면접 일시"), widget=DateTimeLocalInput(), input_formats=[DATETIME_FORMAT]
    )
    place = forms.CharField(label=_("면접 장소"), max_length=200, required=False)
    outcome = forms.CharField(
        label=_("면접 결과"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(label=_("거절 사유"), max_length=1000, required=False)
