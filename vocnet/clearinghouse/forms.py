"""Forms of the clearinghouse pages. Forms only parse; the rules live in the services, whose
problems the views put back on the form's fields (``add_problems``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vocnet.clearinghouse.models import MAX_CHOICES_LIMIT, MAX_RANK
from vocnet.clearinghouse.selectors.results import MATCHED, UNMATCHED, ResultFilters
from vocnet.core.forms import KrdsFormMixin
from vocnet.core.forms import add_problems as add_problems
from vocnet.core.forms import problem_text as problem_text
from vocnet.core.i18n import localized_name
from vocnet.registry.models import Region, SupportOffice

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=DATETIME_FORMAT)


def _deadline_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, widget=DateTimeLocalInput(), input_formats=[DATETIME_FORMAT]
    )


class RoundForm(KrdsFormMixin, forms.Form):
    """A new round: its name, scope, deadlines and the number of choices."""

    name = forms.CharField(label=_("차수 이름"), max_length=100)
    support_office = forms.ChoiceField(label=_("범위"), required=False)
    preference_deadline = _deadline_field(_("학생 지망 마감"))
    ranking_deadline = _deadline_field(_("기업 순위·학교 추천 마감"))
    max_choices = forms.IntegerField(
        label=_("최대 지망 수"), min_value=1, max_value=MAX_CHOICES_LIMIT, initial=5
    )

    def __init__(self, *args: Any, offices: list[int] | None, **kwargs: Any) -> None:
        """``offices``: the support offices the user may make rounds for; None: any, and the
        whole province."""
        super().__init__(*args, **kwargs)
        rows = SupportOffice.objects.order_by("name_ko")
        choices: list[tuple[str, Any]] = []
        if offices is None:
            choices.append(("", _("경기도 전체")))
        else:
            rows = rows.filter(pk__in=offices)
        choices += [(str(office.pk), localized_name(office)) for office in rows]
        field = self.fields["support_office"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def office_id(self) -> int | None:
        value = self.cleaned_data.get("support_office")
        return int(value) if value else None


class FollowUpForm(KrdsFormMixin, forms.Form):
    name = forms.CharField(label=_("추가 모집 차수 이름"), max_length=100)
    preference_deadline = _deadline_field(_("학생 지망 마감"))
    ranking_deadline = _deadline_field(_("기업 순위·학교 추천 마감"))


class PreferenceForm(KrdsFormMixin, forms.Form):
    """A student's ranked list: one select per choice, most wanted first (blank: none)."""

    def __init__(self, *args: Any, offers: Sequence[Any], max_choices: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", _("(선택 안 함)"))] + [
            (
                str(offer.pk),
                f"{offer.company.organisation.name_ko} · {offer.title} · "
                f"{localized_name(offer.region)} · {offer.seats}{_('명')}",
            )
            for offer in offers
        ]
        for position in range(1, max_choices + 1):
            self.fields[f"choice_{position}"] = forms.ChoiceField(
                label=_("%(rank)s지망") % {"rank": position}, required=False, choices=choices
            )
            self.fields[f"choice_{position}"].widget.attrs["class"] = "krds-form-select"

    def offer_ids(self) -> list[int]:
        """The chosen offers in rank order, blanks skipped."""
        ids = []
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if value:
                ids.append(int(value))
        return ids


class RankInputsForm(KrdsFormMixin, forms.Form):
    """One optional number per person (``rank_<id>``): a school's order or a company's ranks."""

    def __init__(
        self,
        *args: Any,
        people: Sequence[tuple[int, Any]],
        unique: bool,
        maximum: int = MAX_RANK,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unique = unique
        for person_id, label in people:
            self.fields[f"rank_{person_id}"] = forms.IntegerField(
                label=label, required=False, min_value=1, max_value=maximum
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.unique:
            ranks = [value for value in cleaned.values() if value is not None]
            if len(ranks) != len(set(ranks)):
                raise forms.ValidationError(
                    _("학교 추천 순위는 서로 달라야 합니다(같은 순위가 두 번 있습니다).")
                )
        return cleaned

    def entries(self) -> list[tuple[int, int]]:
        """(person id, rank) of the filled numbers, by rank then id."""
        pairs = [
            (int(name.removeprefix("rank_")), value)
            for name, value in self.cleaned_data.items()
            if value is not None
        ]
        return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


class ResultFilterForm(KrdsFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("결과"),
        required=False,
        choices=[("", _("전체")), (MATCHED, _("배정")), (UNMATCHED, _("미배정"))],
    )
    region = forms.ChoiceField(label=_("실습 지역"), required=False)
    # No search by a student's name or number here: the filters travel in the URL, and
    # personal data must not (issue 8; ADR 0008).

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["region"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("전체"))] + [
            (region.sigungu_code, localized_name(region))
            for region in Region.objects.order_by("sigungu_code")
        ]

    def to_filters(self, *, school: int | None = None, offer: int | None = None) -> ResultFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return ResultFilters(
            school=school,
            offer=offer,
            outcome=data.get("outcome") or None,
            region=data.get("region") or None,
        )


class ExportReasonForm(KrdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("내려받는 사유"),
        max_length=500,
        help_text=_("학생 개인정보가 담긴 파일입니다. 사유는 접속기록에 남습니다."),
    )


class ActionReasonForm(KrdsFormMixin, forms.Form):
    """The confirmation of a round button; the reason is required by the service only when the
    action comes before a published deadline."""

    reason = forms.CharField(
        label=_("사유"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("공지한 마감 전에 하는 경우에만 필요합니다. 사유는 감사 기록에 남습니다."),
    )


def local_default(days: int) -> str:
    """A datetime-local value ``days`` from now at 18:00, for a form's initial deadline."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=18, minute=0).strftime(DATETIME_FORMAT)
