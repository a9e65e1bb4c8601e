"""What happens during a placement, on its page: the diary (the student logs, the mentor
confirms), visits (teachers), reports (student, guardian, school; never the company) and
evaluations; and the list of reports by deadline for those who answer them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import DomainError, permission_denied, reraise_refusal
from vocnet.core.pagination import paginate
from vocnet.placements import selectors, services
from vocnet.placements.forms import (
    EvaluationForm,
    HoursForm,
    IncidentFilterForm,
    IncidentForm,
    LeaveForm,
    RespondForm,
    SafetyEducationForm,
    VisitForm,
)
from vocnet.placements.selectors.hiring import hiring_timing_of
from vocnet.placements.views.common import query_of
from vocnet.privacy.services import record_personal_data_access


def _run(request: HttpRequest, form: Any, call: Any, done: str, placement_id: int) -> Any:
    """Validate ``form``, call one service with its data, and go back to the placement page
    with a message (the service's error in the page's language when it refuses)."""
    if not form.is_valid():
        messages.error(request, _("입력값을 확인하세요: %(fields)s") % {
            "fields": ", ".join(str(form.fields[name].label) for name in form.errors
                                if name in form.fields)
        })  # fmt: skip
        return redirect("placements:placement", placement_id)
    try:
        call(form.cleaned_data)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
    else:
        messages.success(request, done)
    return redirect("placements:placement", placement_id)


@login_required
@require_POST
def hours_log(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)

    def call(data: dict[str, Any]) -> Any:
        entry = services.hours_log(actor=request.user, placement=placement, **data)
        if entry.is_breach:
            messages.warning(
                request,
                _("법정 기준을 넘는 기록입니다. 학교에 자동으로 알렸습니다: %(what)s")
                % {"what": " ".join(v["message_ko"] for v in entry.violations)},
            )
        return entry

    return _run(
        request, HoursForm(request.POST), call, _("실습 시간을 기록했습니다."), placement.pk
    )


@login_required
@require_POST
def safety_education_record(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The school records the safety and labour-rights education before the start (제9조의5)."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    if not selectors.progress_rights(user=request.user, placement=placement).record_education:
        raise permission_denied()
    return _run(
        request,
        SafetyEducationForm(request.POST),
        lambda data: services.safety_education_record(
            actor=request.user, placement=placement, data=services.SafetyEducationInput(**data)
        ),
        _("안전·노동인권 교육을 기록했습니다."),
        placement.pk,
    )


@login_required
@require_POST
def leave_log(request: HttpRequest, placement_id: int) -> HttpResponse:
    """A leave day in the diary (생리휴가, 근로기준법 제73조 via 제24조; or an accepted absence)."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)

    def call(data: dict[str, Any]) -> Any:
        return services.hours_log_leave(
            actor=request.user, placement=placement, day=data["leave_day"], kind=data["kind"],
            note=data["note"],
        )  # fmt: skip

    return _run(
        request,
        LeaveForm(request.POST, auto_id="leave_%s"),
        call,
        _("휴가·결석을 기록했습니다."),
        placement.pk,
    )


@login_required
@require_POST
def hours_confirm(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.hours_entry_get(user=request.user, entry_id=entry_id)
    try:
        services.hours_confirm(actor=request.user, entry=entry)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
    else:
        messages.success(request, _("실습 시간을 확인했습니다."))
    return redirect("placements:placement", entry.placement_id)


@login_required
@require_POST
def visit_record(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    return _run(
        request,
        VisitForm(request.POST),
        lambda data: services.visit_record(
            actor=request.user, placement=placement, data=services.VisitInput(**data)
        ),
        _("순회지도를 기록했습니다."),
        placement.pk,
    )


@login_required
@require_POST
def incident_file(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    return _run(
        request,
        IncidentForm(request.POST),
        lambda data: services.incident_file(actor=request.user, placement=placement, **data),
        _(
            "신고를 접수했습니다. 답변 기한은 3일이며, 학교가 낸 신고는 교육지원청에서 "
            "답변합니다. 기업에는 보이지 않습니다."
        ),
        placement.pk,
    )


@login_required
@require_POST
def incident_respond(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = selectors.incident_get(user=request.user, incident_id=incident_id)
    return _run(
        request,
        RespondForm(request.POST),
        lambda data: services.incident_respond(actor=request.user, incident=incident, **data),
        _("답변을 기록했습니다."),
        incident.placement_id,
    )


@login_required
@require_POST
def evaluation_submit(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    roles = selectors.roles_to_evaluate(user=request.user, placement=placement)
    return _run(
        request,
        EvaluationForm(request.POST, roles=roles),
        lambda data: services.evaluation_submit(actor=request.user, placement=placement, **data),
        _("평가를 제출했습니다."),
        placement.pk,
    )


def progress_context(request: HttpRequest, placement: Any) -> dict[str, Any]:
    """The placement page's section on the training in progress (hours, visits, reports,
    evaluations) with the forms the user may use."""
    user = request.user
    hours = list(selectors.hours_of(user=user, placement=placement))
    incidents = list(selectors.incidents_of(user=user, placement=placement))
    roles = selectors.roles_to_evaluate(user=user, placement=placement)
    ended = placement.status in ("completed", "terminated")
    rights = selectors.progress_rights(user=user, placement=placement)
    return {
        "hours": hours,
        "hours_minutes": sum(entry.minutes for entry in hours),
        "confirmable": selectors.confirmable_ids(user=user, ids=[h.pk for h in hours]),
        "visits": list(selectors.visits_of(user=user, placement=placement)),
        "incidents": incidents,
        "answerable": selectors.answerable_ids(user=user, ids=[i.pk for i in incidents]),
        "evaluations": list(selectors.evaluations_of(user=user, placement=placement)),
        "safety_educations": list(selectors.safety_educations_of(user=user, placement=placement)),
        "education_form": SafetyEducationForm() if rights.record_education else None,
        "hours_form": HoursForm() if rights.log_hours else None,
        # Its own ids: the incident form beside it has a "kind" too (one id per page).
        "leave_form": LeaveForm(auto_id="leave_%s") if rights.log_hours else None,
        "visit_form": VisitForm() if rights.record_visit else None,
        "incident_form": IncidentForm() if rights.report_incident else None,
        "respond_form": RespondForm(),
        # 선도기업 vs 참여기업: when the trainee may be hired (rules.hiring, unverified).
        "hiring": hiring_timing_of(placement) if placement.status != "cancelled" else None,
        "evaluation_forms": [
            (role, EvaluationForm(initial={"role": role}, roles=[role], auto_id=f"id_{role}_%s"))
            for role in roles
        ]
        if ended
        else [],
    }


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    form = IncidentFilterForm(request.GET or None)
    incidents = selectors.incident_list(user=request.user, filters=form.to_filters())
    page = paginate(request, incidents)
    record_personal_data_access(
        request=request, subjects=[i.placement.student for i in page], action="view"
    )
    context = {
        "form": form,
        "page": page,
        "query": query_of(request),
        "breadcrumbs": [(_("사고·고충 신고"), None)],
    }
    return render(request, "placements/incidents.html", context)
