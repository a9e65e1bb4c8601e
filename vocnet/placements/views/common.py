"""Helpers shared by the field-training pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from vocnet.core.errors import DomainError, reraise_refusal
from vocnet.core.i18n import is_english


def error_text(error: DomainError) -> str:
    """The error in the page's language, with its first field problem if it names one."""
    text = error.message_en if is_english() else error.message_ko
    return text


def act(
    request: HttpRequest, action: Callable[[], Any], success: str, target: str, *args: Any
) -> HttpResponse:
    """Run one service call for a POST button; a domain error becomes an error message."""
    try:
        action()
    except DomainError as error:
        reraise_refusal(error)
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect(target, *args)


def query_of(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
