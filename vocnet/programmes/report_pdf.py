"""The yearly performance report as PDF, rendered by WeasyPrint from a Django template, like
the placement contract (``vocnet/placements/pdf.py``): the Pretendard GOV font of the KRDS
package through ``file://`` URLs, no network."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from vocnet.programmes.selectors_accountability import PublicReport

FONT_DIR = Path(settings.BASE_DIR) / "node_modules" / "krds-uiux" / "resources" / "fonts"


def report_pdf(public: PublicReport) -> bytes:
    """The report as a PDF (A4, Korean), with the same suppression as the page."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    fonts = {
        "regular": (FONT_DIR / "PretendardGOV-Regular.subset.woff2").as_uri(),
        "bold": (FONT_DIR / "PretendardGOV-Bold.subset.woff2").as_uri(),
    }
    with translation.override("ko"):
        html = render_to_string("programmes/report_pdf.html", {"public": public, "fonts": fonts})
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    return pdf
