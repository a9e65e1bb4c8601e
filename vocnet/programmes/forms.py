"""Forms of the programme pages. They only parse; the rules live in the services, whose
bilingual problems the views put back on the fields they name (``add_problems``).

Dates and times are entered to the minute in Asia/Seoul (the project's time zone)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from vocnet.agreements.models import Pillar
from vocnet.core.forms import KrdsFormMixin
from vocnet.programmes.models import (
    AggregationMethod,
    BudgetCategory,
    FundingSource,
    Outcome,
    PreviousDesignationRule,
    ProgrammeKind,
    StageKind,
    TieRule,
)
from vocnet.programmes.services import (
    ApplicationContent,
    BudgetInput,
    CallInput,
    GovernanceMemberInput,
    KpiInput,
    StageInput,
)
from vocnet.programmes.services.review import DecisionInput, ItemScoreInput
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


class RubricItemAddForm(KrdsFormMixin, forms.Form):
    """A new rubric item; the area is chosen among the call's (and the default rubric's)."""

    area = forms.ChoiceField(label=_("평가 영역"))
    name_ko = forms.CharField(label=_("평가 항목"), max_length=150, required=False)
    name_en = forms.CharField(label=_("영문 평가 항목"), max_length=200, required=False)
    max_points = forms.DecimalField(
        label=_("배점"),
        max_digits=5,
        decimal_places=2,
        min_value=-1000,
        max_value=1000,
        required=False,
    )
    is_bonus = forms.BooleanField(label=_("가점 항목"), required=False)

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]


class RequiredDocumentAddForm(KrdsFormMixin, forms.Form):
    name_ko = forms.CharField(label=_("서류명"), max_length=100, required=False)
    name_en = forms.CharField(label=_("영문 서류명"), max_length=150, required=False)
    max_pages = forms.IntegerField(
        label=_("최대 쪽수(없으면 비워 두세요)"), required=False, min_value=-1000, max_value=1000
    )
    is_required = forms.BooleanField(label=_("필수 서류"), required=False, initial=True)


# Applications ------------------------------------------------------------------------------

# Service field → form field of the application steps.
APPLICATION_FIELD_NAMES = {
    "lead_organisation_id": "lead_organisation",
    "call_id": "lead_organisation",
    "requirement_code": "requirement",
}


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ApplicationStartForm(KrdsFormMixin, forms.Form):
    """The lead school and the title; the consortium's partners are chosen with the partner
    search beside it (``selectors_partners``) and read by the view as ``partners`` ids."""

    lead_organisation = forms.TypedChoiceField(label=_("주관 학교"), coerce=int)
    title = forms.CharField(label=_("신청서 제목"), max_length=200)

    def __init__(self, *args: Any, leads: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].choices = leads  # type: ignore[attr-defined]


def chosen_ids(values: list[str]) -> list[int]:
    """The partner ids of a request, in order, once each (anything else ignored)."""
    ids: list[int] = []
    for value in values:
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    return ids


class PlanForm(KrdsFormMixin, forms.Form):
    """비전, 요소별 교육 계획, 인프라, 학생 경로(취업 → 성장 → 정주)."""

    vision = forms.CharField(label=_("비전"), required=False, widget=_textarea())
    infrastructure_plan = forms.CharField(
        label=_("인프라 계획"), required=False, widget=_textarea()
    )
    path_employment = forms.CharField(
        label=_("학생 경로: 취업"), required=False, widget=_textarea(3)
    )
    path_growth = forms.CharField(
        label=_("학생 경로: 성장(후학습)"), required=False, widget=_textarea(3)
    )
    path_settlement = forms.CharField(
        label=_("학생 경로: 정주"), required=False, widget=_textarea(3)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in Pillar.choices:
            self.fields[f"pillar_{code}"] = forms.CharField(
                label=format_lazy("{}: {}", _("교육 계획"), label),
                required=False,
                widget=_textarea(3),
            )
        # The mixin styled the fields that existed before this loop.
        for name, field in self.fields.items():
            if name.startswith("pillar_"):
                field.widget.attrs.setdefault("class", "krds-input")

    def to_content(self) -> ApplicationContent:
        data = self.cleaned_data
        return ApplicationContent(
            vision=data["vision"],
            infrastructure_plan=data["infrastructure_plan"],
            path_employment=data["path_employment"],
            path_growth=data["path_growth"],
            path_settlement=data["path_settlement"],
            pillar_plans={
                code: data[f"pillar_{code}"]
                for code in Pillar.values
                if data.get(f"pillar_{code}", "").strip()
            },
        )


class GovernanceForm(KrdsFormMixin, forms.Form):
    """운영위원회: members (a party's organisation and a role) and the meeting rhythm."""

    governance_rhythm = forms.CharField(
        label=_("운영위원회 개최 주기"), required=False, max_length=200
    )

    def __init__(
        self, *args: Any, parties: list[tuple[int, str]], rows: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for index in range(rows):
            self.fields[f"member_{index}_organisation"] = forms.TypedChoiceField(
                label=format_lazy("{} {}: {}", _("운영위원"), index + 1, _("기관")),
                choices=[("", "—"), *parties],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"class": "krds-form-select"}),
            )
            self.fields[f"member_{index}_role"] = forms.CharField(
                label=format_lazy("{} {}: {}", _("운영위원"), index + 1, _("직위·역할")),
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"class": "krds-input"}),
            )

    def member_rows(self) -> list[tuple[Any, Any]]:
        return [
            (self[f"member_{i}_organisation"], self[f"member_{i}_role"]) for i in range(self.rows)
        ]

    def to_content(self) -> ApplicationContent:
        data = self.cleaned_data
        members = [
            GovernanceMemberInput(
                organisation_id=data[f"member_{i}_organisation"],
                role_title=data[f"member_{i}_role"],
            )
            for i in range(self.rows)
            if data.get(f"member_{i}_organisation") is not None
        ]
        return ApplicationContent(
            governance_rhythm=data["governance_rhythm"], governance_members=members
        )


