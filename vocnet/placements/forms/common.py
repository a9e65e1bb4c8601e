"""Shared pieces of the field-training forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vocnet.core.forms import add_problems

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

__all__ = ["DATE", "TIME", "add_problems", "blank"]


def blank(label: Any = None) -> tuple[str, Any]:
    return ("", label or _("전체"))
