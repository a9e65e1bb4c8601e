"""Forms of the programme pages. They only parse; the rules live in the services, whose
bilingual problems the views put back on the fields they name (``add_problems``).

Dates and times are entered to the minute in Asia/Seoul (the project's time zone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.programmes.models import (
    AggregationMethod,
    PreviousDesignationRule,
    ProgrammeKind,
    StageKind,
    TieRule,
)
from vocnet.programmes.services import CallInput, StageInput
from vocnet.registry.models import SchoolType

# Form field → the service's field, so a problem lands on the control that caused it.
CALL_FIELD_NAMES = {
    "kind_code": "kind",
    "issuing_organisation_id": "issuing_organisation",
    "nominates_to_id": "nominates_to",
    "stages[0].shortlist_size": "stage1_shortlist",
    "stages[1].shortlist_size": "stage2_shortlist",
    "stages": "stage1_shortlist",
}


class MinuteInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class CallForm(KrdsFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("사업 유형"))
    issuing_organisation = forms.TypedChoiceField(label=_("공모 기관"), coerce=int)
    year = forms.IntegerField(label=_("연도"), min_value=2000, max_value=2100)
    round_number = forms.IntegerField(label=_("차수"), min_value=1, max_value=20, initial=1)
    title = forms.CharField(label=_("공모명"), max_length=200)
    opens_at = forms.DateTimeField(
        label=_("접수 시작"),
        widget=MinuteInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("한국 시간(Asia/Seoul), 분 단위"),
    )
    closes_at = forms.DateTimeField(
        label=_("접수 마감"),
        widget=MinuteInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("한국 시간(Asia/Seoul), 분 단위. 마감 시각이 지나면 제출할 수 없습니다."),
    )
    quota = forms.IntegerField(label=_("선정(추천) 규모"), min_value=0, max_value=1000)
    duration_years = forms.IntegerField(
        label=_("운영 기간(년)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("비우면 사업 유형의 기본 기간(교육부 협약형 5년, 경기 모델학교 3년)"),
    )
    plan_page_limit = forms.IntegerField(
        label=_("육성계획서 최대 쪽수"), initial=30, min_value=0, max_value=1000
    )
    eligible_school_types = forms.MultipleChoiceField(
        label=_("신청 가능 학교 유형"),
        required=False,
        choices=SchoolType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("선택하지 않으면 모든 유형"),
    )
    previous_designation_rule = forms.ChoiceField(
        label=_("기존 지정 조건"), choices=PreviousDesignationRule.choices
    )
    stage1_shortlist = forms.IntegerField(
        label=_("1단계(서면평가) 통과 규모"),
        required=False,
        min_value=0,
        help_text=_("비우면 모두 통과"),
    )
    stage2_shortlist = forms.IntegerField(
        label=_("2단계(발표·현장평가) 통과 규모"), required=False, min_value=0
    )
    is_blind = forms.BooleanField(label=_("1단계 블라인드 평가(학교·기관명 가림)"), required=False)
    aggregation = forms.ChoiceField(label=_("집계 방식"), choices=AggregationMethod.choices)
    tie_rule = forms.ChoiceField(label=_("동점 처리"), choices=TieRule.choices)
    objection_days = forms.IntegerField(
        label=_("이의신청 기간(일)"), initial=7, min_value=0, max_value=90
    )
    nominates_to = forms.TypedChoiceField(
        label=_("추천 대상 공모"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("도교육청 예비 심사의 추천 학교를 교육부 공모에 올릴 때"),
    )
    results_expected = forms.CharField(label=_("결과 발표 예정"), required=False, max_length=100)
    funding_note = forms.CharField(label=_("지원 규모"), required=False, max_length=200)
    source_note = forms.CharField(label=_("출처 메모"), required=False, max_length=500)

    def __init__(
        self,
        *args: Any,
        issuers: list[tuple[int, str]],
        nomination_targets: list[tuple[int, str]],
        is_edit: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (kind.code, kind.name_ko) for kind in ProgrammeKind.objects.filter(is_active=True)
        ]
        self.fields["issuing_organisation"].choices = issuers  # type: ignore[attr-defined]
        self.fields["nominates_to"].choices = [  # type: ignore[attr-defined]
            ("", _("없음")),
            *nomination_targets,
        ]
        if is_edit:
            for name in ("kind", "issuing_organisation"):
                self.fields[name].disabled = True

    def to_input(self) -> CallInput:
        data = self.cleaned_data
        return CallInput(
            kind_code=data["kind"],
            year=data["year"],
            title=data["title"],
            issuing_organisation_id=data["issuing_organisation"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            quota=data["quota"],
            round_number=data["round_number"],
            duration_years=data.get("duration_years"),
            plan_page_limit=data["plan_page_limit"],
            eligible_school_types=list(data.get("eligible_school_types") or []),
            previous_designation_rule=data["previous_designation_rule"],
            stages=[
                StageInput(StageKind.DOCUMENT, data.get("stage1_shortlist")),
                StageInput(StageKind.PRESENTATION, data.get("stage2_shortlist")),
            ],
            is_blind=bool(data.get("is_blind")),
            aggregation=data["aggregation"],
            tie_rule=data["tie_rule"],
            objection_days=data["objection_days"],
            nominates_to_id=data.get("nominates_to"),
            results_expected=data.get("results_expected") or "",
            funding_note=data.get("funding_note") or "",
            source_note=data.get("source_note") or "",
        )


def call_initial(data: CallInput) -> dict[str, Any]:
    stages = data.stages or []
    return {
        "kind": data.kind_code,
        "issuing_organisation": data.issuing_organisation_id,
        "year": data.year,
        "round_number": data.round_number,
        "title": data.title,
        "opens_at": data.opens_at,
        "closes_at": data.closes_at,
        "quota": data.quota,
        "duration_years": data.duration_years,
        "plan_page_limit": data.plan_page_limit,
        "eligible_school_types": data.eligible_school_types,
        "previous_designation_rule": data.previous_designation_rule,
        "stage1_shortlist": stages[0].shortlist_size if stages else None,
        "stage2_shortlist": stages[1].shortlist_size if len(stages) > 1 else None,
        "is_blind": data.is_blind,
        "aggregation": data.aggregation,
        "tie_rule": data.tie_rule,
        "objection_days": data.objection_days,
        "nominates_to": data.nominates_to_id,
        "results_expected": data.results_expected,
        "funding_note": data.funding_note,
        "source_note": data.source_note,
    }


class RubricItemForm(KrdsFormMixin, forms.Form):
    name_ko = forms.CharField(label=_("평가 항목"), max_length=150)
    max_points = forms.DecimalField(
        label=_("배점"), max_digits=5, decimal_places=2, min_value=-1000, max_value=1000
    )
