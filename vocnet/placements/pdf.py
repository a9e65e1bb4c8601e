"""The printable contract (표준협약서) as PDF, rendered by WeasyPrint from a Django template.

The Pretendard GOV font of the KRDS package is declared with ``@font-face`` and a ``file://``
URL (no network), so Korean renders the same on any machine that ran ``npm install``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from vocnet.core.pdf import font_urls
from vocnet.placements.models import ContractVersion
from vocnet.placements.services.contracts import version_parties

WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")


def contract_context(version: ContractVersion) -> dict[str, Any]:
    terms = version.terms
    return {
        "version": version,
        "terms": terms,
        "schedule": [{**row, "weekday_ko": WEEKDAYS[row["weekday"]]} for row in terms["schedule"]],
        "parties": version_parties(version),
        "fonts": font_urls(),
    }


def contract_pdf(version: ContractVersion) -> bytes:
    """The version as a PDF (A4, Korean). Raises whatever WeasyPrint raises on a broken
    template; the font files must exist (``npm install``)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    with translation.override("ko"):
        html = render_to_string("placements/contract_pdf.html", contract_context(version))
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
