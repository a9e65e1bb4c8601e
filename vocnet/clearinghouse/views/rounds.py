"""Round pages: the list, a new round, a round with its run (statistics, rank distribution,
unfilled seats, stability proof, hash, seed, engine version) and its actions, the follow-up
round, and the results with their Excel export. Each POST calls one service and redirects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from vocnet.clearinghouse import exporting, selectors, services
from vocnet.clearinghouse.forms import (
    ActionReasonForm,
    ExportReasonForm,
    FollowUpForm,
    ResultFilterForm,
    RoundForm,
    add_problems,
    local_default,
)
from vocnet.clearinghouse.models import RoundStatus
from vocnet.core.errors import DomainError, ValidationFailed, permission_denied, reraise_refusal
from vocnet.core.i18n import is_english
from vocnet.core.pagination import paginate
from vocnet.privacy.services import record_personal_data_access, subjects_of
from vocnet.registry.models import Student
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition

FIELD_NAMES = {"support_office_id": "support_office"}


def crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("현장실습 매칭"), reverse("clearinghouse:rounds")), *trail]


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    context = {
        "rounds": selectors.round_list(user=request.user),
        "can_create": selectors.can_create_round(user=request.user),
        "breadcrumbs": [(_("현장실습 매칭"), None)],
    }
    return render(request, "clearinghouse/rounds.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_create_round(user=request.user):
        raise permission_denied()
    initial = {"preference_deadline": local_default(14), "ranking_deadline": local_default(21)}
    form = RoundForm(
        request.POST or None,
        initial=initial,
        offices=selectors.creatable_offices(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement_round = services.round_create(
                actor=request.user,
                data=services.RoundInput(
                    name=data["name"],
                    support_office_id=form.office_id(),
                    preference_deadline=data["preference_deadline"],
                    ranking_deadline=data["ranking_deadline"],
                    max_choices=data["max_choices"],
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems, FIELD_NAMES)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("매칭 차수를 만들었습니다. 준비가 되면 접수를 시작하세요."))
            return redirect("clearinghouse:round", placement_round.pk)
    context = {"form": form, "breadcrumbs": crumbs((_("새 매칭 차수"), None))}
    return render(request, "clearinghouse/round_form.html", context)


@login_required
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    # A run whose worker is gone (lease expired) is failed first, with its reason shown below.
    services.runs_expire_stale(round_id=round_id)
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    run = selectors.current_run(user=request.user, placement_round=placement_round)
    operator = selectors.can_operate(user=request.user)
    context = {
        "round": placement_round,
        "run": run,
        "counts": selectors.round_counts(placement_round) if operator else None,
        "distribution": selectors.rank_distribution(run) if run and run.statistics else [],
        "matched_percent": 100 * ((run.statistics or {}).get("matched_share") or 0) if run else 0,
        "unfilled": selectors.unfilled_offers(run) if run and run.statistics else [],
        "runs": selectors.run_list(user=request.user, placement_round=placement_round)
        if operator
        else [],
        "can_change": selectors.can_change_round(
            user=request.user, placement_round=placement_round
        ),
        "school_ids": selectors.staff_school_ids(user=request.user),
        "has_offers": bool(
            selectors.company_offers(user=request.user, placement_round=placement_round)
        ),
        "has_students": bool(selectors.my_students(user=request.user)),
        "statuses": RoundStatus,
        "english": is_english(),
        "breadcrumbs": crumbs((placement_round.name, None)),
    }
    return render(request, "clearinghouse/round_detail.html", context)


@dataclass(frozen=True)
class RoundAction:
    """One button of the round page: its service, its confirmation wording, and whether (and
    under which form field) it may need a reason."""

    service: Any
    title: Any
    explanation: Any
    done: Any
    source: RoundStatus
    reason_field: str | None = None


ACTIONS: dict[str, RoundAction] = {
    "open": RoundAction(
        services.round_open,
        gettext_lazy("접수 시작"),
        gettext_lazy(
            "학생과 학교가 지망을 내기 시작합니다. 시작한 뒤에는 최대 지망 수를 바꿀 수 없습니다."
        ),
        gettext_lazy("접수를 시작했습니다."),
        RoundStatus.DRAFT,
    ),
    "close": RoundAction(
        services.round_close_preferences,
        gettext_lazy("학생 지망 마감"),
        gettext_lazy("학생은 더 이상 지망을 내거나 바꿀 수 없습니다."),
        gettext_lazy("학생 지망을 마감했습니다."),
        RoundStatus.OPEN,
        reason_field="reason",
    ),
    "run": RoundAction(
        services.round_start_run,
        gettext_lazy("매칭 실행"),
        gettext_lazy("지금 낸 지망과 순위로 매칭을 계산합니다. 차수당 한 번만 실행합니다."),
        gettext_lazy("매칭을 실행 대기열에 넣었습니다. 작업이 끝나면 이 쪽에 결과가 나옵니다."),
        RoundStatus.CLOSED,
        reason_field="override_reason",
    ),
    "publish": RoundAction(
        services.round_publish,
        gettext_lazy("결과 공개(현장실습 배치 만들기)"),
        gettext_lazy(
            "학생·보호자·학교·기업에게 결과가 보이고 현장실습 배치가 만들어집니다. "
            "되돌릴 수 없습니다."
        ),
        gettext_lazy("결과를 공개하고 현장실습 배치를 만들었습니다."),
        RoundStatus.MATCHED,
    ),
}


def _needs_reason(action: str, placement_round: Any) -> bool:
    now = timezone.now()
    if action == "close":
        return bool(now < placement_round.preference_deadline)
    if action == "run":
        return bool(now < placement_round.ranking_deadline)
    return False


@login_required
@require_http_methods(["GET", "POST"])
def round_action(request: HttpRequest, round_id: int, action: str) -> HttpResponse:
    """GET: the confirmation step of one button (what happens, the run's pre-checks, and a
    reason field when the action comes before a published deadline). POST with ``confirm``:
    the service; a POST without it goes back to the confirmation."""
    services.runs_expire_stale(round_id=round_id)
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    # A refusal is the 403 page for GET and POST alike (the page matrix's rule).
    if action not in ACTIONS or not selectors.can_change_round(
        user=request.user, placement_round=placement_round
    ):
        raise permission_denied()
    step = ACTIONS[action]
    form = ActionReasonForm(request.POST or None)
    if request.method == "POST" and request.POST.get("confirm") and form.is_valid():
        arguments: dict[str, Any] = {"actor": request.user, "placement_round": placement_round}
        if step.reason_field:
            arguments[step.reason_field] = form.cleaned_data["reason"]
        try:
            step.service(**arguments)
        except ValidationFailed as error:
            add_problems(form, error.problems, {step.reason_field or "reason": "reason"})
        except DomainError as error:
            reraise_refusal(error)
            messages.error(request, error.localized)
            return redirect("clearinghouse:round", placement_round.pk)
        else:
            messages.success(request, str(step.done))
            return redirect("clearinghouse:round", placement_round.pk)
    prechecks = selectors.run_prechecks(placement_round) if action == "run" else None
    context = {
        "round": placement_round,
        "action": action,
        "step": step,
        "form": form,
        "needs_reason": _needs_reason(action, placement_round)
        or bool(prechecks and prechecks.nothing_new),
        "prechecks": prechecks,
        "in_state": placement_round.status == step.source,
        "breadcrumbs": crumbs(
            (placement_round.name, reverse("clearinghouse:round", args=[placement_round.pk])),
            (step.title, None),
        ),
    }
    return render(request, "clearinghouse/round_confirm.html", context)


@login_required
@require_http_methods(["GET"])
def run_status(request: HttpRequest, round_id: int) -> HttpResponse:
    """The run's status as a fragment, polled by htmx while the run is queued or running."""
    services.runs_expire_stale(round_id=round_id)
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    if not selectors.can_operate(user=request.user):
        raise permission_denied()
    run = selectors.current_run(user=request.user, placement_round=placement_round)
    context = {"round": placement_round, "run": run, "statuses": RoundStatus}
    response = render(request, "clearinghouse/partials/run_status.html", context)
    if placement_round.status != RoundStatus.RUNNING and getattr(request, "htmx", False):
        # The run is over: reload the whole page so its figures and proof show.
        response["HX-Refresh"] = "true"
    return response


