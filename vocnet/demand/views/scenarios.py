"""Scenario pages: the list, a new scenario (saved and planned at once), a plan with its
explanations, running it again, deleting it, and two to four side by side."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vocnet.core.errors import (
    DomainError,
    NotFound,
    ValidationFailed,
    permission_denied,
    reraise_refusal,
)
from vocnet.core.i18n import is_english
from vocnet.core.pagination import paginate
from vocnet.core.permissions import Action, actor_for, restrict
from vocnet.demand import selectors, services
from vocnet.demand.approval import ApprovalSummary, approval_pdf, approval_summary, approval_xlsx
from vocnet.demand.forms import RecommendationFilterForm, ScenarioForm, add_problems
from vocnet.demand.models import Scenario
from vocnet.demand.selectors.scenarios import scenario_office_choices
from vocnet.registry.models import NcsMiddle, Region, Role, School, SupportOffice
from vocnet.registry.reference import ncs_middle_english
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition

ACTIONS = ("convert", "grow", "shrink", "keep")
ACTION_LABELS = {
    "convert": gettext_lazy("전환"),
    "grow": gettext_lazy("증원"),
    "shrink": gettext_lazy("감원"),
    "keep": gettext_lazy("유지"),
    "changed": gettext_lazy("바뀌는 학과"),
}
PARAMETER_LABELS = {
    "total_change_percent": gettext_lazy("학교 총정원 변동 한도(±%)"),
    "department_min_percent": gettext_lazy("학과 최소 정원(현재 대비 %)"),
    "department_max_percent": gettext_lazy("학과 최대 정원(현재 대비 %)"),
    "department_change_percent": gettext_lazy("학과별 연간 변경 한도(현재 정원 대비 %)"),
    "max_changed_departments": gettext_lazy("학교별 연간 변경 학과 수"),
    "related_conversions_only": gettext_lazy("관련 분야로만 전환"),
    "unmet_weight": gettext_lazy("미충족 수요 가중치"),
    "surplus_weight": gettext_lazy("남는 졸업생 가중치"),
    "conversion_cost_same_major": gettext_lazy("전환 비용: 같은 대분류(백만원/명)"),
    "conversion_cost_other_major": gettext_lazy("전환 비용: 다른 대분류(백만원/명)"),
    "conversion_cost_weight": gettext_lazy("전환 비용 가중치(백만원당)"),
    "change_weight": gettext_lazy("정원 변경 가중치"),
    "labour_market_share": gettext_lazy("취업 희망 졸업생 비율"),
    "annual_retention": gettext_lazy("연간 재학 유지율"),
    "teacher_headroom_percent": gettext_lazy("교원 여유(%)"),
    "priority_fields": gettext_lazy("우선 분야"),
}


def _figures(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary per year (unmet and surplus are summed over the demand years)."""
    if not summary:
        return {}
    years = max(len(summary.get("years", [])), 1)
    return {
        "unmet_before": summary["unmet_before"] / years,
        "unmet": summary["unmet"] / years,
        "surplus_before": summary["surplus_before"] / years,
        "surplus": summary["surplus"] / years,
        "cost_won": summary["conversion_cost"] * 1_000_000,
        "objective": summary["objective"],
        "baseline": summary["baseline"],
        "counts": summary["counts"],
        "years": summary["years"],
        "first_year": summary["first_year"],
        "gap_percent": summary["mip_gap"] * 100,
        "seconds": summary["seconds"],
        "status": summary["status"],
    }


def _parameters(scenario: Scenario) -> list[tuple[Any, Any]]:
    values = scenario.parameters
    rows = []
    for key, label in PARAMETER_LABELS.items():
        value = values.get(key)
        if key == "priority_fields":
            value = ", ".join(f"{code}×{weight:g}" for code, weight in (value or {}).items()) or "—"
        rows.append((label, value))
    return rows


def _crumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("학과 개편 시나리오"), reverse("demand:scenarios")), *trail]


def _names() -> dict[str, Any]:
    english = is_english()
    fields_en = ncs_middle_english()
    return {
        "fields": {
            code: fields_en.get(code, name) if english else name
            for code, name in NcsMiddle.objects.values_list("code", "name_ko")
        },
        "regions": {
            code: (name_en or name_ko) if english else name_ko
            for code, name_ko, name_en in Region.objects.values_list(
                "sigungu_code", "name_ko", "name_en"
            )
        },
    }


@login_required
def scenario_list(request: HttpRequest) -> HttpResponse:
    scenarios = selectors.scenario_list(user=request.user)
    actor = actor_for(request.user)
    context = {
        "scenarios": scenarios,
        "can_create": selectors.can_plan(user=request.user),
        "is_school": bool(actor.organisations(Role.SCHOOL_STAFF)),
        "breadcrumbs": [(_("학과 개편 시나리오"), None)],
    }
    return render(request, "demand/scenarios.html", context)


@login_required
def scenario_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_plan(user=request.user):
        raise permission_denied()
    offices = scenario_office_choices(user=request.user)
    form = ScenarioForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            scenario = services.scenario_create(
                actor=request.user,
                data=services.ScenarioInput(
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    parameters=form.parameters(),
                    support_office_id=form.support_office_id(),
                ),
            )
        except ValidationFailed as error:
            add_problems(
                form,
                error.problems,
                {
                    **{f"parameters.{name}": name for name in ScenarioForm.PARAMETER_FIELDS},
                    "support_office_id": "support_office",
                },
            )
        except DomainError as error:
            reraise_refusal(error)
            form.add_error(None, error.localized)
        else:
            messages.success(request, _("시나리오를 저장하고 계획을 계산했습니다."))
            return redirect("demand:scenario", scenario.pk)
    own_office = None
    if offices is None:
        own_office = SupportOffice.objects.filter(
            pk__in=actor_for(request.user).support_office_ids
        ).first()
    context = {
        "form": form,
        "own_office": own_office,
        "breadcrumbs": _crumbs((_("새 시나리오"), None)),
    }
    return render(request, "demand/scenario_form.html", context)


