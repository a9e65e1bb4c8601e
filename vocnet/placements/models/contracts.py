"""Placement contracts (표준협약서): versions of the terms and the four parties' signatures.

직업교육훈련 촉진법 제9조 ① requires the contract to be signed in advance, on the standard
form; 제9조 ④ and 시행령 제6조 list its items. ``terms`` is a JSON snapshot of every item,
generated from the offer, the student and the school, so what was signed stays readable.
Any change makes a new version; the signatures of the earlier version do not carry over.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContractParty(models.TextChoices):
    COMPANY = "company", _("기업")
    SCHOOL = "school", _("학교")
    STUDENT = "student", _("학생")
    GUARDIAN = "guardian", _("보호자")


class ContractVersionStatus(models.TextChoices):
    SIGNING = "signing", _("서명 진행 중")
    SIGNED = "signed", _("서명 완료")
    SUPERSEDED = "superseded", _("변경 전 협약")


class PlacementContract(models.Model):
    """현장실습 표준협약서 — the contract of one placement."""

    placement = models.OneToOneField(
        "placements.Placement",
        on_delete=models.PROTECT,
        related_name="contract",
        verbose_name=_("배치"),
    )
    current_version = models.ForeignKey(
        "placements.ContractVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("최신 판"),
    )
    created_at = models.DateTimeField(_("작성 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "현장실습 표준협약서")
        verbose_name_plural = pgettext_lazy("model plural", "현장실습 표준협약서")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.placement)


class ContractVersion(models.Model):
    """협약서 판 — one version of the terms; all four parties sign it before the start date."""

    contract = models.ForeignKey(
        PlacementContract,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("협약서"),
    )
    number = models.PositiveSmallIntegerField(_("판 번호"))
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=ContractVersionStatus.choices,
        default=ContractVersionStatus.SIGNING,
    )
    terms = models.JSONField(_("협약 조건"))
    change_note = models.TextField(_("변경 내용"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    created_at = models.DateTimeField(_("작성 일시"), auto_now_add=True)
    signed_at = models.DateTimeField(_("서명 완료 일시"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "협약서 판")
        verbose_name_plural = pgettext_lazy("model plural", "협약서 판")
        ordering = ["contract_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contract_version_once")
        ]
        indexes = [
            # The province's home counts the contracts awaiting signatures from the few
            # versions being signed, not from every contract (placements/selectors/home.py).
            models.Index(fields=["status"], name="contract_version_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"


class ContractSignature(models.Model):
    """협약서 서명 — one party's signature of one version; names copied for the record."""

    version = models.ForeignKey(
        ContractVersion,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("판"),
    )
    party = models.CharField(_("당사자"), max_length=10, choices=ContractParty.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement_contract_signatures",
        verbose_name=_("서명자"),
    )
    signer_name = models.CharField(_("서명자 이름"), max_length=100)
    signed_at = models.DateTimeField(_("서명 일시"))

    class Meta:
        verbose_name = pgettext_lazy("model", "협약서 서명")
        verbose_name_plural = pgettext_lazy("model plural", "협약서 서명")
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "party"], name="contract_signature_once_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} · {self.signer_name}"
