"""Where graduates went: one row per graduate of a department and graduation year (issue 7,
item 2: "past destinations where known").

A graduate is named by a key of the school's choosing — the 학번 at graduation or an
anonymised number — never by name; a row may also point at the student record while the
school still keeps it. See docs/adr/0011-graduate-destinations.md.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vocnet.registry.models import DataOrigin

FIRST_GRADUATION_YEAR = 2000
GRADUATE_KEY_PATTERN = r"^[0-9A-Za-z-]{1,20}$"


def latest_graduation_year(today: date) -> int:
    """The last February graduation that has happened on ``today``: vocational high schools
    graduate in February, and the new school year starts on 1 March."""
    return today.year if today.month >= 3 else today.year - 1


class DestinationKind(models.TextChoices):
    """The destinations of the national graduate statistic (직업계고 졸업자 취업통계)."""

    EMPLOYED = "employed", _("취업")
    UNIVERSITY = "university", _("진학")
    MILITARY = "military", _("입대")
    OTHER = "other", _("기타(미취업 등)")
    UNKNOWN = "unknown", _("확인 안 됨")


class GraduateDestinationQuerySet(models.QuerySet["GraduateDestination"]):
    def with_relations(self) -> GraduateDestinationQuerySet:
        return self.select_related(
            "department__school__organisation__region",
            "department__ncs_middle",
            "company__organisation",
            "ncs_middle",
        )


class GraduateDestination(models.Model):
    """졸업생 진로 — where one graduate of a department went after graduating in February of
    ``graduation_year``: work (with the company and the NCS field of the job where known),
    university, military service, something else, or not known."""

    department = models.ForeignKey(
        "registry.Department",
        on_delete=models.PROTECT,
        related_name="graduate_destinations",
        verbose_name=_("졸업 학과"),
    )
    graduation_year = models.PositiveSmallIntegerField(
        _("졸업 연도"),
        validators=[MinValueValidator(FIRST_GRADUATION_YEAR), MaxValueValidator(2100)],
    )
    graduate_key = models.CharField(
        _("졸업생 번호"),
        max_length=20,
        validators=[
            RegexValidator(
                GRADUATE_KEY_PATTERN,
                "졸업생 번호는 영문·숫자·하이픈 1~20자입니다(이름은 적지 않습니다). / "
                "A graduate key has 1 to 20 letters, digits or hyphens (never a name).",
                code="graduate_key_invalid",
            )
        ],
        help_text=_("졸업 때의 학번이나 학교가 정한 익명 번호"),
    )
    student = models.OneToOneField(
        "registry.Student",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="destination",
        verbose_name=_("학생 기록"),
    )
    kind = models.CharField(_("진로"), max_length=20, choices=DestinationKind.choices)
    company = models.ForeignKey(
        "registry.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="graduate_destinations",
        verbose_name=_("취업 기업"),
    )
    ncs_middle = models.ForeignKey(
        "registry.NcsMiddle",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="graduate_destinations",
        verbose_name=_("취업 분야(NCS 중분류)"),
    )
    note = models.CharField(_("비고"), max_length=200, blank=True)
    data_origin = models.CharField(
        _("자료 출처 구분"), max_length=20, choices=DataOrigin.choices, default=DataOrigin.ENTERED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("기록자"),
    )
    created_at = models.DateTimeField(_("등록 일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정 일시"), auto_now=True)

    objects = GraduateDestinationQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "졸업생 진로")
        verbose_name_plural = pgettext_lazy("model plural", "졸업생 진로")
        ordering = ["-graduation_year", "department_id", "graduate_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "graduation_year", "graduate_key"],
                name="graduate_destination_once_per_graduate",
            )
        ]
        indexes = [
            models.Index(
                fields=["graduation_year", "department"], name="destination_year_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.graduation_year} {self.graduate_key}: {self.kind}"

    @property
    def is_synthetic(self) -> bool:
        return self.data_origin in (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)

    @property
    def is_in_field(self) -> bool:
        """Employed in the NCS field the department teaches (전공 일치 취업)."""
        return (
            self.kind == DestinationKind.EMPLOYED
            and self.ncs_middle_id is not None
            and self.ncs_middle_id == self.department.ncs_middle_id
        )
