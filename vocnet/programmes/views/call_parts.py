"""Adding and removing a draft call's rubric items and required documents (the issuing
organisation's officers). Adding is a page of its own (a form that keeps what was typed and
shows each problem on its field); removing is a POST button on the call's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import ValidationFailed
from vocnet.core.forms import add_problems
from vocnet.core.views import act
from vocnet.programmes import selectors
from vocnet.programmes.forms import RequiredDocumentAddForm, RubricItemAddForm
from vocnet.programmes.models import Call
from vocnet.programmes.services import call_parts


def _crumbs(call: Call, here: str) -> list[tuple[Any, str | None]]:
    return [
        (_("지정 공모"), reverse("programmes:list")),
        (call.title, reverse("programmes:call", args=[call.pk])),
        (here, None),
    ]


@login_required
def rubric_item_add(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_for_change(request.user, call_id)
    form = RubricItemAddForm(request.POST or None, areas=call_parts.rubric_areas(call))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = call_parts.rubric_item_add(
                actor=request.user,
                call=call,
                area=data["area"],
                name_ko=data["name_ko"] or "",
                name_en=data["name_en"] or "",
                max_points=data["max_points"],
                is_bonus=data["is_bonus"],
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, _("평가 항목을 더했습니다: %s") % item.name_ko)
            return redirect("programmes:call", call.pk)
    return render(
        request,
        "programmes/call_part_form.html",
        {
            "form": form,
            "call": call,
            "heading": _("평가 항목 추가"),
            "breadcrumbs": _crumbs(call, _("평가 항목 추가")),
        },
    )


@login_required
@require_POST
def rubric_item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = selectors.rubric_item_for_change(request.user, item_id)
    return act(
        request,
        lambda: call_parts.rubric_item_remove(actor=request.user, item=item),
        _("평가 항목을 뺐습니다: %s") % item.name_ko,
        "programmes:call",
        item.call_id,
    )


@login_required
def required_document_add(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_for_change(request.user, call_id)
    form = RequiredDocumentAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = call_parts.required_document_add(
                actor=request.user,
                call=call,
                name_ko=data["name_ko"] or "",
                name_en=data["name_en"] or "",
                is_required=data["is_required"],
                max_pages=data["max_pages"],
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        else:
            messages.success(request, _("제출 서류를 더했습니다: %s") % document.name_ko)
            return redirect("programmes:call", call.pk)
    return render(
        request,
        "programmes/call_part_form.html",
        {
            "form": form,
            "call": call,
            "heading": _("제출 서류 추가"),
            "breadcrumbs": _crumbs(call, _("제출 서류 추가")),
        },
    )


@login_required
@require_POST
def required_document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document = selectors.required_document_for_change(request.user, document_id)
    return act(
        request,
        lambda: call_parts.required_document_remove(actor=request.user, document=document),
        _("제출 서류를 뺐습니다: %s") % document.name_ko,
        "programmes:call",
        document.call_id,
    )
