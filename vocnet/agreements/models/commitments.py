"""Commitments (약속) of each party, their yearly targets, and what was delivered.

A commitment belongs to a party of one version. Its ``lineage`` is the same in every version
of the agreement, so deliveries recorded while version 1 was in force still count against
the same commitment after an amendment. Deliveries are append-only: a mistake is corrected by
a delivery with a negative quantity and a note, so the record of what was claimed stays.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vocnet.agreements.models.agreements import AgreementParty, Pillar

# Quantities: up to 10^12 (KRW of a large consortium) with two decimals (hours, m²).
QUANTITY_DIGITS = 15
QUANTITY_PLACES = 2


class CommitmentKind(models.TextChoices):
    FUNDING = "funding", _("재정 지원")
    FIELD_TRAINING_SEATS = "field_training_seats", _("현장실습 자리")
    GRADUATE_HIRES = "graduate_hires", _("졸업생 채용")
    EQUIPMENT = "equipment", _("기자재 지원")
    INSTRUCTOR_HOURS = "instructor_hours", _("산업체 강사 시간")
    CURRICULUM_MODULES = "curriculum_modules", _("공동 개발 교육과정")
    UNIVERSITY_PLACES = "university_places", _("대학 입학 정원·계약학과")
    FACILITIES = "facilities", _("시설 제공")
    OTHER = "other", _("기타")


class Unit(models.TextChoices):
    KRW = "krw", _("원")
    SEATS = "seats", _("석")
    PERSONS = "persons", _("명")
    ITEMS = "items", _("건")
    SETS = "sets", _("대")
    HOURS = "hours", _("시간")
    MODULES = "modules", _("개 과정")
    SQUARE_METRES = "m2", _("㎡")


# The unit a new commitment of each kind starts with (the form and the API may change it).
DEFAULT_UNITS: dict[str, str] = {
    CommitmentKind.FUNDING: Unit.KRW,
    CommitmentKind.FIELD_TRAINING_SEATS: Unit.SEATS,
    CommitmentKind.GRADUATE_HIRES: Unit.PERSONS,
    CommitmentKind.EQUIPMENT: Unit.SETS,
    CommitmentKind.INSTRUCTOR_HOURS: Unit.HOURS,
    CommitmentKind.CURRICULUM_MODULES: Unit.MODULES,
    CommitmentKind.UNIVERSITY_PLACES: Unit.PERSONS,
    CommitmentKind.FACILITIES: Unit.ITEMS,
    CommitmentKind.OTHER: Unit.ITEMS,
}


def _quantity(
    verbose_name: str | object, **kwargs: object
) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        verbose_name,  # type: ignore[arg-type]
        max_digits=QUANTITY_DIGITS,
        decimal_places=QUANTITY_PLACES,
        **kwargs,  # type: ignore[arg-type]
    )


class Commitment(models.Model):
    """약속 — what one party commits: a kind, a unit, a pillar, and a target per year."""

    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("당사자"),
    )
    lineage = models.UUIDField(_("약속 식별자(판 공통)"), default=uuid.uuid4, db_index=True)
    kind = models.CharField(_("유형"), max_length=30, choices=CommitmentKind.choices)
    unit = models.CharField(_("단위"), max_length=10, choices=Unit.choices)
    pillar = models.CharField(_("요소"), max_length=30, choices=Pillar.choices)
    description = models.CharField(_("내용"), max_length=300)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("약속")
        verbose_name_plural = _("약속")
        ordering = ["party_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "lineage"], name="commitment_lineage_once_per_party"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class CommitmentTarget(models.Model):
    """연차 목표 — the target of one agreement year; it falls due on the year's last day."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="targets", verbose_name=_("약속")
    )
    year_index = models.PositiveSmallIntegerField(_("협약 연차"), validators=[MinValueValidator(1)])
    quantity = _quantity(_("목표량"), validators=[MinValueValidator(Decimal(0))])
    due_date = models.DateField(_("목표 기한"))

    class Meta:
        verbose_name = _("연차 목표")
        verbose_name_plural = _("연차 목표")
        ordering = ["commitment_id", "year_index"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "year_index"], name="commitment_target_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year_index}차년도 {self.quantity}"


def evidence_path(instance: Delivery, filename: str) -> str:
    # A random directory per file: names never collide and are not guessable.
    return f"agreements/evidence/{uuid.uuid4().hex}/{filename}"


class Delivery(models.Model):
    """이행 실적 — a quantity delivered on a date against a commitment, with evidence."""

    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("협약"),
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("약속")
    )
    delivered_on = models.DateField(_("이행일"))
    quantity = _quantity(_("이행량"))
    note = models.CharField(_("비고"), max_length=300, blank=True)
    evidence = models.FileField(_("증빙 파일"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("증빙 파일명"), max_length=200, blank=True)
    evidence_size = models.PositiveIntegerField(_("증빙 파일 크기"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    recorded_at = models.DateTimeField(_("기록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("이행 실적")
        verbose_name_plural = _("이행 실적")
        ordering = ["-delivered_on", "-id"]
        indexes = [
            models.Index(fields=["agreement", "delivered_on"], name="delivery_agreement_date_idx")
        ]

    def __str__(self) -> str:
        return f"{self.delivered_on} {self.quantity}"
