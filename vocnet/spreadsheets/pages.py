"""The web page of an Excel import built on this engine: upload, check (a dry run that lists
every bad row), then import on request — the same steps for every app's import page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from vocnet.core.forms import ImportForm
from vocnet.core.i18n import is_english
from vocnet.spreadsheets.base import ImportReport
from vocnet.spreadsheets.driver import ImportSpec, run_import
from vocnet.spreadsheets.errors import ImportFileError


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
    form = form_class(request.POST or None, request.FILES or None)
    report = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = run_import(
                spec,
                actor=request.user,
                file_name=upload.name or "",
                content=upload.read(),
                dry_run=request.POST.get("action") != "commit",
                max_bytes=settings.VOCNET_IMPORT_MAX_BYTES,
            )
        except ImportFileError as error:
            file_error = error.message_en if is_english() else error.message_ko
        if report is not None and report.committed:
            if done_message is None:
                message = report.message_en if is_english() else report.message_ko
            else:
                message = done_message(report)
            messages.success(request, message)
            return redirect(done)
    page = {"form": form, "report": report, "file_error": file_error, "english": is_english()}
    status = 422 if file_error or (report is not None and report.errors) else 200
    return render(request, template, {**page, **context}, status=status)
