"""The province overview: key figures per region, per support office and per NCS field.

Figures come from directory facts (schools, departments' intake and enrolment, companies,
designations) read through the permission layer; no personal record is counted, so the
same overview can be shown to every officer who may open it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vocnet.core.errors import not_found
from vocnet.core.i18n import localized_name
from vocnet.core.permissions import get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.registry.geo import TILE_GRID, shade
from vocnet.registry.models import (
    SYNTHETIC_ORIGINS,
    Company,
    DataOrigin,
    Department,
    PilotDistrict,
    Region,
    School,
    SupportOffice,
)
from vocnet.spreadsheets.exporting import ExportColumn

PROGRAMME_KINDS = ("moe_agreement", "gg_agreement", "gg_hightech")
# Only an invented school's designation is invented; a real name's comes from the lists.
INVENTED = DataOrigin.SYNTHETIC

METRICS = {
    "schools": _("직업계고"),
    "students": _("재학생"),
    "capacity": _("입학 정원"),
    "companies": _("기업"),
    "designated": _("지정 학교"),
}
# What each figure counts (``vocnet.core.i18n.FIGURE_UNITS``), for the cards' units.
METRIC_UNITS = {
    "schools": "schools",
    "students": "people",
    "capacity": "people",
    "companies": "companies",
    "designated": "schools",
}


@dataclass
class RegionFigures:
    region: Region
    schools: int = 0
    departments: int = 0
    capacity: int = 0
    students: int = 0
    companies: int = 0
    designated: int = 0
    is_pilot: bool = False
    column: int = 0
    row: int = 0
    shade: int = 0
    # How much of each figure comes from synthetic rows (metric name → part of the figure).
    synthetic: dict[str, int] = field(default_factory=dict)

    def metric(self, name: str) -> int:
        return int(getattr(self, name))

    def synthetic_part(self, name: str) -> int:
        return self.synthetic.get(name, 0)


@dataclass(frozen=True)
class FieldFigures:
    """Enrolment of one NCS major field (대분류), with both names for the page's language."""

    code: str
    name_ko: str
    name_en: str
    students: int


@dataclass(frozen=True)
class FigureWithOrigin:
    """A figure and how much of it comes from synthetic rows (0: none)."""

    value: int
    synthetic: int = 0


def _totals(items: list[RegionFigures], names: list[str]) -> dict[str, FigureWithOrigin]:
    return {
        name: FigureWithOrigin(
            sum(item.metric(name) for item in items),
            sum(item.synthetic_part(name) for item in items),
        )
        for name in names
    }


@dataclass
class Overview:
    regions: list[RegionFigures]
    metric: str
    totals: dict[str, int] = field(default_factory=dict)
    # The same totals with their synthetic part, for the labels (metric → figure).
    figures: dict[str, FigureWithOrigin] = field(default_factory=dict)
    unplaced_schools: int = 0
    by_field: list[FieldFigures] = field(default_factory=list)

    @property
    def has_synthetic(self) -> bool:
        return any(figure.synthetic for figure in self.figures.values())


REGION_EXPORT_COLUMNS: list[ExportColumn[RegionFigures]] = [
    ExportColumn("시군구 코드", lambda item: item.region.sigungu_code, 12),
    ExportColumn("시·군", lambda item: item.region.name_ko, 12),
    ExportColumn("교육지원청", lambda item: item.region.support_office.name_ko, 26),
    ExportColumn("직업계고", lambda item: item.schools),
    ExportColumn("학과", lambda item: item.departments),
    ExportColumn("입학 정원", lambda item: item.capacity),
    ExportColumn("재학생", lambda item: item.students),
    ExportColumn("기업", lambda item: item.companies),
    ExportColumn("지정 학교", lambda item: item.designated),
    ExportColumn("선도지구", lambda item: "예" if item.is_pilot else "아니오"),
    # Every figure above may add synthetic demo rows: these columns say how much of it.
    ExportColumn("합성 학교 (직업계고 중)", lambda item: item.synthetic_part("schools"), 14),
    ExportColumn("합성 학과 (학과 중)", lambda item: item.synthetic_part("departments"), 14),
    ExportColumn("합성 입학 정원 (입학 정원 중)", lambda item: item.synthetic_part("capacity"), 16),
    ExportColumn("합성 재학생 (재학생 중)", lambda item: item.synthetic_part("students"), 14),
    ExportColumn("합성 기업 (기업 중)", lambda item: item.synthetic_part("companies"), 14),
    ExportColumn(
        "합성 지정 학교 (지정 학교 중)", lambda item: item.synthetic_part("designated"), 16
    ),
    ExportColumn(
        "자료 구분",
        lambda item: "합성(데모) 데이터 포함" if any(item.synthetic.values()) else "공식·입력 자료",
        20,
    ),
]


