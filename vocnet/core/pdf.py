"""Printable documents: PDF from a Django template through WeasyPrint, in Korean.

The Pretendard GOV font of the KRDS package is declared with ``@font-face`` and a ``file://``
URL (no network), so Korean renders the same on any machine that ran ``npm install``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "krds-uiux" / "resources" / "fonts"


def font_urls() -> dict[str, str]:
    """``file://`` URLs of the regular and bold Pretendard GOV faces."""
    return {
        "regular": (FONT_DIR / "PretendardGOV-Regular.subset.woff2").as_uri(),
        "bold": (FONT_DIR / "PretendardGOV-Bold.subset.woff2").as_uri(),
    }


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """``template`` rendered in Korean (with ``fonts`` in its context) as a PDF."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    with translation.override("ko"):
        html = render_to_string(template, {**context, "fonts": font_urls()})
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
