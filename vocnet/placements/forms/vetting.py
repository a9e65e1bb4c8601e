"""Forms of the host-vetting pages: filters, application, inspection, decision, accident."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.placements.forms.common import DATE, blank
from vocnet.placements.models import (
    HostKind,
    VettingStatus,
)
from vocnet.placements.selectors import (
    VettingFilters,
)
from vocnet.registry.choices import region_choices
from vocnet.registry.models import Company

TODO_DECISION = "decision"


class VettingFilterForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("기업명·사업자등록번호"), required=False, max_length=50)
    status = forms.ChoiceField(
        label=_("상태"), required=False, choices=[blank(), *VettingStatus.choices]
    )
    region = forms.ChoiceField(label=_("시·군"), required=False)
    todo = forms.ChoiceField(
        label=_("할 일"),
        required=False,
        choices=[blank(), (TODO_DECISION, _("심사 대기 중인 참여기업 신청"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["region"].choices = [blank(), *region_choices()]

    def to_filters(self) -> VettingFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return VettingFilters(
            status=data.get("status") or None,
            region=data.get("region") or None,
            q=data.get("q") or None,
            awaiting_decision=data.get("todo") == TODO_DECISION,
        )


class VettingApplyForm(KrdsFormMixin, forms.Form):
    company = forms.TypedChoiceField(label=_("기업"), coerce=int)
    host_kind = forms.ChoiceField(label=_("기업 구분"), choices=HostKind.choices)
    person_in_charge_name = forms.CharField(label=_("현장실습 담당자"), max_length=50)
    person_in_charge_phone = forms.CharField(
        label=_("담당자 연락처"), max_length=15, required=False
    )
    application_note = forms.CharField(
        label=_("신청 내용"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("실습 직무, 시설·장비, 안전보건 관리 체계를 적습니다."),
    )

    def __init__(self, *args: Any, companies: Iterable[Company] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["company"].choices = [(c.pk, c.organisation.name_ko) for c in companies]


class InspectionForm(KrdsFormMixin, forms.Form):
    inspected_on = forms.DateField(label=_("점검일"), widget=DATE)
    teacher_name = forms.CharField(label=_("점검 교사"), max_length=50)
    labour_attorney_name = forms.CharField(label=_("노무사"), max_length=50)
    safety_agency_name = forms.CharField(label=_("안전 전문기관"), max_length=100)
    job_field_fit = forms.BooleanField(label=_("직무·전공 적합성 충족"), required=False)
    training_conditions = forms.BooleanField(label=_("실습 여건 충족"), required=False)
    safety_and_health = forms.BooleanField(label=_("안전·보건 관리 충족"), required=False)
    person_in_charge = forms.BooleanField(label=_("담당자 지정 충족"), required=False)
    insurance = forms.BooleanField(label=_("산재보험 가입 확인"), required=False)
    notes = forms.CharField(
        label=_("점검 의견"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(KrdsFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("결정"),
        coerce=lambda value: value == "approve",
        choices=[("approve", _("승인")), ("reject", _("불승인"))],
    )
    valid_from = forms.DateField(label=_("유효 시작일"), required=False, widget=DATE)
    valid_until = forms.DateField(label=_("유효 종료일"), required=False, widget=DATE)
    note = forms.CharField(
        label=_("결정 사유"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AccidentForm(KrdsFormMixin, forms.Form):
    occurred_on = forms.DateField(label=_("발생일"), widget=DATE)
    description = forms.CharField(
        label=_("내용"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    source_note = forms.CharField(label=_("출처"), max_length=300, required=False)