_synthetic_school = Q(school__organisation__data_origin__in=SYNTHETIC_ORIGINS)


def _region_figures(user: UserLike, region_ids: list[int] | None = None) -> list[RegionFigures]:
    regions = restrict(user, Region.objects.select_related("support_office"))
    if region_ids is not None:
        regions = regions.filter(pk__in=region_ids)
    figures = {r.pk: RegionFigures(region=r) for r in regions}
    school_rows = (
        restrict(user, School.objects.filter(organisation__region_id__in=figures))
        .values("organisation__region_id")
        .annotate(
            schools=Count("pk", distinct=True),
            designated=Count("pk", filter=Q(designations__kind__in=PROGRAMME_KINDS), distinct=True),
            synthetic_schools=Count(
                "pk", filter=Q(organisation__data_origin__in=SYNTHETIC_ORIGINS), distinct=True
            ),
            synthetic_designated=Count(
                "pk",
                filter=Q(
                    designations__kind__in=PROGRAMME_KINDS, organisation__data_origin=INVENTED
                ),
                distinct=True,
            ),
        )
    )
    for row in school_rows:
        item = figures[row["organisation__region_id"]]
        item.schools, item.designated = row["schools"], row["designated"]
        item.synthetic["schools"] = row["synthetic_schools"]
        item.synthetic["designated"] = row["synthetic_designated"]
    department_rows = (
        restrict(
            user,
            Department.objects.filter(is_active=True, school__organisation__region_id__in=figures),
        )
        .values("school__organisation__region_id")
        .annotate(
            departments=Count("pk"),
            capacity=Sum("intake_capacity"),
            g1=Sum("enrolled_grade_1"),
            g2=Sum("enrolled_grade_2"),
            g3=Sum("enrolled_grade_3"),
            synthetic_departments=Count("pk", filter=_synthetic_school),
            synthetic_capacity=Sum("intake_capacity", filter=_synthetic_school),
            s1=Sum("enrolled_grade_1", filter=_synthetic_school),
            s2=Sum("enrolled_grade_2", filter=_synthetic_school),
            s3=Sum("enrolled_grade_3", filter=_synthetic_school),
        )
    )
    for row in department_rows:
        item = figures[row["school__organisation__region_id"]]
        item.departments = row["departments"]
        item.capacity = row["capacity"] or 0
        item.students = (row["g1"] or 0) + (row["g2"] or 0) + (row["g3"] or 0)
        item.synthetic["departments"] = row["synthetic_departments"]
        item.synthetic["capacity"] = row["synthetic_capacity"] or 0
        item.synthetic["students"] = (row["s1"] or 0) + (row["s2"] or 0) + (row["s3"] or 0)
    company_rows = (
        restrict(user, Company.objects.filter(organisation__region_id__in=figures))
        .values("organisation__region_id")
        .annotate(
            companies=Count("pk"),
            synthetic_companies=Count(
                "pk", filter=Q(organisation__data_origin__in=SYNTHETIC_ORIGINS)
            ),
        )
    )
    for row in company_rows:
        figures[row["organisation__region_id"]].companies = row["companies"]
        figures[row["organisation__region_id"]].synthetic["companies"] = row["synthetic_companies"]
    pilot_offices = set(
        restrict(user, PilotDistrict.objects.all()).values_list("support_office_id", flat=True)
    )
    for item in figures.values():
        item.is_pilot = item.region.support_office_id in pilot_offices
        item.column, item.row = TILE_GRID.get(item.region.sigungu_code, (0, 0))
    return sorted(figures.values(), key=lambda item: item.region.sigungu_code)


def province_overview(*, user: UserLike, metric: str = "students") -> Overview:
    """Figures for all 31 regions, the tile shade of the chosen metric, province totals and
    enrolment per NCS major field."""
    if metric not in METRICS:
        metric = "students"
    regions = _region_figures(user)
    maximum = max((item.metric(metric) for item in regions), default=0)
    for item in regions:
        item.shade = shade(item.metric(metric), maximum)
    totals = {name: sum(item.metric(name) for item in regions) for name in METRICS}
    totals["departments"] = sum(item.departments for item in regions)
    figures = _totals(regions, [*METRICS, "departments"])
    unplaced = restrict(user, School.objects.filter(organisation__region__isnull=True)).count()
    by_field: dict[tuple[str, str, str], int] = defaultdict(int)
    rows = (
        restrict(user, Department.objects.filter(is_active=True))
        .values(
            "ncs_middle__major__code", "ncs_middle__major__name_ko", "ncs_middle__major__name_en"
        )
        .annotate(
            g1=Sum("enrolled_grade_1"), g2=Sum("enrolled_grade_2"), g3=Sum("enrolled_grade_3")
        )
        .order_by("ncs_middle__major__code")
    )
    for row in rows:
        key = (
            row["ncs_middle__major__code"],
            row["ncs_middle__major__name_ko"],
            row["ncs_middle__major__name_en"],
        )
        by_field[key] += (row["g1"] or 0) + (row["g2"] or 0) + (row["g3"] or 0)
    return Overview(
        regions=regions,
        metric=metric,
        totals=totals,
        figures=figures,
        unplaced_schools=unplaced,
        by_field=[FieldFigures(*key, students=value) for key, value in by_field.items() if value],
    )


