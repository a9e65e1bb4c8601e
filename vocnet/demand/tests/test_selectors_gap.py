"""The gap analysis: demand against graduates for work, by region, field and year, in the
scope each role may see, with the drill-down behind a figure.

The personas' world: 시흥미래공업고 (시흥, 41390) and 수원정보고 (수원, 41110) each run one
기계설계(1501) department with intake 48 and grades 48 / 46 / 44. Company A (시흥) declares
30 people of 1501 in 시흥 for next year. Next year's graduates are this year's third grade:
44 × 0.97 = 42.68, of whom 49.5 % look for work: 21.13, so 시흥 is 8.87 short; 수원 has the same
21.13 graduates for work and no demand: a surplus of 21.13.
"""

from __future__ import annotations

import pytest

from vocnet.core.errors import PermissionDenied
from vocnet.demand.selectors import GapFilters, gap_analysis, gap_drilldown
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle
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
    assert [(r.area.key, round(r.figures.shortage, 2)) for r in analysis.shortages] == [
        ("41390", 8.87)
    ]
    assert [(r.area.key, round(r.figures.surplus, 2)) for r in analysis.surpluses] == [
        ("41110", 21.13)
    ]


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
