"""Forms of the demand pages. Forms only parse; the rules live in the services, whose problems
the views put back on the form's fields (``add_problems``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import ImportForm as ImportForm
from vocnet.core.forms import KrdsFormMixin
from vocnet.core.forms import add_problems as add_problems
from vocnet.core.forms import problem_text as problem_text
from vocnet.core.i18n import localized_name
from vocnet.demand.models import ProposalKind
from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.selectors import DeclarationFilters, GapFilters
from vocnet.demand.selectors.gap import GapAnalysis
from vocnet.registry.choices import ncs_major_choices, ncs_middle_choices, region_choices
from vocnet.registry.models import Organisation, SupportOffice
from vocnet.registry.validators import normalise_business_number


def _blank(label: Any = None) -> tuple[str, Any]:
    return ("", label or _("전체"))


class GapFilterForm(KrdsFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("채용 연도"), coerce=int, required=False)
    group_by = forms.ChoiceField(
        label=_("묶음"),
        required=False,
        choices=[
            ("region", _("시·군")),
            ("support_office", _("교육지원청")),
            ("pilot_district", _("선도지구")),
            ("consortium", _("협약형 학교 묶음")),
            ("field", _("NCS 분야")),
        ],
    )
    ncs = forms.ChoiceField(label=_("NCS 분야"), required=False)
    region = forms.ChoiceField(label=_("시·군"), required=False)
    support_office = forms.ChoiceField(label=_("교육지원청"), required=False)
    pilot_district = forms.ChoiceField(label=_("선도지구"), required=False)
    consortium = forms.ChoiceField(label=_("협약형 학교 묶음"), required=False)
    metric = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        choices=[("shortage", "shortage"), ("surplus", "surplus")],
    )

    def __init__(self, *args: Any, analysis: GapAnalysis | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["ncs"].choices = [_blank(), *ncs_major_choices(), *ncs_middle_choices()]
        fields["region"].choices = [_blank(), *region_choices()]
        if analysis is not None:
            fields["year"].choices = [(y, str(y)) for y in analysis.years]
            for name in ("support_office", "pilot_district", "consortium"):
                fields[name].choices = [
                    _blank(),
                    *((a.key, localized_name(a.name)) for a in analysis.areas[name]),
                ]

    def to_filters(self) -> GapFilters:
        return self.filters_of(self.data)

    @staticmethod
    def filters_of(data: Mapping[str, Any]) -> GapFilters:
        """The filters of a query, without building the form's choices (every region and
        NCS field: a third of an uncached gap page's form work)."""
        office, district = data.get("support_office"), data.get("pilot_district")
        year = data.get("year")
        return GapFilters(
            year=int(year) if year and str(year).isdigit() else None,
            group_by=data.get("group_by") or "region",
            ncs=data.get("ncs") or None,
            region=data.get("region") or None,
            support_office=int(office) if office and office.isdigit() else None,
            pilot_district=int(district) if district and district.isdigit() else None,
            consortium=data.get("consortium") or None,
            metric=data.get("metric") or "shortage",
        )


class DeclarationFilterForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("직무·기관명"), required=False, max_length=50)
    ncs = forms.ChoiceField(label=_("NCS 분야"), required=False)
    region = forms.ChoiceField(label=_("근무 시·군"), required=False)
    year = forms.TypedChoiceField(label=_("채용 연도"), coerce=int, required=False)

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["ncs"].choices = [_blank(), *ncs_major_choices(), *ncs_middle_choices()]
        fields["region"].choices = [_blank(), *region_choices()]
        fields["year"].choices = [_blank(), *((y, str(y)) for y in years)]

    def to_filters(self) -> DeclarationFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return DeclarationFilters(
            region=data.get("region") or None,
            ncs=data.get("ncs") or None,
            year=data.get("year") or None,
            q=data.get("q") or None,
        )


