"""Agreements (협약): their kind, versions of the terms, the parties and their signatures.

The terms of an agreement live in versions. Version 1 is drafted, circulated and signed by
every party; an amendment is a new version that every party signs again, while the version
before it stays in force. Parties, their pillars and their commitments belong to a version,
so an earlier version stays viewable exactly as it was signed (docs/adr/0006-agreements.md).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Pillar(models.TextChoices):
    """The five pillars (5대 요소) of Gyeonggi's future-oriented vocational-education model, each
    with the party that leads it (``data/pillars.csv``: names, lead kinds and their source,
    the 2025-07-22 joint launch release). The label carries the lead party so that it shows
    wherever a pillar appears; ``vocnet.agreements.pillars`` holds the lead kinds as data."""

    REGIONAL_COOPERATION = "regional_cooperation", _("초지역적 협력(지자체)")
    INDUSTRY_LINKAGE = "industry_linkage", _("초산업연계형 교육(기업)")
    # 초계열형: education across tracks/majors (계열), led by the education office — not
    # "field-based"; the code was "field_based" until migration 0003 renamed it.
    CROSS_TRACK = "cross_track", _("초계열형 교육(교육청)")
    CLASS_FLEXIBILITY = "class_flexibility", _("초학급적 유연성(학교)")
    UNIVERSITY_LINKAGE = "university_linkage", _("초밀착형 연계(대학)")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    CIRCULATED = "circulated", _("서명 진행 중")
    ACTIVE = "active", _("시행 중")
    AMENDED = "amended", _("변경 협약 진행 중")
    COMPLETED = "completed", _("종료")
    TERMINATED = "terminated", _("해지")


# Statuses in which a version of the agreement is in force (deliveries may be recorded).
IN_FORCE_STATUSES = (AgreementStatus.ACTIVE, AgreementStatus.AMENDED)
CLOSED_STATUSES = (AgreementStatus.COMPLETED, AgreementStatus.TERMINATED)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    CIRCULATED = "circulated", _("서명 진행 중")
    IN_FORCE = "in_force", _("효력 있음")
    SUPERSEDED = "superseded", _("변경 전 협약")
    WITHDRAWN = "withdrawn", _("철회됨")


class PartyRole(models.TextChoices):
    LEAD = "lead", _("주관")
    MEMBER = "member", _("참여")
    SUPPORTER = "supporter", _("지원")


class AgreementKind(models.Model):
    """협약 유형 — a kind of agreement, loaded as data (``data/agreement_kinds.csv``)."""

    code = models.SlugField(_("코드"), max_length=40, unique=True)
    name_ko = models.CharField(_("이름"), max_length=100)
    name_en = models.CharField(_("영문 이름"), max_length=150)
    description = models.TextField(_("설명"), blank=True)
    default_pillars = models.JSONField(_("기본 요소"), default=list, blank=True)
    source_note = models.CharField(_("출처"), max_length=300, blank=True)
    default_pillars_source = models.CharField(_("기본 요소의 근거"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("순서"), default=0)
    is_active = models.BooleanField(_("사용 중"), default=True)

    class Meta:
        verbose_name = _("협약 유형")
        verbose_name_plural = _("협약 유형")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the interface language (Korean unless English is chosen)."""
        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_ko


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def with_list_relations(self) -> AgreementQuerySet:
        return self.select_related("kind", "lead_organisation__region", "current_version")


