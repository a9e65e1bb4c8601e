"""Application actions (현장실습 지원): apply (the school), the interview, accept and decline
(the host company), withdraw (the school). Each POST calls one service and goes back to the
offer's page; a refusal comes back as a message naming the field and the rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, permission_denied, reraise_refusal
from vocnet.core.views import act
from vocnet.placements import selectors, services
from vocnet.placements.forms import ApplyForm, DeclineForm, InterviewForm
from vocnet.privacy.services import record_personal_data_access


def _refused(request: HttpRequest, error: DomainError, offer_id: int) -> HttpResponse:
    reraise_refusal(error)
    messages.error(request, error.localized)
    return redirect("placements:offer", offer_id)


@login_required
@require_POST
def offer_apply(request: HttpRequest, offer_id: int) -> HttpResponse:
    """School staff apply for one of their students; the company decides."""
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    students = selectors.placeable_students(user=request.user, offer=offer)
    form = ApplyForm(request.POST, students=students)
    if not form.is_valid():
        messages.error(request, _("지원할 학생을 고르세요."))
        return redirect("placements:offer", offer.pk)
    student = students.get(pk=form.cleaned_data["student"])
    try:
        services.application_submit(
            actor=request.user, offer=offer, student=student, note=form.cleaned_data["note"],
            field_justification=form.cleaned_data["field_justification"],
        )  # fmt: skip
    except DomainError as error:
        return _refused(request, error, offer.pk)
    record_personal_data_access(request=request, subjects=[student], action="create")
    messages.success(request, _("지원을 등록했습니다. 기업이 면접 후 수락하면 배치됩니다."))
    return redirect("placements:offer", offer.pk)


@login_required
@require_POST
def application_interview(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, application_id=application_id)
    if not selectors.decidable_application_ids(user=request.user, ids=[application.pk]):
        raise permission_denied()
    form = InterviewForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("면접 일시(interview_at)를 'YYYY-MM-DDTHH:MM' 형식으로 적으세요."),
        )
        return redirect("placements:offer", application.offer_id)
    try:
        services.application_record_interview(
            actor=request.user, application=application,
            interview_at=form.cleaned_data["interview_at"], place=form.cleaned_data["place"],
            outcome=form.cleaned_data["outcome"],
        )  # fmt: skip
    except DomainError as error:
        return _refused(request, error, application.offer_id)
    messages.success(request, _("면접을 기록했습니다."))
    return redirect("placements:offer", application.offer_id)


@login_required
@require_POST
def application_accept(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, application_id=application_id)
    try:
        placement = services.application_accept(actor=request.user, application=application)
    except DomainError as error:
        return _refused(request, error, application.offer_id)
    messages.success(
        request, _("지원을 수락했습니다. 학생이 배치되었습니다. 표준협약서를 작성하세요.")
    )
    return redirect("placements:placement", placement.pk)


@login_required
@require_POST
def application_decline(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, application_id=application_id)
    form = DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return act(
        request,
        lambda: services.application_decline(
            actor=request.user, application=application, reason=reason
        ),
        _("지원을 거절했습니다."),
        "placements:offer",
        application.offer_id,
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get(user=request.user, application_id=application_id)
    return act(
        request,
        lambda: services.application_withdraw(actor=request.user, application=application),
        _("지원을 철회했습니다."),
        "placements:offer",
        application.offer_id,
    )
