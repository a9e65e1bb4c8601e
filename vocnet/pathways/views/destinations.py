"""Graduate-destination pages: the destinations with their summary per department, record,
correct, delete, and the Excel upload. Each POST calls one service and redirects; a broken
rule comes back as form errors in the page's language."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.pagination import paginate
from vocnet.core.permissions import Action, restrict
from vocnet.pathways import selectors, services
from vocnet.pathways.forms import DestinationFilterForm, DestinationForm, add_problems
from vocnet.pathways.importing import DESTINATION_IMPORT
from vocnet.pathways.models import GraduateDestination, latest_graduation_year
from vocnet.spreadsheets.pages import import_page

RECORDABLE_YEARS = 10


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("졸업생 진로"), reverse("pathways:destinations")), *trail]


def _years() -> list[int]:
    last = latest_graduation_year(timezone.localdate())
    return list(range(last, last - RECORDABLE_YEARS, -1))


# API field names the forms call differently.
FIELD_NAMES = {"department_id": "department"}


@login_required
def destination_list(request: HttpRequest) -> HttpResponse:
    selectors.require_viewer(user=request.user)
    form = DestinationFilterForm(
        request.GET or None, years=_years(), schools=selectors.filter_schools(user=request.user)
    )
    filters = form.to_filters()
    summary = selectors.destination_summary(
        user=request.user,
        filters=filters,
        years=[filters.year] if filters.year else None,
        upto=latest_graduation_year(timezone.localdate()),
    )
    destinations = selectors.destination_list(user=request.user, filters=filters)
    page = paginate(request, destinations)
    changeable = set(
        restrict(
            request.user,
            GraduateDestination.objects.filter(pk__in=[d.pk for d in page]),
            Action.CHANGE,
        ).values_list("pk", flat=True)
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "summary": summary,
        "page": page,
        "query": query.urlencode(),
        "changeable": changeable,
        # A graduate's page, edit and delete addresses from one reversed prefix, not three
        # reverses a row: /pathways/<id>/, <id>/edit/, <id>/delete/.
        "destination_prefix": reverse("pathways:pathway", args=[0])[: -len("0/")],
        "can_record": selectors.can_record(user=request.user),
        "breadcrumbs": [(_("졸업생 진로"), None)],
    }
    return render(request, "pathways/destinations.html", context)


def _form(request: HttpRequest, **kwargs: Any) -> DestinationForm:
    return DestinationForm(
        request.POST or None,
        departments=selectors.recordable_departments(user=request.user),
        years=_years(),
        **kwargs,
    )


@login_required
def destination_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_record(user=request.user):
        raise permission_denied()
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.destination_create(
                actor=request.user,
                data=services.DestinationInput(
                    department_id=data["department"],
                    graduation_year=data["graduation_year"],
                    graduate_key=data["graduate_key"],
                    kind=data["kind"],
                    business_number=data["business_number"] or None,
                    ncs_code=data["ncs_code"] or None,
                    note=data["note"],
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, FIELD_NAMES)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("졸업생 진로를 기록했습니다."))
            return redirect("pathways:destinations")
    context = {"form": form, "breadcrumbs": _crumbs((_("진로 기록"), None))}
    return render(request, "pathways/destination_form.html", context)


@login_required
def destination_edit(request: HttpRequest, destination_id: int) -> HttpResponse:
    destination = selectors.destination_get(user=request.user, destination_id=destination_id)
    initial = {
        "kind": destination.kind,
        "business_number": destination.company.business_number if destination.company else "",
        "ncs_code": destination.ncs_middle.code if destination.ncs_middle else "",
        "note": destination.note,
    }
    form = _form(request, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.destination_update(
                actor=request.user,
                destination=destination,
                changes={
                    "kind": data["kind"],
                    "business_number": data["business_number"] or None,
                    "ncs_code": data["ncs_code"] or None,
                    "note": data["note"],
                },
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, FIELD_NAMES)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("졸업생 진로를 고쳤습니다."))
            return redirect("pathways:destinations")
    context = {
        "form": form,
        "destination": destination,
        "breadcrumbs": _crumbs((_("진로 고치기"), None)),
    }
    return render(request, "pathways/destination_form.html", context)


@login_required
@require_POST
def destination_delete(request: HttpRequest, destination_id: int) -> HttpResponse:
    destination = selectors.destination_get(user=request.user, destination_id=destination_id)
    try:
        services.destination_delete(actor=request.user, destination=destination)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
    else:
        messages.success(request, _("졸업생 진로 기록을 지웠습니다."))
    return redirect("pathways:destinations")


@login_required
def destination_import(request: HttpRequest) -> HttpResponse:
    if not selectors.can_record(user=request.user):
        raise permission_denied()
    return import_page(
        request,
        spec=DESTINATION_IMPORT,
        template="pathways/destination_import.html",
        done="pathways:destinations",
        context={
            "template_url": reverse("api:destination_template"),
            "breadcrumbs": _crumbs((_("엑셀로 가져오기"), None)),
        },
    )
