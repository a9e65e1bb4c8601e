"""Reference data: regions, support offices, pilot districts, NCS and KSIC code lists.

Loaded from ``vocnet/registry/data/*.csv`` (sources in ``data/SOURCES.md``) by the
``load_reference`` command, which is idempotent. These rows are public facts: anyone
signed in may read them; nobody edits them through the API.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from vocnet.core.i18n import localized_name


class SupportOffice(models.Model):
    """교육지원청 — one of the 25 education support offices of Gyeonggi."""

    name_ko = models.CharField(_("이름"), max_length=50, unique=True)
    short_name_ko = models.CharField(_("약칭"), max_length=20, unique=True)
    name_en = models.CharField(_("영문 이름"), max_length=100)
    schoolinfo_org_code = models.CharField(
        _("학교알리미 기관코드(미검증)"),
        max_length=20,
        blank=True,
        help_text="From one stored file only; not a key (see data/SOURCES.md).",
    )
    organisation = models.OneToOneField(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_office_record",
        verbose_name=_("기관"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "교육지원청")
        verbose_name_plural = pgettext_lazy("model plural", "교육지원청")
        ordering = ["name_ko"]

    def __str__(self) -> str:
        return self.name_ko

    @property
    def short_name_en(self) -> str:
        """The English counterpart of ``short_name_ko``: ``Siheung`` of ``Gyeonggi Siheung
        Office of Education``, as ``load_reference`` spells ``name_en``."""
        return self.name_en.removeprefix("Gyeonggi ").removesuffix(" Office of Education")


class Region(models.Model):
    """시·군 — one of the 31 cities and counties of Gyeonggi, keyed by its 시군구 code."""

    sigungu_code = models.CharField(_("시군구 코드"), max_length=5, unique=True)
    bjd_code = models.CharField(_("법정동 코드"), max_length=10, unique=True)
    name_ko = models.CharField(_("이름"), max_length=20, unique=True)
    full_name_ko = models.CharField(_("전체 이름"), max_length=40)
    name_en = models.CharField(_("영문 이름"), max_length=40)
    kind = models.CharField(_("구분"), max_length=2, choices=[("시", _("시")), ("군", _("군"))])
    latitude = models.DecimalField(_("중심 위도(근사)"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("중심 경도(근사)"), max_digits=8, decimal_places=5)
    general_gu = models.JSONField(_("일반구"), default=list, blank=True)
    support_office = models.ForeignKey(
        SupportOffice,
        on_delete=models.PROTECT,
        related_name="regions",
        verbose_name=_("관할 교육지원청"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "시·군")
        verbose_name_plural = pgettext_lazy("model plural", "시·군")
        ordering = ["sigungu_code"]

    def __str__(self) -> str:
        return self.name_ko

    @property
    def full_name_en(self) -> str:
        """The English counterpart of ``full_name_ko``: ``Siheung-si, Gyeonggi-do``."""
        return f"{self.name_en}, Gyeonggi-do" if self.name_en else ""


class PilotDistrict(models.Model):
    """미래형 직업교육 선도지구 — a support office's district chosen in a given year."""

    support_office = models.ForeignKey(
        SupportOffice,
        on_delete=models.PROTECT,
        related_name="pilot_districts",
        verbose_name=_("교육지원청"),
    )
    year = models.PositiveSmallIntegerField(_("지정 연도"))
    announced_on = models.DateField(_("발표일"), null=True, blank=True)
    source_note = models.CharField(_("출처"), max_length=200, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "선도지구")
        verbose_name_plural = pgettext_lazy("model plural", "선도지구")
        ordering = ["year", "support_office__name_ko"]
        constraints = [
            models.UniqueConstraint(
                fields=["support_office", "year"], name="pilot_district_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(office)s 선도지구 (%(year)s)") % {
            "office": localized_name(self.support_office, "short_name"),
            "year": self.year,
        }


class NcsMajor(models.Model):
    """NCS 대분류 (01–24)."""

    code = models.CharField(_("코드"), max_length=2, unique=True)
    name_ko = models.CharField(_("이름"), max_length=50)
    name_en = models.CharField(_("영문 이름(비공식)"), max_length=100, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "NCS 대분류")
        verbose_name_plural = pgettext_lazy("model plural", "NCS 대분류")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ko}"


class NcsMiddle(models.Model):
    """NCS 중분류 — the field a department and a demand figure are classified by."""

    code = models.CharField(_("코드"), max_length=4, unique=True)
    major = models.ForeignKey(
        NcsMajor, on_delete=models.PROTECT, related_name="middles", verbose_name=_("대분류")
    )
    name_ko = models.CharField(_("이름"), max_length=50)
    older_name_ko = models.CharField(_("이전 이름"), max_length=50, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "NCS 중분류")
        verbose_name_plural = pgettext_lazy("model plural", "NCS 중분류")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ko}"

    @property
    def name_en(self) -> str:
        """vocnet's (unofficial) English name from ``data/ncs_middle_en.csv``, so that
        ``localized_name`` names the field in the page's language like every other list."""
        from vocnet.registry.reference import ncs_middle_english

        return ncs_middle_english().get(self.code, "")


class KsicSection(models.Model):
    """KSIC 대분류 (A–U)."""

    code = models.CharField(_("코드"), max_length=1, unique=True)
    name_ko = models.CharField(_("이름"), max_length=100)
    name_en = models.CharField(_("영문 이름"), max_length=150)

    class Meta:
        verbose_name = pgettext_lazy("model", "KSIC 대분류")
        verbose_name_plural = pgettext_lazy("model plural", "KSIC 대분류")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ko}"


class KsicDivision(models.Model):
    """KSIC 중분류 (2-digit division) — a company's industry."""

    code = models.CharField(_("코드"), max_length=2, unique=True)
    section = models.ForeignKey(
        KsicSection, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("대분류")
    )
    name_ko = models.CharField(_("이름"), max_length=100)
    name_ko_11th = models.CharField(_("11차 개정 이름"), max_length=100, blank=True)
    focus_tag = models.CharField(_("관심 산업"), max_length=50, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "KSIC 중분류")
        verbose_name_plural = pgettext_lazy("model plural", "KSIC 중분류")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name_ko_11th or self.name_ko}"

    @property
    def name_en(self) -> str:
        """vocnet's (unofficial) English name (``data/ksic_divisions_en.csv``), for
        ``localized_name``."""
        from vocnet.registry.reference import ksic_division_english

        return ksic_division_english().get(self.code, "")

    @property
    def current_name_ko(self) -> str:
        """The 11th revision's name where it changed, else the 10th's."""
        return self.name_ko_11th or self.name_ko

    @property
    def current_name_en(self) -> str:
        return self.name_en
