"""Programme pages: thin — call one selector, render. Times are shown in Asia/Seoul."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from vocnet.programmes import selectors


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    calls = selectors.calls_visible(request.user)
    return render(
        request,
        "programmes/call_list.html",
        {"calls": calls, "breadcrumbs": [(_("지정 공모"), None)]},
    )


@login_required
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_detail(request.user, call_id)
    return render(
        request,
        "programmes/call_detail.html",
        {
            "call": call,
            "stages": call.stages.all(),
            "documents": call.documents.all(),
            "rubric": call.rubric_items.all(),
            "breadcrumbs": [(_("지정 공모"), reverse("programmes:list")), (call.title, None)],
        },
    )
