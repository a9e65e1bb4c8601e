"""The page of a background import job: its progress, polled with htmx (no inline script
under the strict CSP), then its report. Only the user who queued it sees it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vocnet.core.i18n import is_english
from vocnet.spreadsheets.jobs import job_get


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_get(user=request.user, job_id=job_id)
    template = "spreadsheets/partials/job_status.html" if request.htmx else "spreadsheets/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job, "english": is_english()})
