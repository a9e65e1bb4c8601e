"""The forms of the consent pages: signing with per-item consent and the password, the
withdrawal of consent, and the public receipt check (ADR 0033)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.placements.consent import ITEMS


class ConsentSignForm(KrdsFormMixin, forms.Form):
    """One checkbox per key item (never pre-ticked) and the password when the session has not
    re-authenticated within five minutes. The boxes are optional here so that the service,
    not the form, names each missing item in both languages."""

    party = forms.CharField(widget=forms.HiddenInput, required=False, max_length=10)
    password = forms.CharField(
        label=_("비밀번호"),
        required=False,
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, needs_password: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.field] = forms.BooleanField(required=False, label=item.label_ko)
        if not needs_password:
            del self.fields["password"]

    def given(self) -> frozenset[str]:
        data = self.cleaned_data
        return frozenset(item.code for item in ITEMS if data.get(item.field))


class WithdrawConsentForm(KrdsFormMixin, forms.Form):
    party = forms.CharField(widget=forms.HiddenInput, required=False, max_length=10)
    reason = forms.CharField(
        label=_("철회 사유"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReceiptCheckForm(KrdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("영수증 번호"),
        max_length=40,
        help_text=_("영수증에 적힌 16자리 번호(하이픈은 있어도 되고 없어도 됩니다)"),
    )
    sha256 = forms.CharField(
        label=_("서명 내용 SHA-256 (선택)"),
        required=False,
        max_length=64,
        help_text=_("영수증에 적힌 64자리 해시를 넣으면 일치하는지도 확인합니다"),
    )

    def clean_sha256(self) -> str:
        value = str(self.cleaned_data.get("sha256", "")).strip().lower()
        if value and (len(value) != 64 or any(c not in "0123456789abcdef" for c in value)):
            raise forms.ValidationError(_("SHA-256은 숫자 0–9와 영문 a–f로 된 64자리입니다."))
        return value