class Agreement(models.Model):
    """협약 — an agreement among any number of organisations.

    ``title``, ``start_date`` and ``end_date`` mirror the version in force (or the first
    draft before any version is in force); services keep them in step.
    """

    kind = models.ForeignKey(
        AgreementKind, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("유형")
    )
    title = models.CharField(_("협약명"), max_length=200)
    lead_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="led_agreements",
        verbose_name=_("주관 기관"),
    )
    start_date = models.DateField(_("시작일"))
    end_date = models.DateField(_("종료일"))
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        db_index=True,
    )
    current_version = models.ForeignKey(
        "agreements.AgreementVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("최신 판"),
    )
    in_force_version = models.ForeignKey(
        "agreements.AgreementVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("효력 있는 판"),
    )
    termination_reason = models.TextField(_("해지 사유"), blank=True)
    activated_at = models.DateTimeField(_("최초 발효 일시"), null=True, blank=True)
    closed_at = models.DateTimeField(_("종료·해지 일시"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("협약")
        verbose_name_plural = _("협약")
        ordering = ["-start_date", "title", "id"]
        indexes = [models.Index(fields=["status", "end_date"], name="agreement_status_end_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE_STATUSES


class AgreementVersion(models.Model):
    """협약 판 — one version of the terms: dates, parties, pillars, commitments, targets.

    ``terms`` is a JSON snapshot taken when the version is circulated, so what was signed
    stays readable even if the rows it was made from were later corrected by an operator.
    """

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("협약")
    )
    number = models.PositiveSmallIntegerField(_("판 번호"))
    status = models.CharField(
        _("상태"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("협약명"), max_length=200)
    start_date = models.DateField(_("시작일"))
    end_date = models.DateField(_("종료일"))
    change_note = models.TextField(_("변경 내용"), blank=True)
    terms = models.JSONField(_("협약 조건(서명본)"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("이전 판"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("작성자"),
    )
    created_at = models.DateTimeField(_("작성 일시"), auto_now_add=True)
    circulated_at = models.DateTimeField(_("회람 일시"), null=True, blank=True)
    in_force_at = models.DateTimeField(_("발효 일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("협약 판")
        verbose_name_plural = _("협약 판")
        ordering = ["agreement_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once"),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="agreement_version_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class AgreementParty(models.Model):
    """협약 당사자 — an organisation's place in one version: its role and its pillars."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="parties", verbose_name=_("판")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="agreement_parties",
        verbose_name=_("기관"),
    )
    role = models.CharField(_("역할"), max_length=20, choices=PartyRole.choices)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("협약 당사자")
        verbose_name_plural = _("협약 당사자")
        ordering = ["version_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"], name="agreement_party_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def pillars(self) -> list[str]:
        """Pillar codes in the order of :class:`Pillar` (uses prefetched rows if any)."""
        codes = {row.pillar for row in self.pillar_rows.all()}
        return [code for code in Pillar.values if code in codes]

    def pillar_labels(self) -> list[Any]:
        labels = dict(Pillar.choices)
        return [labels[code] for code in self.pillars]


class PartyPillar(models.Model):
    """A pillar a party carries (rows rather than a JSON list, so lists filter by pillar on
    SQLite and PostgreSQL alike)."""

    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.CASCADE,
        related_name="pillar_rows",
        verbose_name=_("당사자"),
    )
    pillar = models.CharField(_("요소"), max_length=30, choices=Pillar.choices)

    class Meta:
        verbose_name = _("당사자 요소")
        verbose_name_plural = _("당사자 요소")
        constraints = [
            models.UniqueConstraint(fields=["party", "pillar"], name="party_pillar_once")
        ]

    def __str__(self) -> str:
        return self.get_pillar_display()


class Signature(models.Model):
    """서명 — one party's signature of one version: who signed, for which organisation, when.

    The names are copied so the record stays readable if the account or the organisation's
    name changes later.
    """

    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("판"),
    )
    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("당사자"),
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement_signatures",
        verbose_name=_("서명자"),
    )
    signer_name = models.CharField(_("서명자 이름"), max_length=100)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="agreement_signatures",
        verbose_name=_("기관"),
    )
    organisation_name = models.CharField(_("기관명"), max_length=100)
    signed_at = models.DateTimeField(_("서명 일시"))

    class Meta:
        verbose_name = _("서명")
        verbose_name_plural = _("서명")
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="signature_once_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_name} · {self.signer_name} · {self.signed_at:%Y-%m-%d %H:%M}"
