"""The printable contract (표준협약서) and its signing receipt as PDF, through the shared
``vocnet.core.pdf.render_pdf`` (WeasyPrint, Korean, the KRDS font). Both carry the agreement
text of ``placements/partials/contract_text.html``, which the signing page shows too."""

from __future__ import annotations

from typing import Any

from vocnet.core.pdf import render_pdf
from vocnet.placements.consent import PERSONAL_DATA_KO
from vocnet.placements.models import ContractReceipt, ContractVersion
from vocnet.placements.services.contracts import version_parties

WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")


def contract_text_context(version: ContractVersion) -> dict[str, Any]:
    """What ``placements/partials/contract_text.html`` renders a version from."""
    terms = version.terms
    return {
        "version": version,
        "terms": terms,
        "schedule": [{**row, "weekday_ko": WEEKDAYS[row["weekday"]]} for row in terms["schedule"]],
        "personal_data_ko": PERSONAL_DATA_KO,
    }


def contract_context(version: ContractVersion) -> dict[str, Any]:
    return {**contract_text_context(version), "parties": version_parties(version)}


def contract_pdf(version: ContractVersion) -> bytes:
    """The version as a PDF (A4, Korean). Raises whatever WeasyPrint raises on a broken
    template; the font files must exist (``npm install``)."""
    return render_pdf("placements/contract_pdf.html", contract_context(version))


def receipt_pdf(receipt: ContractReceipt, verify_url: str) -> bytes:
    """The receipt of a signed version: the agreement text, then each signature's role and
    time (and any withdrawal), the SHA-256 of the signed content, the receipt code and where
    to check it (ADR 0033)."""
    version = receipt.version
    context = {
        **contract_text_context(version),
        "receipt": receipt,
        "verify_url": verify_url,
        "signatures": list(version.signatures.order_by("signed_at", "id")),
        "withdrawals": list(version.withdrawals.order_by("withdrawn_at", "id")),
    }
    return render_pdf("placements/consent/receipt_pdf.html", context)
