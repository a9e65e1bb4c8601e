"""Template context every page's shell needs: the demo notice and the operator's contact."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest


@dataclass(frozen=True)
class Service:
    demo: bool
    contact_email: str
    contact_phone: str


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service": Service(
            demo=bool(settings.VOCNET_DEMO),
            contact_email=settings.VOCNET_CONTACT_EMAIL,
            contact_phone=settings.VOCNET_CONTACT_PHONE,
        )
    }
