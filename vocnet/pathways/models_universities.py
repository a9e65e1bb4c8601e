"""Universities and vocational graduates (issue 18 §4): the programmes a university offers to
graduates in work — 재직자 특별전형 places and 계약학과 with their partner companies —, the
graduate's consent that the universities linked to their school see their pathway (every
consent and withdrawal kept, with its time), and the graduate's applications to those places.

See docs/adr/0030-universities-and-consent.md. Imported by ``models.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.registry.models import DataOrigin


class ProgrammeKind(models.TextChoices):
    """The two kinds of place a university opens to graduates in work."""

    INCUMBENT_SPECIAL = "incumbent_special", _("재직자 특별전형")
    CONTRACT_DEPARTMENT = "contract_department", _("계약학과")


class ContractType(models.TextChoices):
    """The hiring condition of a 계약학과 (산업교육진흥 및 산학연협력촉진에 관한 법률 제8조,
    시행령 제7조 — article numbers not verified against the statute text here: 미확인)."""

    HIRING = "hiring", _("채용조건형")
    RETRAINING = "retraining", _("재교육형")
    EARLY_EMPLOYMENT = "early_employment", _("조기취업형")


class UniversityProgrammeQuerySet(models.QuerySet["UniversityProgramme"]):
    def with_relations(self) -> UniversityProgrammeQuerySet:
        return self.select_related("university").prefetch_related("partner_companies__organisation")


class UniversityProgramme(models.Model):
    """대학 후학습 과정 — places a university opens for one admission year to graduates in
    work: a 재직자 특별전형 (with its admission conditions) or a 계약학과 (with its contract,
    its partner companies and its hiring condition)."""

    university = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="graduate_programmes",
        verbose_name=_("대학"),
    )
    kind = models.CharField(_("과정 구분"), max_length=30, choices=ProgrammeKind.choices)
    name = models.CharField(_("과정명(학과명)"), max_length=150)
    admission_year = models.PositiveSmallIntegerField(
        _("입학 연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    places = models.PositiveSmallIntegerField(
        _("모집 인원"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    admission_conditions = models.TextField(_("지원 자격·전형 조건"), blank=True)
    contract_type = models.CharField(
        _("계약학과 유형"), max_length=20, choices=ContractType.choices, blank=True
    )
    contract_title = models.CharField(_("계약(협약)명"), max_length=200, blank=True)
    contract_signed_on = models.DateField(_("계약 체결일"), null=True, blank=True)
    contract_ends_on = models.DateField(_("계약 종료일"), null=True, blank=True)
    partner_companies = models.ManyToManyField(
        "registry.Company",
        blank=True,
        related_name="university_programmes",
        verbose_name=_("협약 기업"),
    )
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("등록자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    objects = UniversityProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "대학 후학습 과정")
        verbose_name_plural = pgettext_lazy("model plural", "대학 후학습 과정")
        ordering = ["-admission_year", "university_id", "kind", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.university} {self.admission_year} {self.name}"

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)


class UniversityConsentQuerySet(models.QuerySet["UniversityConsent"]):
    def active(self) -> UniversityConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class UniversityConsent(models.Model):
    """대학 열람 동의 — a graduate's consent that the universities linked to their school by
    an agreement see their pathway. Never deleted: a withdrawal stamps ``withdrawn_at``, a new
    consent is a new row, so the rows are the audit trail of who agreed when."""

    graduate = models.ForeignKey(
        "pathways.GraduateDestination",
        on_delete=models.CASCADE,
        related_name="university_consents",
        verbose_name=_("졸업생"),
    )
    given_at = models.DateTimeField(_("동의 일시"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("동의한 계정"),
    )
    withdrawn_at = models.DateTimeField(_("철회 일시"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("철회한 계정"),
    )
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )

    objects = UniversityConsentQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "대학 열람 동의")
        verbose_name_plural = pgettext_lazy("model plural", "대학 열람 동의")
        ordering = ["graduate_id", "-given_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["graduate"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="university_consent_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.graduate.graduate_key} {self.given_at:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("지원")
    ADMITTED = "admitted", _("합격")
    ENROLLED = "enrolled", _("등록(입학)")
    NOT_ADMITTED = "not_admitted", _("불합격")


class ProgrammeApplicationQuerySet(models.QuerySet["ProgrammeApplication"]):
    def with_relations(self) -> ProgrammeApplicationQuerySet:
        return self.select_related(
            "programme__university", "graduate__department__school__organisation"
        )


class ProgrammeApplication(models.Model):
    """후학습 지원 — a graduate's application to a university's place; the university records
    the decision (합격·불합격) and the enrolment (등록)."""

    programme = models.ForeignKey(
        UniversityProgramme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("과정"),
    )
    graduate = models.ForeignKey(
        "pathways.GraduateDestination",
        on_delete=models.CASCADE,
        related_name="university_applications",
        verbose_name=_("졸업생"),
    )
    status = models.CharField(
        _("상태"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
    )
    applied_at = models.DateTimeField(_("지원 일시"))
    decided_at = models.DateTimeField(_("결정 일시"), null=True, blank=True)
    enrolled_on = models.DateField(_("입학일"), null=True, blank=True)
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )

    objects = ProgrammeApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "후학습 지원")
        verbose_name_plural = pgettext_lazy("model plural", "후학습 지원")
        ordering = ["programme_id", "applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "graduate"], name="programme_application_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.graduate.graduate_key} {self.status}"

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)
