"""Reads of the programmes app, always through the permission layer."""

from __future__ import annotations

from typing import Any

from vocnet.core.permissions import get_visible, restrict
from vocnet.programmes.models import Application, Call


def calls_visible(user: Any) -> Any:
    """Calls the user may see: published ones, and the drafts of the calls they manage."""
    return restrict(user, Call.objects.select_related("kind", "issuing_organisation"))


def call_detail(user: Any, call_id: int) -> Call:
    """One visible call, or NotFound."""
    return get_visible(user, Call.objects.select_related("kind"), call_id, ("공모", "Call"))


def applications_visible(user: Any) -> Any:
    """Applications the user may see: those to the calls they manage, and those whose
    consortium includes an organisation they work for."""
    return restrict(user, Application.objects.select_related("call", "lead_organisation"))


def application_detail(user: Any, application_id: int) -> Application:
    """One visible application, or NotFound (never reveals that it exists)."""
    return get_visible(
        user,
        Application.objects.select_related("call__kind", "lead_organisation"),
        application_id,
        ("신청서", "Application"),
    )
