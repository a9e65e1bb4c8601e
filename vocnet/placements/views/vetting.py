"""Host-vetting pages: the list, the application, the detail with the inspection and decision
forms (province and support office), and the serious-accident record."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.i18n import is_english
from vocnet.core.pagination import paginate
from vocnet.placements import selectors, services
from vocnet.placements.forms import (
    AccidentForm,
    DecisionForm,
    InspectionForm,
    VettingApplyForm,
    VettingFilterForm,
    add_problems,
)
from vocnet.placements.services.vetting import CHECKLIST_LABELS
from vocnet.placements.views.common import query_of
from vocnet.registry.models import Company


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("참여기업 심사"), reverse("placements:vettings")), *trail]


@login_required
def vetting_list(request: HttpRequest) -> HttpResponse:
    form = VettingFilterForm(request.GET or None)
    vettings = selectors.vetting_list(user=request.user, filters=form.to_filters())
    page = paginate(request, vettings)
    context = {
        "form": form,
        "page": page,
        "query": query_of(request),
        "can_apply": selectors.own_companies(user=request.user).exists(),
        "breadcrumbs": [(_("참여기업 심사"), None)],
    }
    return render(request, "placements/vettings.html", context)


def _form_errors(form: Any, error: DomainError) -> None:
    form.add_error(None, error.localized)
    if isinstance(error, ValidationFailed):
        add_problems(form, error.problems)


@login_required
def vetting_apply(request: HttpRequest) -> HttpResponse:
    companies = list(selectors.own_companies(user=request.user))
    if not companies:
        raise permission_denied()
    form = VettingApplyForm(request.POST or None, companies=companies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        company = next(c for c in companies if c.pk == data.pop("company"))
        try:
            vetting = services.vetting_apply(
                actor=request.user, company=company, data=services.VettingApplication(**data)
            )
        except DomainError as error:
            reraise_refusal(error)
            _form_errors(form, error)
        else:
            messages.success(request, _("참여기업 심사를 신청했습니다."))
            return redirect("placements:vetting", vetting.pk)
    context = {"form": form, "breadcrumbs": _crumbs((_("심사 신청"), None))}
    return render(request, "placements/vetting_apply.html", context)


@login_required
def vetting_detail(request: HttpRequest, vetting_id: int) -> HttpResponse:
    vetting = selectors.vetting_get(user=request.user, vetting_id=vetting_id)
    can_decide = selectors.can_decide(user=request.user, vetting=vetting)
    is_open = vetting.status in ("applied", "inspected")
    today = timezone.localdate()
    english = is_english()
    inspection_form = InspectionForm(
        request.POST if request.POST.get("form") == "inspection" else None,
        initial={"inspected_on": today},
    )
    decision_form = DecisionForm(
        request.POST if request.POST.get("form") == "decision" else None,
        initial={"valid_from": today, "valid_until": today.replace(year=today.year + 1)},
    )
    if request.method == "POST" and not can_decide:
        # Reading the vetting is not deciding it: the POST is refused as a GET would be.
        raise permission_denied()
    if request.method == "POST" and is_open:
        response = _vetting_post(request, vetting, inspection_form, decision_form)
        if response is not None:
            return response
    context = {
        "vetting": vetting,
        "inspections": [
            (inspection, [(CHECKLIST_LABELS[name][1 if english else 0], getattr(inspection, name))
                          for name in CHECKLIST_LABELS])
            for inspection in vetting.inspections.all()
        ],
        "accidents": selectors.accidents_of(user=request.user, company=vetting.company),
        "can_decide": can_decide and is_open,
        "may_vet": selectors.may_vet(user=request.user, company=vetting.company),
        "inspection_form": inspection_form,
        "decision_form": decision_form,
        "breadcrumbs": _crumbs((vetting.company.organisation.name_ko, None)),
    }  # fmt: skip
    return render(request, "placements/vetting_detail.html", context)


def _vetting_post(
    request: HttpRequest, vetting: Any, inspection_form: Any, decision_form: Any
) -> HttpResponse | None:
    which = request.POST.get("form")
    form = inspection_form if which == "inspection" else decision_form
    if which not in ("inspection", "decision") or not form.is_valid():
        return None
    try:
        if which == "inspection":
            services.vetting_record_inspection(
                actor=request.user,
                vetting=vetting,
                data=services.InspectionInput(**form.cleaned_data),
            )
            messages.success(request, _("현장 점검을 기록했습니다."))
        else:
            services.vetting_decide(
                actor=request.user,
                vetting=vetting,
                data=services.DecisionInput(**form.cleaned_data),
            )
            messages.success(request, _("심사 결과를 기록했습니다."))
    except DomainError as error:
        reraise_refusal(error)
        _form_errors(form, error)
        return None
    return redirect("placements:vetting", vetting.pk)


@login_required
def accident_record(request: HttpRequest, company_id: int) -> HttpResponse:
    """Record a serious accident: the company is excluded at once (province, support office)."""
    company = get_object_or_404(Company.objects.select_related("organisation"), pk=company_id)
    if not selectors.may_vet(user=request.user, company=company):
        raise permission_denied()
    form = AccidentForm(request.POST or None, initial={"occurred_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            result = services.serious_accident_record(
                actor=request.user, company=company, **form.cleaned_data
            )
        except DomainError as error:
            reraise_refusal(error)
            _form_errors(form, error)
        else:
            messages.warning(
                request,
                _(
                    "중대재해를 기록했습니다. 심사 %(vettings)s건을 배제하고 게시 중인 제안 "
                    "%(offers)s건을 마감했습니다. 실습 중이거나 배정된 학생 %(active)s명은 "
                    "학교가 확인해야 합니다."
                )
                % {
                    "vettings": result.excluded_vettings,
                    "offers": result.closed_offers,
                    "active": result.active_placements,
                },
            )
            return redirect("placements:vettings")
    context = {
        "form": form,
        "company": company,
        "breadcrumbs": _crumbs((_("중대재해 기록"), None)),
    }
    return render(request, "placements/accident_form.html", context)
