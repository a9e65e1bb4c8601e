"""Forms of the agreement pages: the list filters, the wizard's steps, deliveries, import.

Forms only parse; the rules live in the services, whose problems the views put back on the
form's fields (``add_problems``)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.agreements.evidence import ALLOWED_EXTENSIONS
from vocnet.agreements.models import (
    AgreementKind,
    AgreementStatus,
    CommitmentKind,
    PartyRole,
    Pillar,
    Unit,
)
from vocnet.agreements.selectors import AgreementFilters
from vocnet.core.forms import KrdsFormMixin
from vocnet.core.forms import add_problems as add_problems
from vocnet.core.forms import problem_text as problem_text
from vocnet.core.i18n import localized_name
from vocnet.core.pagination import PAGE_SIZES
from vocnet.registry.models import Region


def _choices(pairs: Iterable[tuple[Any, Any]], blank: Any = None) -> list[tuple[str, Any]]:
    return [("", blank or _("전체")), *[(str(value), label) for value, label in pairs]]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AgreementFilterForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("협약명"), required=False, max_length=50)
    kind = forms.ChoiceField(label=_("협약 유형"), required=False)
    status = forms.ChoiceField(label=_("상태"), required=False)
    pillar = forms.ChoiceField(label=_("5대 요소"), required=False)
    party = forms.CharField(label=_("당사자 기관"), required=False, max_length=50)
    region = forms.ChoiceField(label=_("당사자 시·군"), required=False)
    per_page = forms.TypedChoiceField(
        label=_("쪽당 건수"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(size, size) for size in PAGE_SIZES],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        # The choices' columns only (not the kinds' descriptions and sources, nor the
        # regions' coordinates): read on every list page.
        fields["kind"].choices = _choices(  # type: ignore[attr-defined]
            (k.code, k.display_name)
            for k in AgreementKind.objects.filter(is_active=True).only("code", "name_ko", "name_en")
        )
        fields["status"].choices = _choices(AgreementStatus.choices)  # type: ignore[attr-defined]
        fields["pillar"].choices = _choices(Pillar.choices)  # type: ignore[attr-defined]
        fields["region"].choices = _choices(  # type: ignore[attr-defined]
            (r["sigungu_code"], localized_name(r))
            for r in Region.objects.order_by("name_ko").values("sigungu_code", "name_ko", "name_en")
        )

    def to_filters(self) -> AgreementFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return AgreementFilters(
            kind=data.get("kind") or None,
            status=data.get("status") or None,
            pillar=data.get("pillar") or None,
            party=data.get("party") or None,
            region=data.get("region") or None,
            q=data.get("q") or None,
        )


class BasicsForm(KrdsFormMixin, forms.Form):
    """Step 1: kind, title, lead, period (and the change note of an amendment)."""

    kind = forms.ChoiceField(label=_("협약 유형"))
    title = forms.CharField(label=_("협약명"), max_length=200)
    lead_organisation = forms.TypedChoiceField(label=_("주관 기관"), coerce=int)
    start_date = forms.DateField(label=_("시작일"), widget=DateInput())
    end_date = forms.DateField(label=_("종료일"), widget=DateInput())
    change_note = forms.CharField(
        label=_("변경 내용"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("무엇을 왜 바꾸는지 적으세요. 모든 당사자가 다시 서명합니다."),
    )

    def __init__(
        self,
        *args: Any,
        lead_choices: list[tuple[int, str]],
        is_amendment: bool = False,
        fixed_kind_and_lead: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (k.code, k.display_name) for k in AgreementKind.objects.filter(is_active=True)
        ]
        self.fields["lead_organisation"].choices = lead_choices  # type: ignore[attr-defined]
        if fixed_kind_and_lead:
            self.fields["kind"].disabled = True
            self.fields["lead_organisation"].disabled = True
        if not is_amendment:
            del self.fields["change_note"]


class PartySearchForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("기관명으로 찾기"), required=False, max_length=50)


class PartyForm(KrdsFormMixin, forms.Form):
    """One party of the parties step: its role and pillars."""

    role = forms.ChoiceField(label=_("역할"), choices=PartyRole.choices)
    pillars = forms.MultipleChoiceField(
        label=_("맡는 요소"),
        choices=Pillar.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class CommitmentForm(KrdsFormMixin, forms.Form):
    """The commitments step: one commitment, with a target per agreement year."""

    party = forms.TypedChoiceField(label=_("약속하는 당사자"), coerce=int)
    kind = forms.ChoiceField(label=_("약속 유형"), choices=CommitmentKind.choices)
    unit = forms.ChoiceField(
        label=_("단위"),
        choices=[("", _("유형에 맞게 자동")), *Unit.choices],
        required=False,
    )
    pillar = forms.ChoiceField(label=_("요소"), choices=Pillar.choices)
    description = forms.CharField(label=_("내용"), max_length=300)

    def __init__(
        self, *args: Any, parties: list[tuple[int, str]], years: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties  # type: ignore[attr-defined]
        self.years = years
        for year in range(1, years + 1):
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=_("%(year)d차년도 목표") % {"year": year},
                min_value=Decimal(0),
                max_digits=15,
                decimal_places=2,
                initial=Decimal(0),
            )
            self.fields[f"target_{year}"].widget.attrs.setdefault("class", "krds-input")

    def targets(self) -> list[Decimal]:
        return [self.cleaned_data[f"target_{year}"] for year in range(1, self.years + 1)]


class AmendForm(KrdsFormMixin, forms.Form):
    change_note = forms.CharField(
        label=_("변경 사유"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TerminateForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("해지 사유"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class DeliveryForm(KrdsFormMixin, forms.Form):
    commitment = forms.TypedChoiceField(label=_("약속"), coerce=int)
    delivered_on = forms.DateField(label=_("이행일"), widget=DateInput())
    quantity = forms.DecimalField(
        label=_("이행량"),
        max_digits=15,
        decimal_places=2,
        help_text=_("잘못 기록한 실적은 음수로 정정하고 비고에 사유를 적으세요."),
    )
    note = forms.CharField(label=_("비고"), required=False, max_length=300)
    evidence = forms.FileField(
        label=_("증빙 파일"),
        required=False,
        help_text=_("pdf, jpg, png, xlsx, docx, hwp, hwpx 파일, 10MB 이하"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, commitments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commitment"].choices = commitments  # type: ignore[attr-defined]


class ImportForm(KrdsFormMixin, forms.Form):
    file = forms.FileField(
        label=_("이행 실적 파일(.xlsx, .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
