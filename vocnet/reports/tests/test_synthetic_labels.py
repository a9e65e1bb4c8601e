"""Honest data on every page (issue 16 §8): on the demo, every figure that adds synthetic rows
says how much of it ("합성 포함 n / N"), every synthetic name carries its badge, an invented
school's designation never looks real, a location read from a school's name is shown as
inferred, and the overview's Excel export says the same in its columns and title.

The demo is loaded at scale 0.02 (every real-named school, 5 synthetic schools, the
consortium of invented members, a few hundred students).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.test import Client
from django.urls import reverse

from vocnet.demo.registry import load_demo
from vocnet.registry.models import (
    DataOrigin,
    Organisation,
    Region,
    School,
    SchoolDesignation,
)
from vocnet.spreadsheets.testing import read_xlsx
from vocnet.testing import sign_in

BASE_SCHOOL = "경기자동차과학고등학교"


@pytest.fixture
def demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def _client(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    sign_in(client, get_user_model().objects.get(username=username))
    return client


def _html(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _label(part: int, total: int) -> str:
    return f"합성 포함 {intcomma(part)} / {intcomma(total)}"


def _assert_synthetic_names_badged(html: str, where: str) -> int:
    """Every link to a synthetic organisation on the page is followed by its badge; returns
    how many such links there were."""
    found = 0
    for organisation in Organisation.objects.filter(
        data_origin__in=(DataOrigin.SYNTHETIC, DataOrigin.REAL_NAME_SYNTHETIC)
    ).only("pk"):
        link = f'href="{reverse("registry:organisation", args=[organisation.pk])}"'
        for match in re.finditer(re.escape(link), html):
            found += 1
            after = html[match.end() : match.end() + 400]
            end = after.index("</a>") + len("</a>")
            assert 'data-synthetic="name"' in after[end:], (where, organisation.pk, after)
    return found


def test_province_overview_labels_each_figure_with_its_synthetic_part(demo: None) -> None:
    # Given the demo, whose figures add synthetic schools and students
    client = _client("province")

    # When the province officer opens the overview
    response = client.get(reverse("reports:overview"))
    html = response.content.decode()
    overview = response.context["overview"]

    # Then each total that adds synthetic rows says how much, and the page says why
    synthetic_totals = [f for f in overview.figures.values() if f.synthetic]
    assert synthetic_totals, "the demo should contribute synthetic rows"
    for key in ("schools", "students", "capacity", "companies"):
        figure = overview.figures[key]
        assert figure.synthetic > 0, key
        assert _label(figure.synthetic, figure.value) in html, key
    assert 'id="synthetic-notice"' in html
    # and each tile of the map whose figure adds synthetic rows is marked
    tiles = html[html.index('class="vn-tilemap"') : html.index('class="vn-legend"')]
    marked = tiles.count('data-synthetic="tile"')
    assert marked == sum(1 for item in overview.regions if item.synthetic.get(overview.metric))
    # and each region row that adds synthetic rows says so in its own column
    for item in overview.regions:
        if item.synthetic.get("schools") or item.synthetic.get("students"):
            table = html[html.index('id="region-table"') :]
            row = table[table.index(reverse("reports:region", args=[item.region.sigungu_code])) :]
            row = row[: row.index("</tr>")]
            assert 'data-synthetic="figure"' in row, item.region.sigungu_code


def test_overview_export_has_the_synthetic_part_of_every_figure(demo: None) -> None:
    client = _client("province")
    page = client.get(reverse("reports:overview")).context["overview"]

    response = client.get(reverse("reports:overview_export"))

    rows = read_xlsx(response.content)
    title, header, data = rows[0], rows[1], rows[2:]
    assert "합성(데모) 데이터 포함" in str(title[0])
    for column in ("합성 학교 (직업계고 중)", "합성 재학생 (재학생 중)", "합성 기업 (기업 중)"):
        assert column in header, column
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in data}
    for item in page.regions:
        exported = by_code[item.region.sigungu_code]
        assert exported["합성 학교 (직업계고 중)"] == item.synthetic.get("schools", 0)
        assert exported["합성 재학생 (재학생 중)"] == item.synthetic.get("students", 0)
        if any(item.synthetic.values()):
            assert exported["자료 구분"] == "합성(데모) 데이터 포함"


def test_region_and_office_pages_label_figures_and_names(demo: None) -> None:
    client = _client("province")
    regions = Region.objects.filter(
        organisations__data_origin=DataOrigin.SYNTHETIC, organisations__kind="school"
    ).distinct()
    assert regions.exists()
    for region in regions:
        for path in (
            reverse("reports:region", args=[region.sigungu_code]),
            reverse("reports:support_office", args=[region.support_office_id]),
        ):
            response = client.get(path)
            html = response.content.decode()
            for figure in response.context["detail"].totals.values():
                if figure.synthetic:
                    assert _label(figure.synthetic, figure.value) in html, path
            assert _assert_synthetic_names_badged(html, path) > 0, path


def test_home_figures_say_their_synthetic_part(demo: None) -> None:
    for username in ("province", "office", "school"):
        response = _client(username).get(reverse("reports:home"))
        html = response.content.decode()
        figures = [f for f in response.context["home"].figures if f.synthetic]
        assert figures, username
        for figure in figures:
            assert _label(figure.synthetic, figure.value) in html, (username, figure.label)


def test_invented_consortium_members_carry_no_real_designation_badge(demo: None) -> None:
    # Given the base school's consortium, whose other members are invented
    client = _client("province")
    base = School.objects.get(organisation__name_ko=BASE_SCHOOL)
    invented = SchoolDesignation.objects.filter(
        school__organisation__data_origin=DataOrigin.SYNTHETIC, kind="moe_agreement"
    )
    assert invented.exists()

    # When the base school's page and the directory of designated schools are opened
    pages = [
        _html(client, reverse("registry:organisation", args=[base.pk])),
        _html(client, reverse("registry:directory") + "?kind=school&designation=moe_agreement"),
    ]

    # Then the invented designations are badged as synthetic, the members' names too
    for html in pages:
        assert 'data-synthetic="designation"' in html
        assert _assert_synthetic_names_badged(html, "consortium") > 0
    for designation in invented:
        html = _html(client, reverse("registry:organisation", args=[designation.school_id]))
        assert 'data-synthetic="designation"' in html
        assert f'outline-primary">{designation.get_kind_display()}' not in html
        assert 'bg-light-primary">협약형' not in html


def test_locations_inferred_from_a_name_are_shown_as_inferred(demo: None) -> None:
    client = _client("province")
    inferred = Organisation.objects.filter(location_is_inferred=True)
    assert inferred.exists(), "the school list has locations inferred from names"
    for organisation in inferred:
        html = _html(client, reverse("registry:organisation", args=[organisation.pk]))
        assert 'data-inferred="location"' in html, organisation.name_ko
    html = _html(client, reverse("registry:directory") + "?kind=school&per_page=100")
    assert html.count('data-inferred="location"') >= min(inferred.count(), 1)


def test_directory_badges_every_synthetic_name(demo: None) -> None:
    client = _client("province")
    for query in ("?kind=school&per_page=100", "?kind=company&per_page=100"):
        html = _html(client, reverse("registry:directory") + query)
        assert _assert_synthetic_names_badged(html, query) > 0, query


@pytest.fixture
def demo_with_demand(demo: None) -> None:
    from vocnet.demo.demand import load_demand_demo

    load_demand_demo(seed=0)


def test_gap_export_says_per_row_how_many_of_its_rows_are_synthetic(
    demo_with_demand: None,
) -> None:
    from vocnet.demand.selectors.gap import GapFilters, gap_analysis

    # Given the demo's declarations and departments, some of them synthetic
    client = _client("province")
    user = client.get(reverse("reports:home")).wsgi_request.user
    analysis = gap_analysis(user=user, filters=GapFilters())
    assert any(row.figures.has_synthetic for row in analysis.rows)

    # When the province officer downloads the gap analysis, and opens its page
    rows = read_xlsx(client.get(reverse("api:export_gap")).content)
    html = _html(client, reverse("demand:gap"))

    # Then every row says how many of the declarations and departments behind it are synthetic
    title, header, data = rows[0], rows[1], rows[2:]
    assert "합성(데모) 데이터 포함" in str(title[0])
    declarations = "수요 신고: 합성 / 전체 (synthetic / all declarations)"
    departments = "학과: 합성 / 전체 (synthetic / all departments)"
    assert len(data) == len(analysis.rows)
    for row, exported in zip(analysis.rows, data, strict=True):
        cells = dict(zip(header, exported, strict=True))
        figures = row.figures
        assert cells[declarations] == (
            f"합성 {figures.synthetic_declarations} / 전체 {figures.declarations}"
        )
        assert cells[departments] == (
            f"합성 {figures.synthetic_departments} / 전체 {figures.departments}"
        )
        expected = "합성(데모) 데이터 포함" if figures.has_synthetic else "공식·입력 자료"
        assert cells["자료 구분 / data_origin"] == expected
    # and the page says the same of its totals
    totals = analysis.totals
    assert f"수요 신고 {totals.declarations}건 중 합성 {totals.synthetic_declarations}건" in html
