"""Reads of graduate destinations, through the permission layer: the rows a user may see, and
the counts by department, school or NCS field that the supply and gap pages show beside the
expected graduates. Counts are summed from the rows the user may see and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Literal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vocnet.core.errors import permission_denied
from vocnet.core.pagecache import cached_for_authority
from vocnet.core.permissions import actor_for, get_visible, restrict
from vocnet.core.users import UserLike
from vocnet.pathways.models import DestinationKind, GraduateDestination, latest_graduation_year
from vocnet.pathways.policies import sees_destinations
from vocnet.registry.models import (
    DataOrigin,
    Department,
    NcsMiddle,
    Organisation,
    Role,
    School,
)

# How many graduating classes "last years' graduates" covers.
RECENT_COHORTS = 3
SYNTHETIC_ORIGINS = (DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)
GroupBy = Literal["department", "school", "field", "total"]
GROUP_KEYS: dict[str, str | None] = {
    "department": "department_id",
    "school": "department__school_id",
    "field": "department__ncs_middle__code",
    "total": None,
}


@dataclass(frozen=True)
class DestinationFilters:
    """Filters of the destination lists (all optional): ``school`` and ``department`` ids,
    ``year`` of graduation, ``kind`` of destination, ``ncs`` the department's NCS major
    (2 digits) or middle (4 digits) field, ``region`` a 시군구 code."""

    school: int | None = None
    department: int | None = None
    year: int | None = None
    kind: str | None = None
    ncs: str | None = None
    region: str | None = None


@dataclass
class DestinationCounts:
    """Graduates by destination. Employment is split by the job's NCS field against the
    department's: the same middle field (전공 일치), another field, or not recorded."""

    employed_in_field: int = 0
    employed_other_field: int = 0
    employed_field_unknown: int = 0
    university: int = 0
    military: int = 0
    other: int = 0
    unknown: int = 0
    # Of all the above, how many are synthetic (demo) records, so pages can say so.
    synthetic: int = 0

    @property
    def employed(self) -> int:
        return self.employed_in_field + self.employed_other_field + self.employed_field_unknown

    @property
    def total(self) -> int:
        return self.employed + self.university + self.military + self.other + self.unknown

    @property
    def known(self) -> int:
        """Graduates whose destination is known (the base of every share)."""
        return self.total - self.unknown

    def share(self, name: str) -> float | None:
        """``name``'s share of the graduates with a known destination (None when none is)."""
        if not self.known:
            return None
        return float(getattr(self, name)) / self.known

    @property
    def not_studying_share(self) -> float | None:
        """Of the graduates with a known destination, those who did not go on to study: what
        the supply model calls the labour-market share."""
        share = self.share("university")
        return None if share is None else 1 - share

    @property
    def not_studying_percent(self) -> float | None:
        share = self.not_studying_share
        return None if share is None else share * 100

    @property
    def in_field_percent(self) -> float | None:
        """Of the employed, those working in their department's NCS field (None: nobody)."""
        return self.employed_in_field * 100 / self.employed if self.employed else None

    def add(self, other: DestinationCounts) -> None:
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {item.name: getattr(self, item.name) for item in fields(self)}
        data["employed"] = self.employed
        data["total"] = self.total
        return data


