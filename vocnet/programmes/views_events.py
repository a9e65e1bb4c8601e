"""Event pages: the list with attendance counts, one event (register; the organiser's
check-in list), creating an event. Thin: lenient parsing, one service through ``act``."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, permission_denied, reraise_refusal
from vocnet.core.views import act
from vocnet.programmes import selectors_events as selectors
from vocnet.programmes import selectors_grants
from vocnet.programmes.models import EventKind
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services import events as services
from vocnet.programmes.views_grants import form_int


def _crumbs(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("행사"), reverse("programmes:events")), *items]


def _moment(value: str | None) -> datetime | None:
    """A ``datetime-local`` value read in Asia/Seoul, or None."""
    try:
        return datetime.fromisoformat((value or "").strip()).replace(tzinfo=SEOUL)
    except ValueError:
        return None


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    events = selectors.events_visible(request.user)
    return render(
        request,
        "programmes/event_list.html",
        {
            "page": Paginator(events, 50).get_page(request.GET.get("page")),
            "organisers": selectors.organiser_choices(request.user),
            "breadcrumbs": [(_("행사"), None)],
        },
    )


@login_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_detail(request.user, event_id)
    manages = selectors.can_manage(request.user, event)
    return render(
        request,
        "programmes/event_detail.html",
        {
            "event": event,
            "manages": manages,
            "invited": event.invitations.select_related("organisation"),
            "designations": event.designations.select_related(
                "school_designation__school__organisation"
            ),
            "registrations": selectors.registrations_visible(request.user, event),
            "memberships": selectors.own_organisations(request.user),
            "breadcrumbs": _crumbs((event.title, None)),
        },
    )


@login_required
@require_POST
def event_register(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_detail(request.user, event_id)
    organisation = request.POST.get("organisation_id", "")
    return act(
        request,
        lambda: services.registration_create(
            actor=request.user,
            event=event,
            name=request.POST.get("name", ""),
            organisation_id=int(organisation) if organisation.isdigit() else None,
            role_title=request.POST.get("role_title", ""),
        ),
        _("참가 신청했습니다."),
        "programmes:event",
        event.pk,
    )


@login_required
@require_POST
def event_check_in(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_detail(request.user, event_id)
    ids = [int(v) for v in request.POST.getlist("attended") if v.isdigit()]
    return act(
        request,
        lambda: services.attendance_check_in(actor=request.user, event=event, attended_ids=ids),
        _("참석을 확인했습니다."),
        "programmes:event",
        event.pk,
    )


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    organisers = selectors.organiser_choices(request.user)
    if not organisers:
        raise permission_denied()
    designations = selectors_grants.designations_visible(request.user)
    if request.method == "POST":
        chosen = [int(v) for v in request.POST.getlist("designation_ids") if v.isdigit()]
        data = services.EventInput(
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            starts_at=_moment(request.POST.get("starts_at")),
            ends_at=_moment(request.POST.get("ends_at")),
            place=request.POST.get("place", ""),
            organiser_id=form_int(request.POST.get("organiser_id"))
            if request.POST.get("organiser_id", "").strip()
            else organisers[0].pk,
            designation_ids=chosen,
            invited_ids=selectors.consortium_organisations(request.user, chosen),
            capacity=form_int(request.POST.get("capacity"))
            if request.POST.get("capacity", "").strip()
            else None,
            description=request.POST.get("description", ""),
        )
        try:
            event = services.event_create(actor=request.user, data=data)
        except DomainError as error:
            reraise_refusal(error)
            messages.error(request, error.localized)
        else:
            return redirect("programmes:event", event.pk)
    return render(
        request,
        "programmes/event_form.html",
        {
            "organisers": organisers,
            "designations": designations,
            "kinds": EventKind.choices,
            "breadcrumbs": _crumbs((_("행사 만들기"), None)),
        },
    )
