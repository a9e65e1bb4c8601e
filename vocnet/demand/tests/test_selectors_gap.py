"""The gap analysis: demand against graduates for work, by region, field and year, in the
scope each role may see, with the drill-down behind a figure.

The personas' world: 시흥미래공업고 (시흥, 41390) and 수원정보고 (수원, 41110) each run one
기계설계(1501) department with intake 48 and grades 48 / 46 / 44. Company A (시흥) declares
30 people of 1501 in 시흥 for next year. Next year's graduates are this year's third grade:
44 × 0.97 = 42.68, of whom 49.5 % look for work: 21.13, so 시흥 is 8.87 short; 수원 has the same
21.13 graduates for work and no demand: a surplus of 21.13.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pytest
from django.db.models import Count, Q, Sum
from django.utils import translation

from vocnet.core.errors import PermissionDenied
from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.demand.models import DemandDeclaration
from vocnet.demand.selectors import GapFilters, gap_analysis, gap_drilldown
from vocnet.demand.selectors.gap import (
    CONSORTIUM_KINDS,
    GROUPINGS,
    Area,
    Figures,
    GapRow,
    Name,
    Shortage,
    field_names,
)
from vocnet.demand.supply import SupplyModel
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
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
from vocnet.testing import World

pytestmark = pytest.mark.django_db

AVAILABLE = 44 * 0.97 * 0.495


@pytest.fixture
def demand(world: World) -> None:
    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code="1501"),
        occupation="CAD 설계 보조원",
        headcount=30,
        year=declared_year(1),
    )


def test_the_province_sees_the_shortage_of_siheung_and_the_surplus_of_suwon(
    world: World, demand: None
) -> None:
    # When the province looks at next year by region
    analysis = gap_analysis(user=world.user("province_officer"), filters=GapFilters())

    # Then each region's 1501 row has the hand-computed figures
    rows = {(r.area.key, r.field.code): r.figures for r in analysis.rows if r.area and r.field}
    siheung, suwon = rows[("41390", "1501")], rows[("41110", "1501")]
    assert analysis.year == declared_year(1)
    assert (siheung.demand, siheung.graduates) == (30, pytest.approx(42.68))
    assert siheung.available == pytest.approx(AVAILABLE)
    assert siheung.gap == pytest.approx(AVAILABLE - 30)
    assert suwon.gap == pytest.approx(AVAILABLE)
    assert [
        (r.area.key if r.area else None, round(r.figures.shortage, 2)) for r in analysis.shortages
    ] == [("41390", 8.87)]
    assert [
        (r.area.key if r.area else None, round(r.figures.surplus, 2)) for r in analysis.surpluses
    ] == [("41110", 21.13)]


def test_the_tile_map_shades_the_shortage_of_siheung_darkest(world: World, demand: None) -> None:
    analysis = gap_analysis(user=world.user("support_office_officer"), filters=GapFilters())

    tiles = {t.region.sigungu_code: t for t in analysis.tiles}
    assert len(tiles) == 31
    assert (tiles["41390"].shade, round(tiles["41390"].shortage, 2)) == (5, 8.87)
    assert (tiles["41110"].shade, tiles["41110"].shortage) == (0, 0.0)
    assert (tiles["41390"].column, tiles["41390"].row) == (1, 4)


def test_school_staff_see_their_own_region_only(world: World, demand: None) -> None:
    # When the staff of 수원정보고 look
    analysis = gap_analysis(user=world.user("school_staff_b"), filters=GapFilters())

    # Then only 수원 is computed: its surplus, and no trace of 시흥's demand
    assert {r.area.key for r in analysis.rows if r.area} == {"41110"}
    assert analysis.totals.demand == 0
    assert [t.region.sigungu_code for t in analysis.tiles if t.in_scope] == ["41110"]


def test_a_city_officer_reads_the_gap_of_its_own_region_only(world: World, demand: None) -> None:
    # When the officer of 시흥시 looks (issue 18 §5)
    analysis = gap_analysis(user=world.user("local_government_officer"), filters=GapFilters())
    # Then only 시흥 is computed, with the demand the office sees there
    office = gap_analysis(user=world.user("support_office_officer"), filters=GapFilters())
    assert {r.area.key for r in analysis.rows if r.area} == {"41390"}
    assert [t.region.sigungu_code for t in analysis.tiles if t.in_scope] == ["41390"]
    siheung = [r for r in office.rows if r.area and r.area.key == "41390"]
    assert round(analysis.totals.demand, 2) == round(sum(r.figures.demand for r in siheung), 2)


@pytest.mark.parametrize("persona", ["company_staff", "student"])
def test_roles_without_figures_are_refused(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        gap_analysis(user=world.user(persona), filters=GapFilters())


def test_grouping_by_support_office_and_by_field_adds_up_the_regions(
    world: World, demand: None
) -> None:
    user = world.user("province_officer")

    by_office = gap_analysis(user=user, filters=GapFilters(group_by="support_office"))
    by_field = gap_analysis(user=user, filters=GapFilters(group_by="field"))

    offices = {r.area.name.name_ko: round(r.figures.gap, 2) for r in by_office.rows if r.area}
    assert offices == {"시흥": round(AVAILABLE - 30, 2), "수원": round(AVAILABLE, 2)}
    ((row),) = by_field.rows
    assert (row.field.code if row.field else None, round(row.figures.gap, 2)) == (
        "1501",
        round(2 * AVAILABLE - 30, 2),
    )


def test_the_drilldown_lists_the_declaration_and_the_department_behind_the_figure(
    world: World, demand: None
) -> None:
    data = gap_drilldown(
        user=world.user("school_staff_a"),
        filters=GapFilters(year=declared_year(1), region="41390", ncs="1501"),
    )

    assert [d.occupation for d in data.declarations] == ["CAD 설계 보조원"]
    assert [(line.department.name_ko, round(line.graduates, 2)) for line in data.departments] == [
        ("미래자동차과", 42.68)
    ]
    assert data.figures.gap == pytest.approx(AVAILABLE - 30)


def test_a_later_year_counts_the_intake_not_yet_admitted(world: World, demand: None) -> None:
    # Given demand declared four years ahead, when today's intake graduates
    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code="1501"),
        year=declared_year(4),
        headcount=5,
    )

    analysis = gap_analysis(
        user=world.user("province_officer"), filters=GapFilters(year=declared_year(4))
    )

    siheung = next(r for r in analysis.rows if r.area and r.area.key == "41390")
    assert siheung.figures.graduates == pytest.approx(48 * 0.97**3)


# The reads as they were before the gap page was made cheaper (the references the new reads
# must equal): every declaration's aggregate read even for a consortium's own schools, each
# area's cells summed anew, the consortium labels read under a language switch each.
def _old_scope_areas(scope: frozenset[int] | None, regions: list[Region]) -> dict[str, list[Area]]:
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
    for (kind, year), schools in sorted(groups.items()):
        regions_of_group = inside(group_regions[(kind, year)])
        if not regions_of_group:
            continue
        with translation.override("ko"):
            label_ko = f"{labels[kind]} {year}"
        with translation.override("en"):
            label_en = f"{labels[kind]} {year}"
        areas["consortium"].append(
            Area(f"{kind}:{year}", "consortium", Name(label_ko, label_en), regions_of_group,
                 frozenset(schools))
        )  # fmt: skip
    for name in ("support_office", "pilot_district"):
        areas[name] = [area for area in areas[name] if area.region_ids]
    return areas


def _old_cells(
    user: UserLike,
    region_ids: frozenset[int],
    ncs: str | None,
    year: int,
    supply: SupplyModel,
    school_ids: frozenset[int] | None = None,
) -> dict[tuple[int, str], Figures]:
    """(region id, NCS middle code) → figures of ``year``."""
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
    for row in declarations.values("region_id", "ncs_middle__code").annotate(
        total=Sum("headcount"),
        rows=Count("pk"),
        synthetic=Count("pk", filter=Q(data_origin__in=SYNTHETIC_ORIGINS)),
    ):
        if school_ids is None:
            cell = cells[(row["region_id"], row["ncs_middle__code"])]
            cell.demand += row["total"]
            cell.declarations += row["rows"]
            cell.synthetic_declarations += row["synthetic"]
    for row in departments.values("school__organisation__region_id", "ncs_middle__code").annotate(
        intake=Sum("intake_capacity"),
        g1=Sum("enrolled_grade_1"),
        g2=Sum("enrolled_grade_2"),
        g3=Sum("enrolled_grade_3"),
        rows=Count("pk"),
        synthetic=Count("pk", filter=Q(school__organisation__data_origin__in=SYNTHETIC_ORIGINS)),
    ):
        graduates = supply.graduates(
            year,
            intake=row["intake"] or 0,
            grade_1=row["g1"] or 0,
            grade_2=row["g2"] or 0,
            grade_3=row["g3"] or 0,
        )
        cell = cells[(row["school__organisation__region_id"], row["ncs_middle__code"])]
        cell.graduates += graduates
        cell.available += supply.available(graduates)
        cell.departments += row["rows"]
        cell.synthetic_departments += row["synthetic"]
    return cells


def _old_rows(
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
        by_field: dict[str, Figures] = defaultdict(Figures)
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


@pytest.mark.parametrize(
    "group_by", ["region", "support_office", "pilot_district", "consortium", "field"]
)
@pytest.mark.parametrize(
    "persona",
    ["province_officer", "support_office_officer", "school_staff_a", "local_government_officer"],
)
def test_the_cheaper_gap_reads_equal_the_old_ones(
    world: World, demand: None, group_by: str, persona: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vocnet.demand.selectors import gap
    from vocnet.registry.models import DesignationKind, SchoolDesignation

    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code="2001"),
        occupation="전기 보조원",
        headcount=7,
        year=declared_year(1),
        region=world.objects["department_b"].school.organisation.region,
    )
    SchoolDesignation.objects.create(
        school=world.objects["department_a"].school, kind=DesignationKind.GG_AGREEMENT, year=2025
    )
    user = world.user(persona)

    def figures(analysis: gap.GapAnalysis) -> list:
        def row(r: gap.GapRow) -> tuple:
            return (
                r.area.key if r.area else None,
                r.field,
                r.year,
                r.figures,
                r.consortium_available,
            )

        return [
            [row(r) for r in analysis.rows],
            [row(r) for r in analysis.by_field],
            [row(r) for r in analysis.shortages],
            [row(r) for r in analysis.surpluses],
            [(t.region.pk, t.in_scope, t.shortage, t.surplus, t.shade) for t in analysis.tiles],
            analysis.totals,
            {
                k: [(a.key, a.name, a.region_ids, a.school_ids) for a in v]
                for k, v in analysis.areas.items()
            },
        ]

    filters = GapFilters(group_by=group_by)
    new = figures(gap_analysis(user=user, filters=filters))
    monkeypatch.setattr(gap, "scope_areas", _old_scope_areas)
    monkeypatch.setattr(
        gap,
        "_cells",
        # The old read joined the field for its code: the codes by id are not needed.
        lambda user, region_ids, ncs, year, supply, _codes, school_ids=None: _old_cells(
            user, region_ids, ncs, year, supply, school_ids
        ),
    )
    monkeypatch.setattr(gap, "_rows", _old_rows)
    old = figures(gap_analysis(user=user, filters=filters))

    assert new == old
    assert new[0] or group_by != "region"


def _old_largest_shortage(user: UserLike) -> Shortage | None:
    """The largest shortage as it was read before the home page was made cheaper: every cell
    by the old _cells (fields joined for their codes, every value through Django's
    converters), the name from every field's names."""
    from vocnet.demand.policies import gap_region_scope
    from vocnet.demand.selectors import gap

    scope = gap_region_scope(user)
    supply = gap.supply_model()
    year = gap.gap_years(user=user, supply=supply)[0]
    regions = {
        r.pk: r for r in restrict(user, Region.objects.all()) if scope is None or r.pk in scope
    }
    cells = _old_cells(user, frozenset(regions), None, year, supply)
    short = [(key, f) for key, f in cells.items() if f.shortage > 0.5]
    if not short:
        return None
    (region_id, code), figures = max(short, key=lambda item: (item[1].shortage, item[0][1]))
    return Shortage(
        year, regions[region_id], field_names().get(code, Name(code, code, code)), figures
    )


