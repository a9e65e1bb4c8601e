"""What a round matches on: students' preferences, companies' rankings, schools' orders."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.clearinghouse.models.rounds import MAX_CHOICES_LIMIT

MAX_RANK = 1000


class StudentPreference(models.Model):
    """현장실습 지망 — a student's ``rank``-th choice of offer in a round (1 = most wanted).

    Entered by the student or, for them, by their school's staff. Which offers a student may
    rank is decided in ``services.preferences`` (published, vetted host, the department's
    NCS field, in the round's scope); the constraints here keep each list a strict order.
    """

    round = models.ForeignKey(
        "clearinghouse.PlacementRound",
        on_delete=models.CASCADE,
        related_name="preferences",
        verbose_name=_("차수"),
    )
    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.CASCADE,
        related_name="placement_preferences",
        verbose_name=_("학생"),
    )
    offer = models.ForeignKey(
        "placements.FieldTrainingOffer",
        on_delete=models.CASCADE,
        related_name="student_preferences",
        verbose_name=_("제안"),
    )
    rank = models.PositiveSmallIntegerField(
        _("지망 순위"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CHOICES_LIMIT)]
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("입력자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "현장실습 지망")
        verbose_name_plural = pgettext_lazy("model plural", "현장실습 지망")
        ordering = ["round_id", "student_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "student", "rank"], name="preference_rank_once"
            ),
            models.UniqueConstraint(
                fields=["round", "student", "offer"], name="preference_offer_once"
            ),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="preference_rank_min"),
        ]
        indexes = [models.Index(fields=["round", "offer"], name="preference_round_offer_idx")]

    def __str__(self) -> str:
        return f"{self.student_id} #{self.rank} → {self.offer_id}"


class OfferRanking(models.Model):
    """기업의 지원자 순위 — a company's rank of one applicant to its offer in a round.

    Equal ranks are ties, broken by the round's lottery (single tie-breaking). Once an offer
    has rankings in a round, only the applicants ranked are acceptable to it; without any,
    the offer takes the schools' recommended order (see ``services.runs``).
    """

    round = models.ForeignKey(
        "clearinghouse.PlacementRound",
        on_delete=models.CASCADE,
        related_name="offer_rankings",
        verbose_name=_("차수"),
    )
    offer = models.ForeignKey(
        "placements.FieldTrainingOffer",
        on_delete=models.CASCADE,
        related_name="round_rankings",
        verbose_name=_("제안"),
    )
    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.CASCADE,
        related_name="offer_rankings",
        verbose_name=_("학생"),
    )
    rank = models.PositiveSmallIntegerField(
        _("순위"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RANK)]
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("입력자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "기업의 지원자 순위")
        verbose_name_plural = pgettext_lazy("model plural", "기업의 지원자 순위")
        ordering = ["round_id", "offer_id", "rank", "student_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "offer", "student"], name="offer_ranking_student_once"
            ),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="offer_ranking_rank_min"),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}: #{self.rank} {self.student_id}"


class SchoolRecommendation(models.Model):
    """학교 추천 순위 — the school's recommended order of its students in a round.

    Used for every offer whose company takes the school's order: within one school its
    order; students of different schools with the same rank are tied (lottery).
    """

    round = models.ForeignKey(
        "clearinghouse.PlacementRound",
        on_delete=models.CASCADE,
        related_name="school_recommendations",
        verbose_name=_("차수"),
    )
    school = models.ForeignKey(
        "registry.School",
        on_delete=models.CASCADE,
        related_name="placement_recommendations",
        verbose_name=_("학교"),
    )
    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.CASCADE,
        related_name="school_recommendations",
        verbose_name=_("학생"),
    )
    rank = models.PositiveSmallIntegerField(
        _("학교 내 추천 순위"), validators=[MinValueValidator(1), MaxValueValidator(MAX_RANK)]
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("입력자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학교 추천 순위")
        verbose_name_plural = pgettext_lazy("model plural", "학교 추천 순위")
        ordering = ["round_id", "school_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "student"], name="recommendation_student_once"
            ),
            models.UniqueConstraint(
                fields=["round", "school", "rank"], name="recommendation_rank_once"
            ),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="recommendation_rank_min"),
        ]

    def __str__(self) -> str:
        return f"{self.school_id}: #{self.rank} {self.student_id}"