class DeclarationForm(KrdsFormMixin, forms.Form):
    organisation = forms.TypedChoiceField(label=_("신고 기관"), coerce=int, required=False)
    business_number = forms.CharField(
        label=_("기업 사업자등록번호"),
        required=False,
        max_length=12,
        help_text=_("기업의 수요를 대신 입력할 때만 적습니다(위의 기관 대신)."),
    )
    ncs_code = forms.ChoiceField(label=_("NCS 중분류"))
    occupation = forms.CharField(label=_("직무"), max_length=100)
    region_code = forms.ChoiceField(
        label=_("근무 시·군"), required=False, help_text=_("비우면 기관 소재지입니다.")
    )
    year = forms.TypedChoiceField(label=_("채용 연도"), coerce=int)
    headcount = forms.IntegerField(label=_("채용 인원"), min_value=1, max_value=100_000)
    certificates = forms.CharField(
        label=_("요구 자격증"),
        required=False,
        max_length=600,
        help_text=_("여러 개면 ; 로 구분합니다. 예: 자동차정비기능사; 전기기능사"),
    )
    note = forms.CharField(
        label=_("비고"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        organisations: Iterable[Organisation] = (),
        years: Iterable[int] = (),
        province: bool = False,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["organisation"].choices = [
            *([_blank(_("기업은 아래 사업자등록번호로"))] if province else []),
            *((o.pk, localized_name(o)) for o in organisations),
        ]
        fields["ncs_code"].choices = ncs_middle_choices()
        fields["region_code"].choices = [_blank(_("기관 소재지")), *region_choices()]
        fields["year"].choices = [(y, str(y)) for y in years]
        if not province or editing:
            del fields["business_number"]
        if editing:
            del fields["organisation"]

    def organisation_id(self) -> int | None:
        """The organisation chosen, or a company found by its business number."""
        number = normalise_business_number(self.cleaned_data.get("business_number") or "")
        if number:
            company = Organisation.objects.filter(company__business_number=number).first()
            return company.pk if company else 0
        value = self.cleaned_data.get("organisation")
        return int(value) if value else None

    def certificate_list(self) -> list[str]:
        text = (self.cleaned_data.get("certificates") or "").replace(",", ";")
        return [part.strip() for part in text.split(";") if part.strip()]


class ScenarioForm(KrdsFormMixin, forms.Form):
    """The parameters a planner usually changes; the API takes them all. The province
    chooses the scope (one support office's schools, or all); a support office plans for its
    own schools."""

    name = forms.CharField(label=_("시나리오 이름"), max_length=100)
    description = forms.CharField(label=_("설명"), required=False, max_length=300)
    support_office = forms.TypedChoiceField(
        label=_("계획 범위"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("교육지원청을 고르면 그 관할 시·군의 학교와 수요만으로 계획합니다."),
    )
    total_change_percent = forms.FloatField(
        label=_("학교 총정원 변동 한도(±%)"), min_value=0, max_value=50, initial=10
    )
    department_min_percent = forms.FloatField(
        label=_("학과 최소 정원(현재 대비 %)"), min_value=0, max_value=100, initial=50
    )
    department_max_percent = forms.FloatField(
        label=_("학과 최대 정원(현재 대비 %)"), min_value=100, max_value=300, initial=150
    )
    department_change_percent = forms.FloatField(
        label=_("학과별 연간 변경 한도(현재 정원 대비 %)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=_("한 해에 한 학과의 정원이 늘거나 줄거나 전환되는 폭의 상한입니다."),
    )
    max_changed_departments = forms.IntegerField(
        label=_("학교별 연간 변경 학과 수"),
        min_value=0,
        max_value=20,
        initial=1,
        help_text=_("한 해에 한 학교에서 정원이 바뀌는 학과 수의 상한입니다."),
    )
    related_conversions_only = forms.BooleanField(
        label=_("관련 분야로만 전환"),
        required=False,
        initial=True,
        help_text=_(
            "같은 NCS 대분류, 또는 vocnet이 정책으로 정한 관련 대분류(공식 표 아님)로만 전환합니다."
        ),
    )
    unmet_weight = forms.FloatField(
        label=_("미충족 수요 1명의 가중치"), min_value=0, max_value=100, initial=1.0
    )
    surplus_weight = forms.FloatField(
        label=_("남는 졸업생 1명의 가중치"), min_value=0, max_value=100, initial=0.5
    )
    conversion_cost_same_major = forms.FloatField(
        label=_("전환 비용: 같은 대분류(백만원/명)"), min_value=0, max_value=10_000, initial=10
    )
    conversion_cost_other_major = forms.FloatField(
        label=_("전환 비용: 다른 대분류(백만원/명)"), min_value=0, max_value=10_000, initial=30
    )
    conversion_cost_weight = forms.FloatField(
        label=_("전환 비용 가중치(백만원당)"), min_value=0, max_value=10, initial=0.05
    )
    change_weight = forms.FloatField(
        label=_("정원 변경 1명의 가중치"), min_value=0, max_value=10, initial=0.05
    )
    labour_market_share = forms.FloatField(
        label=_("취업 희망 졸업생 비율"),
        min_value=0.05,
        max_value=1,
        initial=0.495,
        help_text=_("경기 직업계고 2024 졸업생 진학률 50.5%에서 나온 값입니다."),
    )
    teacher_headroom_percent = forms.FloatField(
        label=_("교원 여유(현재 정원 대비 %)"), min_value=0, max_value=200, initial=25
    )
    priority_fields = forms.MultipleChoiceField(
        label=_("우선 분야(미충족 가중치 1.5배)"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    PARAMETER_FIELDS = (
        "total_change_percent",
        "department_min_percent",
        "department_max_percent",
        "department_change_percent",
        "max_changed_departments",
        "related_conversions_only",
        "unmet_weight",
        "surplus_weight",
        "conversion_cost_same_major",
        "conversion_cost_other_major",
        "conversion_cost_weight",
        "change_weight",
        "labour_market_share",
        "teacher_headroom_percent",
    )
    PRIORITY_WEIGHT = 1.5

    def __init__(
        self, *args: Any, offices: Iterable[SupportOffice] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["priority_fields"].choices = ncs_middle_choices()
        fields["priority_fields"].widget.attrs["class"] = "krds-form-select vn-multi"
        if offices is None:
            del fields["support_office"]
        else:
            fields["support_office"].choices = [
                ("", _("경기도 전체(모든 학교)")),
                *((o.pk, localized_name(o)) for o in offices),
            ]

    def support_office_id(self) -> int | None:
        value = self.cleaned_data.get("support_office")
        return int(value) if value else None

    def parameters(self) -> ScenarioParameters:
        data = self.cleaned_data
        return ScenarioParameters(
            **{name: data[name] for name in self.PARAMETER_FIELDS},
            priority_fields={code: self.PRIORITY_WEIGHT for code in data["priority_fields"]},
        )


class RecommendationFilterForm(KrdsFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("권고"), required=False)
    school = forms.TypedChoiceField(label=_("학교"), coerce=int, required=False)

    def __init__(
        self, *args: Any, schools: Iterable[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        """``schools``: (id, name) pairs for the school filter, None to leave it out."""
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["action"].choices = [
            _blank(),
            ("changed", _("바뀌는 학과")),
            ("grow", _("증원")),
            ("shrink", _("감원")),
            ("convert", _("전환")),
            ("keep", _("유지")),
        ]
        if schools is None:
            del fields["school"]
        else:
            fields["school"].choices = [_blank(), *schools]


class ProposalForm(KrdsFormMixin, forms.Form):
    """학과 개편 신청 by school staff: one department and one kind of change for a year."""

    kind = forms.ChoiceField(label=_("개편 유형"))
    department = forms.TypedChoiceField(
        label=_("대상 학과"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("신설이 아니면 고르세요."),
    )
    target_field = forms.ChoiceField(
        label=_("신설·전환 분야(NCS 중분류)"),
        required=False,
        help_text=_("전환은 같은 NCS 대분류나 관련 대분류로만 할 수 있습니다."),
    )
    proposed_intake = forms.IntegerField(
        label=_("신청 정원(명)"),
        min_value=0,
        max_value=500,
        required=False,
        help_text=_(
            "증원·감원: 바뀐 뒤의 정원. 전환: 옮기는 정원(일부 또는 학과 전체). 신설: 새 학과의 "
            "정원. 폐지는 비워 두세요."
        ),
    )
    new_name_ko = forms.CharField(
        label=_("새 학과명"),
        required=False,
        max_length=50,
        help_text=_("신설하거나 일부 정원만 전환할 때 적습니다."),
    )
    start_year = forms.IntegerField(label=_("적용 학년도"), min_value=2000, max_value=2100)
    reason = forms.CharField(
        label=_("신청 사유"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )

    def __init__(
        self,
        *args: Any,
        departments: Iterable[Any] = (),
        first_year: int = 2027,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["kind"].choices = [_blank(), *ProposalKind.choices]
        fields["department"].choices = [
            _blank(),
            *(
                (d.pk, f"{d.name_ko} · {d.ncs_middle.name_ko}({d.ncs_middle.code}) · "
                 f"{d.intake_capacity}")
                for d in departments
            ),
        ]  # fmt: skip
        fields["target_field"].choices = [_blank(), *ncs_middle_choices()]
        fields["start_year"].initial = first_year


class ProposalReviewForm(KrdsFormMixin, forms.Form):
    note = forms.CharField(
        label=_("검토 의견"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("반려할 때는 사유를 꼭 적으세요."),
    )


class ProposalDecisionForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("결정 사유"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
