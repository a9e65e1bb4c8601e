"""Importing in the browser (issue 16 §7): a school's staff check a file of departments, see
every bad row with its reason and nothing written, then import a good file."""

from __future__ import annotations

import pytest
from django.test import Client

from vocnet.registry.models import Department
from vocnet.registry.tests._excel_helpers import xlsx_bytes
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
HEADER = ["학교코드(NEIS) / school_neis_code", "학과명 / name_ko", "NCS 중분류 코드 / ncs_code",
          "입학 정원 / intake_capacity"]  # fmt: skip


def _upload(client: Client, rows: list[list[object]], action: str) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("학과.xlsx", xlsx_bytes(HEADER, rows))
    return client.post("/imports/departments/", {"file": upload, "action": action})


def test_a_check_lists_the_bad_rows_and_writes_nothing_then_a_good_file_imports(
    world: World,
) -> None:
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    neis = world.school_a.neis_code
    before = Department.objects.count()

    checked = _upload(client, [[neis, "스마트팩토리과", "1501", 999]], "commit")

    assert checked.status_code == 422  # type: ignore[attr-defined]
    page = checked.content.decode()  # type: ignore[attr-defined]
    assert "검사 결과" in page
    assert "입학 정원" in page or "intake_capacity" in page
    assert Department.objects.count() == before

    done = _upload(client, [[neis, "스마트팩토리과", "1501", 24]], "commit")

    assert done.status_code == 302  # type: ignore[attr-defined]
    assert done["Location"] == "/imports/"  # type: ignore[index]
    assert (
        Department.objects.get(school=world.school_a, name_ko="스마트팩토리과").intake_capacity
        == 24
    )


def test_the_hub_lists_only_what_the_role_may_import(world: World) -> None:
    client = Client()
    sign_in(client, world.user("company_staff"))

    page = client.get("/imports/").content.decode()

    assert "/imports/companies/" in page
    assert "/imports/students/" not in page
    assert client.get("/imports/students/").status_code == 403


def test_an_unknown_entity_is_not_found_not_forbidden(world: World) -> None:
    client = Client()
    sign_in(client, world.user("province_officer"))

    assert client.get("/imports/no-such-thing/").status_code == 404
