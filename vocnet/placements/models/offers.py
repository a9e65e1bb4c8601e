"""Field-training offers (현장실습 제안) and their weekly schedule.

The labour rules an offer must satisfy live in the pure package ``vocnet.placements.rules``;
``services.offers`` turns an offer into its dataclasses and refuses what breaks them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    PUBLISHED = "published", _("게시")
    CLOSED = "closed", pgettext_lazy("offer status", "마감")
    WITHDRAWN = "withdrawn", pgettext_lazy("offer status", "철회")


class TrainingType(models.TextChoices):
    """현장실습 유형 — the codes of ``data/training_types.csv`` (limits and support schemes)."""

    LEARNING_CENTRED = "learning_centred", _("학습중심 현장실습")
    HIRING_LINKED = "hiring_linked", _("산업체 채용형 현장실습")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("월요일")
    TUESDAY = 1, _("화요일")
    WEDNESDAY = 2, _("수요일")
    THURSDAY = 3, _("목요일")
    FRIDAY = 4, _("금요일")
    SATURDAY = 5, _("토요일")
    SUNDAY = 6, _("일요일")


class FieldTrainingOfferQuerySet(models.QuerySet["FieldTrainingOffer"]):
    def published(self) -> FieldTrainingOfferQuerySet:
        return self.filter(status=OfferStatus.PUBLISHED)

    def with_seats_taken(self) -> FieldTrainingOfferQuerySet:
        """Annotate ``seats_taken``: the offer's active placements (matched, contracted or in
        progress). A subquery rather than a join, so it composes with any other annotation."""
        from vocnet.placements.models.placements import ACTIVE_PLACEMENT_STATUSES, Placement

        taken = (
            Placement.objects.filter(
                offer=models.OuterRef("pk"), status__in=ACTIVE_PLACEMENT_STATUSES
            )
            .order_by()
            .values("offer")
            .annotate(n=models.Count("id"))
            .values("n")
        )
        return self.annotate(
            seats_taken=Coalesce(models.Subquery(taken, output_field=models.IntegerField()), 0)
        )

    def with_list_relations(self) -> FieldTrainingOfferQuerySet:
        return self.select_related("company__organisation", "region", "ncs_middle")


class FieldTrainingOffer(models.Model):
    """현장실습 제안 — a host company's offer of field-training seats for one period.

    ``hazard_categories`` holds codes of ``data/hazard_categories.csv`` (근로기준법 제65조,
    시행령 제40조 별표 4); an offer listing any category barred for under-18s is refused.
    The extension of hours (직업교육훈련 촉진법 제9조의2 ① 단서) is only allowed with a
    recorded agreement of the parties (``has_extension_agreement`` + its note).
    """

    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.PROTECT,
        related_name="field_training_offers",
        verbose_name=_("기업"),
    )
    title = models.CharField(_("제목"), max_length=200)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="field_training_offers",
        verbose_name=_("실습 지역(시·군)"),
    )
    site_address = models.CharField(_("실습 장소"), max_length=200, blank=True)
    ncs_middle = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        related_name="field_training_offers",
        verbose_name=_("NCS 중분류"),
    )
    seats = models.PositiveSmallIntegerField(
        _("모집 인원"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    start_date = models.DateField(_("시작일"))
    end_date = models.DateField(_("종료일"))
    training_type = models.CharField(
        _("현장실습 유형"),
        max_length=20,
        choices=TrainingType.choices,
        default=TrainingType.LEARNING_CENTRED,
    )
    allowance_krw = models.PositiveIntegerField(
        _("현장실습 수당(원/월)"), validators=[MaxValueValidator(20_000_000)]
    )
    allowance_warning_acknowledged_at = models.DateTimeField(
        _("낮은 수당 경고 확인 일시"), null=True, blank=True
    )
    mentor_name = models.CharField(_("기업현장교사"), max_length=50, blank=True)
    mentor_title = models.CharField(_("기업현장교사 직위"), max_length=50, blank=True)
    mentor_phone = models.CharField(_("기업현장교사 연락처"), max_length=15, blank=True)
    tasks = models.TextField(_("실습 직무·내용"), blank=True)
    hazard_categories = models.JSONField(_("유해·위험 작업 구분"), default=list, blank=True)
    safety_measures = models.TextField(_("안전·보건 조치"), blank=True)
    has_extension_agreement = models.BooleanField(_("실습 시간 연장 합의"), default=False)
    extension_agreement_note = models.TextField(_("연장 합의 내용"), blank=True)
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=OfferStatus.choices,
        default=OfferStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("게시 일시"), null=True, blank=True)
    closed_at = models.DateTimeField(_("마감·철회 일시"), null=True, blank=True)
    closing_reason = models.CharField(_("마감·철회 사유"), max_length=300, blank=True)
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

    objects = FieldTrainingOfferQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "현장실습 제안")
        verbose_name_plural = pgettext_lazy("model plural", "현장실습 제안")
        ordering = ["-start_date", "title", "id"]
        indexes = [
            models.Index(fields=["status", "ncs_middle"], name="offer_status_field_idx"),
            models.Index(fields=["status", "region"], name="offer_status_region_idx"),
            # The offers list sorts by start date (then the company's name): lists are read
            # in this index's order, the published status of a school's or student's scope
            # checked on the index itself, and stop after the page (issue 16 §9).
            models.Index(fields=["start_date", "status", "company"], name="offer_start_idx"),
            # The schools' home counts the published offers still to start from this index
            # alone (status, then the start date's range), not from every published row.
            models.Index(fields=["status", "start_date", "company"], name="offer_status_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seats__gte=1), name="offer_seats_at_least_one"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="offer_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OfferSchedule(models.Model):
    """요일별 실습 시간 — the training time of one weekday of an offer (Monday = 0)."""

    offer = models.ForeignKey(
        FieldTrainingOffer,
        on_delete=models.CASCADE,
        related_name="schedule",
        verbose_name=_("제안"),
    )
    weekday = models.PositiveSmallIntegerField(
        _("요일"), choices=Weekday.choices, validators=[MaxValueValidator(6)]
    )
    start = models.TimeField(_("시작 시각"))
    end = models.TimeField(_("종료 시각"))
    break_minutes = models.PositiveSmallIntegerField(
        _("휴게 시간(분)"), default=0, validators=[MaxValueValidator(600)]
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "요일별 실습 시간")
        verbose_name_plural = pgettext_lazy("model plural", "요일별 실습 시간")
        ordering = ["offer_id", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "weekday"], name="offer_schedule_once_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6), name="offer_schedule_weekday"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def training_minutes(self) -> int:
        """Minutes of training (span minus breaks); 0 if the row is inconsistent."""
        span = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        return max(span - self.break_minutes, 0)
