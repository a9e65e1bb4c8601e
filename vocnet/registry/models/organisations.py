"""Organisations of the ecosystem, and the school and company records that extend them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.registry.validators import (
    validate_business_number,
    validate_neis_code,
    validate_phone,
)


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", pgettext_lazy("organisation kind", "직업계고")
    COMPANY = "company", pgettext_lazy("organisation kind", "기업")
    PROVINCE = "province", pgettext_lazy("organisation kind", "광역지자체(경기도)")
    CITY_COUNTY = "city_county", pgettext_lazy("organisation kind", "기초지자체(시·군)")
    UNIVERSITY = "university", pgettext_lazy("organisation kind", "대학")
    EDUCATION_OFFICE = "education_office", pgettext_lazy("organisation kind", "교육청")
    SUPPORT_OFFICE = "support_office", pgettext_lazy("organisation kind", "교육지원청")
    INDUSTRY_BODY = (
        "industry_body",
        pgettext_lazy("organisation kind", "산업계 단체(협회·조합·상공회의소)"),
    )
    PUBLIC_AGENCY = "public_agency", pgettext_lazy("organisation kind", "공공기관")
    RESEARCH_INSTITUTE = "research_institute", pgettext_lazy("organisation kind", "연구기관")
    MINISTRY = "ministry", pgettext_lazy("organisation kind", "중앙부처(교육부 등)")
    COUNCIL = "council", pgettext_lazy("organisation kind", "지방의회")


LOCAL_GOVERNMENT_KINDS = (OrganisationKind.PROVINCE, OrganisationKind.CITY_COUNTY)


class DataOrigin(models.TextChoices):
    """Where a row's facts come from; the product labels anything not official as such."""

    OFFICIAL = "official", _("공식 자료")
    REAL_NAME_SYNTHETIC = "real_name_synthetic", _("실명 · 세부 정보 합성")
    SYNTHETIC = "synthetic", _("합성(데모) 데이터")
    ENTERED = "entered", _("사용자 입력")


