"""Forms of the universities' pages (issue 18 §4). They only parse; the rules live in
``services.universities``, whose problems the views put back on the fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.pathways.models_universities import ContractType, ProgrammeKind
from vocnet.pathways.services.universities import ProgrammeInput

DATE = {"type": "date"}


class ProgrammeForm(KrdsFormMixin, forms.Form):
    university = forms.TypedChoiceField(label=_("대학"), coerce=int)
    kind = forms.ChoiceField(label=_("과정 구분"), choices=ProgrammeKind.choices)
    name = forms.CharField(label=_("과정명(학과명)"), max_length=150)
    admission_year = forms.IntegerField(label=_("입학 연도"), min_value=2000, max_value=2100)
    places = forms.IntegerField(label=_("모집 인원"), min_value=1, max_value=1000)
    admission_conditions = forms.CharField(
        label=_("지원 자격·전형 조건"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("재직자 특별전형은 반드시 적습니다. 예: 특성화고 졸업 후 산업체 재직 3년 이상"),
    )
    contract_type = forms.ChoiceField(
        label=_("계약학과 유형(채용 조건)"),
        required=False,
        choices=[("", _("해당 없음(재직자 특별전형)")), *ContractType.choices],
    )
    contract_title = forms.CharField(label=_("계약(협약)명"), required=False, max_length=200)
    contract_signed_on = forms.DateField(
        label=_("계약 체결일"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    contract_ends_on = forms.DateField(
        label=_("계약 종료일"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    partner_business_numbers = forms.CharField(
        label=_("협약 기업 사업자등록번호"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("계약학과: 한 줄에 한 기업씩, 기관 찾기에 등록된 기업의 번호를 적습니다."),
    )

    def __init__(self, *args: Any, universities: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["university"].choices = universities

    def to_input(self) -> ProgrammeInput:
        data = self.cleaned_data
        numbers = [
            line.strip() for line in data["partner_business_numbers"].splitlines() if line.strip()
        ]
        return ProgrammeInput(
            university_id=data["university"],
            kind=data["kind"],
            name=data["name"],
            admission_year=data["admission_year"],
            places=data["places"],
            admission_conditions=data["admission_conditions"],
            contract_type=data["contract_type"],
            contract_title=data["contract_title"],
            contract_signed_on=data["contract_signed_on"],
            contract_ends_on=data["contract_ends_on"],
            partner_business_numbers=numbers,
        )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            ("admitted", "admitted"),
            ("not_admitted", "not_admitted"),
            ("enrolled", "enrolled"),
        ]
    )
    enrolled_on = forms.DateField(required=False)