def budget_field(year: int, source: str, category: str) -> str:
    return f"budget_{year}_{source}_{category}"


class BudgetForm(KrdsFormMixin, forms.Form):
    """The budget by year × source (교육부 특별교부금, 교육청, 지자체, 기업, 기타) × category
    (인건비, 운영비, 기자재, 시설), in KRW; empty cells are no line."""

    def __init__(self, *args: Any, years: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years
        for year in range(1, years + 1):
            for source, source_label in FundingSource.choices:
                for category, category_label in BudgetCategory.choices:
                    self.fields[budget_field(year, source, category)] = forms.IntegerField(
                        label=format_lazy("{}년차 {} {}", year, source_label, category_label),
                        required=False,
                        min_value=-(10**15),
                        max_value=10**15,
                        widget=forms.NumberInput(attrs={"class": "krds-input", "step": 1000}),
                    )

    def grid(self) -> list[tuple[Any, Any, list[Any]]]:
        return [
            (
                source_label,
                category_label,
                [self[budget_field(y, source, category)] for y in range(1, self.years + 1)],
            )
            for source, source_label in FundingSource.choices
            for category, category_label in BudgetCategory.choices
        ]

    def to_content(self) -> ApplicationContent:
        data = self.cleaned_data
        lines = [
            BudgetInput(year, source, category, data[budget_field(year, source, category)])
            for year in range(1, self.years + 1)
            for source in FundingSource.values
            for category in BudgetCategory.values
            if data.get(budget_field(year, source, category)) is not None
        ]
        return ApplicationContent(budget=lines)


class KpiForm(KrdsFormMixin, forms.Form):
    """KPIs with one target per programme year; a row without a name is no KPI."""

    def __init__(self, *args: Any, years: int, rows: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years, self.rows = years, rows
        for index in range(rows):
            number = index + 1
            self.fields[f"kpi_{index}_name"] = forms.CharField(
                label=format_lazy("{} {}: {}", _("성과지표"), number, _("지표명")),
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs={"class": "krds-input"}),
            )
            self.fields[f"kpi_{index}_unit"] = forms.CharField(
                label=format_lazy("{} {}: {}", _("성과지표"), number, _("단위")),
                required=False,
                max_length=40,
                widget=forms.TextInput(attrs={"class": "krds-input"}),
            )
            for year in range(1, years + 1):
                self.fields[f"kpi_{index}_y{year}"] = forms.FloatField(
                    label=format_lazy("{} {}: {}년차 목표", _("성과지표"), number, year),
                    required=False,
                    widget=forms.NumberInput(attrs={"class": "krds-input", "step": "any"}),
                )

    def kpi_rows(self) -> list[tuple[Any, Any, list[Any]]]:
        return [
            (
                self[f"kpi_{i}_name"],
                self[f"kpi_{i}_unit"],
                [self[f"kpi_{i}_y{y}"] for y in range(1, self.years + 1)],
            )
            for i in range(self.rows)
        ]

    def to_content(self) -> ApplicationContent:
        data = self.cleaned_data
        kpis = [
            KpiInput(
                name=data[f"kpi_{i}_name"],
                unit=data[f"kpi_{i}_unit"],
                targets=[
                    data[f"kpi_{i}_y{y}"]
                    for y in range(1, self.years + 1)
                    if data.get(f"kpi_{i}_y{y}") is not None
                ],
            )
            for i in range(self.rows)
            if data.get(f"kpi_{i}_name", "").strip()
        ]
        return ApplicationContent(kpis=kpis)


class DocumentForm(KrdsFormMixin, forms.Form):
    requirement = forms.ChoiceField(label=_("제출 서류"))
    file = forms.FileField(
        label=_("파일"),
        help_text=_(
            "PDF, HWP, HWPX, DOCX, XLSX, PNG, JPG, 10MB 이하. PDF는 쪽수를 자동으로 셉니다."
        ),
    )
    page_count = forms.IntegerField(
        label=_("쪽수(PDF가 아닌 파일)"),
        required=False,
        min_value=0,
        max_value=10000,
        help_text=_("육성계획서처럼 쪽수 제한이 있는 서류를 HWP 등으로 올릴 때 입력하세요."),
    )

    def __init__(self, *args: Any, requirements: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requirement"].choices = requirements  # type: ignore[attr-defined]


class WithdrawForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(label=_("철회 사유"), max_length=300, widget=_textarea(3))


# Review ------------------------------------------------------------------------------------


class ReviewerForm(KrdsFormMixin, forms.Form):
    username = forms.CharField(
        label=_("심사위원 아이디"),
        max_length=150,
        help_text=_("소속 기관은 계정의 소속으로 기록되어 이해충돌 확인에 쓰입니다."),
    )
    is_external = forms.BooleanField(label=_("외부 전문가"), required=False)


class ConflictForm(KrdsFormMixin, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("이해충돌 여부"),
        choices=[("no", _("없음")), ("yes", _("있음"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("사유(이해충돌이 있을 때)"), required=False, max_length=600, widget=_textarea(2)
    )


class ScoreForm(KrdsFormMixin, forms.Form):
    """Points (0 – the item's points) and a comment for every rubric item."""

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"points_{item.pk}"] = forms.DecimalField(
                label=format_lazy("{} ({} {})", item.name_ko, _("배점"), item.max_points),
                max_digits=7,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"class": "krds-input", "step": "0.5"}),
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=format_lazy("{}: {}", item.name_ko, _("의견")),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"class": "krds-input", "rows": 2}),
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (item, self[f"points_{item.pk}"], self[f"comment_{item.pk}"]) for item in self.items
        ]

    def to_scores(self) -> list[ItemScoreInput]:
        data = self.cleaned_data
        return [
            ItemScoreInput(item.code, data[f"points_{item.pk}"], data[f"comment_{item.pk}"])
            for item in self.items
        ]

    def field_names(self) -> dict[str, str]:
        """Service field (``scores[i].points``) → form field, so errors land on the item."""
        names: dict[str, str] = {}
        for index, item in enumerate(self.items):
            names[f"scores[{index}].points"] = f"points_{item.pk}"
            names[f"scores[{index}].comment"] = f"comment_{item.pk}"
        return names


