"""Runs of a round through the engine, and the outcome of each student."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RunStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("run status", "대기")
    RUNNING = "running", pgettext_lazy("run status", "실행 중")
    SUCCEEDED = "succeeded", pgettext_lazy("run status", "성공")
    FAILED = "failed", pgettext_lazy("run status", "실패")


# A round has at most one run in these states (the database enforces it): the run that is
# waiting, running or has produced the round's result. A failed run may be retried.
LIVE_RUN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.SUCCEEDED)


class RoundRunQuerySet(models.QuerySet["RoundRun"]):
    def without_payload(self) -> RoundRunQuerySet:
        """Leave the large JSON columns (snapshot, result) unread, for lists and pages."""
        return self.defer("input_snapshot", "result")


class RoundRun(models.Model):
    """매칭 실행 — one run of a round through the clearinghouse engine (a background task).

    Keeps everything needed to check and replay it: the input snapshot and the SHA-256 of its
    canonical form, the seed, the engine version, the result (assignment and lottery), its
    statistics, the stability proof (``vocnet.matching.verify``'s report) and the seconds of
    each stage.
    """

    round = models.ForeignKey(
        "clearinghouse.PlacementRound",
        on_delete=models.PROTECT,
        related_name="runs",
        verbose_name=_("차수"),
    )
    status = models.CharField(
        _("상태"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    input_snapshot = models.JSONField(_("입력 스냅숏"), null=True, blank=True)
    input_hash = models.CharField(_("입력 해시(SHA-256)"), max_length=64, blank=True)
    seed = models.PositiveBigIntegerField(_("추첨 시드"))
    engine_version = models.CharField(_("엔진 버전"), max_length=20, blank=True)
    result = models.JSONField(_("결과"), null=True, blank=True)
    statistics = models.JSONField(_("통계"), null=True, blank=True)
    stability = models.JSONField(_("안정성 검증"), null=True, blank=True)
    timings = models.JSONField(_("단계별 시간(초)"), default=dict, blank=True)
    error = models.TextField(_("오류"), blank=True)
    task_id = models.CharField(_("작업 ID"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("실행 요청자"),
    )
    queued_at = models.DateTimeField(_("요청 일시"), auto_now_add=True)
    started_at = models.DateTimeField(_("시작 일시"), null=True, blank=True)
    finished_at = models.DateTimeField(_("종료 일시"), null=True, blank=True)
    # The lease (vocnet.core.leases): stamped while the worker runs it; a running run silent
    # for longer than VOCNET_TASK_LEASE_SECONDS lost its worker and is marked failed.
    heartbeat_at = models.DateTimeField(_("마지막 작업자 응답"), null=True, blank=True)

    objects = RoundRunQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "매칭 실행")
        verbose_name_plural = pgettext_lazy("model plural", "매칭 실행")
        ordering = ["-queued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(status__in=["queued", "running", "succeeded"]),
                name="round_run_one_live_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_status_display()}"


class RoundOutcome(models.Model):
    """매칭 결과 — where one student of a successful run ends up (``offer`` empty: unmatched).

    ``choice_rank`` is the rank the student gave the offer. On publication ``placement``
    links to the ``placements.Placement`` created from this row.
    """

    run = models.ForeignKey(
        RoundRun, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("실행")
    )
    round = models.ForeignKey(
        "clearinghouse.PlacementRound",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("차수"),
    )
    student = models.ForeignKey(
        "registry.Student",
        on_delete=models.PROTECT,
        related_name="round_outcomes",
        verbose_name=_("학생"),
    )
    offer = models.ForeignKey(
        "placements.FieldTrainingOffer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="round_outcomes",
        verbose_name=_("배정된 제안"),
    )
    choice_rank = models.PositiveSmallIntegerField(_("배정 지망 순위"), null=True, blank=True)
    choice_count = models.PositiveSmallIntegerField(_("지망 수"), default=0)
    placement = models.OneToOneField(
        "placements.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="round_outcome",
        verbose_name=_("현장실습 배치"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "매칭 결과")
        verbose_name_plural = pgettext_lazy("model plural", "매칭 결과")
        ordering = ["round_id", "student_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "student"], name="outcome_student_once"),
        ]
        indexes = [models.Index(fields=["round", "offer"], name="outcome_round_offer_idx")]

    def __str__(self) -> str:
        return f"{self.student_id} → {self.offer_id or '-'}"

    @property
    def is_matched(self) -> bool:
        return self.offer_id is not None
