"""Home pages and the province overview: render read models, nothing else."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from vocnet.core.i18n import localized_name
from vocnet.core.pagecache import cache_page_per_user, cached_fragment
from vocnet.core.permissions import actor_for
from vocnet.pathways import rules as pathway_rules
from vocnet.pathways import selectors as pathway_selectors
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import record_personal_data_access
from vocnet.registry.geo import GRID_COLUMNS, GRID_ROWS
from vocnet.reports import overview as overview_selectors
from vocnet.reports import selectors
from vocnet.reports.local import local_region_page
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition, export_xlsx


@login_required
def home(request: HttpRequest) -> HttpResponse:
    home = selectors.home_for(request.user)
    # A student's or guardian's home shows student records: views in the access log.
    record_personal_data_access(request=request, subjects=home.students, action=AccessAction.VIEW)
    return render(request, "reports/home.html", {"home": home})


@login_required
@cache_page_per_user("overview")
def overview(request: HttpRequest) -> HttpResponse:
    def render_content() -> str:
        data = overview_selectors.province_overview(
            user=request.user, metric=request.GET.get("metric", "students")
        )
        context = {
            "overview": data,
            "rows": overview_selectors.region_rows(data),
            "metrics": overview_selectors.METRICS,
            "metric_units": overview_selectors.METRIC_UNITS,
            "grid_columns": GRID_COLUMNS,
            "grid_rows": GRID_ROWS,
            "chart": {
                "labels": [f"{item.code} {localized_name(item)}" for item in data.by_field],
                "values": [item.students for item in data.by_field],
                "label": str(_("재학생 수(명)")),
                "unit": str(pgettext("chart unit", "명")),
            },
        }
        # Without the request: the fragment reads none of the context processors' values, and
        # the page around it runs them once already (navigation, unread notifications).
        return render_to_string("reports/partials/overview_content.html", context)

    content = cached_fragment(
        name="overview", request=request, actor=actor_for(request.user), render=render_content
    )
    context = {"content": content, "breadcrumbs": [(_("도 현황"), None)]}
    return render(request, "reports/overview.html", context)


@login_required
def region(request: HttpRequest, sigungu_code: str) -> HttpResponse:
    region = overview_selectors.region_by_code(user=request.user, sigungu_code=sigungu_code)
    detail = overview_selectors.area_detail(user=request.user, region_ids=[region.pk])
    context = {
        "title": localized_name(region),
        "region": region,
        "office": region.support_office,
        "detail": detail,
        "metrics_labels": overview_selectors.METRICS,
        "metric_units": overview_selectors.METRIC_UNITS,
        "directory_query": f"region={region.sigungu_code}",
        "breadcrumbs": [
            (_("도 현황"), reverse("reports:overview")),
            (
                localized_name(region.support_office),
                reverse("reports:support_office", args=[region.support_office_id]),
            ),
            (localized_name(region), None),
        ],
    }
    return render(request, "reports/area.html", context)


@login_required
def support_office(request: HttpRequest, office_id: int) -> HttpResponse:
    office, region_ids = overview_selectors.support_office_regions(
        user=request.user, office_id=office_id
    )
    detail = overview_selectors.area_detail(user=request.user, region_ids=region_ids)
    context = {
        "title": localized_name(office),
        "office": office,
        "detail": detail,
        "metrics_labels": overview_selectors.METRICS,
        "metric_units": overview_selectors.METRIC_UNITS,
        "directory_query": f"support_office={office.pk}",
        "breadcrumbs": [
            (_("도 현황"), reverse("reports:overview")),
            (localized_name(office), None),
        ],
    }
    return render(request, "reports/area.html", context)


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    """The overview's region table as an Excel file (the same figures as the page)."""
    data = overview_selectors.province_overview(user=request.user)
    content = export_xlsx(
        overview_selectors.REGION_EXPORT_COLUMNS,
        data.regions,
        sheet_title="시군별 현황",
        title="경기도 직업교육 시·군별 현황"
        + (
            " — 합성(데모) 데이터 포함: 뒤쪽 '합성 …' 열이 각 수치 가운데 합성 몫"
            if data.has_synthetic
            else ""
        ),
    )
    day = timezone.localdate().strftime("%Y%m%d")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        f"vocnet-regions-{day}.xlsx", f"시군별_현황_{day}.xlsx"
    )
    return response


@login_required
def local_region(request: HttpRequest) -> HttpResponse:
    """A local government's region page (issue 18 §5): counts only, no student's name."""
    page = local_region_page(user=request.user, sigungu_code=request.GET.get("region") or None)
    context = {
        "page": page,
        "gap_url": reverse("demand:gap") + f"?region={page.region.sigungu_code}",
        "breadcrumbs": [(_("지역 현황(지자체)"), None)],
    }
    return render(request, "reports/local_region.html", context)


OPEN_TITLES: dict[str, Any] = {
    "year": gettext_lazy("졸업 연도별"),
    "region": gettext_lazy("지역(시군)별"),
    "field": gettext_lazy("NCS 분야별"),
    "programme": gettext_lazy("사업 지정 여부별"),
}


def open_pathways(request: HttpRequest, dimension: str = "year") -> HttpResponse:
    """Open data (issue 18 §6): the pathway indicators without login, suppressed, with the
    data dictionary, the definitions and the licence; one stable URL per table."""
    if dimension not in pathway_selectors.OPEN_DIMENSIONS:
        raise Http404
    table = pathway_selectors.open_indicator_table(dimension=dimension)
    context = {
        "table": table,
        "dimension": dimension,
        "tables": [
            (key, OPEN_TITLES[key], reverse("reports:open_pathways_table", args=[key]))
            for key in pathway_selectors.OPEN_DIMENSIONS
        ],
        "json_url": reverse("api:open_pathways", args=[dimension]),
        "csv_url": reverse("api:open_pathways_csv", args=[dimension]),
        "dictionary": pathway_selectors.DATA_DICTIONARY,
        "definitions": (*pathway_rules.DEFINITIONS, pathway_rules.SUPPRESSION),
        "licence_ko": pathway_selectors.LICENCE_KO,
        "licence_en": pathway_selectors.LICENCE_EN,
        "licence_url": pathway_selectors.LICENCE_URL,
    }
    return render(request, "reports/open_pathways.html", context)