@dataclass(frozen=True)
class RegionRow:
    """One region of the overview's tile map and table, its texts written once in Python
    (the page drew 31 tiles and 31 rows through a dozen template filters each)."""

    href: str
    name: str
    office_href: str
    office_name: str
    tile_class: str
    tile_value: str
    tile_synthetic: bool
    is_pilot: bool
    # The figures with thousands separators.
    schools: str
    departments: str
    capacity: str
    students: str
    companies: str
    designated: str
    # "학교 1/3 · 재학생 10/200 · 기업 0/5" when a school, student or company figure has a
    # synthetic part, else "".
    synthetic_text: str


def grouped(value: int) -> str:
    """An integer with thousands separators, as ``intcomma`` writes it in Korean and English
    ("1,234"); a test holds the two equal."""
    return f"{value:,}"


def region_rows(overview: Overview) -> list[RegionRow]:
    """The overview's regions as the page shows them, in the active language, with the
    addresses of their region and support-office pages (one reverse each, not one a row)."""
    metric = overview.metric
    region_prefix = reverse("reports:region", args=["0"])[: -len("0/")]
    office_prefix = reverse("reports:support_office", args=[0])[: -len("0/")]
    rows = []
    for item in overview.regions:
        region, s = item.region, item.synthetic
        synthetic_text = ""
        if s.get("schools") or s.get("students") or s.get("companies"):
            synthetic_text = gettext(
                "학교 %(schools)s/%(all_schools)s · 재학생 %(students)s/%(all_students)s · "
                "기업 %(companies)s/%(all_companies)s"
            ) % {
                "schools": s.get("schools") or 0,
                "all_schools": item.schools,
                "students": grouped(s.get("students") or 0),
                "all_students": grouped(item.students),
                "companies": grouped(s.get("companies") or 0),
                "all_companies": grouped(item.companies),
            }
        pilot = " vn-pilot" if item.is_pilot else ""
        rows.append(
            RegionRow(
                href=f"{region_prefix}{region.sigungu_code}/",
                name=localized_name(region),
                office_href=f"{office_prefix}{region.support_office_id}/",
                office_name=localized_name(region.support_office, "short_name"),
                tile_class=(
                    f"vn-tile vn-shade-{item.shade} vn-col-{item.column + 1} "
                    f"vn-row-{item.row + 1}{pilot}"
                ),
                tile_value=grouped(item.metric(metric)),
                tile_synthetic=bool(s.get(metric)),
                is_pilot=item.is_pilot,
                schools=grouped(item.schools),
                departments=grouped(item.departments),
                capacity=grouped(item.capacity),
                students=grouped(item.students),
                companies=grouped(item.companies),
                designated=grouped(item.designated),
                synthetic_text=synthetic_text,
            )
        )
    return rows


@dataclass
class AreaDetail:
    figures: list[RegionFigures]
    schools: list[School]
    totals: dict[str, FigureWithOrigin]

    @property
    def has_synthetic(self) -> bool:
        return any(figure.synthetic for figure in self.totals.values())


def area_detail(*, user: UserLike, region_ids: list[int]) -> AreaDetail:
    """Figures and the schools of one region or of a support office's regions."""
    figures = _region_figures(user, region_ids)
    schools = list(
        restrict(user, School.objects.filter(organisation__region_id__in=region_ids))
        .select_related("organisation__region")
        .prefetch_related("designations", "departments__ncs_middle")
        .order_by("organisation__name_ko")
    )
    return AreaDetail(figures=figures, schools=schools, totals=_totals(figures, list(METRICS)))


def region_by_code(*, user: UserLike, sigungu_code: str) -> Region:
    region = (
        restrict(user, Region.objects.select_related("support_office"))
        .filter(sigungu_code=sigungu_code)
        .first()
    )
    if region is None:
        raise not_found("시·군", "Region")
    return region


def support_office_regions(*, user: UserLike, office_id: int) -> tuple[SupportOffice, list[int]]:
    office = get_visible(
        user,
        SupportOffice.objects.prefetch_related("pilot_districts"),
        office_id,
        ("교육지원청", "Support office"),
    )
    return office, list(office.regions.values_list("pk", flat=True))