def _filtered(qs: QuerySet[GraduateDestination], filters: DestinationFilters) -> Any:
    if filters.school:
        qs = qs.filter(department__school_id=filters.school)
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    if filters.year:
        qs = qs.filter(graduation_year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.ncs:
        key = (
            "department__ncs_middle__major__code"
            if len(filters.ncs) == 2
            else "department__ncs_middle__code"
        )
        qs = qs.filter(**{key: filters.ncs})
    if filters.region:
        qs = qs.filter(department__school__organisation__region__sigungu_code=filters.region)
    return qs


def destination_list(
    *, user: UserLike, filters: DestinationFilters
) -> QuerySet[GraduateDestination]:
    """The destinations ``user`` may see (``policies``), filtered, relations loaded."""
    qs = restrict(user, GraduateDestination.objects.all()).with_relations()
    return _filtered(qs, filters).order_by(
        "-graduation_year",
        "department__school__organisation__name_ko",
        "department__name_ko",
        "graduate_key",
    )


def destination_get(*, user: UserLike, destination_id: int) -> GraduateDestination:
    """One destination the user may see; NotFound otherwise (never reveals existence)."""
    return get_visible(
        user,
        GraduateDestination.objects.with_relations(),
        destination_id,
        ("졸업생 진로", "Graduate destination"),
    )


def require_viewer(*, user: UserLike) -> None:
    """Raise PermissionDenied for users who may see no graduate's destination at all."""
    actor = actor_for(user)
    if not actor.is_authenticated or not sees_destinations(actor):
        raise permission_denied()


def can_record(*, user: UserLike) -> bool:
    """Whether the user records destinations (school staff, the province)."""
    actor = actor_for(user)
    return actor.is_province or bool(actor.organisations(Role.SCHOOL_STAFF))


def filter_schools(*, user: UserLike) -> list[School]:
    """The schools whose graduates the user sees, for the filter: every school for the
    province, else the user's own schools and those of the user's regions."""
    actor = actor_for(user)
    schools = School.objects.select_related("organisation").order_by("organisation__name_ko")
    if actor.is_province:
        return list(schools)
    return list(
        schools.filter(
            Q(pk__in=actor.organisations(Role.SCHOOL_STAFF))
            | Q(organisation__region_id__in=actor.region_ids)
        )
    )


def recordable_departments(*, user: UserLike) -> QuerySet[Department]:
    """The departments whose graduates the user records: their school's, or all for the
    province."""
    actor = actor_for(user)
    departments = Department.objects.select_related("school__organisation").order_by(
        "school__organisation__name_ko", "name_ko"
    )
    if actor.is_province:
        return departments
    return departments.filter(school_id__in=actor.organisations(Role.SCHOOL_STAFF))


def recent_graduation_years(*, user: UserLike, upto: int, count: int = RECENT_COHORTS) -> list[int]:
    """The latest ``count`` graduation years up to ``upto`` with a destination the user may
    see, oldest first (empty when there is none)."""
    years = (
        restrict(user, GraduateDestination.objects.filter(graduation_year__lte=upto))
        .order_by("-graduation_year")
        .values_list("graduation_year", flat=True)
        .distinct()[:count]
    )
    return sorted(years)


def destination_counts(
    *,
    user: UserLike,
    years: Iterable[int],
    group_by: GroupBy = "department",
    filters: DestinationFilters | None = None,
    region_ids: Iterable[int] | None = None,
    school_ids: Iterable[int] | None = None,
) -> dict[Any, DestinationCounts]:
    """Graduates of ``years`` by destination, per department id, school id, the department's
    NCS middle code, or in one total (key None), counted from the rows the user may see.
    ``region_ids`` and ``school_ids`` narrow to the departments of those regions or schools.
    One query."""
    qs = restrict(user, GraduateDestination.objects.filter(graduation_year__in=list(years)))
    qs = _filtered(qs, filters or DestinationFilters())
    # The departments of the regions or schools as a subquery, run once: filtering through
    # the join to the department costs a join on every graduate's row.
    departments = None
    if region_ids is not None:
        departments = Department.objects.filter(
            school_id__in=Organisation.objects.filter(region_id__in=list(region_ids)).values("pk")
        )
    if school_ids is not None:
        departments = (departments or Department.objects).filter(school_id__in=list(school_ids))
    if departments is not None:
        qs = qs.filter(department_id__in=departments.values("pk"))
    # Two steps in one query: the rows are counted per (year, department, kind, job field,
    # origin) straight off the covering index ``destination_year_tally`` in its order, and only
    # those few thousand groups are joined to their department and summed by ``group_by``
    # (joining every graduate's row to its department cost twice as much). The origin is a key
    # of the groups, not a filtered count: the index hands it over in order, and a second
    # aggregate evaluated on each of 48,000 rows cost more (SQLite, province: 18.7 → 16.2 ms
    # with the field's code joined to the sums instead of to every group).
    tally = (
        qs.values(
            t_year=F("graduation_year"),
            t_department=F("department_id"),
            t_kind=F("kind"),
            t_field=F("ncs_middle_id"),
            t_origin=F("data_origin"),
        )
        .annotate(t_rows=Count("pk"))
        .order_by()
    )
    try:
        tally_sql, params = tally.query.sql_with_params()
    except EmptyResultSet:
        return {}
    quote = connection.ops.quote_name
    department, field = quote(Department._meta.db_table), quote(NcsMiddle._meta.db_table)
    key_column = {
        "department": "t.t_department, ",
        "school": f"d.{quote('school_id')}, ",
        # By the field's id; its code is joined to the ~200 sums, not to every group.
        "field": f"d.{quote('ncs_middle_id')}, ",
        "total": "",
    }[group_by]
    synthetic = ", ".join(["%s"] * len(SYNTHETIC_ORIGINS))
    sql = (
        f"SELECT {key_column}t.t_kind, SUM(t.t_rows),"
        f" SUM(CASE WHEN t.t_field = d.{quote('ncs_middle_id')} THEN t.t_rows ELSE 0 END),"
        " SUM(CASE WHEN t.t_field IS NOT NULL THEN t.t_rows ELSE 0 END),"
        f" SUM(CASE WHEN t.t_origin IN ({synthetic}) THEN t.t_rows ELSE 0 END)"
        f" FROM ({tally_sql}) t INNER JOIN {department} d ON d.{quote('id')} = t.t_department"
        f" GROUP BY {key_column}t.t_kind"
    )
    params = (*SYNTHETIC_ORIGINS, *params)  # the CASE comes before the tally in the text
    if group_by == "field":
        sql = (
            f"SELECT m.{quote('code')}, s.* FROM ({sql}) s"
            f" LEFT OUTER JOIN {field} m ON m.{quote('id')} = s.{quote('ncs_middle_id')}"
        )
    counts: dict[Any, DestinationCounts] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    for row in result:
        if not key_column:
            row = (None, *row)
        elif group_by == "field":
            row = (row[0], *row[2:])  # the code, not the id
        key, kind, graduates, in_field, field_known, synthetic_rows = row
        group = counts.setdefault(key, DestinationCounts())
        graduates, in_field, field_known = int(graduates), int(in_field), int(field_known)
        group.synthetic += int(synthetic_rows)
        if kind == DestinationKind.EMPLOYED:
            group.employed_in_field += in_field
            group.employed_other_field += field_known - in_field
            group.employed_field_unknown += graduates - field_known
        elif kind in (
            DestinationKind.UNIVERSITY,
            DestinationKind.MILITARY,
            DestinationKind.OTHER,
            DestinationKind.UNKNOWN,
        ):
            setattr(group, str(kind), getattr(group, str(kind)) + graduates)
    return counts


@dataclass
class SummaryLine:
    """One group of a summary: a department (with its school), a school or an NCS field."""

    key: Any
    name_ko: str
    name_en: str
    counts: DestinationCounts
    school_name_ko: str = ""
    ncs_code: str = ""


@dataclass
class Summary:
    years: list[int]
    group_by: str
    lines: list[SummaryLine]
    totals: DestinationCounts


def destination_summary(
    *,
    user: UserLike,
    group_by: GroupBy = "department",
    filters: DestinationFilters | None = None,
    years: list[int] | None = None,
    upto: int | None = None,
) -> Summary:
    """Destinations of the last graduating classes (``years``, default the latest
    ``RECENT_COHORTS`` up to ``upto`` that the user may see) per department, school or NCS
    field, with names, largest group first. Raises PermissionDenied for users who see no
    graduate at all. Three queries."""
    require_viewer(user=user)
    filters = filters or DestinationFilters()
    if years is None:
        years = recent_graduation_years(user=user, upto=upto or 2100)
    counts = destination_counts(user=user, years=years, group_by=group_by, filters=filters)
    totals = DestinationCounts()
    for group in counts.values():
        totals.add(group)
    lines: list[SummaryLine] = []
    if group_by in ("department", "school"):
        if group_by == "department":
            for department in Department.objects.filter(pk__in=list(counts)).select_related(
                "school__organisation", "ncs_middle"
            ):
                lines.append(
                    SummaryLine(
                        department.pk,
                        department.name_ko,
                        department.name_ko,
                        counts[department.pk],
                        department.school.organisation.name_ko,
                        department.ncs_middle.code,
                    )
                )
        else:
            for school in School.objects.filter(pk__in=list(counts)).select_related("organisation"):
                organisation = school.organisation
                lines.append(
                    SummaryLine(
                        school.pk,
                        organisation.name_ko,
                        organisation.name_en or organisation.name_ko,
                        counts[school.pk],
                    )
                )
    elif group_by == "field":
        # NCS rows carry no English name, so the field is named in Korean with its code.
        for code, name in NcsMiddle.objects.filter(code__in=list(counts)).values_list(
            "code", "name_ko"
        ):
            lines.append(SummaryLine(code, name, name, counts[code], ncs_code=code))
    lines.sort(key=lambda line: (-line.counts.total, line.school_name_ko, line.name_ko))
    return Summary(years=list(years), group_by=group_by, lines=lines, totals=totals)


@dataclass(frozen=True)
class HomeItem:
    label: str
    value: str
    url: str


def home_items(*, user: UserLike) -> list[HomeItem]:
    """For those who see graduates (province, support offices, school staff): how many
    graduates of the last classes have a recorded destination, and how many of them work."""
    actor = actor_for(user)
    if not actor.is_authenticated or not sees_destinations(actor):
        # A graduate signed in with their student record's login: their own eligibility.
        from vocnet.pathways.selectors.eligibility import graduate_home_items

        return graduate_home_items(actor.student_id)
    # Counts of every graduate the actor may see: kept per data version (no one's personal
    # data in them), and per day, since the recent classes move with the date.
    return cached_for_authority(
        name="pathways:home",
        actor=actor,
        compute=lambda: _home_items(user),
        extra=timezone.localdate().isoformat(),
    )


def _home_items(user: UserLike) -> list[HomeItem]:
    years = recent_graduation_years(user=user, upto=latest_graduation_year(timezone.localdate()))
    if not years:
        return []
    actor = actor_for(user)
    graduates = restrict(user, GraduateDestination.objects.filter(graduation_year__in=years))
    if not actor.is_province:
        # The same rows as the permission scope, named by department: the index on
        # (graduation_year, department_id, kind) then reads the school's or region's graduates
        # only, instead of every graduate of the years joined to their department.
        graduates = graduates.filter(
            department_id__in=Department.objects.filter(
                Q(school_id__in=actor.organisations(Role.SCHOOL_STAFF))
                | Q(school__organisation__region_id__in=actor.region_ids)
            ).values("pk")
        )
    # Three filtered counts in one pass of the index, no GROUP BY's sort.
    counts = graduates.aggregate(
        total=Count("pk"),
        employed=Count("pk", filter=Q(kind=DestinationKind.EMPLOYED)),
        university=Count("pk", filter=Q(kind=DestinationKind.UNIVERSITY)),
    )
    total, employed, university = counts["total"], counts["employed"], counts["university"]
    label = (
        _("졸업생 진로(%(year)s년 졸업)") % {"year": years[0]}
        if len(years) == 1
        else _("졸업생 진로(%(first)s–%(last)s년 졸업)") % {"first": years[0], "last": years[-1]}
    )
    return [
        HomeItem(
            label,
            _("%(total)s명 중 취업 %(employed)s명, 진학 %(university)s명")
            % {
                "total": f"{total:,}",
                "employed": f"{employed:,}",
                "university": f"{university:,}",
            },
            reverse("pathways:destinations"),
        )
    ]
