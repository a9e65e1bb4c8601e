"""The reading pages: the list with filters, the detail, a version, the audit trail and the
province dashboard. Parse the query, call a selector, render."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.agreements import selectors
from vocnet.agreements.forms import AgreementFilterForm, AmendForm, TerminateForm
from vocnet.agreements.fulfilment import agreement_years
from vocnet.agreements.models import Agreement, Pillar
from vocnet.agreements.templatetags.agreement_tags import percent
from vocnet.core.http import HtmxHttpRequest
from vocnet.core.pagination import paginate


def breadcrumbs(*trail: tuple[Any, str | None]) -> list[tuple[Any, str | None]]:
    return [(_("협약"), reverse("agreements:list")), *trail]


@dataclass(frozen=True)
class ListRow:
    """One line of the list, its cells formatted once here rather than by a filter and an
    include per cell (the template still escapes them)."""

    url: str
    title: str
    kind: str
    status: str
    status_label: str
    is_synthetic: bool
    period: str
    parties: str
    percent: str
    behind: int


# What the list shows of an agreement, and what its progress and parties are read from.
LIST_FIELDS = (
    "title",
    "kind__name_ko",
    "kind__name_en",
    "start_date",
    "end_date",
    "status",
    "closed_at",
    "is_synthetic",
    "current_version",
    "in_force_version",
)


def _list_rows(shown: list[Agreement], today: date) -> list[ListRow]:
    progress = selectors.overall_progress_for(shown, today)
    parties = selectors.party_names(shown)
    # One reverse for the whole page: the detail address differs only by the id.
    marker = 2_147_483_647
    detail = reverse("agreements:detail", args=[marker]).split(str(marker))
    return [
        ListRow(
            url=f"{detail[0]}{a.pk}{detail[1]}",
            title=a.title,
            kind=a.kind.display_name,
            status=a.status,
            status_label=str(a.get_status_display()),
            is_synthetic=a.is_synthetic,
            period=f"{a.start_date.isoformat()} ~ {a.end_date.isoformat()}",
            parties=", ".join(parties.get(a.pk, [])),
            percent=percent(overall),
            behind=overall.behind if overall is not None else 0,
        )
        for a in shown
        for overall in (progress.get(a.pk),)
    ]


@login_required
def agreement_list(request: HtmxHttpRequest) -> HttpResponse:
    form = AgreementFilterForm(request.GET or None)
    filters = form.to_filters()
    # Only what the lines show and what their progress and parties are read from: no lead
    # organisation, no version rows (their signed terms least of all).
    agreements = (
        selectors.agreement_list(user=request.user, filters=filters)
        .select_related(None)
        .select_related("kind")
        .only(*LIST_FIELDS)
    )
    page = paginate(request, agreements)
    rows = _list_rows(list(page.object_list), timezone.localdate())
    query = request.GET.copy()
    query.pop("page", None)
    export_query = query.copy()
    export_query.pop("per_page", None)
    suffix = f"?{export_query.urlencode()}" if export_query else ""
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query.urlencode(),
        "exports": {
            "commitments": reverse("api:export_commitments") + suffix,
            "deliveries": reverse("api:export_deliveries") + suffix,
        },
        "can_start": selectors.can_start_agreement(user=request.user),
        "breadcrumbs": [(_("협약"), None)],
    }
    template = "agreements/partials/list_results.html" if request.htmx else "agreements/list.html"
    return render(request, template, context)


def _chart(progress: Any) -> dict[str, Any] | None:
    if progress is None:
        return None
    labels = dict(Pillar.choices)
    groups = list(progress.by_pillar.values())
    return {
        "labels": [str(labels[g.key]) for g in groups],
        "values": [float(g.percent) if g.percent is not None else 0 for g in groups],
        "label": _("현재까지 목표 대비 이행률(%)"),
        "unit": "%",
    }


@login_required
def agreement_detail(request: HttpRequest, agreement_id: int) -> HttpResponse:
    detail = selectors.agreement_detail(user=request.user, agreement_id=agreement_id)
    context = {
        "detail": detail,
        "agreement": detail.agreement,
        "pillar_labels": dict(Pillar.choices),
        "chart": _chart(detail.progress),
        "today": timezone.localdate(),
        "amend_form": AmendForm(),
        "terminate_form": TerminateForm(),
        "draft_problems": selectors.draft_problems(user=request.user, agreement=detail.agreement)
        if detail.can_change
        else [],
        "breadcrumbs": breadcrumbs((detail.agreement.title, None)),
    }
    return render(request, "agreements/detail.html", context)


@login_required
def agreement_version(request: HttpRequest, agreement_id: int, number: int) -> HttpResponse:
    version = selectors.version_get(user=request.user, agreement_id=agreement_id, number=number)
    agreement = version.agreement
    context = {
        "agreement": agreement,
        "version": version,
        "parties": selectors.version_parties(version),
        "signatures": {s.party_id: s for s in version.signatures.all()},
        "years": agreement_years(version.start_date, version.end_date),
        "breadcrumbs": breadcrumbs(
            (agreement.title, reverse("agreements:detail", args=[agreement.pk])),
            (_("%(number)d판") % {"number": version.number}, None),
        ),
    }
    return render(request, "agreements/version.html", context)


@login_required
def agreement_audit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    events = selectors.audit_trail(user=request.user, agreement=agreement)
    page = paginate(request, events)
    context = {
        "agreement": agreement,
        "page": page,
        "query": "",
        "breadcrumbs": breadcrumbs(
            (agreement.title, reverse("agreements:detail", args=[agreement.pk])),
            (_("변경 기록"), None),
        ),
    }
    return render(request, "agreements/audit.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard(user=request.user)
    context = {
        "dashboard": data,
        "chart": data.chart,
        "breadcrumbs": breadcrumbs((_("협약 이행 대시보드"), None)),
    }
    return render(request, "agreements/dashboard.html", context)
