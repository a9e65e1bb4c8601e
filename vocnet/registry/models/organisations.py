"""Organisations of the ecosystem, and the school and company records that extend them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from vocnet.registry.validators import (
    validate_business_number,
    validate_neis_code,
    validate_phone,
)


class OrganisationKind(models.TextChoices):
    SCHOOL = "school", "직업계고"
    COMPANY = "company", "기업"
    PROVINCE = "province", "광역지자체(경기도)"
    CITY_COUNTY = "city_county", "기초지자체(시·군)"
    UNIVERSITY = "university", "대학"
    EDUCATION_OFFICE = "education_office", "교육청"
    SUPPORT_OFFICE = "support_office", "교육지원청"
    INDUSTRY_BODY = "industry_body", "산업계 단체"
    PUBLIC_AGENCY = "public_agency", "공공기관"


LOCAL_GOVERNMENT_KINDS = (OrganisationKind.PROVINCE, OrganisationKind.CITY_COUNTY)


class DataOrigin(models.TextChoices):
    """Where a row's facts come from; the product labels anything not official as such."""

    OFFICIAL = "official", "공식 자료"
    REAL_NAME_SYNTHETIC = "real_name_synthetic", "실명 · 세부 정보 합성"
    SYNTHETIC = "synthetic", "합성(데모) 데이터"
    ENTERED = "entered", "사용자 입력"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def with_list_relations(self) -> OrganisationQuerySet:
        return self.select_related("region", "school", "company", "company__ksic_division")


class Organisation(models.Model):
    """기관 — any party of the ecosystem: school, company, government, university, …"""

    kind = models.CharField("기관 유형", max_length=20, choices=OrganisationKind.choices)
    name_ko = models.CharField("기관명", max_length=100)
    name_en = models.CharField("영문 기관명", max_length=150, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="시·군",
        help_text="Empty for province-wide bodies and where the location is unverified.",
    )
    address = models.CharField("주소", max_length=200, blank=True)
    postal_code = models.CharField("우편번호", max_length=5, blank=True)
    phone = models.CharField("대표 전화", max_length=15, blank=True, validators=[validate_phone])
    email = models.EmailField("대표 이메일", blank=True)
    website = models.URLField("홈페이지", blank=True)
    data_origin = models.CharField(
        "자료 출처 구분", max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    source_note = models.CharField("출처 메모", max_length=300, blank=True)
    is_active = models.BooleanField("운영 중", default=True)
    created_at = models.DateTimeField("등록 일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정 일시", auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "기관"
        verbose_name_plural = "기관"
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
    SPECIALIZED = "specialized", "특성화고"
    MEISTER = "meister", "마이스터고"
    GENERAL_VOCATIONAL = "general_vocational", "일반고 직업계열"


class Establishment(models.TextChoices):
    NATIONAL = "national", "국립"
    PUBLIC = "public", "공립"
    PRIVATE = "private", "사립"


class School(models.Model):
    """직업계고 — a vocational high school; extends its Organisation row."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="school",
        verbose_name="기관",
    )
    neis_code = models.CharField(
        "학교코드(NEIS)", max_length=7, unique=True, validators=[validate_neis_code]
    )
    school_type = models.CharField("학교 유형", max_length=20, choices=SchoolType.choices)
    establishment = models.CharField("설립 구분", max_length=10, choices=Establishment.choices)

    class Meta:
        verbose_name = "학교"
        verbose_name_plural = "학교"

    def __str__(self) -> str:
        return self.organisation.name_ko


class DesignationKind(models.TextChoices):
    MOE_AGREEMENT = "moe_agreement", "협약형 특성화고(교육부)"
    GG_AGREEMENT = "gg_agreement", "지역연계 상생형(경기협약형) 특성화고"
    GG_HIGHTECH = "gg_hightech", "하이테크 특성화고(경기)"
    PILOT_DISTRICT = "pilot_district", "미래형 직업교육 선도지구 소속"


class DesignationRole(models.TextChoices):
    BASE = "base", "거점학교"
    MEMBER = "member", "참여학교"


class SchoolDesignation(models.Model):
    """지정 — a programme a school was designated for in a given year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="designations", verbose_name="학교"
    )
    kind = models.CharField("지정 유형", max_length=20, choices=DesignationKind.choices)
    year = models.PositiveSmallIntegerField(
        "지정 연도", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    role = models.CharField("역할", max_length=10, choices=DesignationRole.choices, blank=True)
    pilot_district = models.ForeignKey(
        "registry.PilotDistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member_designations",
        verbose_name="선도지구",
    )
    field_note = models.CharField("분야", max_length=100, blank=True)
    source_note = models.CharField("출처", max_length=200, blank=True)

    class Meta:
        verbose_name = "학교 지정"
        verbose_name_plural = "학교 지정"
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "year"], name="designation_once_per_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class Department(models.Model):
    """학과 — a department of a school, classified by NCS middle category."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="departments", verbose_name="학교"
    )
    name_ko = models.CharField("학과명", max_length=50)
    ncs_middle = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name="NCS 중분류",
    )
    intake_capacity = models.PositiveSmallIntegerField(
        "입학 정원", validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    enrolled_grade_1 = models.PositiveSmallIntegerField("1학년 재학생", default=0)
    enrolled_grade_2 = models.PositiveSmallIntegerField("2학년 재학생", default=0)
    enrolled_grade_3 = models.PositiveSmallIntegerField("3학년 재학생", default=0)
    is_active = models.BooleanField("운영 중", default=True)

    class Meta:
        verbose_name = "학과"
        verbose_name_plural = "학과"
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
    LARGE = "large", "대기업"
    MIDSIZE = "midsize", "중견기업"
    SMALL_MEDIUM = "sme", "중소기업"
    MICRO = "micro", "소기업·소상공인"


class Company(models.Model):
    """기업 — a company; extends its Organisation row."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="company",
        verbose_name="기관",
    )
    business_number = models.CharField(
        "사업자등록번호", max_length=10, unique=True, validators=[validate_business_number]
    )
    ksic_division = models.ForeignKey(
        "registry.KsicDivision",
        on_delete=models.PROTECT,
        related_name="companies",
        verbose_name="업종(KSIC 중분류)",
    )
    size_class = models.CharField("기업 규모", max_length=10, choices=CompanySize.choices)
    employees = models.PositiveIntegerField(
        "상시 근로자 수", validators=[MaxValueValidator(1_000_000)]
    )

    class Meta:
        verbose_name = "기업"
        verbose_name_plural = "기업"

    def __str__(self) -> str:
        return self.organisation.name_ko

    @property
    def business_number_display(self) -> str:
        n = self.business_number
        return f"{n[:3]}-{n[3:5]}-{n[5:]}"
