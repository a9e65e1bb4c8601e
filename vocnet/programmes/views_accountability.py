"""Accountability pages: the public yearly performance report (no login) and its PDF, and
the POST actions on a designation's page — compute the KPIs, enter a KPI with evidence,
publish the report, record an evaluation. Thin, as in ``views_grants``: lenient parsing, one
service through ``act``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vocnet.core.views import act
from vocnet.programmes import selectors_accountability as selectors
from vocnet.programmes import selectors_grants
from vocnet.programmes.report_pdf import report_pdf
from vocnet.programmes.services import accountability as services
from vocnet.programmes.views_grants import form_int
from vocnet.spreadsheets.exporting import content_disposition


def report_public(request: HttpRequest, designation_id: int, year: int) -> HttpResponse:
    public = selectors.published_report(designation_id, year)
    return render(
        request,
        "programmes/report_public.html",
        {"public": public, "breadcrumbs": [(_("연간 성과 공개"), None)]},
    )


def report_download(request: HttpRequest, designation_id: int, year: int) -> HttpResponse:
    public = selectors.published_report(designation_id, year)
    response = HttpResponse(report_pdf(public), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"performance-report-{designation_id}-{year}.pdf", f"{public.school}-{year}-성과공개.pdf"
    )
    return response


def _optional_int(value: str | None) -> int | None:
    return None if not (value or "").strip() else form_int(value)


@login_required
@require_POST
def kpis_compute(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = selectors_grants.designation_detail(request.user, designation_id)
    return act(
        request,
        lambda: services.kpis_compute(
            actor=request.user, designation=designation, year=form_int(request.POST.get("year"))
        ),
        _("성과지표를 산출했습니다."),
        "programmes:designation",
        designation.pk,
    )


@login_required
@require_POST
def kpi_enter(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = selectors_grants.designation_detail(request.user, designation_id)
    return act(
        request,
        lambda: services.kpi_enter(
            actor=request.user,
            designation=designation,
            code=request.POST.get("code", ""),
            year=form_int(request.POST.get("year")),
            value=request.POST.get("value", ""),
            numerator=_optional_int(request.POST.get("numerator")),
            denominator=_optional_int(request.POST.get("denominator")),
            note=request.POST.get("note", ""),
            evidence=request.FILES.get("evidence"),
        ),
        _("성과지표를 입력했습니다."),
        "programmes:designation",
        designation.pk,
    )


@login_required
@require_POST
def report_publish(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = selectors_grants.designation_detail(request.user, designation_id)
    return act(
        request,
        lambda: services.report_publish(
            actor=request.user,
            designation=designation,
            year=form_int(request.POST.get("year")),
            summary=request.POST.get("summary", ""),
        ),
        _("성과를 공개했습니다."),
        "programmes:designation",
        designation.pk,
    )


@login_required
@require_POST
def evaluation_record(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = selectors_grants.designation_detail(request.user, designation_id)
    totals = [t for t in request.POST.get("panel_totals", "").replace(",", " ").split() if t]
    return act(
        request,
        lambda: services.evaluation_record(
            actor=request.user,
            designation=designation,
            kind=request.POST.get("kind", ""),
            panel_totals=totals,
            outcome=request.POST.get("outcome", ""),
            reasons=request.POST.get("reasons", ""),
            conditions=request.POST.get("conditions", ""),
            aggregation=request.POST.get("aggregation", "trimmed_mean"),
        ),
        _("평가 결과를 기록했습니다."),
        "programmes:designation",
        designation.pk,
    )
