"""Call pages: the list and a call's page for everyone signed in; opening, editing, the rubric
and publishing for the issuing organisation's officers. Thin — parse, call one service or
selector, render. Times are entered and shown to the minute in Asia/Seoul."""

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

from vocnet.core.errors import ValidationFailed, permission_denied
from vocnet.core.forms import add_problems, problem_text
from vocnet.programmes import selectors, services
from vocnet.programmes.forms import CALL_FIELD_NAMES, CallForm, RubricItemForm, call_initial
from vocnet.programmes.models import Call, CallStatus


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("지정 공모"), reverse("programmes:list")), *trail]


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    calls = selectors.calls_visible(request.user)
    return render(
        request,
        "programmes/call_list.html",
        {
            "calls": calls,
            "can_open": bool(selectors.issuer_choices(request.user)),
            "breadcrumbs": [(_("지정 공모"), None)],
        },
    )


@login_required
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_detail(request.user, call_id)
    manages = selectors.can_manage_call(request.user, call)
    return render(
        request,
        "programmes/call_detail.html",
        {
            "call": call,
            "stages": call.stages.all(),
            "documents": call.documents.all(),
            "rubric": call.rubric_items.all(),
            "manages": manages,
            "is_draft": call.status == CallStatus.DRAFT,
            "is_open": call.status == CallStatus.PUBLISHED
            and call.opens_at <= timezone.now() <= call.closes_at,
            "lead_choices": selectors.lead_school_choices(request.user, call),
            "own_applications": selectors.own_applications(request.user, call),
            "call_applications": selectors.applications_visible(request.user)
            .filter(call=call)
            .order_by("blind_code")
            if manages
            else [],
            "breadcrumbs": _crumbs((call.title, None)),
        },
    )


def _call_form(request: HttpRequest, call: Call | None) -> CallForm:
    targets = [
        (target.pk, target.title)
        for target in selectors.calls_visible(request.user)
        if call is None or target.pk != call.pk
    ]
    initial = call_initial(services.call_input_of(call)) if call else {"plan_page_limit": 30}
    return CallForm(
        request.POST or None,
        initial=initial,
        issuers=selectors.issuer_choices(request.user),
        nomination_targets=targets,
        is_edit=call is not None,
    )


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    """Open a call (a draft, with the default stages, documents and rubric)."""
    if not selectors.issuer_choices(request.user):
        raise permission_denied()
    form = _call_form(request, None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_create(actor=request.user, data=form.to_input())
        except ValidationFailed as error:
            add_problems(form, error.problems, CALL_FIELD_NAMES)
        else:
            messages.success(request, _("공모를 만들었습니다. 평가 항목을 확인하고 공고하세요."))
            return redirect("programmes:call", call.pk)
    return render(
        request,
        "programmes/call_form.html",
        {"form": form, "call": None, "breadcrumbs": _crumbs((_("새 공모"), None))},
    )


@login_required
def call_edit(request: HttpRequest, call_id: int) -> HttpResponse:
    """Change a draft call (a published call is read only)."""
    call = selectors.call_for_change(request.user, call_id)
    if call.status != CallStatus.DRAFT:
        messages.error(request, _("공고된 공모는 바꿀 수 없습니다."))
        return redirect("programmes:call", call.pk)
    form = _call_form(request, call)
    if request.method == "POST" and form.is_valid():
        try:
            services.call_update(actor=request.user, call=call, data=form.to_input())
        except ValidationFailed as error:
            add_problems(form, error.problems, CALL_FIELD_NAMES)
        else:
            messages.success(request, _("공모를 저장했습니다."))
            return redirect("programmes:call", call.pk)
    return render(
        request,
        "programmes/call_form.html",
        {
            "form": form,
            "call": call,
            "breadcrumbs": _crumbs(
                (call.title, reverse("programmes:call", args=[call.pk])), (_("고치기"), None)
            ),
        },
    )


@login_required
@require_POST
def call_publish(request: HttpRequest, call_id: int) -> HttpResponse:
    call = selectors.call_for_change(request.user, call_id)
    try:
        services.call_publish(actor=request.user, call=call)
    except ValidationFailed as error:
        for problem in error.problems:
            messages.error(request, problem_text(problem))
    else:
        messages.success(request, _("공모를 공고했습니다. 학교가 신청서를 작성할 수 있습니다."))
    return redirect("programmes:call", call.pk)


@login_required
def rubric_item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    """One rubric item of a draft call, edited in place (htmx swaps the table row)."""
    item = selectors.rubric_item_for_change(request.user, item_id)
    form = RubricItemForm(
        request.POST or None, initial={"name_ko": item.name_ko, "max_points": item.max_points}
    )
    editing = True
    if request.method == "POST" and form.is_valid():
        try:
            services.rubric_item_update(
                actor=request.user,
                item=item,
                name_ko=form.cleaned_data["name_ko"],
                max_points=form.cleaned_data["max_points"],
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        else:
            editing = False
            if not request.htmx:  # type: ignore[attr-defined]
                messages.success(request, _("평가 항목을 저장했습니다."))
                return redirect("programmes:call", item.call_id)
    context = {
        "item": item,
        "form": form,
        "editing": editing,
        "manages": True,
        "is_draft": True,
        "call": item.call,
        "breadcrumbs": _crumbs(
            (item.call.title, reverse("programmes:call", args=[item.call_id])),
            (_("평가 항목 고치기"), None),
        ),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "programmes/partials/rubric_row.html", context)
    return render(request, "programmes/rubric_item_form.html", context)
