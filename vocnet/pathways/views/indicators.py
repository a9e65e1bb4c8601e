"""The indicator page: the pathway indicators by school, department, NCS field, region,
programme or year, with a chart, the definitions and their sources, and the Excel export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vocnet.pathways import rules, selectors
from vocnet.pathways.exporting import indicators_xlsx
from vocnet.pathways.forms import IndicatorFilterForm
from vocnet.pathways.models import latest_graduation_year
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition

YEARS_SHOWN = 6
# The page lists the largest groups; the export has them all (620 departments of the province
# would make a page no one reads and cost 300 ms of rendering).
PAGE_LINES = 100


def _table(request: HttpRequest) -> tuple[IndicatorFilterForm, selectors.IndicatorTable]:
    selectors.require_viewer(user=request.user)
    last = latest_graduation_year(timezone.localdate())
    form = IndicatorFilterForm(request.GET or None, years=range(last, last - YEARS_SHOWN, -1))
    values = form.values()
    table = selectors.indicator_table(
        user=request.user,
        dimension=values.pop("dimension"),
        filters=selectors.IndicatorFilters(**values),
    )
    return form, table


def chart_data(table: selectors.IndicatorTable) -> dict[str, Any]:
    """The 취업률 per group for the bar chart (suppressed or empty groups left out)."""
    english = (get_language() or "ko").startswith("en")
    lines = [line for line in table.lines if isinstance(line.shown.employment_rate, float)][:20]
    return {
        "labels": [line.name_en if english else line.name_ko for line in lines],
        "values": [line.shown.employment_rate for line in lines],
        "label": _("취업률(%)"),
        "unit": "%",
    }


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    form, table = _table(request)
    query = request.GET.urlencode()
    context = {
        "form": form,
        "table": table,
        "lines": table.lines[:PAGE_LINES],
        "more_lines": max(0, len(table.lines) - PAGE_LINES),
        "chart": chart_data(table),
        "definitions": (*rules.DEFINITIONS, rules.SUPPRESSION),
        "export_url": reverse("pathways:indicators_export") + (f"?{query}" if query else ""),
        "breadcrumbs": [
            (_("졸업생 진로"), reverse("pathways:destinations")),
            (_("진로 지표"), None),
        ],
    }
    return render(request, "pathways/indicators.html", context)


@login_required
def indicators_export(request: HttpRequest) -> HttpResponse:
    _form, table = _table(request)
    response = HttpResponse(indicators_xlsx(table), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        "vocnet-pathway-indicators.xlsx", "졸업생_진로_지표.xlsx"
    )
    return response