@login_required
def follow_up_create(request: HttpRequest, round_id: int) -> HttpResponse:
    parent = selectors.round_get(user=request.user, round_id=round_id)
    if not selectors.can_change_round(user=request.user, placement_round=parent):
        raise permission_denied()
    initial = {
        "name": _("%(name)s 추가 모집") % {"name": parent.name},
        "preference_deadline": local_default(7),
        "ranking_deadline": local_default(10),
    }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            follow_up = services.round_create_follow_up(
                actor=request.user,
                placement_round=parent,
                data=services.FollowUpInput(
                    data["name"], data["preference_deadline"], data["ranking_deadline"]
                ),
            )
        except ValidationFailed as error:
            add_problems(form, error.problems)
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("추가 모집 차수를 만들었습니다."))
            return redirect("clearinghouse:round", follow_up.pk)
    context = {
        "form": form,
        "parent": parent,
        "breadcrumbs": crumbs(
            (parent.name, reverse("clearinghouse:round", args=[parent.pk])),
            (_("추가 모집"), None),
        ),
    }
    return render(request, "clearinghouse/follow_up_form.html", context)


def _results_query(request: HttpRequest) -> tuple[ResultFilterForm, Any, str]:
    form = ResultFilterForm(request.GET or None)
    school = request.GET.get("school")
    offer = request.GET.get("offer")
    filters = form.to_filters(
        school=int(school) if school and school.isdigit() else None,
        offer=int(offer) if offer and offer.isdigit() else None,
    )
    query = request.GET.copy()
    for key in ("page", "reason"):
        query.pop(key, None)
    return form, filters, query.urlencode()


