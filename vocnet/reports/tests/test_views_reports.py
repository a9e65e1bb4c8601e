"""Home pages per role, the province overview and its drill-downs."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from vocnet.registry.geo import TILE_GRID, shade
from vocnet.registry.models import Region
from vocnet.registry.tests import factories as f
from vocnet.testing import PERSONAS, World, sign_in

pytestmark = pytest.mark.django_db

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_every_role_lands_on_its_own_home(world: World, persona: str) -> None:
    response = _client(world, persona).get("/")

    assert response.status_code == 200
    assert response.context["home"].role == (
        "guardian" if persona == "guardian" else persona.removesuffix("_a").removesuffix("_b")
    )


def test_anonymous_is_sent_to_the_login_page() -> None:
    response = Client().get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_school_home_lists_departments_and_flags_underfilled_ones(world: World) -> None:
    department = world.objects["department_a"]
    department.enrolled_grade_1 = 20  # of 48 seats: below 70 %
    department.save()

    home = _client(world, "school_staff_a").get("/").context["home"]

    assert [d.name_ko for d in home.departments] == ["미래자동차과"]
    assert [figure.value for figure in home.figures] == [1, 48, 20 + 46 + 44]
    assert "70%" in home.todos[0].text


def test_student_and_guardian_see_only_the_student_record(world: World) -> None:
    for persona in ("student", "guardian"):
        home = _client(world, persona).get("/").context["home"]
        assert home.students == [world.student_a]


def test_company_home_asks_for_missing_contact_details(world: World) -> None:
    home = _client(world, "company_staff").get("/").context["home"]

    assert home.todos
    assert "대표 전화" in home.todos[0].text


def test_province_home_counts_and_points_at_schools_without_a_location(world: World) -> None:
    f.SchoolFactory(organisation__region=None)

    home = _client(world, "province_officer").get("/").context["home"]

    assert [figure.value for figure in home.figures][:1] == [3]
    assert any("region=none" in (todo.url or "") for todo in home.todos)


def test_overview_draws_31_tiles_marks_pilot_districts_and_repeats_them_as_a_table(
    world: World,
) -> None:
    response = _client(world, "province_officer").get("/overview/?metric=schools")

    overview = response.context["overview"]
    html = response.content.decode()
    assert len(overview.regions) == 31
    assert {item.region.sigungu_code for item in overview.regions} == set(TILE_GRID)
    assert sum(item.is_pilot for item in overview.regions) == 9
    siheung = next(item for item in overview.regions if item.region.sigungu_code == "41390")
    assert (siheung.schools, siheung.companies, siheung.students) == (1, 1, 48 + 46 + 44)
    assert html.count('class="vn-tile ') == 31
    assert html.count('<th scope="row"><a href="/overview/regions/') == 31


def test_tile_positions_are_unique() -> None:
    assert len(set(TILE_GRID.values())) == len(TILE_GRID) == 31


def test_shade_scales_linearly_to_five_classes() -> None:
    assert [shade(v, 100) for v in (0, 1, 20, 21, 60, 100)] == [0, 1, 1, 2, 3, 5]
    assert shade(5, 0) == 0


def test_region_and_support_office_drill_down(world: World) -> None:
    client = _client(world, "local_government_officer")
    office_id = Region.objects.get(sigungu_code="41390").support_office_id

    region = client.get("/overview/regions/41390/")
    office = client.get(f"/overview/offices/{office_id}/")
    unknown = client.get("/overview/regions/99999/")

    assert region.status_code == 200
    assert [s.pk for s in region.context["detail"].schools] == [world.school_a.pk]
    assert office.status_code == 200
    assert office.context["detail"].totals["schools"].value == 1
    assert unknown.status_code == 404


def test_overview_query_count_is_fixed(world: World, django_assert_max_num_queries: Any) -> None:
    for _ in range(10):
        f.DepartmentFactory(school=f.SchoolFactory(organisation__region=f.region("41110")))
    client = _client(world, "province_officer")
    client.get("/")

    with django_assert_max_num_queries(16):
        assert client.get("/overview/").status_code == 200


def test_overview_and_area_lists_export_to_excel(world: World) -> None:

    from vocnet.spreadsheets.testing import open_xlsx

    client = _client(world, "province_officer")

    response = client.get("/overview/export.xlsx")
    area = client.get("/overview/regions/41390/")

    sheet = open_xlsx(response.content).active
    rows = list(sheet.iter_rows(values_only=True))
    header_index = next(i for i, row in enumerate(rows) if row[0] == "시군구 코드")
    data = {row[0]: row for row in rows[header_index + 1 :]}
    assert len(data) == 31
    assert data["41390"][3] == 1  # one school in Siheung
    assert "/api/exports/schools.xlsx?region=41390" in area.content.decode()


def test_school_home_exports_its_own_department_table(world: World) -> None:
    # Given school staff of school A, whose school has a department (and school B another)
    from vocnet.registry.tests._excel_helpers import read_xlsx

    client = _client(world, "school_staff_a")

    # When they follow the export link under their home page's department table
    home = client.get("/")
    url = home.context["home"].departments_export_url
    assert f'href="{url}"' in home.content.decode().replace("&amp;", "&")
    rows = read_xlsx(client.get(url).content)

    # Then the workbook lists exactly their school's departments
    departments = sorted(d.name_ko for d in world.school_a.departments.all())
    exported = [row for row in rows if world.school_a.organisation.name_ko in map(str, row)]
    assert len(exported) == len(departments) >= 1
    assert all(world.school_b.organisation.name_ko not in map(str, row) for row in rows)


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_every_page_of_the_header_menu_opens_for_its_role(world: World, persona: str) -> None:
    # Given a signed-in persona and the links of its header menu
    client = _client(world, persona)
    links = [item.url for item in client.get("/").context["nav_items"]]

    # When each is opened
    answers = {url: client.get(url).status_code for url in links}

    # Then none answers 403 or anything else but 200 (company staff, local governments and
    # universities were sent to the demand gap, which refuses them)
    assert links
    assert answers == dict.fromkeys(links, 200)
