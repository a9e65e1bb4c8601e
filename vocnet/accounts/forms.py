from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import KrdsFormMixin
from vocnet.core.forms import add_problems as add_problems


class LoginForm(KrdsFormMixin, AuthenticationForm):
    def clean(self) -> dict[str, Any]:
        """A refused sign-in names neither field (which one was wrong is not said), so both
        are marked invalid for assistive technology."""
        try:
            return super().clean()
        except forms.ValidationError:
            for name in ("username", "password"):
                self.mark_invalid(name)
            raise


class KrdsPasswordChangeForm(KrdsFormMixin, PasswordChangeForm):
    pass


class KrdsPasswordResetForm(KrdsFormMixin, PasswordResetForm):
    pass


class KrdsSetPasswordForm(KrdsFormMixin, SetPasswordForm):
    pass


class SecondFactorForm(KrdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("인증 코드"),
        max_length=40,
        help_text=_(
            "인증 앱에 표시된 6자리 숫자를 입력하세요. 휴대전화를 잃어버렸다면 복구 코드를 "
            "입력하세요."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class EnrolForm(KrdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("인증 앱의 6자리 코드"),
        max_length=10,
        help_text=_(
            "QR 코드를 인증 앱으로 찍거나 비밀 키를 직접 입력한 뒤, 앱에 표시된 숫자를 입력하세요."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class RecoveryCodesForm(KrdsFormMixin, forms.Form):
    code = forms.CharField(
        label=_("인증 앱의 6자리 코드"),
        max_length=10,
        help_text=_("새 복구 코드를 만들면 이전 복구 코드는 모두 쓸 수 없게 됩니다."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )
