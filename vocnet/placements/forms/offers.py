"""Forms of the offer pages: filters, the offer with one row per weekday, the reason of a
close or withdrawal."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.errors import FieldProblem
from vocnet.core.forms import KrdsFormMixin
from vocnet.placements.forms.common import DATE, TIME, add_problems, blank
from vocnet.placements.models import (
    FieldTrainingOffer,
    OfferStatus,
    TrainingType,
    Weekday,
)
from vocnet.placements.rules.hazards import hazard_categories
from vocnet.placements.selectors import (
    OfferFilters,
)
from vocnet.placements.services import OfferInput, ScheduleInput
from vocnet.registry.choices import ncs_major_choices, ncs_middle_choices, region_choices
from vocnet.registry.models import Company


def hazard_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name_ko) for c in hazard_categories().values()]


class OfferFilterForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("제목·기업명"), required=False, max_length=50)
    status = forms.ChoiceField(
        label=_("상태"), required=False, choices=[blank(), *OfferStatus.choices]
    )
    ncs = forms.ChoiceField(label=_("NCS 분야"), required=False)
    region = forms.ChoiceField(label=_("실습 지역"), required=False)
    open_seats = forms.BooleanField(label=_("빈자리 있는 제안만"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["ncs"].choices = [blank(), *ncs_major_choices(), *ncs_middle_choices()]
        fields["region"].choices = [blank(), *region_choices()]

    def to_filters(self) -> OfferFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return OfferFilters(
            status=data.get("status") or None,
            region=data.get("region") or None,
            ncs=data.get("ncs") or None,
            open_seats=data.get("open_seats") or None,
            q=data.get("q") or None,
        )


class OfferForm(KrdsFormMixin, forms.Form):
    """An offer with one row per weekday (on/off, start, end, break)."""

    company = forms.TypedChoiceField(label=_("기업"), coerce=int)
    title = forms.CharField(label=_("제목"), max_length=200)
    region_code = forms.ChoiceField(label=_("실습 지역(시·군)"))
    site_address = forms.CharField(label=_("실습 장소"), max_length=200, required=False)
    ncs_code = forms.ChoiceField(label=_("NCS 중분류"))
    seats = forms.IntegerField(label=_("모집 인원"), min_value=1, max_value=500)
    start_date = forms.DateField(label=_("시작일"), widget=DATE)
    end_date = forms.DateField(label=_("종료일"), widget=DATE)
    training_type = forms.ChoiceField(
        label=_("현장실습 유형"),
        choices=TrainingType.choices,
        initial=TrainingType.LEARNING_CENTRED,
        required=False,
        help_text=_("유형마다 최장 실습 기간과 지원 사업 대상 여부가 다릅니다."),
    )
    allowance_krw = forms.IntegerField(
        label=_("현장실습 수당(원/월)"), min_value=0, max_value=20_000_000
    )
    acknowledge_low_allowance = forms.BooleanField(
        label=_("수당이 0원이거나 기준액보다 낮으며, 이 금액이 학교에 보고됨을 확인합니다"),
        required=False,
    )
    mentor_name = forms.CharField(label=_("기업현장교사(담당자)"), max_length=50, required=False)
    mentor_title = forms.CharField(label=_("기업현장교사 직위"), max_length=50, required=False)
    mentor_phone = forms.CharField(label=_("기업현장교사 연락처"), max_length=15, required=False)
    tasks = forms.CharField(
        label=_("실습 직무·내용"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hazard_categories = forms.MultipleChoiceField(
        label=_("유해·위험 작업 구분"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("18세 미만 금지 작업(근로기준법 제65조)을 고르면 제안이 거부됩니다."),
    )
    safety_measures = forms.CharField(
        label=_("안전·보건 조치"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    has_extension_agreement = forms.BooleanField(
        label=_("실습 시간 연장 합의(1일 1시간·주 5시간 이내)"), required=False
    )
    extension_agreement_note = forms.CharField(
        label=_("연장 합의 내용"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("합의한 당사자와 날짜를 적습니다(직업교육훈련 촉진법 제9조의2 ① 단서)."),
    )

    def __init__(self, *args: Any, companies: Iterable[Company] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        companies = list(companies)
        fields: dict[str, Any] = self.fields
        fields["company"].choices = [(c.pk, c.organisation.name_ko) for c in companies]
        # A new offer's region is its company's (the first one listed) unless one was given.
        region = companies[0].organisation.region if companies else None
        if region is not None:
            self.initial.setdefault("region_code", region.sigungu_code)
        fields["region_code"].choices = region_choices()
        fields["ncs_code"].choices = ncs_middle_choices()
        fields["hazard_categories"].choices = hazard_choices()
        for weekday, label in Weekday.choices:
            fields[f"day_{weekday}_on"] = forms.BooleanField(label=label, required=False)
            fields[f"day_{weekday}_start"] = forms.TimeField(
                label=_("시작"), required=False, widget=TIME
            )
            fields[f"day_{weekday}_end"] = forms.TimeField(
                label=_("종료"), required=False, widget=TIME
            )
            fields[f"day_{weekday}_break"] = forms.IntegerField(
                label=_("휴게(분)"), required=False, min_value=0, max_value=600
            )
            for part in ("start", "end", "break"):
                fields[f"day_{weekday}_{part}"].widget.attrs.setdefault("class", "krds-input")

    @staticmethod
    def initial_for(offer: FieldTrainingOffer | None) -> dict[str, Any]:
        """Initial values: an offer's terms, or a lawful week (Mon–Fri 09–17, 1 h break)."""
        if offer is None:
            data: dict[str, Any] = {}
            for weekday in range(5):
                data.update(
                    {f"day_{weekday}_on": True, f"day_{weekday}_start": time(9),
                     f"day_{weekday}_end": time(17), f"day_{weekday}_break": 60}
                )  # fmt: skip
            return data
        data = {
            "company": offer.company_id,
            "title": offer.title,
            "region_code": offer.region.sigungu_code,
            "site_address": offer.site_address,
            "ncs_code": offer.ncs_middle.code,
            "seats": offer.seats,
            "start_date": offer.start_date,
            "end_date": offer.end_date,
            "allowance_krw": offer.allowance_krw,
            "training_type": offer.training_type,
            "acknowledge_low_allowance": offer.allowance_warning_acknowledged_at is not None,
            "mentor_name": offer.mentor_name,
            "mentor_title": offer.mentor_title,
            "mentor_phone": offer.mentor_phone,
            "tasks": offer.tasks,
            "hazard_categories": list(offer.hazard_categories),
            "safety_measures": offer.safety_measures,
            "has_extension_agreement": offer.has_extension_agreement,
            "extension_agreement_note": offer.extension_agreement_note,
        }
        for day in offer.schedule.all():
            data.update(
                {f"day_{day.weekday}_on": True, f"day_{day.weekday}_start": day.start,
                 f"day_{day.weekday}_end": day.end, f"day_{day.weekday}_break": day.break_minutes}
            )  # fmt: skip
        return data

    def weekday_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "label": label,
                "on": self[f"day_{weekday}_on"],
                "start": self[f"day_{weekday}_start"],
                "end": self[f"day_{weekday}_end"],
                "rest": self[f"day_{weekday}_break"],
            }
            for weekday, label in Weekday.choices
        ]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if not name.startswith("day_")]

    def schedule(self) -> list[ScheduleInput]:
        """The checked weekdays, in weekday order; a checked day without times is left out
        (the service then says the schedule is empty or the rules say what is wrong)."""
        data = self.cleaned_data
        days = []
        for weekday in range(7):
            start, end = data.get(f"day_{weekday}_start"), data.get(f"day_{weekday}_end")
            if data.get(f"day_{weekday}_on") and start and end:
                rest = data.get(f"day_{weekday}_break") or 0
                days.append(ScheduleInput(weekday, start, end, rest))
        return days

    def to_input(self) -> OfferInput:
        data = self.cleaned_data
        return OfferInput(
            title=data["title"],
            region_code=data["region_code"],
            ncs_code=data["ncs_code"],
            seats=data["seats"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            allowance_krw=data["allowance_krw"],
            training_type=data["training_type"] or TrainingType.LEARNING_CENTRED,
            acknowledge_low_allowance=data["acknowledge_low_allowance"],
            schedule=self.schedule(),
            site_address=data["site_address"],
            mentor_name=data["mentor_name"],
            mentor_title=data["mentor_title"],
            mentor_phone=data["mentor_phone"],
            tasks=data["tasks"],
            hazard_categories=list(data["hazard_categories"]),
            safety_measures=data["safety_measures"],
            has_extension_agreement=data["has_extension_agreement"],
            extension_agreement_note=data["extension_agreement_note"],
        )

    def add_problems(self, problems: Iterable[FieldProblem]) -> None:
        """Service problems on their fields: ``schedule[i].end`` → that weekday's end."""
        weekdays = [day.weekday for day in self.schedule()]
        renamed = []
        for problem in problems:
            name = problem.field
            if name.startswith("schedule[") and "]." in name:
                index = int(name[len("schedule[") : name.index("]")])
                part = name.split("].", 1)[1].replace("break_minutes", "break")
                if index < len(weekdays) and part in ("start", "end", "break"):
                    name = f"day_{weekdays[index]}_{part}"
                elif index < len(weekdays):
                    name = f"day_{weekdays[index]}_on"
            elif name.startswith("hazard_categories["):
                name = "hazard_categories"
            renamed.append(FieldProblem(name, problem.code, problem.message_ko, problem.message_en))
        add_problems(self, renamed)


class ReasonForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(label=_("사유"), max_length=300, required=False)