def _declare(world: World, code: str, region: Region, headcount: int) -> None:
    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code=code),
        occupation=f"보조원 {code} {region.pk}",
        headcount=headcount,
        year=declared_year(1),
        region=region,
    )


@pytest.mark.parametrize("ties", ["none", "regions", "fields"])
@pytest.mark.parametrize(
    "persona",
    [
        "province_officer",
        "support_office_officer",
        "school_staff_a",
        "school_staff_b",
        "local_government_officer",
    ],
)
def test_the_largest_shortage_equals_the_old_read(
    world: World, demand: None, persona: str, ties: str
) -> None:
    from vocnet.demand.selectors import gap

    suwon = Region.objects.get(sigungu_code="41110")
    # Regions without a department: their shortage is their whole declared demand.
    bare = list(
        Region.objects.exclude(
            pk__in=Department.objects.values("school__organisation__region_id")
        ).order_by("-pk")[:3]
    )
    if ties == "regions":
        # 수원's 1501 as short as 시흥's: the same shortage and field in two regions.
        _declare(world, "1501", suwon, 30)
    elif ties == "fields":
        # The same whole shortage in three regions, two of them in the larger field code.
        _declare(world, "1501", bare[0], 40)
        _declare(world, "2001", bare[1], 40)
        _declare(world, "2001", bare[2], 40)
    user = world.user(persona)

    new = gap.largest_shortage(user=user)
    old = _old_largest_shortage(user)

    assert new == old
    if persona == "school_staff_b" and ties != "regions":
        assert new is None  # 수원 has a surplus only
    if ties == "fields" and persona in ("province_officer", "support_office_officer"):
        assert new is not None
        assert (new.field.code, new.region) == ("2001", bare[2])  # the smaller region id
