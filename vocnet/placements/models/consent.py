"""Consent records of the standard contract (표준협약서): what a student or guardian consented
to when signing, the receipt of a signed version, and a withdrawal of consent before the start.
See docs/adr/0033-consent-that-is-real.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.placements.models.contracts import ContractParty


class ContractConsent(models.Model):
    """항목별 동의 — the key items a student or guardian consented to with their signature,
    and when they last re-authenticated before signing."""

    signature = models.OneToOneField(
        "placements.ContractSignature",
        on_delete=models.CASCADE,
        related_name="consent",
        verbose_name=_("서명"),
    )
    items = models.JSONField(_("동의한 항목"))
    reauthenticated_at = models.DateTimeField(_("본인 재확인 일시"))
    created_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "협약서 항목별 동의")
        verbose_name_plural = pgettext_lazy("model plural", "협약서 항목별 동의")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return str(self.signature)


class ContractReceipt(models.Model):
    """서명 영수증 — one per contract version that has a signature: an unguessable code and
    the SHA-256 of the version's canonical content (``vocnet.placements.consent``)."""

    version = models.OneToOneField(
        "placements.ContractVersion",
        on_delete=models.CASCADE,
        related_name="receipt",
        verbose_name=_("판"),
    )
    code = models.CharField(_("영수증 번호"), max_length=32, unique=True)
    content_sha256 = models.CharField(_("서명 내용 SHA-256"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("발급 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "협약서 서명 영수증")
        verbose_name_plural = pgettext_lazy("model plural", "협약서 서명 영수증")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.code


class ContractWithdrawal(models.Model):
    """동의 철회 — a student or guardian withdrawing their consent before the start date; the
    version they withdrew from is superseded and a new one awaits every signature again."""

    contract = models.ForeignKey(
        "placements.PlacementContract",
        on_delete=models.CASCADE,
        related_name="withdrawals",
        verbose_name=_("협약서"),
    )
    version = models.ForeignKey(
        "placements.ContractVersion",
        on_delete=models.CASCADE,
        related_name="withdrawals",
        verbose_name=_("철회한 판"),
    )
    party = models.CharField(_("당사자"), max_length=10, choices=ContractParty.choices)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("철회한 사람"),
    )
    withdrawn_at = models.DateTimeField(_("철회 일시"))
    reason = models.TextField(_("철회 사유"))

    class Meta:
        verbose_name = pgettext_lazy("model", "협약 동의 철회")
        verbose_name_plural = pgettext_lazy("model plural", "협약 동의 철회")
        ordering = ["withdrawn_at", "id"]

    def __str__(self) -> str:
        return f"{self.version} · {self.get_party_display()}"
