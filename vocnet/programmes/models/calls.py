"""Programmes (지정 사업) and their calls (공모): the window, eligibility, required documents,
quota, review stages and the scoring rubric of one call, all as data.

A call is issued by an organisation (the Ministry, or the provincial education office); its
officers manage it. A province's pre-screen call nominates to the Ministry's call
(``nominates_to``), which is how Gyeonggi's 2025 flow (9 → 3 → 1) is expressed.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeKind(models.Model):
    """지정 사업 유형 — loaded as data (``data/programme_kinds.csv``) by a migration."""

    code = models.SlugField(_("코드"), max_length=40, unique=True)
    name_ko = models.CharField(_("이름"), max_length=100)
    name_en = models.CharField(_("영문 이름"), max_length=150, blank=True)
    issuer_kind = models.CharField(_("주관 기관 유형"), max_length=20)
    default_duration_years = models.PositiveSmallIntegerField(_("기본 운영 기간(년)"))
    # The agreements.AgreementKind an application's draft consortium agreement takes.
    agreement_kind_code = models.SlugField(_("협약 유형 코드"), max_length=40, blank=True)
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "지정 사업 유형")
        verbose_name_plural = pgettext_lazy("model plural", "지정 사업 유형")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_ko


class PreviousDesignationRule(models.TextChoices):
    ANY = "any", _("제한 없음")
    NOT_DESIGNATED = "not_designated", _("같은 사업에 지정된 적 없는 학교")
    DESIGNATED = "designated", _("같은 사업에 지정된 학교")


class AggregationMethod(models.TextChoices):
    MEAN = "mean", _("평균")
    TRIMMED_MEAN = "trimmed_mean", _("최고·최저 제외 평균")


class TieRule(models.TextChoices):
    """How equal totals are ordered (``vocnet.programmes.ranking``)."""

    RUBRIC_ORDER = "rubric_order", _("평가 영역 순서대로 높은 점수 우선")
    EARLIER_SUBMISSION = "earlier_submission", _("먼저 제출한 신청 우선")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    PUBLISHED = "published", _("공고")
    DECIDED = "decided", _("결과 확정")


class Call(models.Model):
    """공모 — one programme's call for one year and round.

    The window (``opens_at`` – ``closes_at``) is enforced to the minute; times are stored in
    UTC and shown and cited in Asia/Seoul."""

    kind = models.ForeignKey(
        ProgrammeKind, on_delete=models.PROTECT, related_name="calls", verbose_name=_("사업 유형")
    )
    year = models.PositiveSmallIntegerField(_("연도"))
    round_number = models.PositiveSmallIntegerField(_("차수"), default=1)
    title = models.CharField(_("공모명"), max_length=200)
    issuing_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="issued_calls",
        verbose_name=_("공모 기관"),
    )
    status = models.CharField(
        _("상태"), max_length=12, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("접수 시작"))
    closes_at = models.DateTimeField(_("접수 마감"))
    results_expected = models.CharField(_("결과 발표 예정"), max_length=100, blank=True)
    eligible_school_types = models.JSONField(_("신청 가능 학교 유형"), default=list, blank=True)
    eligible_regions = models.ManyToManyField(
        "registry.Region", blank=True, related_name="+", verbose_name=_("신청 가능 지역")
    )
    previous_designation_rule = models.CharField(
        _("기존 지정 조건"),
        max_length=20,
        choices=PreviousDesignationRule.choices,
        default=PreviousDesignationRule.ANY,
    )
    quota = models.PositiveSmallIntegerField(_("선정(추천) 규모"))
    plan_page_limit = models.PositiveSmallIntegerField(_("육성계획서 최대 쪽수"), default=30)
    duration_years = models.PositiveSmallIntegerField(_("운영 기간(년)"))
    funding_note = models.CharField(_("지원 규모"), max_length=200, blank=True)
    is_blind = models.BooleanField(_("블라인드 평가"), default=False)
    aggregation = models.CharField(
        _("점수 집계 방식"),
        max_length=20,
        choices=AggregationMethod.choices,
        default=AggregationMethod.MEAN,
    )
    tie_rule = models.CharField(
        _("동점 처리"), max_length=20, choices=TieRule.choices, default=TieRule.RUBRIC_ORDER
    )
    objection_days = models.PositiveSmallIntegerField(_("이의신청 기간(일)"), default=7)
    nominates_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominating_calls",
        verbose_name=_("추천 대상 공모"),
    )
    source_note = models.CharField(_("출처 메모"), max_length=500, blank=True)
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "공모")
        verbose_name_plural = pgettext_lazy("model plural", "공모")
        ordering = ["-year", "-round_number", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="call_window_ordered",
            ),
            models.UniqueConstraint(
                fields=["kind", "issuing_organisation", "year", "round_number"],
                name="call_unique_round",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class StageKind(models.TextChoices):
    DOCUMENT = "document", _("서면평가")
    PRESENTATION = "presentation", _("발표·현장평가")


class CallStage(models.Model):
    """평가 단계 — stage 1 shortlists (``shortlist_size``); the last stage scores for the
    decision."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField(_("단계"))
    kind = models.CharField(_("평가 방식"), max_length=20, choices=StageKind.choices)
    shortlist_size = models.PositiveSmallIntegerField(_("통과 규모"), null=True, blank=True)
    is_closed = models.BooleanField(_("평가 마감"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "평가 단계")
        verbose_name_plural = pgettext_lazy("model plural", "평가 단계")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="stage_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.call} {self.number}"


class RequiredDocument(models.Model):
    """제출 서류 — what an application must attach before it can be submitted."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    code = models.SlugField(_("코드"), max_length=40)
    name_ko = models.CharField(_("서류명"), max_length=100)
    name_en = models.CharField(_("영문 서류명"), max_length=150, blank=True)
    is_required = models.BooleanField(_("필수"), default=True)
    max_pages = models.PositiveSmallIntegerField(_("최대 쪽수"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "제출 서류")
        verbose_name_plural = pgettext_lazy("model plural", "제출 서류")
        ordering = ["call", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="required_document_unique")
        ]

    def __str__(self) -> str:
        return self.name_ko


class RubricOrigin(models.TextChoices):
    PUBLISHED = "published", _("공고문·보도 자료")
    VOCNET_PROPOSAL = "vocnet_proposal", _("vocnet 제안(수정 가능)")
    OFFICER = "officer", _("담당자 입력")


class RubricItem(models.Model):
    """평가 항목 — one scorable item of a call's rubric, copied from the default rubric
    (``data/default_rubric.csv``) when the call is created and editable until it opens."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="rubric_items")
    area = models.SlugField(_("평가 영역"), max_length=40)
    area_name_ko = models.CharField(_("평가 영역명"), max_length=60)
    code = models.SlugField(_("코드"), max_length=60)
    name_ko = models.CharField(_("평가 항목"), max_length=150)
    name_en = models.CharField(_("영문 평가 항목"), max_length=200, blank=True)
    max_points = models.DecimalField(_("배점"), max_digits=5, decimal_places=2)
    is_bonus = models.BooleanField(_("가점"), default=False)
    position = models.PositiveSmallIntegerField(_("순서"), default=0)
    origin = models.CharField(_("출처 구분"), max_length=20, choices=RubricOrigin.choices)
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "평가 항목")
        verbose_name_plural = pgettext_lazy("model plural", "평가 항목")
        ordering = ["call", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="rubric_item_unique"),
            models.CheckConstraint(
                condition=models.Q(max_points__gt=0), name="rubric_item_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area_name_ko} · {self.name_ko}"
