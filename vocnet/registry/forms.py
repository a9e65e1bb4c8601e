"""The directory's filter form: the same filters as the API and the Excel export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.core.i18n import localized_name
from vocnet.core.pagination import PAGE_SIZES
from vocnet.registry.models import (
    CompanySize,
    DesignationKind,
    KsicSection,
    NcsMajor,
    OrganisationKind,
    Region,
    SchoolType,
    SupportOffice,
)
from vocnet.registry.selectors import NO_REGION, RegistryFilters


def _choices(pairs: Any, blank: Any = None) -> list[tuple[str, Any]]:
    return [("", blank or _("전체")), *[(str(value), label) for value, label in pairs]]


def _by_label(pairs: Any) -> list[tuple[Any, str]]:
    # Names are listed in the order of the language they are shown in (가나다 or A–Z).
    return sorted(pairs, key=lambda pair: pair[1])


class DirectoryFilterForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(label=_("기관명"), required=False, max_length=50)
    kind = forms.ChoiceField(label=_("기관 유형"), required=False)
    region = forms.ChoiceField(label=_("시·군"), required=False)
    support_office = forms.ChoiceField(label=_("교육지원청"), required=False)
    designation = forms.ChoiceField(label=_("지정 사업"), required=False)
    ncs = forms.ChoiceField(label=_("NCS 분야(학과)"), required=False)
    ksic = forms.ChoiceField(label=_("업종(KSIC)"), required=False)
    school_type = forms.ChoiceField(label=_("학교 유형"), required=False)
    size_class = forms.ChoiceField(label=_("기업 규모"), required=False)
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
        fields["kind"].choices = _choices(OrganisationKind.choices)  # type: ignore[attr-defined]
        fields["region"].choices = [  # type: ignore[attr-defined]
            *_choices(_by_label((r.sigungu_code, localized_name(r)) for r in Region.objects.all())),
            (NO_REGION, _("소재지 미확인")),
        ]
        fields["support_office"].choices = _choices(  # type: ignore[attr-defined]
            _by_label((o.pk, localized_name(o)) for o in SupportOffice.objects.all())
        )
        fields["designation"].choices = _choices(DesignationKind.choices)  # type: ignore[attr-defined]
        fields["ncs"].choices = _choices(  # type: ignore[attr-defined]
            (m.code, f"{m.code} {localized_name(m)}") for m in NcsMajor.objects.order_by("code")
        )
        fields["ksic"].choices = _choices(  # type: ignore[attr-defined]
            (s.code, f"{s.code} {localized_name(s)}") for s in KsicSection.objects.order_by("code")
        )
        fields["school_type"].choices = _choices(SchoolType.choices)  # type: ignore[attr-defined]
        fields["size_class"].choices = _choices(CompanySize.choices)  # type: ignore[attr-defined]

    def to_filters(self) -> RegistryFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return RegistryFilters(
            kind=data.get("kind") or None,
            region=data.get("region") or None,
            support_office=int(data["support_office"]) if data.get("support_office") else None,
            designation=data.get("designation") or None,
            ncs=data.get("ncs") or None,
            ksic=data.get("ksic") or None,
            school_type=data.get("school_type") or None,
            size_class=data.get("size_class") or None,
            q=data.get("q") or None,
        )
