"""The graduate-destination pages: the list with its summary per department (a bounded number
of queries however many graduates), recording through the form with errors on the field,
correcting, the Excel upload, and who may open what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.tests.factories import graduates
from vocnet.registry.tests._excel_helpers import xlsx_bytes
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


@pytest.mark.parametrize("per_department", [3, 30])
def test_the_list_shows_the_summary_and_rows_in_a_bounded_number_of_queries(
    world: World, per_department: int, django_assert_max_num_queries: Any
) -> None:
    # Given graduates of both schools (few, then many)
    graduates(world.objects["department_a"], 2025, employed=per_department, university=2)
    graduates(world.objects["department_b"], 2024, university=per_department)
    client = _client(world, "province_officer")
    client.get("/pathways/")  # warm the session and the actor

    # When the province opens the list
    with django_assert_max_num_queries(12):
        html = client.get("/pathways/").content.decode()

    # Then the summary names each department with its counts
    assert "학과별 진로 (2024, 2025년 졸업)" in html
    assert "시흥미래공업고등학교" in html
    assert "소프트웨어과 (1501)" in html
    assert f"졸업생 {2 * per_department + 2}명" in html


def test_school_staff_see_their_own_graduates_only(world: World) -> None:
    graduates(world.objects["department_a"], 2025, university=2)
    graduates(world.objects["department_b"], 2025, military=3)

    html = _client(world, "school_staff_b").get("/pathways/").content.decode()

    assert "졸업생 3명" in html
    assert "시흥미래공업고등학교" not in html


def test_each_row_links_to_the_graduates_page_edit_and_delete(world: World) -> None:
    # The list writes these addresses from one prefix: they must be what reverse() gives.
    from django.urls import reverse

    graduates(world.objects["department_b"], 2025, military=1)
    (destination,) = GraduateDestination.objects.all()

    html = _client(world, "school_staff_b").get("/pathways/").content.decode()

    for name in ("pathways:pathway", "pathways:destination_edit", "pathways:destination_delete"):
        assert f'"{reverse(name, args=[destination.pk])}"' in html


@pytest.mark.parametrize("persona", ["company_staff", "university_staff", "student"])
def test_roles_that_see_no_graduate_are_refused(world: World, persona: str) -> None:
    assert _client(world, persona).get("/pathways/").status_code == 403


def test_recording_through_the_form_and_an_error_comes_back_on_its_field(world: World) -> None:
    client = _client(world, "school_staff_a")
    form = {
        "department": world.objects["department_a"].pk,
        "graduation_year": 2025,
        "graduate_key": "2025-007",
        "kind": "university",
        "business_number": world.company_a.business_number,
        "ncs_code": "",
        "note": "",
    }

    refused = client.post("/pathways/new/", form).content.decode()
    recorded = client.post("/pathways/new/", {**form, "business_number": ""})

    assert "취업 기업은 진로가 &#x27;취업&#x27;일 때만 적습니다." in refused
    assert recorded.status_code == 302
    assert recorded["Location"] == "/pathways/"
    assert GraduateDestination.objects.get().graduate_key == "2025-007"


def test_correcting_a_record_through_the_form(world: World) -> None:
    (destination,) = graduates(world.objects["department_a"], 2025, employed=1)

    response = _client(world, "school_staff_a").post(
        f"/pathways/{destination.pk}/edit/",
        {"kind": "other", "business_number": "", "ncs_code": "", "note": "구직 중"},
    )

    destination.refresh_from_db()
    assert response.status_code == 302
    assert (destination.kind, destination.note, destination.ncs_middle_id) == (
        "other",
        "구직 중",
        None,
    )


def test_the_upload_checks_then_imports(world: World) -> None:
    header = ["학교코드(NEIS)", "학과명", "졸업 연도", "졸업생 번호", "진로"]
    content = xlsx_bytes(header, [[world.school_a.neis_code, "미래자동차과", 2025, "9", "진학"]])
    client = _client(world, "school_staff_a")

    checked = client.post(
        "/pathways/import/", {"file": SimpleUploadedFile("a.xlsx", content), "action": "check"}
    )
    imported = client.post(
        "/pathways/import/", {"file": SimpleUploadedFile("a.xlsx", content), "action": "commit"}
    )

    assert "검사 결과 오류가 없습니다" in checked.content.decode()
    assert imported.status_code == 302
    assert GraduateDestination.objects.get().graduate_key == "9"


def test_a_support_office_reads_but_may_not_record(world: World) -> None:
    client = _client(world, "support_office_officer")

    assert client.get("/pathways/").status_code == 200
    assert client.get("/pathways/new/").status_code == 403
    assert client.get("/pathways/import/").status_code == 403
