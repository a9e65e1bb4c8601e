"""Forms of the graduate-destination pages. Forms only parse; the rules live in the services,
whose problems the views put back on the form's fields (``add_problems``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import ImportForm as ImportForm
from vocnet.core.forms import KrdsFormMixin
from vocnet.core.forms import add_problems as add_problems
from vocnet.pathways.models import DestinationKind
from vocnet.pathways.selectors import DestinationFilters
from vocnet.registry.models import Department, NcsMiddle, School


def _blank(label: Any = None) -> tuple[str, Any]:
    return ("", label or _("전체"))


def ncs_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{code} {name}") for code, name in NcsMiddle.objects.values_list("code", "name_ko")
    ]


class DestinationFilterForm(KrdsFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("졸업 연도"), coerce=int, required=False)
    kind = forms.ChoiceField(label=_("진로"), required=False)
    school = forms.TypedChoiceField(label=_("학교"), coerce=int, required=False)
    ncs = forms.ChoiceField(label=_("학과 NCS 분야"), required=False)

    def __init__(
        self,
        *args: Any,
        years: Iterable[int] = (),
        schools: Iterable[School] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["year"].choices = [_blank(), *((y, str(y)) for y in years)]
        fields["kind"].choices = [_blank(), *DestinationKind.choices]
        schools = list(schools)
        if len(schools) > 1:
            fields["school"].choices = [
                _blank(),
                *((s.pk, s.organisation.name_ko) for s in schools),
            ]
        else:
            del fields["school"]
        fields["ncs"].choices = [_blank(), *ncs_choices()]

    def to_filters(self) -> DestinationFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return DestinationFilters(
            year=data.get("year") or None,
            kind=data.get("kind") or None,
            school=data.get("school") or None,
            ncs=data.get("ncs") or None,
        )


class DestinationForm(KrdsFormMixin, forms.Form):
    department = forms.TypedChoiceField(label=_("졸업 학과"), coerce=int)
    graduation_year = forms.TypedChoiceField(label=_("졸업 연도"), coerce=int)
    graduate_key = forms.CharField(
        label=_("졸업생 번호"),
        max_length=20,
        help_text=_("졸업 때의 학번이나 학교가 정한 익명 번호. 이름은 적지 않습니다."),
    )
    kind = forms.ChoiceField(label=_("진로"), choices=DestinationKind.choices)
    business_number = forms.CharField(
        label=_("취업 기업 사업자등록번호"),
        required=False,
        max_length=12,
        help_text=_("취업한 경우, 기관 찾기에 등록된 기업이면 적습니다."),
    )
    ncs_code = forms.ChoiceField(label=_("취업 분야(NCS 중분류)"), required=False)
    note = forms.CharField(label=_("비고"), required=False, max_length=200)

    def __init__(
        self,
        *args: Any,
        departments: Iterable[Department] = (),
        years: Iterable[int] = (),
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["ncs_code"].choices = [_blank(_("모름·해당 없음")), *ncs_choices()]
        if editing:
            for name in ("department", "graduation_year", "graduate_key"):
                del fields[name]
            return
        fields["department"].choices = [
            (d.pk, f"{d.school.organisation.name_ko} · {d.name_ko}") for d in departments
        ]
        fields["graduation_year"].choices = [(y, str(y)) for y in years]
