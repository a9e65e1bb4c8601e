"""Eligibility pages (issue 18 §3): the school's list of graduates who may claim support now
or soon, and a graduate's own page. Each view calls one selector; the verdicts come from the
pure engine ``pathways.eligibility`` with the rules of ``data/eligibility_rules.py``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vocnet.pathways import eligibility
from vocnet.pathways.data.eligibility_rules import ELIGIBILITY_RULES
from vocnet.pathways.selectors import eligibility as selectors

STATUS_LABELS = {
    eligibility.ELIGIBLE: gettext_lazy("지금 신청 가능"),
    eligibility.SOON: gettext_lazy("곧 도달"),
    eligibility.LATER: gettext_lazy("도달 예정"),
    eligibility.USED: gettext_lazy("이미 이용함"),
    eligibility.UNKNOWN: gettext_lazy("기록 확인 필요"),
    eligibility.NOT_ELIGIBLE: gettext_lazy("해당 없음"),
}
STATUS_FILTER_LABELS = [
    ("current", gettext_lazy("지금 가능하거나 곧 도달")),
    ("eligible", gettext_lazy("지금 신청 가능")),
    ("soon", gettext_lazy("곧 도달")),
    ("all", gettext_lazy("모든 졸업생(모든 판정)")),
]


def _school_id(request: HttpRequest) -> int | None:
    value = request.GET.get("school", "")
    return int(value) if value.isdigit() else None


@login_required
def eligibility_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "current")
    if status not in selectors.STATUS_FILTERS:
        status = "current"
    found = selectors.eligibility_list(
        user=request.user,
        school_id=_school_id(request),
        status=status,
        today=timezone.localdate(),
    )
    context = {
        "found": found,
        "status_labels": STATUS_LABELS,
        "status_filters": STATUS_FILTER_LABELS,
        "rules": [item.rule for item in ELIGIBILITY_RULES],
        "breadcrumbs": [
            (_("졸업생 진로"), reverse("pathways:destinations")),
            (_("받을 수 있는 지원"), None),
        ],
    }
    return render(request, "pathways/eligibility/list.html", context)


@login_required
def own_eligibility(request: HttpRequest) -> HttpResponse:
    rows = selectors.own_eligibility(user=request.user, today=timezone.localdate())
    context = {
        "rows": rows,
        "status_labels": STATUS_LABELS,
        "rules": [item.rule for item in ELIGIBILITY_RULES],
    }
    return render(request, "pathways/eligibility/mine.html", context)
