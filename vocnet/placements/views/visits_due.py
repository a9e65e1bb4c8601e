"""The list of monitoring visits due (순회지도 예정): the school home's to-do opens it, each
row with the action — record the visit on the placement's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.pagination import paginate
from vocnet.placements.selectors.visits_due import visits_due
from vocnet.placements.views.common import query_of
from vocnet.privacy.services import record_personal_data_access


@login_required
def visits_due_list(request: HttpRequest) -> HttpResponse:
    placements = visits_due(user=request.user, today=timezone.localdate())
    page = paginate(request, placements)
    record_personal_data_access(request=request, subjects=[p.student for p in page], action="view")
    context = {
        "page": page,
        "query": query_of(request),
        "breadcrumbs": [
            (_("현장실습 배치"), reverse("placements:placements")),
            (_("순회지도가 필요한 배치"), None),
        ],
    }
    return render(request, "placements/visits_due.html", context)
