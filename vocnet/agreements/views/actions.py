"""The actions of the detail page (sign, amend, withdraw an amendment, complete, terminate),
recording deliveries with evidence, the evidence download and the delivery import.

Each POST calls one service and redirects (POST/redirect/GET); a refused transition or a
broken rule comes back as a message or as form errors, in the interface language."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.agreements import selectors, services
from vocnet.agreements.forms import (
    AmendForm,
    DeliveryForm,
    ImportForm,
    TerminateForm,
    add_problems,
)
from vocnet.agreements.importing import DELIVERY_IMPORT
from vocnet.agreements.views.pages import breadcrumbs
from vocnet.core.errors import DomainError, ValidationFailed, not_found, reraise_refusal
from vocnet.spreadsheets.pages import import_page


def _message(error: DomainError) -> str:
    return error.message_en if translation.get_language() == "en" else error.message_ko


def _refused(request: HttpRequest, error: DomainError, agreement_id: int) -> HttpResponse:
    messages.error(request, _message(error))
    return redirect("agreements:detail", agreement_id)


@login_required
@require_POST
def agreement_sign(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    party_id = request.POST.get("party_id")
    try:
        signature = services.agreement_sign(
            actor=request.user,
            agreement=agreement,
            party_id=int(party_id) if party_id and party_id.isdigit() else None,
        )
    except DomainError as error:
        reraise_refusal(error)
        return _refused(request, error, agreement.pk)
    agreement.refresh_from_db()
    if agreement.status == "active" and agreement.in_force_version_id == signature.version_id:
        messages.success(request, _("서명했습니다. 모든 당사자가 서명해 협약이 효력을 갖습니다."))
    else:
        messages.success(
            request,
            _("%(organisation)s 명의로 서명했습니다.")
            % {"organisation": signature.organisation_name},
        )
    return redirect(reverse("agreements:detail", args=[agreement.pk]) + "#signatures")


@login_required
@require_POST
def agreement_amend(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    form = AmendForm(request.POST)
    note = form.cleaned_data.get("change_note", "") if form.is_valid() else ""
    try:
        services.agreement_amend(actor=request.user, agreement=agreement, change_note=note)
    except DomainError as error:
        reraise_refusal(error)
        return _refused(request, error, agreement.pk)
    messages.success(request, _("변경 협약안을 만들었습니다. 고친 뒤 서명을 요청하세요."))
    return redirect("agreements:edit_basics", agreement.pk)


@login_required
@require_POST
def agreement_withdraw_amendment(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    try:
        services.agreement_withdraw_amendment(actor=request.user, agreement=agreement)
    except DomainError as error:
        reraise_refusal(error)
        return _refused(request, error, agreement.pk)
    messages.success(request, _("변경 협약을 철회했습니다. 기존 협약이 계속 효력을 갖습니다."))
    return redirect("agreements:detail", agreement.pk)


@login_required
@require_POST
def agreement_complete(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    try:
        services.agreement_complete(actor=request.user, agreement=agreement)
    except DomainError as error:
        reraise_refusal(error)
        return _refused(request, error, agreement.pk)
    messages.success(request, _("협약을 종료했습니다."))
    return redirect("agreements:detail", agreement.pk)


@login_required
def agreement_terminate(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    form = TerminateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_terminate(
                actor=request.user, agreement=agreement, reason=form.cleaned_data["reason"]
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        except DomainError as error:
            reraise_refusal(error)
            return _refused(request, error, agreement.pk)
        else:
            messages.success(request, _("협약을 해지했습니다."))
            return redirect("agreements:detail", agreement.pk)
    context = {
        "agreement": agreement,
        "form": form,
        "breadcrumbs": breadcrumbs(
            (agreement.title, reverse("agreements:detail", args=[agreement.pk])),
            (_("해지"), None),
        ),
    }
    return render(request, "agreements/terminate.html", context, status=422 if form.errors else 200)


# Deliveries ----------------------------------------------------------------------------------


@login_required
def delivery_create(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    commitments = selectors.recordable_commitments(user=request.user, agreement=agreement)
    if not commitments:
        messages.error(request, _("이 협약에 실적을 기록할 수 있는 약속이 없습니다."))
        return redirect("agreements:detail", agreement.pk)
    choices = [
        (
            c.pk,
            f"{c.party.organisation.name_ko} · {c.get_kind_display()} · {c.description} "
            f"({c.get_unit_display()})",
        )
        for c in commitments
    ]
    initial: dict[str, Any] = {}
    if request.GET.get("commitment", "").isdigit():
        initial["commitment"] = int(request.GET["commitment"])
    form = DeliveryForm(
        request.POST or None, request.FILES or None, commitments=choices, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.delivery_record(
                actor=request.user,
                agreement=agreement,
                data=services.DeliveryInput(
                    commitment_id=data["commitment"],
                    delivered_on=data["delivered_on"],
                    quantity=data["quantity"],
                    note=data["note"],
                ),
                evidence=data.get("evidence"),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, {"commitment_id": "commitment"})
        except DomainError as error:
            reraise_refusal(error)
            return _refused(request, error, agreement.pk)
        else:
            messages.success(request, _("이행 실적을 기록했습니다."))
            return redirect(reverse("agreements:detail", args=[agreement.pk]) + "#fulfilment")
    context = {
        "agreement": agreement,
        "form": form,
        "breadcrumbs": breadcrumbs(
            (agreement.title, reverse("agreements:detail", args=[agreement.pk])),
            (_("이행 실적 기록"), None),
        ),
    }
    return render(
        request, "agreements/delivery_form.html", context, status=422 if form.errors else 200
    )


@login_required
def delivery_evidence(request: HttpRequest, delivery_id: int) -> HttpResponseBase:
    delivery = selectors.delivery_get(user=request.user, delivery_id=delivery_id)
    if not delivery.evidence:
        raise not_found("증빙 파일", "Evidence file")
    return FileResponse(
        delivery.evidence.open("rb"), as_attachment=True, filename=delivery.evidence_name
    )


@login_required
def delivery_import(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        spec=DELIVERY_IMPORT,
        template="agreements/import.html",
        done="agreements:import",
        form_class=ImportForm,
        done_message=lambda report: (
            _("이행 실적 %(count)d건을 기록했습니다.") % {"count": report.create}
        ),
        context={
            "template_url": reverse("api:delivery_template"),
            "breadcrumbs": breadcrumbs((_("이행 실적 가져오기"), None)),
        },
    )
