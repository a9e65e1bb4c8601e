"""Designation and grant pages: the designations, one designation, one grant's ledger with
its forms (disbursement and settlement for the officers, spending with evidence for the
school), the province's execution dashboard and its Excel export.

Thin: parse the form leniently (a missing or malformed value becomes one the service refuses
with a bilingual problem naming the field), call one service through ``act`` or one
selector, render. The service checks permission before the input, so a refused user is
refused whatever they post.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.errors import not_found
from vocnet.core.pagination import paginate
from vocnet.core.permissions import Action, get_visible, restrict
from vocnet.core.views import act
from vocnet.programmes import selectors_accountability as accountability
from vocnet.programmes import selectors_grants as selectors
from vocnet.programmes.exporting import execution_xlsx_response
from vocnet.programmes.models import (
    BudgetCategory,
    Call,
    Decision,
    EvaluationKind,
    EvaluationOutcome,
    FundingSource,
    KpiDefinition,
    KpiMethod,
    Outcome,
)
from vocnet.programmes.selectors_events import events_of_designation
from vocnet.programmes.services import grants as services
from vocnet.registry.models import DesignationRole


def form_int(value: str | None) -> int:
    """A whole number from a form, or -1 (which every amount rule refuses)."""
    try:
        return int((value or "").replace(",", "").strip())
    except ValueError:
        return -1


def form_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _trail(*items: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("지정·사업비"), reverse("programmes:designations")), *items]


@login_required
def designation_list(request: HttpRequest) -> HttpResponse:
    designations = selectors.designations_visible(request.user)
    pending = (
        restrict(
            request.user,
            Decision.objects.filter(
                outcome__in=(Outcome.SELECTED, Outcome.PILOT), designation__isnull=True
            ).select_related("call", "application__lead_organisation"),
            Action.VIEW,
        )
        .filter(call__in=restrict(request.user, Call.objects.all(), Action.CHANGE))
        .order_by("call", "application__lead_organisation__name_ko")
    )
    return render(
        request,
        "programmes/designation_list.html",
        {
            "page": paginate(request, designations),
            "pending": pending,
            "roles": DesignationRole.choices,
            "breadcrumbs": [(_("지정·사업비"), None)],
        },
    )


@login_required
@require_POST
def designate(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = get_visible(
        request.user, Decision.objects.select_related("call"), decision_id, ("결정", "Decision")
    )
    return act(
        request,
        lambda: services.designation_create(
            actor=request.user,
            decision=decision,
            role=request.POST.get("role", ""),
            cohort=form_int(request.POST.get("cohort")),
        ),
        _("지정했습니다."),
        "programmes:designations",
    )


@login_required
def designation_detail(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = selectors.designation_detail(request.user, designation_id)
    grants = restrict(request.user, designation.grants.all())
    school = designation.school_designation.school.organisation.name_ko
    return render(
        request,
        "programmes/designation_detail.html",
        {
            "designation": designation,
            "grants": grants,
            "kpi_results": accountability.kpi_results(request.user, designation),
            "reports": accountability.reports(request.user, designation),
            "evaluations": accountability.evaluations(request.user, designation),
            "entered_kpis": KpiDefinition.objects.filter(
                programme=designation.programme, method=KpiMethod.ENTERED
            ),
            "events": events_of_designation(request.user, designation),
            "evaluation_kinds": EvaluationKind.choices,
            "outcomes": EvaluationOutcome.choices,
            "sources": FundingSource.choices,
            "categories": BudgetCategory.choices,
            "breadcrumbs": _trail((school, None)),
        },
    )


@login_required
@require_POST
def grant_open(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = selectors.designation_detail(request.user, designation_id)
    plan = [
        services.PlanLineInput(
            source, category, form_int(request.POST.get(f"plan_{source}_{category}"))
        )
        for source in FundingSource.values
        for category in BudgetCategory.values
        if request.POST.get(f"plan_{source}_{category}", "").strip()
    ]
    return act(
        request,
        lambda: services.grant_open(
            actor=request.user,
            designation=designation,
            fiscal_year=form_int(request.POST.get("fiscal_year")),
            plan=plan,
        ),
        _("사업비 계획을 등록했습니다."),
        "programmes:designation",
        designation.pk,
    )


@login_required
def grant_detail(request: HttpRequest, grant_id: int) -> HttpResponse:
    ledger = selectors.grant_ledger(request.user, grant_id)
    designation = ledger.grant.designation
    school = designation.school_designation.school.organisation.name_ko
    return render(
        request,
        "programmes/grant_detail.html",
        {
            "ledger": ledger,
            "grant": ledger.grant,
            "sources": FundingSource.choices,
            "categories": BudgetCategory.choices,
            "breadcrumbs": _trail(
                (school, reverse("programmes:designation", args=[designation.pk])),
                (_("%(year)s년 사업비") % {"year": ledger.grant.fiscal_year}, None),
            ),
        },
    )


@login_required
@require_POST
def grant_disburse(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = selectors.grant_detail(request.user, grant_id)
    return act(
        request,
        lambda: services.disbursement_record(
            actor=request.user,
            grant=grant,
            source=request.POST.get("source", ""),
            disbursed_on=form_date(request.POST.get("disbursed_on")),
            amount_krw=form_int(request.POST.get("amount_krw")),
            note=request.POST.get("note", ""),
        ),
        _("교부를 기록했습니다."),
        "programmes:grant",
        grant.pk,
    )


@login_required
@require_POST
def grant_spend(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = selectors.grant_detail(request.user, grant_id)
    return act(
        request,
        lambda: services.spending_record(
            actor=request.user,
            grant=grant,
            data=services.SpendingInput(
                source=request.POST.get("source", ""),
                category=request.POST.get("category", ""),
                spent_on=form_date(request.POST.get("spent_on")),
                amount_krw=form_int(request.POST.get("amount_krw")),
                description=request.POST.get("description", ""),
            ),
            evidence=request.FILES.get("evidence"),
        ),
        _("집행을 기록했습니다."),
        "programmes:grant",
        grant.pk,
    )


@login_required
@require_POST
def grant_settle(request: HttpRequest, grant_id: int) -> HttpResponse:
    grant = selectors.grant_detail(request.user, grant_id)
    return act(
        request,
        lambda: services.settlement_record(
            actor=request.user,
            grant=grant,
            source=request.POST.get("source", ""),
            returned_krw=form_int(request.POST.get("returned_krw")),
            carried_over_krw=form_int(request.POST.get("carried_over_krw")),
            settled_on=form_date(request.POST.get("settled_on")),
            note=request.POST.get("note", ""),
        ),
        _("정산을 기록했습니다."),
        "programmes:grant",
        grant.pk,
    )


@login_required
def spending_evidence(request: HttpRequest, spending_id: int) -> HttpResponseBase:
    spending = selectors.spending_evidence(request.user, spending_id)
    if not spending.evidence:
        raise not_found("증빙 파일", "Evidence file")
    return FileResponse(
        spending.evidence.open("rb"), as_attachment=True, filename=spending.evidence_name
    )


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and len(value) == 4 else None


@login_required
def execution(request: HttpRequest) -> HttpResponse:
    dashboard = selectors.execution_dashboard(request.user, _year(request))
    return render(
        request,
        "programmes/execution.html",
        {
            "dashboard": dashboard,
            "chart": dashboard.chart,
            "breadcrumbs": _trail((_("사업비 집행 현황"), None)),
        },
    )


@login_required
def execution_export(request: HttpRequest) -> HttpResponse:
    return execution_xlsx_response(selectors.execution_dashboard(request.user, _year(request)))
