"""Reads of the consent pages: the receipt of a contract version, and the public check of a
receipt (ADR 0033).

The public check is the one read of contract data outside the permission layer, on purpose:
anyone holding a receipt may check it without an account. It answers only what the receipt
itself shows — that the contract exists, the version's number and state, and each
signature's or withdrawal's role and time — never a name, a school, a company or a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from vocnet.placements.consent import content_sha256
from vocnet.placements.models import (
    ContractReceipt,
    ContractSignature,
    ContractVersion,
    ContractWithdrawal,
)

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ReceiptEvent:
    """A signature or a withdrawal: the party (a ContractParty value) and when."""

    party: str
    party_label: str
    at: datetime


@dataclass(frozen=True)
class ReceiptCheck:
    """What the public page shows of a receipt that was found."""

    code: str
    version_number: int
    status: str
    status_label: str
    content_sha256: str
    content_intact: bool  # the stored terms still hash to the receipt's SHA-256
    hash_matches: bool | None  # the SHA-256 entered matches (None: none entered)
    signed_at: datetime | None  # every required party signed then
    signatures: list[ReceiptEvent]
    withdrawals: list[ReceiptEvent]

    @property
    def valid(self) -> bool:
        return self.content_intact and self.hash_matches is not False


def normalise_code(code: str) -> str:
    """A receipt code as typed (spaces, dashes, lower case) in its stored form."""
    return re.sub(r"[\s-]", "", code).upper()


def receipt_check(*, code: str, sha256: str = "") -> ReceiptCheck | None:
    """The check of a receipt by its ``code`` (and, when given, the SHA-256 printed on it);
    None when no receipt has that code. Public: see the module docstring."""
    code = normalise_code(code)
    if not code:
        return None
    receipt = ContractReceipt.objects.select_related("version").filter(code=code).first()
    if receipt is None:
        return None
    version: ContractVersion = receipt.version
    entered = sha256.strip().lower()
    recomputed = content_sha256(version.contract_id, version.number, version.terms)
    signatures = [
        ReceiptEvent(s.party, s.get_party_display(), s.signed_at)
        for s in ContractSignature.objects.filter(version=version).order_by("signed_at", "id")
    ]
    withdrawals = [
        ReceiptEvent(w.party, w.get_party_display(), w.withdrawn_at)
        for w in ContractWithdrawal.objects.filter(version=version).order_by("withdrawn_at")
    ]
    return ReceiptCheck(
        code=receipt.code,
        version_number=version.number,
        status=version.status,
        status_label=str(version.get_status_display()),
        content_sha256=receipt.content_sha256,
        content_intact=recomputed == receipt.content_sha256,
        hash_matches=(entered == receipt.content_sha256) if entered else None,
        signed_at=version.signed_at,
        signatures=signatures,
        withdrawals=withdrawals,
    )
