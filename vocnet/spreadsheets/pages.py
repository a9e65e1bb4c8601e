"""The web page of an Excel import built on this engine: upload, check (a dry run that lists
every bad row), then import on request — the same steps for every app's import page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vocnet.core.errors import localized
from vocnet.core.forms import ImportForm
from vocnet.core.i18n import is_english
from vocnet.spreadsheets.base import ImportReport
from vocnet.spreadsheets.driver import ImportSpec, require_import_role
from vocnet.spreadsheets.errors import ImportFileError
from vocnet.spreadsheets.jobs import accept_upload


def import_page(
    request: HttpRequest,
    *,
    spec: ImportSpec,
    template: str,
    done: str,
    context: dict[str, Any],
    form_class: type[forms.Form] = ImportForm,
    done_message: Callable[[ImportReport], str] | None = None,
) -> HttpResponse:
    """Render ``template`` with the upload form and, after a POST, the report of ``spec``'s
    import (``run_import``); 422 when the file or a row is bad.

    The button named ``action`` with the value ``commit`` imports, anything else only checks.
    A committed import flashes ``done_message(report)`` (by default the report's message) and
    redirects to ``done`` (a URL name); a file that cannot be read is shown as
    ``file_error``."""
    # Before the upload is parsed: a role that may not import never gets a reader.
    require_import_role(spec, request.user)
    form = form_class(request.POST or None, request.FILES or None)
    report = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            accepted = accept_upload(
                spec,
                user=request.user,
                file_name=upload.name or "",
                size=upload.size or 0,
                read=upload.read,
                dry_run=request.POST.get("action") != "commit",
            )
        except ImportFileError as error:
            file_error = error.localized
        else:
            if accepted.job is not None:
                return redirect("spreadsheets:job", accepted.job.pk)
            report = accepted.report
        if report is not None and report.committed:
            message = localized(report) if done_message is None else done_message(report)
            messages.success(request, message)
            return redirect(done)
    page = {"form": form, "report": report, "file_error": file_error, "english": is_english()}
    status = 422 if file_error or (report is not None and report.errors) else 200
    return render(request, template, {**page, **context}, status=status)
