"""Declaration pages: the list, declare, edit, withdraw, and the Excel upload. Each POST calls
one service and redirects; a broken rule comes back as form errors in the page's language."""

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
from vocnet.demand import selectors, services
from vocnet.demand.forms import (
    DeclarationFilterForm,
    DeclarationForm,
    add_problems,
)
from vocnet.demand.importing import DECLARATION_IMPORT
from vocnet.demand.selectors.declarations import declares_by_business_number
from vocnet.spreadsheets.pages import import_page


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("인력 수요 신고"), reverse("demand:declarations")), *trail]


def _years() -> list[int]:
    first, last = services.declaration_years()
    return list(range(first, last + 1))


@login_required
def declaration_list(request: HttpRequest) -> HttpResponse:
    form = DeclarationFilterForm(request.GET or None, years=_years())
    declarations = selectors.declaration_list(user=request.user, filters=form.to_filters())
    page = paginate(request, declarations)
    query = request.GET.copy()
    query.pop("page", None)
    export = query.urlencode()
    context = {
        "form": form,
        "page": page,
        "query": export,
        "export_url": reverse("api:export_declarations") + (f"?{export}" if export else ""),
        "can_declare": selectors.can_declare(user=request.user),
        "changeable": selectors.changeable_ids(user=request.user, ids=[d.pk for d in page]),
        # A declaration's edit and withdraw addresses from one reversed prefix, not two
        # reverses a row.
        "declaration_prefix": reverse("demand:declaration_edit", args=[0])[: -len("0/edit/")],
        "breadcrumbs": [(_("인력 수요 신고"), None)],
    }
    if getattr(request, "htmx", False):
        return render(request, "demand/partials/declaration_table.html", context)
    return render(request, "demand/declarations.html", context)


def _form(request: HttpRequest, *, editing: bool, data: Any = None, initial: Any = None) -> Any:
    return DeclarationForm(
        data,
        initial=initial,
        organisations=selectors.declaring_organisation_choices(user=request.user),
        years=_years(),
        province=declares_by_business_number(user=request.user),
        editing=editing,
    )


@login_required
def declaration_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_declare(user=request.user):
        raise permission_denied()
    form = _form(request, editing=False, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.declaration_create(
                actor=request.user,
                data=services.DeclarationInput(
                    organisation_id=form.organisation_id(),
                    ncs_code=data["ncs_code"],
                    occupation=data["occupation"],
                    region_code=data["region_code"] or None,
                    year=data["year"],
                    headcount=data["headcount"],
                    certificates=form.certificate_list(),
                    note=data["note"],
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, {"organisation_id": "organisation"})
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("인력 수요를 신고했습니다."))
            return redirect("demand:declarations")
    context = {"form": form, "breadcrumbs": _crumbs((_("수요 신고"), None))}
    return render(request, "demand/declaration_form.html", context)


@login_required
def declaration_edit(request: HttpRequest, declaration_id: int) -> HttpResponse:
    declaration = selectors.declaration_for_change(user=request.user, declaration_id=declaration_id)
    initial = {
        "ncs_code": declaration.ncs_middle.code,
        "occupation": declaration.occupation,
        "region_code": declaration.region.sigungu_code,
        "year": declaration.year,
        "headcount": declaration.headcount,
        "certificates": "; ".join(declaration.certificates),
        "note": declaration.note,
    }
    form = _form(request, editing=True, data=request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.declaration_update(
                actor=request.user,
                declaration=declaration,
                changes={
                    "ncs_code": data["ncs_code"],
                    "occupation": data["occupation"],
                    "region_code": data["region_code"] or declaration.region.sigungu_code,
                    "year": data["year"],
                    "headcount": data["headcount"],
                    "certificates": form.certificate_list(),
                    "note": data["note"],
                },
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("신고를 고쳤습니다."))
            return redirect("demand:declarations")
    context = {
        "form": form,
        "declaration": declaration,
        "breadcrumbs": _crumbs((_("신고 고치기"), None)),
    }
    return render(request, "demand/declaration_form.html", context)


@login_required
@require_POST
def declaration_delete(request: HttpRequest, declaration_id: int) -> HttpResponse:
    declaration = selectors.declaration_get(user=request.user, declaration_id=declaration_id)
    try:
        services.declaration_delete(actor=request.user, declaration=declaration)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
    else:
        messages.success(request, _("신고를 철회했습니다."))
    return redirect("demand:declarations")


@login_required
def declaration_import(request: HttpRequest) -> HttpResponse:
    if not selectors.can_declare(user=request.user):
        raise permission_denied()
    return import_page(
        request,
        spec=DECLARATION_IMPORT,
        template="demand/declaration_import.html",
        done="demand:declarations",
        context={
            "template_url": reverse("api:declaration_template"),
            "breadcrumbs": _crumbs((_("엑셀로 가져오기"), None)),
        },
    )
