"""The pathway indicators by school, department, NCS field, region, programme or year
(issue 18, §2), counted in one query from the graduates' stored summaries (kept by
``services.events``) over the rows the user may see (``policies``), turned into rates by the
pure ``indicators`` module, and suppressed ("<5") on every page that is not the school's own.

Definitions and their sources: ``rules.DEFINITIONS`` (the 취업률 is the national statistic's;
the others are vocnet's and the pages say so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from vocnet.core.permissions import Actor, actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.pathways import indicators
from vocnet.pathways.models import GraduateDestination, PathwayStatus
from vocnet.pathways.selectors.destinations import SYNTHETIC_ORIGINS, require_viewer
from vocnet.registry.models import Department, NcsMiddle, Region, Role, School, SchoolDesignation

Dimension = Literal["school", "department", "field", "region", "programme", "year", "total"]
DIMENSIONS: dict[str, str | None] = {
    "school": "department__school_id",
    "department": "department_id",
    "field": "department__ncs_middle__code",
    "region": "department__school__organisation__region_id",
    "programme": "designated",
    "year": "graduation_year",
    "total": None,
}
SCHOOL_REGION_CODE = "department__school__organisation__region__sigungu_code"


@dataclass(frozen=True)
class IndicatorFilters:
    """Optional filters: graduation ``year``, ``school`` id, ``region`` (시군구 code of the
    school), ``ncs`` (the department's NCS major, 2 digits, or middle, 4 digits), and
    ``programme`` ("designated": schools designated for a programme by the graduation year;
    "other")."""

    year: int | None = None
    school: int | None = None
    region: str | None = None
    ncs: str | None = None
    programme: str | None = None


@dataclass
class IndicatorLine:
    key: Any
    name_ko: str
    name_en: str
    counts: indicators.IndicatorCounts
    shown: indicators.ShownRow


@dataclass
class IndicatorTable:
    dimension: str
    lines: list[IndicatorLine]
    total: IndicatorLine
    suppressed: bool
    years: list[int] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        return self.total.counts.synthetic > 0


def suppresses(actor: Actor) -> bool:
    """Whether the actor's pages suppress small counts: everyone's but school staff looking
    at their own school (``rules.SUPPRESSION``)."""
    if actor.is_province or actor.region_ids:
        return True
    return not actor.organisations(Role.SCHOOL_STAFF)


def _designated() -> Exists:
    return Exists(
        SchoolDesignation.objects.filter(
            school_id=OuterRef("department__school_id"), year__lte=OuterRef("graduation_year")
        )
    )


def filtered(qs: QuerySet[GraduateDestination], filters: IndicatorFilters) -> Any:
    if filters.year:
        qs = qs.filter(graduation_year=filters.year)
    if filters.school:
        qs = qs.filter(department__school_id=filters.school)
    if filters.region:
        qs = qs.filter(**{SCHOOL_REGION_CODE: filters.region})
    if filters.ncs:
        key = (
            "department__ncs_middle__major__code"
            if len(filters.ncs) == 2
            else "department__ncs_middle__code"
        )
        qs = qs.filter(**{key: filters.ncs})
    if filters.programme in ("designated", "other"):
        qs = qs.alias(designated=_designated()).filter(designated=filters.programme == "designated")
    return qs


def count_indicators(
    qs: QuerySet[GraduateDestination], dimension: str
) -> dict[Any, indicators.IndicatorCounts]:
    """The indicator counts of the graduates of ``qs`` per ``dimension`` key (None for
    "total"). One query."""
    key = DIMENSIONS[dimension]
    if dimension == "programme":
        qs = qs.annotate(designated=_designated())
    employed = Q(pathway_status=PathwayStatus.EMPLOYED)
    aggregates: dict[str, Any] = dict(
        c_graduates=Count("pk"),
        c_employed=Count("pk", filter=employed),
        c_higher_education=Count("pk", filter=Q(pathway_status=PathwayStatus.HIGHER_EDUCATION)),
        c_enlisted=Count("pk", filter=Q(pathway_status=PathwayStatus.ENLISTED)),
        c_exempted=Count("pk", filter=Q(pathway_status=PathwayStatus.EXEMPTED)),
        c_retention_6_checked=Count("pk", filter=employed & Q(retained_6__isnull=False)),
        c_retained_6=Count("pk", filter=employed & Q(retained_6=True)),
        c_retention_12_checked=Count("pk", filter=employed & Q(retained_12__isnull=False)),
        c_retained_12=Count("pk", filter=employed & Q(retained_12=True)),
        c_workplace_known=Count("pk", filter=employed & ~Q(workplace_sigungu_code="")),
        c_same_city=Count("pk", filter=employed & Q(works_in_school_city=True)),
        c_same_province=Count("pk", filter=employed & Q(works_in_school_province=True)),
        c_work_study=Count("pk", filter=~Q(study_route="")),
        c_first_jobs=Count("days_to_first_job"),
        c_days_to_first_job=Sum("days_to_first_job"),
        c_synthetic=Count("pk", filter=Q(data_origin__in=SYNTHETIC_ORIGINS)),
    )
    rows: Any = (
        qs.values(key).annotate(**aggregates).order_by() if key else [qs.aggregate(**aggregates)]
    )
    counts: dict[Any, indicators.IndicatorCounts] = {}
    for row in rows:
        values = {name[2:]: value or 0 for name, value in row.items() if name.startswith("c_")}
        counts[row[key] if key else None] = indicators.IndicatorCounts(**values)
    return counts


def _names(dimension: str, keys: list[Any]) -> dict[Any, tuple[str, str]]:
    """Korean and English names of the groups (NCS fields are named in Korean)."""
    # Names as plain values: a province's 620 departments as model instances (with their
    # schools and organisations) cost more than the counts they label.
    if dimension == "school":
        return {
            pk: (ko, en or ko)
            for pk, ko, en in School.objects.filter(pk__in=keys).values_list(
                "pk", "organisation__name_ko", "organisation__name_en"
            )
        }
    if dimension == "department":
        return {
            pk: (f"{school_ko} {name_ko}", f"{school_en or school_ko} {name_ko}")
            for pk, name_ko, school_ko, school_en in Department.objects.filter(
                pk__in=keys
            ).values_list(
                "pk", "name_ko", "school__organisation__name_ko", "school__organisation__name_en"
            )
        }
    if dimension == "field":
        return {
            code: (f"{code} {name}", f"{code} {name}")
            for code, name in NcsMiddle.objects.filter(code__in=keys).values_list("code", "name_ko")
        }
    if dimension == "region":
        names: dict[Any, tuple[str, str]] = {
            pk: (ko, en or ko)
            for pk, ko, en in Region.objects.filter(pk__in=keys).values_list(
                "pk", "name_ko", "name_en"
            )
        }
        names[None] = ("지역 미상", "Region unknown")
        return names
    if dimension == "programme":
        return {
            True: ("지정 학교(사업 참여)", "Designated schools"),
            False: ("그 밖의 학교", "Others"),
        }
    if dimension == "year":
        return {year: (f"{year}년 졸업", f"Class of {year}") for year in keys}
    return {None: ("전체", "All")}


def indicator_table(
    *, user: UserLike, dimension: Dimension = "school", filters: IndicatorFilters | None = None
) -> IndicatorTable:
    """The indicators of the graduates ``user`` may see, per ``dimension`` (largest group
    first) and in total; small counts suppressed unless the user is school staff looking at
    their own school. Raises PermissionDenied for users who see no graduate. Three queries."""
    require_viewer(user=user)
    actor = actor_for(user)
    suppress = suppresses(actor)
    qs = filtered(restrict(user, GraduateDestination.objects.all()), filters or IndicatorFilters())
    return build_table(qs, dimension, suppress)


def build_table(
    qs: QuerySet[GraduateDestination], dimension: str, suppress: bool
) -> IndicatorTable:
    """The table of ``qs`` per ``dimension`` (shared by the signed-in and the open pages, so
    their figures are the same)."""
    counts = count_indicators(qs, dimension)
    total = indicators.IndicatorCounts()
    for group in counts.values():
        total.add(group)
    names = _names(dimension, [k for k in counts if k is not None])
    lines = [
        IndicatorLine(
            key,
            *names.get(key, (str(key), str(key))),
            counts=group,
            shown=indicators.shown(group, suppress=suppress),
        )
        for key, group in counts.items()
    ]
    if dimension == "year":
        lines.sort(key=lambda line: line.key)
    else:
        lines.sort(key=lambda line: (-line.counts.graduates, line.name_ko))
    years = sorted(qs.order_by().values_list("graduation_year", flat=True).distinct())
    return IndicatorTable(
        dimension=dimension,
        lines=lines,
        total=IndicatorLine(None, "전체", "All", total, indicators.shown(total, suppress=suppress)),
        suppressed=suppress,
        years=years,
    )
