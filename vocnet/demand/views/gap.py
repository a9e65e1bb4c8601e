"""The gap analysis page and its drill-down: parse the filters, call a selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from vocnet.core.i18n import is_english, localized_name
from vocnet.core.pagination import paginate
from vocnet.demand import selectors
from vocnet.demand.forms import GapFilterForm
from vocnet.demand.views import gap_display as display
from vocnet.registry.geo import GRID_COLUMNS, GRID_ROWS


def _chart(analysis: selectors.GapAnalysis) -> dict[str, Any]:
    """The fields with the largest gaps either way (at most 20), for charts.js."""
    rows = sorted(analysis.by_field, key=lambda r: abs(r.figures.gap), reverse=True)[:20]
    rows.sort(key=lambda r: r.figures.gap)
    return {
        "labels": [f"{r.field.code} {localized_name(r.field)}" if r.field else "" for r in rows],
        "values": [round(r.figures.gap) for r in rows],
        "label": _("취업 희망 졸업생 − 수요(명, 음수는 부족)"),
        "unit": pgettext("chart unit", "명"),
    }


@login_required
def gap(request: HttpRequest) -> HttpResponse:
    filters = GapFilterForm.filters_of(request.GET)
    analysis = selectors.gap_analysis(user=request.user, filters=filters)
    form = GapFilterForm(
        initial={**analysis.filters.__dict__}, analysis=analysis, data=request.GET or None
    )
    query = request.GET.copy()
    query.pop("page", None)
    export_query = query.urlencode()
    page = paginate(request, analysis.rows)
    metric_query = query.copy()
    metric_query.pop("metric", None)
    past = analysis.past
    # Every figure of the tables formatted once here, not by a filter per cell.
    numbers = display.Numbers()
    past_rows = (
        display.past_rows(
            ((row, past.of(row.field.code if row.field else None)) for row in analysis.by_field),
            numbers,
        )
        if past is not None and past.years
        else []
    )
    context = {
        "analysis": analysis,
        "past_rows": past_rows,
        "past_totals_cells": (
            display.counts_cells(past.totals, numbers) if past_rows and past is not None else ""
        ),
        "table_rows": display.table_rows(page.object_list, numbers),
        "table_by_area": analysis.filters.group_by != "field",
        "table_by_consortium": analysis.filters.group_by == "consortium",
        "tiles": display.tile_cells(
            analysis.tiles, analysis.year, analysis.filters.metric, numbers
        ),
        "shortages": display.ranking_rows(analysis.shortages, "shortage", numbers),
        "surpluses": display.ranking_rows(analysis.surpluses, "surplus", numbers),
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "metric_query": metric_query.urlencode(),
        "export_url": reverse("api:export_gap") + (f"?{export_query}" if export_query else ""),
        "grid_columns": GRID_COLUMNS,
        "grid_rows": GRID_ROWS,
        "chart": _chart(analysis),
        "english": is_english(),
        "breadcrumbs": [(_("인력 수급"), None)],
    }
    if getattr(request, "htmx", False):
        return render(request, "demand/partials/gap_table.html", context)
    return render(request, "demand/gap.html", context)


@login_required
def drilldown(request: HttpRequest) -> HttpResponse:
    filters = GapFilterForm.filters_of(request.GET)
    data = selectors.gap_drilldown(user=request.user, filters=filters)
    context = {
        "data": data,
        "english": is_english(),
        "breadcrumbs": [(_("인력 수급"), reverse("demand:gap")), (_("근거 자료"), None)],
    }
    return render(request, "demand/drilldown.html", context)
