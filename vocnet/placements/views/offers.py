"""Offer pages: the list, the form (create and edit), the detail with its actions and its
applications. Each POST calls one service; a broken rule comes back on its form field."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.pagination import paginate
from vocnet.core.views import act
from vocnet.placements import selectors, services
from vocnet.placements.forms import ApplyForm, InterviewForm, OfferFilterForm, OfferForm, ReasonForm
from vocnet.placements.rules import RULES
from vocnet.placements.rules.hazards import extra_inspection_categories, hazard_categories
from vocnet.placements.rules.holidays import holidays_between, public_holidays
from vocnet.placements.views.common import query_of
from vocnet.privacy.services import record_personal_data_access
from vocnet.registry.models import Company, Student


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("현장실습 제안"), reverse("placements:offers")), *trail]


def _companies(request: HttpRequest) -> Any:
    return selectors.offer_companies(user=request.user)


@login_required
def offer_list(request: HttpRequest) -> HttpResponse:
    form = OfferFilterForm(request.GET or None)
    offers = selectors.offer_list(user=request.user, filters=form.to_filters())
    page = paginate(request, offers, deferred=True)
    query = query_of(request)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.offer_rows(page.object_list),
        "query": query,
        "export_url": reverse("api:export_offers") + (f"?{query}" if query else ""),
        "can_create": selectors.can_create_offer(user=request.user),
        "breadcrumbs": [(_("현장실습 제안"), None)],
    }
    if getattr(request, "htmx", False):
        return render(request, "placements/partials/offer_table.html", context)
    return render(request, "placements/offers.html", context)


def _save(request: HttpRequest, form: OfferForm, offer: Any = None) -> Any:
    try:
        if offer is None:
            company = Company.objects.filter(pk=form.cleaned_data["company"]).first()
            if company is None:
                raise permission_denied()
            return services.offer_create(actor=request.user, company=company, data=form.to_input())
        return services.offer_update(actor=request.user, offer=offer, data=form.to_input())
    except ValidationFailed as error:
        form.add_error(None, error.localized)
        form.add_problems(error.problems)
    except DomainError as error:
        reraise_refusal(error)
        form.add_error(None, error.localized)
    return None


@login_required
def offer_create(request: HttpRequest) -> HttpResponse:
    companies = list(_companies(request))
    if not companies:
        raise permission_denied()
    form = OfferForm(request.POST or None, initial=OfferForm.initial_for(None), companies=companies)
    if request.method == "POST" and form.is_valid():
        offer = _save(request, form)
        if offer is not None:
            messages.success(
                request, _("현장실습 제안을 저장했습니다. 내용을 확인하고 게시하세요.")
            )
            return redirect("placements:offer", offer.pk)
    context = {"form": form, "rules": RULES, "breadcrumbs": _crumbs((_("제안 작성"), None))}
    return render(request, "placements/offer_form.html", context)


@login_required
def offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_for_change(user=request.user, offer_id=offer_id)
    form = OfferForm(
        request.POST or None,
        initial=OfferForm.initial_for(offer),
        companies=[offer.company],
    )
    if request.method == "POST" and form.is_valid() and _save(request, form, offer) is not None:
        messages.success(request, _("제안을 고쳤습니다."))
        return redirect("placements:offer", offer.pk)
    context = {
        "form": form,
        "offer": offer,
        "rules": RULES,
        "breadcrumbs": _crumbs((offer.title, reverse("placements:offer", args=[offer.pk])),
                               (_("고치기"), None)),
    }  # fmt: skip
    return render(request, "placements/offer_form.html", context)


@login_required
def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    schedule = list(offer.schedule.all())
    can_change = bool(selectors.changeable_offer_ids(user=request.user, ids=[offer.pk]))
    students: list[Student] = []
    if selectors.can_place(user=request.user) and offer.status == "published":
        students = list(selectors.placeable_students(user=request.user, offer=offer)[:500])
        # The picker lists the school's students by name: a view of each (issue 8).
        record_personal_data_access(request=request, subjects=students, action="view")
    # The applications the user sees (the host company decides them; the school follows its
    # students'); the company's consent comes before a direct placement (issue 15 §2).
    applications = list(selectors.application_list(user=request.user, offer=offer)[:200])
    decidable = selectors.decidable_application_ids(
        user=request.user, ids=[a.pk for a in applications if a.is_open]
    )
    if applications:
        record_personal_data_access(
            request=request, subjects=[a.student for a in applications], action="view"
        )
    known = hazard_categories()
    context = {
        "offer": offer,
        "schedule": schedule,
        "weekly_minutes": sum(day.training_minutes for day in schedule),
        "hazards": [known[c] for c in offer.hazard_categories if c in known],
        "extra_inspection": extra_inspection_categories(offer.hazard_categories),
        "holidays": [
            h for h in holidays_between(offer.start_date, offer.end_date)
            if h.day.weekday() in {d.weekday for d in schedule}
        ],
        "can_change": can_change,
        "host_is_vetted": selectors.host_is_vetted(offer),
        "apply_form": ApplyForm(students=students) if students else None,
        "applications": applications,
        "decidable": decidable,
        "interview_form": InterviewForm(),
        "reason_form": ReasonForm(),
        "breadcrumbs": _crumbs((offer.title, None)),
    }  # fmt: skip
    return render(request, "placements/offer_detail.html", context)


@login_required
@require_POST
def offer_publish(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    return act(
        request,
        lambda: services.offer_publish(actor=request.user, offer=offer),
        _("제안을 게시했습니다."),
        "placements:offer",
        offer.pk,
    )


@login_required
@require_POST
def offer_close(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    reason = request.POST.get("reason", "")
    return act(
        request,
        lambda: services.offer_close(actor=request.user, offer=offer, reason=reason),
        _("제안을 마감했습니다."),
        "placements:offer",
        offer.pk,
    )


@login_required
@require_POST
def offer_withdraw(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    reason = request.POST.get("reason", "")
    return act(
        request,
        lambda: services.offer_withdraw(actor=request.user, offer=offer, reason=reason),
        _("제안을 철회했습니다."),
        "placements:offer",
        offer.pk,
    )


@login_required
def rules_page(request: HttpRequest) -> HttpResponse:
    """The labour rules every offer is checked against, with the data they use."""
    context = {
        "rules": RULES,
        "hazards": list(hazard_categories().values()),
        "holidays": [h for _day, h in sorted(public_holidays().items())],
        "breadcrumbs": _crumbs((_("현장실습 법정 기준"), None)),
    }
    return render(request, "placements/rules.html", context)
