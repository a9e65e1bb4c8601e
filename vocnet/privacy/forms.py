from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.errors import ValidationFailed
from vocnet.core.forms import KrdsFormMixin
from vocnet.core.keyset import decode_cursor
from vocnet.privacy.models import AccessAction
from vocnet.privacy.selectors import AccessLogFilters


class AccessLogSearchForm(KrdsFormMixin, forms.Form):
    """Sent by POST: the name or 학번 searched for is personal data and stays out of the
    address (and so out of server and proxy logs)."""

    subject = forms.CharField(label=_("정보주체(이름 또는 학번)"), max_length=50, required=False)
    actor = forms.CharField(label=_("처리자 계정"), max_length=150, required=False)
    action = forms.ChoiceField(
        label=_("수행 업무"),
        choices=[("", _("전체")), *AccessAction.choices],
        required=False,
    )
    date_from = forms.DateField(
        label=_("시작일"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("종료일"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    # The last row of the page shown (vocnet.core.keyset): the next page is read from there.
    cursor = forms.CharField(max_length=100, required=False, widget=forms.HiddenInput)

    def clean_cursor(self) -> str:
        cursor: str = self.cleaned_data["cursor"]
        if cursor:
            try:
                decode_cursor(cursor)
            except ValidationFailed as error:
                raise forms.ValidationError(f"{error.message_ko} / {error.message_en}") from error
        return cursor

    def to_filters(self) -> AccessLogFilters:
        if not self.is_bound or not self.is_valid():
            return AccessLogFilters()
        data: dict[str, Any] = self.cleaned_data
        return AccessLogFilters(
            subject=data["subject"] or "",
            actor=data["actor"] or "",
            action=data["action"] or "",
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


class ReviewForm(KrdsFormMixin, forms.Form):
    month = forms.DateField(widget=forms.HiddenInput)
    findings = forms.CharField(
        label=_("점검 결과"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "이상 접근(야간 조회, 대량 내려받기, 업무와 관계없는 조회)이 있었는지, 어떻게 "
            "조치했는지 적으세요."
        ),
    )