class DecisionForm(KrdsFormMixin, forms.Form):
    """The officer's outcome and reasons per application; an application left without an
    outcome is decided later."""

    def __init__(self, *args: Any, applications: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.applications = applications
        for application in applications:
            self.fields[f"outcome_{application.pk}"] = forms.ChoiceField(
                label=format_lazy("{}: {}", application.title, _("결과")),
                choices=[("", _("나중에 결정")), *Outcome.choices],
                required=False,
                widget=forms.Select(attrs={"class": "krds-form-select"}),
            )
            self.fields[f"reasons_{application.pk}"] = forms.CharField(
                label=format_lazy("{}: {}", application.title, _("사유")),
                required=False,
                max_length=6000,
                widget=forms.Textarea(attrs={"class": "krds-input", "rows": 2}),
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [(a, self[f"outcome_{a.pk}"], self[f"reasons_{a.pk}"]) for a in self.applications]

    def to_decisions(self) -> list[DecisionInput]:
        data = self.cleaned_data
        return [
            DecisionInput(a.pk, data[f"outcome_{a.pk}"], data[f"reasons_{a.pk}"])
            for a in self.applications
            if data.get(f"outcome_{a.pk}")
        ]

    def field_names(self) -> dict[str, str]:
        chosen = [a for a in self.applications if self.cleaned_data.get(f"outcome_{a.pk}")]
        names: dict[str, str] = {}
        for index, application in enumerate(chosen):
            names[f"decisions[{index}].outcome"] = f"outcome_{application.pk}"
            names[f"decisions[{index}].reasons"] = f"reasons_{application.pk}"
        return names


class ObjectionForm(KrdsFormMixin, forms.Form):
    text = forms.CharField(label=_("이의신청 내용"), max_length=6000, widget=_textarea(4))
