"""Sign-in in two steps (password, then the authenticator app or a recovery code for staff),
enrolment of the authenticator, sign-out, password change and reset, and the user's own
security page. Thin: each step calls one selector or service."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_totp.models import TOTPDevice

from vocnet.accounts import selectors, services
from vocnet.accounts.demo_devices import DEMO_TOTP_SECRET, is_demo_device
from vocnet.accounts.forms import (
    EnrolForm,
    KrdsPasswordChangeForm,
    KrdsPasswordResetForm,
    KrdsSetPasswordForm,
    LoginForm,
    RecoveryCodesForm,
    SecondFactorForm,
    add_problems,
)
from vocnet.accounts.lockout import ADDRESS_LOCKED
from vocnet.accounts.sessions import (
    MAX_SECOND_STEP_ATTEMPTS,
    PendingLogin,
    complete_login,
    pending_login,
    pending_login_clear,
    pending_login_save,
    pending_login_start,
)
from vocnet.core.errors import Conflict, ValidationFailed


class LoginView(auth_views.LoginView):
    """Step 1, the password. Users who need a second factor are not signed in here: the
    session only remembers the pending login, and step 2 follows."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if selectors.requires_second_factor(user):
            pending_login_start(self.request, user, self.get_success_url())
            if selectors.confirmed_device(user=user) is None:
                return redirect("accounts:enrol")
            return redirect("accounts:second_factor")
        complete_login(self.request, user, user.backend, None)
        return HttpResponseRedirect(self.get_success_url())


def _pending_user(request: HttpRequest) -> tuple[PendingLogin, Any] | None:
    pending = pending_login(request)
    if pending is None:
        return None
    user = get_user_model().objects.filter(pk=pending.user_id, is_active=True).first()
    if user is None:
        pending_login_clear(request)
        return None
    return pending, user


def _restart(request: HttpRequest, message: str) -> HttpResponse:
    pending_login_clear(request)
    messages.info(request, message)
    return redirect("accounts:login")


def _expired(request: HttpRequest) -> HttpResponse:
    return _restart(request, _("로그인 시간이 지났습니다. 아이디와 비밀번호부터 다시 입력하세요."))


def _count_failure(request: HttpRequest, pending: PendingLogin) -> HttpResponse | None:
    pending.attempts += 1
    if pending.attempts >= MAX_SECOND_STEP_ATTEMPTS:
        return _restart(
            request,
            _("인증 코드를 %(count)d번 틀렸습니다. 아이디와 비밀번호부터 다시 입력하세요.")
            % {"count": MAX_SECOND_STEP_ATTEMPTS},
        )
    pending_login_save(request, pending)
    return None


@sensitive_post_parameters("code")
@never_cache
@csrf_protect
def second_factor(request: HttpRequest) -> HttpResponse:
    """Step 2: a code of the authenticator app, or a recovery code."""
    found = _pending_user(request)
    if found is None:
        return _expired(request)
    pending, user = found
    device = selectors.confirmed_device(user=user)
    if device is None:
        return redirect("accounts:enrol")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            method = services.second_factor_verify(user=user, code=form.cleaned_data["code"])
        except ValidationFailed as error:
            if (restart := _count_failure(request, pending)) is not None:
                return restart
            add_problems(form, error.problems)
        else:
            complete_login(request, user, pending.backend, method)
            if method == "recovery":
                left = selectors.security_status(user=user).recovery_codes_left
                messages.warning(
                    request,
                    _("복구 코드로 로그인했습니다. 남은 복구 코드는 %(left)d개입니다.")
                    % {"left": left},
                )
            return HttpResponseRedirect(pending.next_url)
    context = {
        "form": form,
        "demo_device": is_demo_device(device),
        "demo_secret": DEMO_TOTP_SECRET,
        "username": user.get_username(),
    }
    return render(request, "accounts/second_factor.html", context)


