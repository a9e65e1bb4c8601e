"""Forms of the course pages. Forms only parse; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.courses.models import CourseType, Weekday
from vocnet.courses.selectors import CatalogueFilter
from vocnet.registry.models import NcsMajor, NcsMiddle, Region


def _blank() -> tuple[str, Any]:
    return ("", _("전체"))


class CatalogueFilterForm(KrdsFormMixin, forms.Form):
    region = forms.TypedChoiceField(label=_("지역(시·군)"), coerce=int, required=False)
    field = forms.ChoiceField(label=_("NCS 분야"), required=False)
    course_type = forms.ChoiceField(label=_("과목 유형"), required=False)
    weekday = forms.TypedChoiceField(label=_("요일"), coerce=int, required=False)
    time_from = forms.TimeField(label=_("시작 시각 이후"), required=False)
    time_to = forms.TimeField(label=_("종료 시각 이전"), required=False)
    cross_track = forms.BooleanField(label=_("계열 통합 과목만"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["region"].choices = [_blank(), *Region.objects.values_list("pk", "name_ko")]
        majors = [(m.code, f"{m.code} {m.name_ko}") for m in NcsMajor.objects.all()]
        middles = [(m.code, f"{m.code} {m.name_ko}") for m in NcsMiddle.objects.all()]
        fields["field"].choices = [
            _blank(),
            (_("대분류"), majors),
            (_("중분류"), middles),
        ]
        fields["course_type"].choices = [_blank(), *CourseType.choices]
        fields["weekday"].choices = [_blank(), *Weekday.choices]
        fields["time_from"].widget.input_type = "time"
        fields["time_to"].widget.input_type = "time"

    def to_filter(self) -> CatalogueFilter:
        data = self.cleaned_data if self.is_valid() else {}
        weekday = data.get("weekday")
        return CatalogueFilter(
            region_id=data.get("region") or None,
            field=data.get("field") or "",
            course_type=data.get("course_type") or "",
            weekday=weekday if isinstance(weekday, int) else None,
            time_from=data.get("time_from"),
            time_to=data.get("time_to"),
            cross_track=bool(data.get("cross_track")),
        )


class CourseReturnForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(label=_("반려 사유"), max_length=500, widget=forms.Textarea)


class ApplicationForm(KrdsFormMixin, forms.Form):
    """The student's ranked choices: one select per rank, up to the term's maximum."""

    def __init__(self, *args: Any, courses: Any = (), max_choices: int = 5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            ("", _("선택 안 함")),
            *((c.pk, f"{c.title} · {c.host.name_ko}") for c in courses),
        ]
        for rank in range(1, max_choices + 1):
            self.fields[f"choice_{rank}"] = forms.TypedChoiceField(
                label=_("%(rank)s지망") % {"rank": rank},
                choices=choices,
                coerce=int,
                required=False,
            )

    def course_ids(self) -> list[int]:
        data = self.cleaned_data if self.is_valid() else {}
        return [value for name, value in data.items() if name.startswith("choice_") and value]


class RunStartForm(KrdsFormMixin, forms.Form):
    seed = forms.IntegerField(
        label=_("추첨 시드(비우면 자동)"), required=False, min_value=0, max_value=2**62
    )


class CertificateCheckForm(KrdsFormMixin, forms.Form):
    code = forms.CharField(label=_("이수증 확인 코드"), max_length=20)


class AttendanceForm(KrdsFormMixin, forms.Form):
    """One session: its date and the enrolled students present (a checkbox each)."""

    held_on = forms.DateField(label=_("수업일"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, enrolments: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"] = forms.TypedMultipleChoiceField(
            label=_("출석한 학생"),
            choices=[
                (e.pk, f"{e.student.name} ({e.student.school.organisation.name_ko})")
                for e in enrolments
            ],
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