@login_required
def results(request: HttpRequest, round_id: int) -> HttpResponse:
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    form, filters, query = _results_query(request)
    rows = selectors.outcome_list(
        user=request.user, placement_round=placement_round, filters=filters
    )
    page = paginate(request, rows)
    record_personal_data_access(
        request=request, subjects=[outcome.student for outcome in page], action="view"
    )
    context = {
        "round": placement_round,
        "form": form,
        "page": page,
        "query": query,
        "export_form": ExportReasonForm(),
        "breadcrumbs": crumbs(
            (placement_round.name, reverse("clearinghouse:round", args=[placement_round.pk])),
            (_("매칭 결과"), None),
        ),
    }
    if getattr(request, "htmx", False):
        return render(request, "clearinghouse/partials/result_table.html", context)
    return render(request, "clearinghouse/results.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def results_export(request: HttpRequest, round_id: int) -> HttpResponse:
    """The results with the page's filters as Excel: a GET shows the form asking for the
    reason, its POST (CSRF-protected; it writes the access log) sends the file."""
    placement_round = selectors.round_get(user=request.user, round_id=round_id)
    filters, query = _results_query(request)[1:]
    reason_form = ExportReasonForm(request.POST if request.method == "POST" else None)
    if reason_form.is_bound and reason_form.is_valid():
        rows = selectors.outcome_list(
            user=request.user, placement_round=placement_round, filters=filters
        )
        try:
            record_personal_data_access(
                request=request,
                subjects=subjects_of(Student.objects.filter(pk__in=rows.values("student_id"))),
                action="export",
                reason=reason_form.cleaned_data["reason"],
            )
        except ValidationFailed as error:
            add_problems(reason_form, error.problems)
        else:
            response = HttpResponse(
                exporting.export_results(placement_round, rows, filters),
                content_type=XLSX_CONTENT_TYPE,
            )
            response["Content-Disposition"] = content_disposition(
                *exporting.export_names(placement_round)
            )
            return response
    context = {
        "round": placement_round,
        "export_form": reason_form,
        "query": query,
        "breadcrumbs": crumbs(
            (placement_round.name, reverse("clearinghouse:round", args=[placement_round.pk])),
            (_("결과 내려받기"), None),
        ),
    }
    return render(request, "clearinghouse/results_export.html", context)