def _qr_svg(device: TOTPDevice) -> str:
    label = escape(_("인증 앱 등록용 QR 코드"))
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", svgclass="vn-qr", title=label
    )
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def _secret_groups(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("code")
@never_cache
@csrf_protect
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of staff: register an authenticator app (QR code and secret, shown for
    this enrolment only), confirm it with a code, and receive ten recovery codes."""
    found = _pending_user(request)
    if found is None:
        return _expired(request)
    pending, user = found
    if selectors.confirmed_device(user=user) is not None:
        return redirect("accounts:second_factor")
    device = None
    if request.method == "POST" and pending.device_id:
        device = TOTPDevice.objects.filter(pk=pending.device_id, user=user, confirmed=False).first()
    form = EnrolForm(request.POST or None)
    if device is not None and form.is_valid():
        try:
            codes = services.totp_enrolment_confirm(
                user=user, device_id=device.pk, code=form.cleaned_data["code"]
            )
        except ValidationFailed as error:
            if (restart := _count_failure(request, pending)) is not None:
                return restart
            add_problems(form, error.problems)
        else:
            complete_login(request, user, pending.backend, "totp")
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next_url": pending.next_url, "enrolled": True},
            )
    if device is None:
        # A new secret for every enrolment page: the secret is never shown twice.
        try:
            device = services.totp_enrolment_start(user=user)
        except Conflict:
            return redirect("accounts:second_factor")
        pending.device_id = device.pk
        pending_login_save(request, pending)
        if request.method == "POST":
            form = EnrolForm()
            form.add_error(None, _("등록 절차가 만료되었습니다. 새 QR 코드로 다시 등록하세요."))
    context = {
        "form": form,
        "qr_svg": _qr_svg(device),
        "secret": _secret_groups(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "username": user.get_username(),
    }
    return render(request, "accounts/enrol.html", context)


@login_required
@sensitive_post_parameters("code")
@never_cache
def security(request: HttpRequest) -> HttpResponse:
    """The user's own sign-in security: second factor, recovery codes left, last sign-in; new
    recovery codes after a fresh code of the authenticator app."""
    status = selectors.security_status(user=request.user)
    form = RecoveryCodesForm(request.POST or None) if status.enrolled_at else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            codes = services.recovery_codes_regenerate(
                user=request.user, code=form.cleaned_data["code"]
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        else:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next_url": reverse_lazy("accounts:security"), "enrolled": False},
            )
    context = {
        "status": status,
        "form": form,
        "idle_minutes": settings.VOCNET_STAFF_IDLE_TIMEOUT // 60,
        "breadcrumbs": [(_("계정 보안"), None)],
    }
    return render(request, "accounts/security.html", context)


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer once sign-ins have failed too often (AXES_LOCKOUT_CALLABLE): the
    sign-in page, status 429, with the same message whether the account exists or not; it
    names the limit reached — a username's from this address, or this address's over every
    username (``vocnet.accounts.lockout``)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if getattr(request, "vocnet_lockout", None) == ADDRESS_LOCKED:
        message = _(
            "이 주소에서 로그인에 %(limit)d번 실패해 이 주소의 로그인을 %(minutes)d분 동안 "
            "막았습니다. 그 뒤에 다시 시도하세요."
        ) % {"limit": settings.VOCNET_LOCKOUT_ADDRESS_LIMIT, "minutes": minutes}
    else:
        message = _(
            "로그인에 %(limit)d번 실패해 이 아이디의 로그인을 %(minutes)d분 동안 막았습니다. "
            "그 뒤에 다시 시도하세요."
        ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    context = {"form": LoginForm(request), "next": "", "locked_message": message}
    return render(request, "accounts/login.html", context, status=429)


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default), so a link or an image cannot sign a user out. The session
    row is deleted (``session.flush()``), so the old cookie is worthless afterwards."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = KrdsPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not an account has that address (Django's behaviour)."""

    form_class = KrdsPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django moves the token out of the address into the session before the form shows."""

    form_class = KrdsSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
