"""The completion certificate (이수증) as PDF, rendered by WeasyPrint from a template with the
KRDS package's Pretendard GOV font (as the placement contract, ``vocnet.placements.pdf``)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from vocnet.courses.models import Enrolment

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "krds-uiux" / "resources" / "fonts"


def certificate_pdf(enrolment: Enrolment, verify_url: str) -> bytes:
    """The certificate of a completed enrolment (A4, Korean) with its verification code and
    the public page that checks it."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    context = {
        "enrolment": enrolment,
        "completed_on": timezone.localdate(enrolment.completed_at),
        "verify_url": verify_url,
        "fonts": {
            "regular": (FONT_DIR / "PretendardGOV-Regular.subset.woff2").as_uri(),
            "bold": (FONT_DIR / "PretendardGOV-Bold.subset.woff2").as_uri(),
        },
    }
    with translation.override("ko"):
        html = render_to_string("courses/certificate_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