@login_required
def scenario_detail(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    action = request.GET.get("action", "changed")
    recommendations = (scenario.result or {}).get("recommendations", [])
    if action in ACTIONS:
        shown = [r for r in recommendations if r["action"] == action]
    else:
        action = "changed"
        shown = [r for r in recommendations if r["action"] != "keep"]
    shown.sort(key=lambda r: (ACTIONS.index(r["action"]), r["school"], r["department"]))
    can_change = restrict(
        request.user, Scenario.objects.filter(pk=scenario.pk), Action.CHANGE
    ).exists()
    result = scenario.result or {}
    fields = sorted(result.get("fields", []), key=lambda f: -f["unmet_before"])[:25]
    context = {
        "scenario": scenario,
        "result": scenario.result,
        "figures": _figures(scenario.summary),
        "parameters": _parameters(scenario),
        "field_rows": fields,
        "action_labels": ACTION_LABELS,
        "recommendations": shown,
        "action": action,
        "actions": ACTIONS,
        "names": _names(),
        "english": is_english(),
        "can_change": can_change,
        "breadcrumbs": _crumbs((scenario.name, None)),
    }
    return render(request, "demand/scenario_detail.html", context)


@login_required
@require_POST
def scenario_run(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    try:
        services.scenario_run(actor=request.user, scenario=scenario)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
    else:
        messages.success(request, _("오늘의 자료로 다시 계산했습니다."))
    return redirect("demand:scenario", scenario.pk)


@login_required
@require_POST
def scenario_delete(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    try:
        services.scenario_delete(actor=request.user, scenario=scenario)
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error.localized)
        return redirect("demand:scenario", scenario.pk)
    messages.success(request, _("시나리오를 지웠습니다."))
    return redirect("demand:scenarios")


@login_required
def scenario_compare(request: HttpRequest) -> HttpResponse:
    ids = [int(value) for value in request.GET.getlist("ids") if value.isdigit()]
    try:
        comparison = selectors.scenario_compare(user=request.user, scenario_ids=ids)
    except ValidationFailed as error:
        messages.error(request, error.localized)
        return redirect("demand:scenarios")
    columns = [{"scenario": s, "figures": _figures(s.summary)} for s in comparison.scenarios]
    per_scenario = [_parameters(s) for s in comparison.scenarios]
    parameter_rows = [
        (label, [rows[index][1] for rows in per_scenario])
        for index, label in enumerate(PARAMETER_LABELS.values())
    ]
    context = {
        "comparison": comparison,
        "columns": columns,
        "parameter_rows": parameter_rows,
        "action_labels": ACTION_LABELS,
        "names": _names(),
        "english": is_english(),
        "breadcrumbs": _crumbs((_("시나리오 비교"), None)),
    }
    return render(request, "demand/scenario_compare.html", context)


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    """The department recommendations of saved scenarios: a school's own, with the sentence
    explaining each; every school's for the province and support offices."""
    actor = actor_for(request.user)
    planner = selectors.can_plan(user=request.user)
    own_schools = actor.organisations(Role.SCHOOL_STAFF)
    if not planner and not own_schools:
        raise permission_denied()
    schools = (
        School.objects.order_by("organisation__name_ko").values_list("pk", "organisation__name_ko")
        if planner
        else None
    )
    form = RecommendationFilterForm(request.GET or None, schools=schools)
    data = form.cleaned_data if form.is_valid() else {}
    action = data.get("action") or ""
    filters = selectors.RecommendationFilters(
        school=data.get("school") or None,
        action=action if action in ACTIONS else None,
    )
    recommendations = selectors.recommendation_list(user=request.user, filters=filters)
    if action == "changed":
        recommendations = recommendations.exclude(action="keep")
    page = paginate(request, recommendations)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "action_labels": ACTION_LABELS,
        "names": _names(),
        "english": is_english(),
        "planner": planner,
        # A scenario's address from one reversed prefix, not one reverse a row.
        "scenario_prefix": reverse("demand:scenario", args=[0])[: -len("0/")],
        "breadcrumbs": _crumbs((_("학과별 권고"), None)),
    }
    return render(request, "demand/recommendations.html", context)


def _approval(request: HttpRequest, scenario_id: int) -> ApprovalSummary:
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    if not scenario.result:
        raise NotFound(
            code="scenario_not_solved",
            message_ko="계산된 계획이 없어 결재용 요약을 만들 수 없습니다.",
            message_en="The scenario has no plan yet, so there is no summary to approve.",
        )
    return approval_summary(scenario)


@login_required
def scenario_approval_pdf(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The one-page summary for approval (결재용), as PDF."""
    summary = _approval(request, scenario_id)
    response = HttpResponse(approval_pdf(summary), content_type="application/pdf")
    day = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = content_disposition(
        f"vocnet-scenario-{scenario_id}-approval-{day}.pdf", f"학과개편_결재용요약_{day}.pdf"
    )
    return response


@login_required
def scenario_approval_xlsx(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The same summary as Excel, with every changed department."""
    summary = _approval(request, scenario_id)
    response = HttpResponse(approval_xlsx(summary), content_type=XLSX_CONTENT_TYPE)
    day = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = content_disposition(
        f"vocnet-scenario-{scenario_id}-approval-{day}.xlsx", f"학과개편_결재용요약_{day}.xlsx"
    )
    return response
