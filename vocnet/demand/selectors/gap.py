"""The gap analysis: declared demand against expected graduates, by region × NCS field ×
year, grouped by region, support office, pilot district, agreement consortium or field; the
largest shortages and surpluses; and the tile map (``gap_tiles``). The drill-down to the
departments and declarations behind every figure is ``gap_drilldown``.

Demand is the sum of the declarations the user may see; supply is the graduates of the
departments of the schools in the region who look for work (``vocnet.demand.supply``).
Regions outside the user's scope (``policies.gap_region_scope``) are not computed at all.
This compares a region's demand with the graduates *of that region*; the planner also lets
graduates work in neighbouring regions. Beside the supply stand the destinations of the last
graduating classes (``vocnet.pathways``), per NCS field and per department, counted from the
graduates the user may see (a school its own, a support office its regions', the province
all).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone, translation

from vocnet.core.permissions import actor_for, restrict
from vocnet.core.users import UserLike
from vocnet.demand.models import DemandDeclaration
from vocnet.demand.policies import gap_region_scope
from vocnet.demand.selectors.gap_tiles import TILE_METRICS, Tile, region_tiles
from vocnet.demand.supply import DECLARATION_YEARS_AHEAD, SupplyModel, current_school_year
from vocnet.pathways.policies import sees_destinations
from vocnet.pathways.selectors import (
    DestinationCounts,
    DestinationFilters,
    destination_counts,
    recent_graduation_years,
)
from vocnet.registry.models import (
    SYNTHETIC_ORIGINS,
    Department,
    DesignationKind,
    NcsMiddle,
    PilotDistrict,
    Region,
    SchoolDesignation,
    SupportOffice,
)
from vocnet.registry.reference import ncs_middle_english

GROUPINGS = ("region", "support_office", "pilot_district", "consortium", "field")
CONSORTIUM_KINDS = (
    DesignationKind.MOE_AGREEMENT,
    DesignationKind.GG_AGREEMENT,
    DesignationKind.GG_HIGHTECH,
)


@dataclass(frozen=True)
class GapFilters:
    """``year`` of hiring (default: the first declared); ``group_by`` one of GROUPINGS;
    ``ncs`` an NCS major (2 digits) or middle (4 digits) code; ``region`` (시군구 code),
    ``support_office`` (id), ``pilot_district`` (id) and ``consortium`` (``kind:year``)
    narrow the regions."""

    year: int | None = None
    group_by: str = "region"
    ncs: str | None = None
    region: str | None = None
    support_office: int | None = None
    pilot_district: int | None = None
    consortium: str | None = None
    metric: str = "shortage"


@dataclass(frozen=True)
class Name:
    """A name in both languages, for ``{{ x|localized_name }}``."""

    name_ko: str
    name_en: str
    code: str = ""


@dataclass
class Area:
    key: str
    kind: str
    name: Name
    region_ids: frozenset[int]
    school_ids: frozenset[int] = frozenset()

    @property
    def query(self) -> str:
        param = "consortium" if self.kind == "consortium" else self.kind
        return f"{param}={self.key}"


@dataclass
class Figures:
    demand: float = 0.0
    graduates: float = 0.0
    available: float = 0.0
    # The rows behind the figures, and how many of them are synthetic demo rows (issue 16
    # §8): declarations behind ``demand``, departments behind ``graduates``.
    declarations: int = 0
    synthetic_declarations: int = 0
    departments: int = 0
    synthetic_departments: int = 0

    @property
    def gap(self) -> float:
        """Graduates for work minus demand: negative is a shortage."""
        return self.available - self.demand

    @property
    def shortage(self) -> float:
        return max(-self.gap, 0.0)

    @property
    def surplus(self) -> float:
        return max(self.gap, 0.0)

    def add(self, other: Figures) -> None:
        self.demand += other.demand
        self.graduates += other.graduates
        self.available += other.available
        self.declarations += other.declarations
        self.synthetic_declarations += other.synthetic_declarations
        self.departments += other.departments
        self.synthetic_departments += other.synthetic_departments

    @property
    def has_synthetic(self) -> bool:
        return bool(self.synthetic_declarations or self.synthetic_departments)


@dataclass
class GapRow:
    area: Area | None
    field: Name | None
    year: int
    figures: Figures
    consortium_available: float | None = None

    @property
    def drill_query(self) -> str:
        parts = [f"year={self.year}"]
        if self.area is not None:
            parts.append(self.area.query)
        if self.field is not None:
            parts.append(f"ncs={self.field.code}")
        return "&".join(parts)


@dataclass
class GapAnalysis:
    filters: GapFilters
    year: int
    years: list[int]
    supply: SupplyModel
    rows: list[GapRow]
    by_field: list[GapRow]
    shortages: list[GapRow]
    surpluses: list[GapRow]
    tiles: list[Tile]
    totals: Figures
    areas: dict[str, list[Area]] = field(default_factory=dict)
    scope_limited: bool = False
    past: PastDestinations | None = None


@dataclass
class PastDestinations:
    """Where the last graduating classes went, by NCS field or department (``by``), beside
    the supply; ``years`` empty when none is recorded that the user may see."""

    years: list[int]
    by: dict[Any, DestinationCounts]
    totals: DestinationCounts

    def of(self, key: Any) -> DestinationCounts | None:
        return self.by.get(key)


def past_destinations(
    *,
    user: UserLike,
    upto: int,
    group_by: str,
    region_ids: frozenset[int],
    ncs: str | None,
    school_ids: frozenset[int] | None = None,
) -> PastDestinations | None:
    """Destinations of the last graduating classes of the departments of ``region_ids``
    (and ``ncs``) by ``group_by`` (``field`` or ``department``), counted from the graduates
    the user may see; None for users who see no graduate at all (two queries)."""
    actor = actor_for(user)
    if not sees_destinations(actor):
        return None
    years = recent_graduation_years(user=user, upto=upto)
    by = (
        destination_counts(
            user=user,
            years=years,
            group_by="field" if group_by == "field" else "department",
            filters=DestinationFilters(ncs=ncs),
            region_ids=region_ids,
            school_ids=school_ids,
        )
        if years
        else {}
    )
    totals = DestinationCounts()
    for counts in by.values():
        totals.add(counts)
    return PastDestinations(years, by, totals)


def field_names() -> dict[str, Name]:
    return fields_by_id()[1]


def fields_by_id() -> tuple[dict[int, str], dict[str, Name]]:
    """Every NCS middle field's code by id (the tallies group by id, not through a join to
    the code) and its names by code, in one query."""
    english = ncs_middle_english()
    codes: dict[int, str] = {}
    names: dict[str, Name] = {}
    for pk, code, name in NcsMiddle.objects.values_list("pk", "code", "name_ko").order_by("code"):
        codes[pk] = code
        names[code] = Name(name, english.get(code, name), code)
    return codes, names


def supply_model(today: date | None = None) -> SupplyModel:
    return SupplyModel(base_year=current_school_year(today or timezone.localdate()))


def gap_years(*, user: UserLike, supply: SupplyModel) -> list[int]:
    """Years with declarations the user may see, within the horizon; else the next three."""
    # DISTINCT in the database, without the model's ordering: not 9,000 rows sorted by name.
    years = sorted(
        restrict(user, DemandDeclaration.objects.all())
        .filter(year__gt=supply.base_year, year__lte=supply.base_year + DECLARATION_YEARS_AHEAD)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return years or [supply.base_year + n for n in (1, 2, 3)]


def scope_areas(scope: frozenset[int] | None, regions: list[Region]) -> dict[str, list[Area]]:
    """Every area of every grouping, restricted to the regions in scope."""

    def inside(ids: Iterable[int]) -> frozenset[int]:
        ids = frozenset(ids)
        return ids if scope is None else ids & scope

    areas: dict[str, list[Area]] = {name: [] for name in GROUPINGS}
    for region in regions:
        areas["region"].append(
            Area(region.sigungu_code, "region", Name(region.name_ko, region.name_en),
                 frozenset({region.pk}))
        )  # fmt: skip
    by_office: dict[int, set[int]] = defaultdict(set)
    for region in regions:
        by_office[region.support_office_id].add(region.pk)
    for office in SupportOffice.objects.filter(pk__in=by_office).order_by("name_ko"):
        areas["support_office"].append(
            Area(str(office.pk), "support_office",
                 Name(office.short_name_ko, office.short_name_en), inside(by_office[office.pk]))
        )  # fmt: skip
    for district in PilotDistrict.objects.select_related("support_office").filter(
        support_office_id__in=by_office
    ):
        office = district.support_office
        areas["pilot_district"].append(
            Area(
                str(district.pk),
                "pilot_district",
                Name(
                    f"{office.short_name_ko} 선도지구({district.year})",
                    f"{office.short_name_en} pilot district ({district.year})",
                ),
                inside(by_office[office.pk]),
            )
        )
    groups: dict[tuple[str, int], set[int]] = defaultdict(set)
    group_regions: dict[tuple[str, int], set[int]] = defaultdict(set)
    for school_id, kind, year, region_id in SchoolDesignation.objects.filter(
        kind__in=CONSORTIUM_KINDS, school__organisation__region__isnull=False
    ).values_list("school_id", "kind", "year", "school__organisation__region_id"):
        groups[(kind, year)].add(school_id)
        group_regions[(kind, year)].add(region_id)
    labels = dict(DesignationKind.choices)
    # Each kind's label in both languages once (switching the language is not free).
    kinds = {kind for kind, _year in groups}
    with translation.override("ko"):
        labels_ko = {kind: str(labels[kind]) for kind in kinds}
    with translation.override("en"):
        labels_en = {kind: str(labels[kind]) for kind in kinds}
    for (kind, year), schools in sorted(groups.items()):
        regions_of_group = inside(group_regions[(kind, year)])
        if not regions_of_group:
            continue
        areas["consortium"].append(
            Area(f"{kind}:{year}", "consortium",
                 Name(f"{labels_ko[kind]} {year}", f"{labels_en[kind]} {year}"),
                 regions_of_group, frozenset(schools))
        )  # fmt: skip
    for name in ("support_office", "pilot_district"):
        areas[name] = [area for area in areas[name] if area.region_ids]
    return areas


def selected_regions(
    filters: GapFilters, areas: dict[str, list[Area]], all_ids: frozenset[int]
) -> tuple[frozenset[int], Area | None]:
    for kind, value in (
        ("region", filters.region),
        ("support_office", filters.support_office),
        ("pilot_district", filters.pilot_district),
        ("consortium", filters.consortium),
    ):
        if value in (None, ""):
            continue
        area = next((a for a in areas[kind] if a.key == str(value)), None)
        return (area.region_ids if area else frozenset()), area
    return all_ids, None


def _supply_sums() -> dict[str, Any]:
    """The sums of a group of departments the supply model needs, in the order the readers
    unpack them: intake, grades 1-3, rows and synthetic rows (``_cells`` and
    ``largest_shortage``)."""
    return {
        "intake": Sum("intake_capacity"),
        "g1": Sum("enrolled_grade_1"),
        "g2": Sum("enrolled_grade_2"),
        "g3": Sum("enrolled_grade_3"),
        "rows": Count("pk"),
        "synthetic": Count("pk", filter=Q(school__organisation__data_origin__in=SYNTHETIC_ORIGINS)),
    }


def _cells(
    user: UserLike,
    region_ids: frozenset[int],
    ncs: str | None,
    year: int,
    supply: SupplyModel,
    codes: Mapping[int, str] | None,
    school_ids: frozenset[int] | None = None,
) -> dict[tuple[int, str], Figures]:
    """(region id, NCS middle code) → figures of ``year``; ``codes`` the NCS middle codes by
    id (``fields_by_id``), or None to join each group to its field for the code."""
    field_key = "ncs_middle__code" if codes is None else "ncs_middle_id"

    def code_of(field: Any) -> str:
        return field if codes is None else codes[field]

    cells: dict[tuple[int, str], Figures] = defaultdict(Figures)
    ncs_key = None
    if ncs:
        ncs_key = "ncs_middle__major__code" if len(ncs) == 2 else "ncs_middle__code"
    declarations = restrict(user, DemandDeclaration.objects.all()).filter(
        year=year, region_id__in=region_ids
    )
    departments = restrict(user, Department.objects.all()).filter(
        is_active=True, school__organisation__region_id__in=region_ids
    )
    if ncs_key:
        declarations = declarations.filter(**{ncs_key: ncs})
        departments = departments.filter(**{ncs_key: ncs})
    if school_ids is not None:
        departments = departments.filter(school_id__in=school_ids)
    # Tuples, and no ordering: the models' default ordering would join the organisation on
    # every row for nothing. Grouped by the field's id when ``codes`` are given: the
    # declarations' index ``demand_year_region_tally`` then covers the tally, with no join.
    if school_ids is None:
        for region_id, field_id, total, rows, synthetic in (
            declarations.values_list("region_id", field_key)
            .annotate(
                total=Sum("headcount"),
                rows=Count("pk"),
                synthetic=Count("pk", filter=Q(data_origin__in=SYNTHETIC_ORIGINS)),
            )
            .order_by()
        ):
            cell = cells[(region_id, code_of(field_id))]
            cell.demand += total
            cell.declarations += rows
            cell.synthetic_declarations += synthetic
    for region_id, field_id, intake, g1, g2, g3, rows, synthetic in (
        departments.values_list("school__organisation__region_id", field_key)
        .annotate(**_supply_sums())
        .order_by()
    ):
        graduates = supply.graduates(
            year, intake=intake or 0, grade_1=g1 or 0, grade_2=g2 or 0, grade_3=g3 or 0
        )
        cell = cells[(region_id, code_of(field_id))]
        cell.graduates += graduates
        cell.available += supply.available(graduates)
        cell.departments += rows
        cell.synthetic_departments += synthetic
    return cells


def _rows(
    grouping: list[Area],
    cells: dict[tuple[int, str], Figures],
    names: dict[str, Name],
    year: int,
    consortium_cells: dict[str, dict[tuple[int, str], Figures]],
) -> list[GapRow]:
    # The cells by region once, so each area walks only its own regions' cells.
    by_region: dict[int, list[tuple[str, Figures]]] = defaultdict(list)
    for (region_id, code), figures in cells.items():
        by_region[region_id].append((code, figures))
    rows: list[GapRow] = []
    for area in grouping:
        by_field: dict[str, Figures]
        if len(area.region_ids) == 1:
            # One region (every area of the default grouping): its cells are the sums.
            (region_id,) = area.region_ids
            by_field = dict(by_region.get(region_id, ()))
        else:
            by_field = defaultdict(Figures)
            for region_id in area.region_ids:
                for code, figures in by_region.get(region_id, ()):
                    by_field[code].add(figures)
        own = consortium_cells.get(area.key)
        for code, figures in sorted(by_field.items(), key=lambda item: (item[1].gap, item[0])):
            mine = None
            if own is not None:
                mine = sum(f.available for (_r, c), f in own.items() if c == code)
            rows.append(GapRow(area, names.get(code, Name(code, code, code)), year, figures, mine))
    return rows


def gap_analysis(*, user: UserLike, filters: GapFilters, today: date | None = None) -> GapAnalysis:
    """The figures the user may see (raises PermissionDenied for those who see none)."""
    scope = gap_region_scope(user)
    supply = supply_model(today)
    years = gap_years(user=user, supply=supply)
    year = filters.year if filters.year in years else years[0]
    group_by = filters.group_by if filters.group_by in GROUPINGS else "region"
    regions = list(restrict(user, Region.objects.select_related("support_office")))
    in_scope = [r for r in regions if scope is None or r.pk in scope]
    areas = scope_areas(scope, in_scope)
    all_ids = frozenset(r.pk for r in in_scope)
    selected, selected_area = selected_regions(filters, areas, all_ids)
    codes, names = fields_by_id()
    cells = _cells(user, selected, filters.ncs, year, supply, codes)

    consortium_cells: dict[str, dict[tuple[int, str], Figures]] = {}
    if group_by == "consortium":
        for area in areas["consortium"]:
            consortium_cells[area.key] = _cells(
                user, area.region_ids, filters.ncs, year, supply, codes, area.school_ids
            )
    totals = Figures()
    field_totals: dict[str, Figures] = defaultdict(Figures)
    for (_region, code), figures in cells.items():
        totals.add(figures)
        field_totals[code].add(figures)
    by_field = [
        GapRow(None, names.get(code, Name(code, code, code)), year, figures)
        for code, figures in sorted(field_totals.items(), key=lambda item: (item[1].gap, item[0]))
    ]
    region_field_rows = _rows(
        [a for a in areas["region"] if a.region_ids & selected], cells, names, year, {}
    )
    if group_by == "field":
        rows = by_field
    elif group_by == "region":
        rows = region_field_rows  # the same rows: not summed twice
    else:
        grouping = [a for a in areas[group_by] if a.region_ids & selected]
        rows = _rows(grouping, cells, names, year, consortium_cells)
    shortages = sorted(
        (r for r in region_field_rows if r.figures.gap < -0.5), key=lambda r: r.figures.gap
    )[:10]
    surpluses = sorted(
        (r for r in region_field_rows if r.figures.gap > 0.5), key=lambda r: -r.figures.gap
    )[:10]

    metric = filters.metric if filters.metric in TILE_METRICS else "shortage"
    tiles = region_tiles(regions, cells, selected, metric)
    past = past_destinations(
        user=user,
        upto=supply.base_year,
        group_by="field",
        region_ids=selected,
        ncs=filters.ncs,
    )
    return GapAnalysis(
        filters=GapFilters(**{**filters.__dict__, "year": year, "group_by": group_by,
                              "metric": metric}),
        year=year,
        years=years,
        supply=supply,
        rows=rows,
        by_field=by_field,
        shortages=shortages,
        surpluses=surpluses,
        tiles=tiles,
        totals=totals,
        areas=areas,
        scope_limited=scope is not None or selected_area is not None,
        past=past,
    )  # fmt: skip


@dataclass(frozen=True)
class Shortage:
    year: int
    region: Region
    field: Name
    figures: Figures


def _grouped_rows(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a grouped ``values_list`` read straight off the cursor: the aggregates are
    integers already (SQLite and PostgreSQL alike), so Django's per-value converters (one
    call per value, some 19,000 on the province's home) buy nothing here."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # an empty scope: the query would match nothing
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def largest_shortage(*, user: UserLike, today: date | None = None) -> Shortage | None:
    """The (region, field) most short in the first declared year, in the user's scope — a
    cheap read for the home page (raises PermissionDenied like ``gap_analysis``).

    Only a cell with declared demand can be short (its graduates for work are never
    negative), so the departments are summed for the declared fields only and only the
    declared cells are weighed; the figures are those ``gap_analysis`` shows for the cell.
    Ties go to the larger field code, then to the smaller region id."""
    scope = gap_region_scope(user)
    supply = supply_model(today)
    year = gap_years(user=user, supply=supply)[0]
    regions = {
        r.pk: r for r in restrict(user, Region.objects.all()) if scope is None or r.pk in scope
    }
    region_ids = frozenset(regions)
    # Grouped by the field's id: the index ``demand_year_region_tally`` covers it, no join.
    demand = {
        (region_id, field_id): (total, rows, synthetic)
        for region_id, field_id, total, rows, synthetic in _grouped_rows(
            restrict(user, DemandDeclaration.objects.all())
            .filter(year=year, region_id__in=region_ids)
            .values_list("region_id", "ncs_middle_id")
            .annotate(
                total=Sum("headcount"),
                rows=Count("pk"),
                synthetic=Count("pk", filter=Q(data_origin__in=SYNTHETIC_ORIGINS)),
            )
            .order_by()
        )
    }
    if not demand:
        return None
    supplied = {
        (region_id, field_id): (intake, g1, g2, g3, rows, synthetic)
        for region_id, field_id, intake, g1, g2, g3, rows, synthetic in _grouped_rows(
            restrict(user, Department.objects.all())
            .filter(
                is_active=True,
                school__organisation__region_id__in=region_ids,
                ncs_middle_id__in={field_id for _region, field_id in demand},
            )
            .values_list("school__organisation__region_id", "ncs_middle_id")
            .annotate(**_supply_sums())
            .order_by()
        )
    }

    def figures(key: tuple[int, int]) -> Figures:
        # As ``_cells`` adds them up: one declaration group and one department group a cell.
        cell = Figures()
        total, rows, synthetic = demand[key]
        cell.demand += total
        cell.declarations += rows
        cell.synthetic_declarations += synthetic
        if key in supplied:
            intake, g1, g2, g3, rows, synthetic = supplied[key]
            graduates = supply.graduates(
                year, intake=intake or 0, grade_1=g1 or 0, grade_2=g2 or 0, grade_3=g3 or 0
            )
            cell.graduates += graduates
            cell.available += supply.available(graduates)
            cell.departments += rows
            cell.synthetic_departments += synthetic
        return cell

    # Each declared cell's shortage as ``Figures.shortage`` computes it (``available`` minus
    # ``demand`` as floats), without building its figures: 600 cells on the province's home.
    shortages: dict[tuple[int, int], float] = {}
    for key, (total, _rows, _synthetic) in demand.items():
        available = 0.0
        row = supplied.get(key)
        if row is not None:
            intake, g1, g2, g3 = row[:4]
            available += supply.available(
                supply.graduates(
                    year, intake=intake or 0, grade_1=g1 or 0, grade_2=g2 or 0, grade_3=g3 or 0
                )
            )
        shortages[key] = max(-(available - (0.0 + total)), 0.0)
    most = max(shortages.values())
    if not most > 0.5:
        return None
    tied = [key for key, shortage in shortages.items() if shortage == most]
    # The tied fields' codes and names in one query (mostly one field).
    fields = {
        pk: (code, name)
        for pk, code, name in NcsMiddle.objects.filter(
            pk__in={field_id for _region, field_id in tied}
        ).values_list("pk", "code", "name_ko")
    }
    # ``max`` keeps the first of equals: of the largest code, the smallest region id.
    region_id, field_id = max(sorted(tied), key=lambda key: fields[key[1]][0])
    code, korean = fields[field_id]
    name = Name(korean, ncs_middle_english().get(code, korean), code)
    return Shortage(year, regions[region_id], name, figures((region_id, field_id)))
