"""Placement rounds (현장실습 매칭 차수): who takes part, until when, and where they stand."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_CHOICES_LIMIT = 10


class RoundStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("round status", "준비 중")
    OPEN = "open", pgettext_lazy("round status", "지망 접수 중")
    CLOSED = "closed", pgettext_lazy("round status", "지망 마감")
    RUNNING = "running", pgettext_lazy("round status", "매칭 중")
    MATCHED = "matched", pgettext_lazy("round status", "매칭 완료")
    PUBLISHED = "published", pgettext_lazy("round status", "결과 공개")


class PlacementRoundQuerySet(models.QuerySet["PlacementRound"]):
    def with_relations(self) -> PlacementRoundQuerySet:
        return self.select_related("support_office", "parent", "created_by")


class PlacementRound(models.Model):
    """현장실습 매칭 차수 — one clearinghouse round of the province or of one support office.

    Students (or their school's staff for them) rank published offers until
    ``preference_deadline``; companies rank their applicants and schools give their
    recommended order until ``ranking_deadline``. The round is then run by the engine
    (``RoundRun``) and its result published as placements. A follow-up round (``parent``)
    places the students its parent left unmatched on the seats still free.
    ``support_office`` empty means the whole province.
    """

    name = models.CharField(_("차수 이름"), max_length=100)
    support_office = models.ForeignKey(
        "registry.SupportOffice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement_rounds",
        verbose_name=_("범위(교육지원청, 비우면 도 전체)"),
    )
    preference_deadline = models.DateTimeField(_("학생 지망 마감"))
    ranking_deadline = models.DateTimeField(_("기업 순위·학교 추천 마감"))
    max_choices = models.PositiveSmallIntegerField(
        _("최대 지망 수"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES_LIMIT)],
    )
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=RoundStatus.choices,
        default=RoundStatus.DRAFT,
        db_index=True,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("이전 차수(추가 모집의 경우)"),
    )
    # Drawn once when the round is created; breaks every tie of the round's runs.
    seed = models.PositiveBigIntegerField(_("추첨 시드"))
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("만든 사람"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)
    opened_at = models.DateTimeField(_("접수 시작 일시"), null=True, blank=True)
    closed_at = models.DateTimeField(_("지망 마감 일시"), null=True, blank=True)
    matched_at = models.DateTimeField(_("매칭 완료 일시"), null=True, blank=True)
    published_at = models.DateTimeField(_("결과 공개 일시"), null=True, blank=True)

    objects = PlacementRoundQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "현장실습 매칭 차수")
        verbose_name_plural = pgettext_lazy("model plural", "현장실습 매칭 차수")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ranking_deadline__gte=models.F("preference_deadline")),
                name="round_ranking_after_preferences",
            ),
            models.CheckConstraint(
                condition=models.Q(max_choices__gte=1, max_choices__lte=MAX_CHOICES_LIMIT),
                name="round_max_choices_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_province_wide(self) -> bool:
        return self.support_office_id is None

    @property
    def is_follow_up(self) -> bool:
        return self.parent_id is not None