# Rows whose facts are not facts: invented rows, and real names with invented details (a real
# school's departments and enrolment in the demo). Figures adding them say so (issue 16 §8).
SYNTHETIC_ORIGINS = (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def with_list_relations(self) -> OrganisationQuerySet:
        return self.select_related("region", "school", "company", "company__ksic_division")


class Organisation(models.Model):
    """기관 — any party of the ecosystem: school, company, government, university, …"""

    kind = models.CharField(_("기관 유형"), max_length=20, choices=OrganisationKind.choices)
    name_ko = models.CharField(_("기관명"), max_length=100)
    name_en = models.CharField(_("영문 기관명"), max_length=150, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("시·군"),
        help_text="Empty for province-wide bodies and where the location is unverified.",
    )
    location_is_inferred = models.BooleanField(
        _("소재지 추정"),
        default=False,
        help_text="The region was inferred (e.g. from the school's name), not verified.",
    )
    address = models.CharField(_("주소"), max_length=200, blank=True)
    postal_code = models.CharField(_("우편번호"), max_length=5, blank=True)
    phone = models.CharField(_("대표 전화"), max_length=15, blank=True, validators=[validate_phone])
    email = models.EmailField(_("대표 이메일"), blank=True)
    website = models.URLField(_("홈페이지"), blank=True)
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    source_note = models.CharField(_("출처 메모"), max_length=300, blank=True)
    is_active = models.BooleanField(_("운영 중"), default=True)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "기관")
        verbose_name_plural = pgettext_lazy("model plural", "기관")
        ordering = ["name_ko", "id"]
        indexes = [
            models.Index(fields=["kind", "region"], name="org_kind_region_idx"),
            models.Index(fields=["name_ko"], name="org_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name_ko

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)


class SchoolType(models.TextChoices):
    SPECIALIZED = "specialized", _("특성화고")
    MEISTER = "meister", _("마이스터고")
    GENERAL_VOCATIONAL = "general_vocational", _("일반고 직업계열")


class Establishment(models.TextChoices):
    NATIONAL = "national", _("국립")
    PUBLIC = "public", _("공립")
    PRIVATE = "private", _("사립")


class School(models.Model):
    """직업계고 — a vocational high school; extends its Organisation row."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="school",
        verbose_name=_("기관"),
    )
    neis_code = models.CharField(
        _("학교코드(NEIS)"), max_length=7, unique=True, validators=[validate_neis_code]
    )
    school_type = models.CharField(_("학교 유형"), max_length=20, choices=SchoolType.choices)
    establishment = models.CharField(_("설립 구분"), max_length=10, choices=Establishment.choices)

    class Meta:
        verbose_name = pgettext_lazy("model", "학교")
        verbose_name_plural = pgettext_lazy("model plural", "학교")

    def __str__(self) -> str:
        return self.organisation.name_ko


class DesignationKind(models.TextChoices):
    MOE_AGREEMENT = "moe_agreement", _("협약형 특성화고(교육부)")
    GG_AGREEMENT = "gg_agreement", _("지역연계 상생형(경기협약형) 특성화고")
    GG_HIGHTECH = "gg_hightech", _("하이테크 특성화고(경기)")
    PILOT_DISTRICT = "pilot_district", _("미래형 직업교육 선도지구 소속")


class DesignationRole(models.TextChoices):
    BASE = "base", _("거점학교")
    MEMBER = "member", _("참여학교")


class SchoolDesignation(models.Model):
    """지정 — a programme a school was designated for in a given year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="designations", verbose_name=_("학교")
    )
    kind = models.CharField(_("지정 유형"), max_length=20, choices=DesignationKind.choices)
    year = models.PositiveSmallIntegerField(
        _("지정 연도"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    role = models.CharField(_("역할"), max_length=10, choices=DesignationRole.choices, blank=True)
    pilot_district = models.ForeignKey(
        "registry.PilotDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_designations",
        verbose_name=_("선도지구"),
    )
    field_note = models.CharField(_("분야"), max_length=100, blank=True)
    source_note = models.CharField(_("출처"), max_length=200, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학교 지정")
        verbose_name_plural = pgettext_lazy("model plural", "학교 지정")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "year"], name="designation_once_per_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    @property
    def is_synthetic(self) -> bool:
        """An invented school's designation is invented too (the demo's consortium members):
        it must never look like a real one. A real-named school's comes from the lists."""
        return self.school.organisation.data_origin == DataOrigin.SYNTHETIC


class Department(models.Model):
    """학과 — a department of a school, classified by NCS middle category."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="departments", verbose_name=_("학교")
    )
    name_ko = models.CharField(_("학과명"), max_length=50)
    ncs_middle = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("NCS 중분류"),
    )
    intake_capacity = models.PositiveSmallIntegerField(
        _("입학 정원"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    enrolled_grade_1 = models.PositiveSmallIntegerField(_("1학년 재학생"), default=0)
    enrolled_grade_2 = models.PositiveSmallIntegerField(_("2학년 재학생"), default=0)
    enrolled_grade_3 = models.PositiveSmallIntegerField(_("3학년 재학생"), default=0)
    is_active = models.BooleanField(_("운영 중"), default=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학과")
        verbose_name_plural = pgettext_lazy("model plural", "학과")
        ordering = ["school_id", "name_ko"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name_ko"], name="department_name_unique")
        ]

    def __str__(self) -> str:
        return self.name_ko

    @property
    def enrolled_total(self) -> int:
        return self.enrolled_grade_1 + self.enrolled_grade_2 + self.enrolled_grade_3


class CompanySize(models.TextChoices):
    LARGE = "large", _("대기업")
    MIDSIZE = "midsize", _("중견기업")
    SMALL_MEDIUM = "sme", _("중소기업")
    MICRO = "micro", _("소기업·소상공인")


class Company(models.Model):
    """기업 — a company; extends its Organisation row."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="company",
        verbose_name=_("기관"),
    )
    business_number = models.CharField(
        _("사업자등록번호"), max_length=10, unique=True, validators=[validate_business_number]
    )
    ksic_division = models.ForeignKey(
        "registry.KsicDivision",
        on_delete=models.PROTECT,
        related_name="companies",
        verbose_name=_("업종(KSIC 중분류)"),
    )
    size_class = models.CharField(_("기업 규모"), max_length=10, choices=CompanySize.choices)
    employees = models.PositiveIntegerField(
        _("상시 근로자 수"), validators=[MaxValueValidator(1_000_000)]
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "기업")
        verbose_name_plural = pgettext_lazy("model plural", "기업")

    def __str__(self) -> str:
        return self.organisation.name_ko

    @property
    def business_number_display(self) -> str:
        n = self.business_number
        return f"{n[:3]}-{n[3:5]}-{n[5:]}"
