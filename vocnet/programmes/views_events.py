"""Event pages: the list with attendance counts, one event (register; the organiser's
check-in list), creating an event. Thin: lenient parsing, one service through ``act``."""

from __future__ import annotations

import io
from datetime import datetime

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, permission_denied, reraise_refusal
from vocnet.core.pagination import paginate
from vocnet.core.views import act
from vocnet.programmes import selectors_events as selectors
from vocnet.programmes import selectors_grants
from vocnet.programmes.models import EventKind, EventRegistration
from vocnet.programmes.rules import SEOUL
from vocnet.programmes.services import check_in
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
            "page": paginate(request, events),
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
            "own_registrations": selectors.own_registrations(request.user, event),
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


# QR check-in (docs/adr/0035-programme-cycle-in-the-browser.md) ----------------------------


def check_in_url(request: HttpRequest, registration: EventRegistration) -> str:
    """The absolute URL a registration's QR code encodes."""
    return request.build_absolute_uri(
        reverse(
            "programmes:event_scan",
            args=[registration.event_id, registration.check_in_token],
        )
    )


@login_required
def event_scan(request: HttpRequest, event_id: int, code: str) -> HttpResponse:
    """The URL in a registration's QR code: the organiser who opens it (a phone's camera),
    signed in, checks the registrant in — one step at the door; a second scan changes
    nothing. Anyone else is refused (403) and nothing is written."""
    event = selectors.event_detail(request.user, event_id)
    result = None
    error = ""
    try:
        result = check_in.registration_check_in_by_code(actor=request.user, event=event, code=code)
    except DomainError as problem:
        reraise_refusal(problem)
        error = problem.localized
    return render(
        request,
        "programmes/event_scan.html",
        {
            "event": event,
            "result": result,
            "error": error,
            "breadcrumbs": _crumbs(
                (event.title, reverse("programmes:event", args=[event.pk])),
                (_("QR 참석 확인"), None),
            ),
        },
    )


@login_required
@require_POST
def event_check_in_code(request: HttpRequest, event_id: int) -> HttpResponse:
    """The organiser types (or pastes) a registration's code or its check-in URL."""
    event = selectors.event_detail(request.user, event_id)
    return act(
        request,
        lambda: check_in.registration_check_in_by_code(
            actor=request.user, event=event, code=request.POST.get("code", "")
        ),
        _("참석을 확인했습니다."),
        "programmes:event",
        event.pk,
    )


@login_required
def registration_code(request: HttpRequest, registration_id: int) -> HttpResponse:
    """The registrant's QR code, to print or show at the door."""
    registration = selectors.registration_for_code(request.user, registration_id)
    url = check_in_url(request, registration)
    return render(
        request,
        "programmes/registration_code.html",
        {
            "registration": registration,
            "event": registration.event,
            "check_in_url": url,
            # segno's own SVG of our URL: no user-supplied markup in it.
            "qr_svg": mark_safe(segno.make(url, error="m").svg_inline(scale=6)),
            "breadcrumbs": _crumbs(
                (
                    registration.event.title,
                    reverse("programmes:event", args=[registration.event_id]),
                ),
                (_("참석 확인 QR 코드"), None),
            ),
        },
    )


@login_required
def registration_code_download(
    request: HttpRequest, registration_id: int, image_format: str
) -> HttpResponse:
    """The QR code as a file (SVG or PNG) named after the event and the registration."""
    if image_format not in ("svg", "png"):
        raise Http404
    registration = selectors.registration_for_code(request.user, registration_id)
    qr = segno.make(check_in_url(request, registration), error="m")
    buffer = io.BytesIO()
    if image_format == "png":
        qr.save(buffer, kind="png", scale=10, border=4)
        content_type = "image/png"
    else:
        qr.save(buffer, kind="svg", scale=10, border=4)
        content_type = "image/svg+xml"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    name = f"check-in-{registration.event_id}-{registration.pk}.{image_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def registration_cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = selectors.registration_for_code(request.user, registration_id)
    return act(
        request,
        lambda: check_in.registration_cancel(actor=request.user, registration=registration),
        _("참가 신청을 취소했습니다."),
        "programmes:event",
        registration.event_id,
    )
