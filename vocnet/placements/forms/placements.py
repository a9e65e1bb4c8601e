"""Forms of the placement pages: filters, the contract amendment, the export reason, and
what happens during the training (diary, visit, report, response, evaluation)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.placements.forms.common import DATE, TIME, blank
from vocnet.placements.models import (
    IncidentLevel,
    IncidentStatus,
    LeaveKind,
    PlacementStatus,
)
from vocnet.placements.selectors import (
    IncidentFilters,
    PlacementFilters,
)
from vocnet.placements.services import ContractChanges

TODO_SIGNATURE = "signature"


class PlacementFilterForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("학생·기업명"), required=False, max_length=50)
    status = forms.ChoiceField(
        label=_("상태"), required=False, choices=[blank(), *PlacementStatus.choices]
    )
    todo = forms.ChoiceField(
        label=_("할 일"),
        required=False,
        choices=[blank(), (TODO_SIGNATURE, _("서명을 기다리는 표준협약서"))],
    )

    def to_filters(self) -> PlacementFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return PlacementFilters(
            status=data.get("status") or None,
            q=data.get("q") or None,
            awaiting_signature=data.get("todo") == TODO_SIGNATURE,
        )


class AmendForm(KrdsFormMixin, forms.Form):
    """The items of the contract that an amendment may change (the schedule: through the API)."""

    note = forms.CharField(
        label=_("변경 내용"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    start_date = forms.DateField(
        label=_("시작일"),
        widget=DATE,
        required=False,
        help_text=_("실습을 시작하기 전에만, 내일 이후로 바꿀 수 있습니다."),
    )
    end_date = forms.DateField(label=_("종료일"), widget=DATE)
    allowance_krw = forms.IntegerField(
        label=_("현장실습 수당(원/월)"), min_value=0, max_value=20_000_000
    )
    tasks = forms.CharField(
        label=_("실습 직무·내용"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    mentor_name = forms.CharField(label=_("기업현장교사(담당자)"), max_length=50)
    mentor_title = forms.CharField(label=_("기업현장교사 직위"), max_length=50, required=False)
    mentor_phone = forms.CharField(label=_("기업현장교사 연락처"), max_length=15, required=False)
    safety_measures = forms.CharField(
        label=_("안전·보건 조치"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    @staticmethod
    def initial_for(terms: dict[str, Any]) -> dict[str, Any]:
        person = terms["person_in_charge"]
        return {
            "start_date": terms["period"]["start_date"],
            "end_date": terms["period"]["end_date"],
            "allowance_krw": terms["allowance_krw"],
            "tasks": terms["tasks"],
            "mentor_name": person["name"],
            "mentor_title": person["title"],
            "mentor_phone": person["phone"],
            "safety_measures": terms["safety_measures"],
        }

    def to_changes(self) -> ContractChanges:
        data = self.cleaned_data
        return ContractChanges(
            note=data["note"],
            start_date=data.get("start_date"),
            end_date=data["end_date"],
            allowance_krw=data["allowance_krw"],
            tasks=data["tasks"],
            mentor_name=data["mentor_name"],
            mentor_title=data["mentor_title"],
            mentor_phone=data["mentor_phone"],
            safety_measures=data["safety_measures"],
        )


class ExportReasonForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("내려받는 사유"),
        max_length=500,
        help_text=_("학생 개인정보가 들어 있어 사유를 기록합니다."),
    )


class HoursForm(KrdsFormMixin, forms.Form):
    day = forms.DateField(label=_("실습일"), widget=DATE)
    start = forms.TimeField(label=_("시작 시각"), widget=TIME)
    end = forms.TimeField(label=_("종료 시각"), widget=TIME)
    break_minutes = forms.IntegerField(label=_("휴게 시간(분)"), min_value=0, max_value=600)
    activities = forms.CharField(label=_("실습 내용"), required=False, max_length=2000)


class SafetyEducationForm(KrdsFormMixin, forms.Form):
    given_on = forms.DateField(label=_("교육일"), widget=DATE)
    given_by = forms.CharField(label=_("교육한 사람·기관"), max_length=100)
    content = forms.CharField(
        label=_("교육 내용"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class LeaveForm(KrdsFormMixin, forms.Form):
    leave_day = forms.DateField(label=_("휴가·결석일"), widget=DATE)
    kind = forms.ChoiceField(label=_("종류"), choices=LeaveKind.choices)
    note = forms.CharField(label=_("메모"), required=False, max_length=2000)


class VisitForm(KrdsFormMixin, forms.Form):
    visited_on = forms.DateField(label=_("방문일"), widget=DATE)
    hours_kept = forms.BooleanField(label=_("실습 시간 준수"), required=False)
    tasks_match = forms.BooleanField(label=_("협약 직무와 일치"), required=False)
    safety_ok = forms.BooleanField(label=_("안전 수칙·보호구 준수"), required=False)
    mentor_present = forms.BooleanField(label=_("기업현장교사 지도"), required=False)
    student_wellbeing = forms.BooleanField(label=_("학생 상태 양호"), required=False)
    notes = forms.CharField(
        label=_("지도 내용"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up = forms.CharField(
        label=_("후속 조치"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("충족하지 않은 항목이 있으면 적어야 합니다."),
    )


class IncidentForm(KrdsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("유형"),
        choices=[
            ("safety", _("안전사고·위험 상황")),
            ("grievance", _("고충·부당한 대우")),
            ("other", _("기타")),
        ],
    )
    description = forms.CharField(
        label=_("내용"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    occurred_on = forms.DateField(label=_("발생일"), required=False, widget=DATE)


class RespondForm(KrdsFormMixin, forms.Form):
    response = forms.CharField(
        label=_("답변"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    close = forms.BooleanField(label=_("답변하고 종결"), required=False)


class EvaluationForm(KrdsFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("평가자"), widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label=_("평점"), coerce=int, choices=[(n, str(n)) for n in range(5, 0, -1)]
    )
    comment = forms.CharField(
        label=_("의견"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, roles: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["role"].choices = [(r, r) for r in roles]


class IncidentFilterForm(KrdsFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("상태"),
        required=False,
        choices=[("", _("전체")), *IncidentStatus.choices],
    )
    level = forms.ChoiceField(
        label=_("처리 기관"), required=False, choices=[("", _("전체")), *IncidentLevel.choices]
    )

    def to_filters(self) -> IncidentFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return IncidentFilters(status=data.get("status") or None, level=data.get("level") or None)
