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
from vocnet.pathways.models import (
    CheckSource,
    DestinationKind,
    EmploymentType,
    EventKind,
    ServiceType,
    StudyRoute,
    SurveyAnswer,
    WageBand,
)
from vocnet.pathways.selectors import DestinationFilters
from vocnet.registry.models import CompanySize, Department, NcsMiddle, School


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


def _choices(choices: Any, blank: Any = None) -> list[tuple[Any, Any]]:
    return [_blank(blank or _("해당 없음")), *choices]


class EventForm(KrdsFormMixin, forms.Form):
    """One event of a graduate's pathway; which fields apply depends on the kind (the
    service names a field that does not belong)."""

    kind = forms.ChoiceField(label=_("사건"), choices=EventKind.choices)
    occurred_on = forms.DateField(label=_("날짜"), widget=forms.DateInput(attrs={"type": "date"}))
    business_number = forms.CharField(
        label=_("사업자등록번호"),
        required=False,
        max_length=12,
        help_text=_("취업·이직: 기관 찾기에 등록된 기업이면 적습니다."),
    )
    employer_name = forms.CharField(label=_("기업명"), required=False, max_length=100)
    ksic_code = forms.CharField(label=_("업종(KSIC)"), required=False, max_length=5)
    workplace_sigungu_code = forms.CharField(
        label=_("근무지 시군구 코드"),
        required=False,
        max_length=5,
        help_text=_("5자리 숫자, 예: 41390(시흥시)"),
    )
    employment_type = forms.ChoiceField(label=_("고용 형태"), required=False)
    weekly_hours = forms.IntegerField(label=_("주 소정근로시간"), required=False)
    wage_band = forms.ChoiceField(label=_("임금 구간"), required=False)
    firm_size = forms.ChoiceField(label=_("기업 규모"), required=False)
    check_month = forms.TypedChoiceField(
        label=_("고용보험 확인 시점(입사 후)"), required=False, coerce=int, empty_value=None
    )
    is_insured = forms.NullBooleanField(
        label=_("고용보험 가입 중"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("해당 없음")), ("true", _("예")), ("false", _("아니요"))]
        ),
    )
    source = forms.ChoiceField(label=_("확인 출처"), required=False)
    service_type = forms.ChoiceField(label=_("복무 형태"), required=False)
    route = forms.ChoiceField(label=_("진학 경로"), required=False)
    institution_name = forms.CharField(label=_("학교(대학)명"), required=False, max_length=100)
    note = forms.CharField(label=_("비고"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["employment_type"].choices = _choices(EmploymentType.choices)
        fields["wage_band"].choices = _choices(WageBand.choices)
        fields["firm_size"].choices = _choices(CompanySize.choices)
        fields["check_month"].choices = _choices(
            [(3, _("3개월")), (6, _("6개월")), (12, _("12개월"))]
        )
        fields["source"].choices = _choices(CheckSource.choices)
        fields["service_type"].choices = _choices(ServiceType.choices)
        fields["route"].choices = _choices(StudyRoute.choices)


class SurveyAnswerForm(KrdsFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("지금 무엇을 하고 있나요?"), choices=SurveyAnswer.choices, widget=forms.RadioSelect
    )
    same_employer = forms.NullBooleanField(
        label=_("첫 직장에 계속 다니고 있나요?"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("해당 없음")), ("true", _("예")), ("false", _("아니요"))]
        ),
    )
    workplace_sigungu_code = forms.CharField(
        label=_("일하는 곳의 시군구 코드(아는 경우)"), required=False, max_length=5
    )
    # What changed (issue 18 §1): the answer becomes pathway events (services.survey_events).
    changed_on = forms.DateField(
        label=_("새 직장·진학·입대·퇴직이 있었다면 그날"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    employer_name = forms.CharField(
        label=_("새로 다니는 곳의 기업명"), required=False, max_length=100
    )
    weekly_hours = forms.IntegerField(
        label=_("주 소정근로시간(새 직장)"), required=False, min_value=1, max_value=68
    )
    firm_size = forms.ChoiceField(label=_("기업 규모(새 직장)"), required=False)
    route = forms.ChoiceField(label=_("공부하고 있다면 진학 경로"), required=False)
    institution_name = forms.CharField(
        label=_("다니는 학교(대학)명"), required=False, max_length=100
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["firm_size"].choices = _choices(CompanySize.choices, _("모름"))
        fields["route"].choices = _choices(StudyRoute.choices)


DIMENSION_CHOICES = [
    ("school", _("학교별")),
    ("department", _("학과별")),
    ("field", _("NCS 분야별")),
    ("region", _("지역(시군)별")),
    ("programme", _("사업 지정 여부별")),
    ("year", _("졸업 연도별")),
]


class IndicatorFilterForm(KrdsFormMixin, forms.Form):
    dimension = forms.ChoiceField(label=_("나누어 보기"), choices=DIMENSION_CHOICES, required=False)
    year = forms.TypedChoiceField(label=_("졸업 연도"), coerce=int, required=False)
    programme = forms.ChoiceField(
        label=_("사업 지정"),
        required=False,
        choices=[_blank(), ("designated", _("지정 학교")), ("other", _("그 밖의 학교"))],
    )
    ncs = forms.ChoiceField(label=_("학과 NCS 분야"), required=False)

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["year"].choices = [_blank(), *((y, str(y)) for y in years)]
        fields["ncs"].choices = [_blank(), *ncs_choices()]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "dimension": data.get("dimension") or "school",
            "year": data.get("year") or None,
            "programme": data.get("programme") or None,
            "ncs": data.get("ncs") or None,
        }
