"""People: memberships of users in organisations, students and guardians.

Personal data is kept to what the platform needs (see docs/personal-data.md when issue 8
lands): no resident registration number (주민등록번호) is ever stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.registry.models.organisations import OrganisationKind


class Role(models.TextChoices):
    PROVINCE_OFFICER = "province_officer", _("도교육청 담당자")
    SUPPORT_OFFICE_OFFICER = "support_office_officer", _("교육지원청 담당자")
    SCHOOL_STAFF = "school_staff", _("학교 교직원")
    COMPANY_STAFF = "company_staff", _("기업 담당자")
    LOCAL_GOVERNMENT_OFFICER = "local_government_officer", _("지자체 담당자")
    UNIVERSITY_STAFF = "university_staff", _("대학 담당자")
    # Staff of the other parties a consortium names (issue 14): industry associations and
    # chambers, public agencies, research institutes, the provincial council; and the Ministry.
    PARTNER_STAFF = "partner_staff", _("협력기관 담당자")
    MINISTRY_OFFICER = "ministry_officer", _("교육부 담당자")
    STUDENT = "student", _("학생")
    GUARDIAN = "guardian", _("보호자")


# Which organisation kind each staff role belongs to; a membership that breaks this is refused.
ROLE_ORGANISATION_KINDS: dict[str, tuple[str, ...]] = {
    Role.PROVINCE_OFFICER: (OrganisationKind.EDUCATION_OFFICE,),
    Role.SUPPORT_OFFICE_OFFICER: (OrganisationKind.SUPPORT_OFFICE,),
    Role.SCHOOL_STAFF: (OrganisationKind.SCHOOL,),
    Role.COMPANY_STAFF: (OrganisationKind.COMPANY,),
    Role.LOCAL_GOVERNMENT_OFFICER: (OrganisationKind.PROVINCE, OrganisationKind.CITY_COUNTY),
    Role.UNIVERSITY_STAFF: (OrganisationKind.UNIVERSITY,),
    Role.PARTNER_STAFF: (
        OrganisationKind.INDUSTRY_BODY,
        OrganisationKind.PUBLIC_AGENCY,
        OrganisationKind.RESEARCH_INSTITUTE,
        OrganisationKind.COUNCIL,
    ),
    Role.MINISTRY_OFFICER: (OrganisationKind.MINISTRY,),
    Role.STUDENT: (OrganisationKind.SCHOOL,),
    Role.GUARDIAN: (OrganisationKind.SCHOOL,),
}


class Membership(models.Model):
    """소속 — a user's role in one organisation; the source of every permission."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("사용자"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("기관"),
    )
    role = models.CharField(_("역할"), max_length=30, choices=Role.choices)
    title = models.CharField(_("직위·담당"), max_length=50, blank=True)
    is_active = models.BooleanField(_("활성"), default=True)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "소속")
        verbose_name_plural = pgettext_lazy("model plural", "소속")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class Student(models.Model):
    """학생 — a student of a school's department (only what the platform needs)."""

    school = models.ForeignKey(
        "registry.School", on_delete=models.PROTECT, related_name="students", verbose_name=_("학교")
    )
    department = models.ForeignKey(
        "registry.Department",
        on_delete=models.PROTECT,
        related_name="students",
        verbose_name=_("학과"),
    )
    student_number = models.CharField(
        _("학번"),
        max_length=10,
        validators=[
            RegexValidator(
                r"^\d{4,10}$",
                "학번은 4~10자리 숫자여야 합니다. / A student number is 4 to 10 digits.",
                code="student_number_invalid",
            )
        ],
    )
    name = models.CharField(_("이름"), max_length=50)
    grade = models.PositiveSmallIntegerField(
        _("학년"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    # Needed for the under-18 rules of field training (근로기준법 제65·69·70조); year and month
    # would not do, as the protections end on the 18th birthday itself.
    birth_date = models.DateField(_("생년월일"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="student_record",
        verbose_name=_("로그인 계정"),
    )
    is_synthetic = models.BooleanField(_("합성(데모) 데이터"), default=False)
    is_enrolled = models.BooleanField(_("재학 중"), default=True)
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "학생")
        verbose_name_plural = pgettext_lazy("model plural", "학생")
        ordering = ["school_id", "student_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "student_number"], name="student_number_unique_per_school"
            )
        ]
        indexes = [
            # The province home's count of enrolled students, and how many are synthetic:
            # read from this index alone, not from every row of the table.
            models.Index(
                fields=["is_synthetic"],
                condition=models.Q(is_enrolled=True),
                name="student_enrolled_synthetic_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.student_number})"


class Guardian(models.Model):
    """보호자 — a guardian who signs in to follow and consent for their children."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="guardian_record",
        verbose_name=_("로그인 계정"),
    )
    students = models.ManyToManyField(
        Student, through="GuardianLink", related_name="guardians", verbose_name=_("학생")
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "보호자")
        verbose_name_plural = pgettext_lazy("model plural", "보호자")

    def __str__(self) -> str:
        return str(self.user)


class GuardianLink(models.Model):
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, verbose_name=_("보호자"))
    student = models.ForeignKey(Student, on_delete=models.CASCADE, verbose_name=_("학생"))
    relationship = models.CharField(_("관계"), max_length=20, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "보호자 연결")
        verbose_name_plural = pgettext_lazy("model plural", "보호자 연결")
        constraints = [
            models.UniqueConstraint(fields=["guardian", "student"], name="guardian_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.student}"
