"""The permission matrix: persona × endpoint × own / other organisation × method.

Every endpoint of the API must have at least one row here (``test_every_endpoint_has_a_row``):
a new endpoint without a row fails the suite. For each row and persona the request either
succeeds (the persona is in ``allowed``) or is refused (401 / 403 / 404) and writes nothing.
List endpoints additionally return only the rows the persona may see.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.api.api import api
from vocnet.core.models import AuditEvent
from vocnet.core.testing import PERSONAS, World
from vocnet.registry.models import Company, Department, Organisation, School, Student

SIGNED_IN = frozenset(PERSONAS) - {"anonymous"}
PROVINCE = frozenset({"province_officer"})


@dataclass(frozen=True)
class Row:
    method: str
    route: str  # the OpenAPI path template, e.g. /api/schools/{school_id}
    target: str | None  # a key of World.objects, or a region marker for creates
    allowed: frozenset[str]
    payload: Callable[[World], dict[str, Any]] | None = None
    # For list endpoints: persona → keys of World.objects that must be exactly the result.
    visible: dict[str, set[str]] = field(default_factory=dict)
    list_model: str | None = None
    # For multipart uploads (the Excel import): world → (file name, content).
    upload: Callable[[World], tuple[str, bytes]] | None = None
    # Route parameters that are not object ids, e.g. {"entity": "students"}.
    params: dict[str, str] = field(default_factory=dict)

    def path(self, world: World) -> str:
        path = self.route
        for name, value in self.params.items():
            path = path.replace("{" + name + "}", value)
        if self.target and "{" in path:
            obj = world.objects[self.target]
            start, end = path.index("{"), path.index("}")
            path = path[:start] + str(obj.pk) + path[end + 1 :]
        return path

    @property
    def id(self) -> str:
        entity = ",".join(self.params.values())
        return f"{self.method} {self.route} [{self.target or '-'}{':' + entity if entity else ''}]"


def _school_payload(region_code: str, code: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {
        "name_ko": "새솔공업고등학교",
        "region_code": region_code,
        "neis_code": code,
        "school_type": "specialized",
        "establishment": "public",
    }


def _company_payload(region_code: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {
        "name_ko": "(주)새솔모빌리티",
        "region_code": region_code,
        "business_number": "220-81-62517",
        "ksic_code": "30",
        "size_class": "sme",
        "employees": 80,
    }


def _student_payload(school_key: str, department_key: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {
        "school_id": world.objects[school_key].pk,
        "department_id": world.objects[department_key].pk,
        "student_number": "30109",
        "name": "김새솔",
        "grade": 3,
    }


def _students_file(school_key: str, department_key: str) -> Callable[[World], tuple[str, bytes]]:
    def build(world: World) -> tuple[str, bytes]:
        from vocnet.registry.tests._excel_helpers import STUDENT_HEADER, xlsx_bytes

        school, department = world.objects[school_key], world.objects[department_key]
        row = [school.neis_code, "30109", "김새솔", department.name_ko, 3]
        return "students.xlsx", xlsx_bytes(STUDENT_HEADER, [row])

    return build


def _schools_file(region_code: str, code: str) -> Callable[[World], tuple[str, bytes]]:
    def build(world: World) -> tuple[str, bytes]:
        from vocnet.registry.tests._excel_helpers import SCHOOL_HEADER, xlsx_bytes

        row = [code, "새솔공업고등학교", region_code, "specialized", "public"]
        return "schools.xlsx", xlsx_bytes(SCHOOL_HEADER, [row])

    return build


PHONE = {"phone": "031-555-0101"}
OWN_SCHOOL_EDITORS = frozenset({"province_officer", "support_office_officer", "school_staff_a"})
OTHER_SCHOOL_EDITORS = frozenset({"province_officer", "school_staff_b"})
STUDENTS_VISIBLE = {
    "province_officer": {"student_a", "student_b"},
    "support_office_officer": {"student_a"},
    "school_staff_a": {"student_a"},
    "school_staff_b": {"student_b"},
    "company_staff": set(),
    "local_government_officer": set(),
    "university_staff": set(),
    "student": {"student_a"},
    "guardian": {"student_a"},
}

ROWS: list[Row] = [
    Row("GET", "/api/me", None, SIGNED_IN),
    Row("GET", "/api/reference/regions", None, SIGNED_IN),
    Row("GET", "/api/reference/support-offices", None, SIGNED_IN),
    Row("GET", "/api/reference/pilot-districts", None, SIGNED_IN),
    Row("GET", "/api/reference/ncs", None, SIGNED_IN),
    Row("GET", "/api/reference/ksic", None, SIGNED_IN),
    # Directory facts are visible to every signed-in party.
    Row("GET", "/api/organisations", None, SIGNED_IN),
    Row("GET", "/api/organisations/{organisation_id}", "organisation_a", SIGNED_IN),
    Row("GET", "/api/organisations/{organisation_id}", "organisation_b", SIGNED_IN),
    Row(
        "PATCH",
        "/api/organisations/{organisation_id}",
        "organisation_a",
        OWN_SCHOOL_EDITORS,
        lambda w: PHONE,
    ),
    Row(
        "PATCH",
        "/api/organisations/{organisation_id}",
        "organisation_b",
        OTHER_SCHOOL_EDITORS,
        lambda w: PHONE,
    ),
    Row("GET", "/api/schools", None, SIGNED_IN),
    Row("GET", "/api/schools/{school_id}", "school_a", SIGNED_IN),
    Row("GET", "/api/schools/{school_id}", "school_b", SIGNED_IN),
    Row(
        "POST",
        "/api/schools",
        "region_a",
        frozenset({"province_officer", "support_office_officer"}),
        _school_payload("41390", "7999001"),
    ),
    Row("POST", "/api/schools", "region_b", PROVINCE, _school_payload("41110", "7999002")),
    Row("PATCH", "/api/schools/{school_id}", "school_a", OWN_SCHOOL_EDITORS, lambda w: PHONE),
    Row("PATCH", "/api/schools/{school_id}", "school_b", OTHER_SCHOOL_EDITORS, lambda w: PHONE),
    Row(
        "POST",
        "/api/schools/{school_id}/departments",
        "school_a",
        OWN_SCHOOL_EDITORS,
        lambda w: {"name_ko": "스마트팩토리과", "ncs_code": "1501", "intake_capacity": 24},
    ),
    Row(
        "POST",
        "/api/schools/{school_id}/departments",
        "school_b",
        OTHER_SCHOOL_EDITORS,
        lambda w: {"name_ko": "스마트팩토리과", "ncs_code": "1501", "intake_capacity": 24},
    ),
    Row("GET", "/api/departments/{department_id}", "department_a", SIGNED_IN),
    Row(
        "PATCH",
        "/api/departments/{department_id}",
        "department_a",
        OWN_SCHOOL_EDITORS,
        lambda w: {"intake_capacity": 50},
    ),
    Row(
        "PATCH",
        "/api/departments/{department_id}",
        "department_b",
        OTHER_SCHOOL_EDITORS,
        lambda w: {"intake_capacity": 50},
    ),
    Row("GET", "/api/companies", None, SIGNED_IN),
    Row("GET", "/api/companies/{company_id}", "company_a", SIGNED_IN),
    Row("GET", "/api/companies/{company_id}", "company_b", SIGNED_IN),
    Row(
        "POST",
        "/api/companies",
        "region_a",
        frozenset({"province_officer", "support_office_officer"}),
        _company_payload("41390"),
    ),
    Row("POST", "/api/companies", "region_b", PROVINCE, _company_payload("41110")),
    Row(
        "PATCH",
        "/api/companies/{company_id}",
        "company_a",
        frozenset({"province_officer", "company_staff"}),
        lambda w: {"employees": 99},
    ),
    Row("PATCH", "/api/companies/{company_id}", "company_b", PROVINCE, lambda w: {"employees": 99}),
    # Personal data: the person scope.
    Row("GET", "/api/students", None, SIGNED_IN, visible=STUDENTS_VISIBLE, list_model="student"),
    Row(
        "GET",
        "/api/students/{student_id}",
        "student_a",
        frozenset(
            {"province_officer", "support_office_officer", "school_staff_a", "student", "guardian"}
        ),
    ),
    Row(
        "GET",
        "/api/students/{student_id}",
        "student_b",
        frozenset({"province_officer", "school_staff_b"}),
    ),
    Row(
        "POST",
        "/api/students",
        "school_a",
        frozenset({"province_officer", "school_staff_a"}),
        _student_payload("school_a", "department_a"),
    ),
    Row(
        "POST",
        "/api/students",
        "school_b",
        frozenset({"province_officer", "school_staff_b"}),
        _student_payload("school_b", "department_b"),
    ),
    Row(
        "PATCH",
        "/api/students/{student_id}",
        "student_a",
        frozenset({"province_officer", "school_staff_a"}),
        lambda w: {"grade": 3},
    ),
    Row(
        "PATCH",
        "/api/students/{student_id}",
        "student_b",
        frozenset({"province_officer", "school_staff_b"}),
        lambda w: {"grade": 3},
    ),
    # Excel in and out: exports hold only what the persona may see (the list selectors).
    Row("GET", "/api/exports/organisations.xlsx", None, SIGNED_IN),
    Row("GET", "/api/exports/schools.xlsx", None, SIGNED_IN),
    Row("GET", "/api/exports/companies.xlsx", None, SIGNED_IN),
    Row("GET", "/api/exports/departments.xlsx", None, SIGNED_IN),
    Row("GET", "/api/exports/students.xlsx", None, SIGNED_IN),
    Row(
        "GET",
        "/api/imports/templates/{entity}.xlsx",
        None,
        SIGNED_IN,
        params={"entity": "students"},
    ),
    Row(
        "POST",
        "/api/imports/{entity}",
        "school_a",
        frozenset({"province_officer", "school_staff_a"}),
        params={"entity": "students"},
        upload=_students_file("school_a", "department_a"),
    ),
    Row(
        "POST",
        "/api/imports/{entity}",
        "school_b",
        frozenset({"province_officer", "school_staff_b"}),
        params={"entity": "students"},
        upload=_students_file("school_b", "department_b"),
    ),
    Row(
        "POST",
        "/api/imports/{entity}",
        "region_a",
        frozenset({"province_officer", "support_office_officer"}),
        params={"entity": "schools"},
        upload=_schools_file("41390", "7999001"),
    ),
    Row(
        "POST",
        "/api/imports/{entity}",
        "region_b",
        PROVINCE,
        params={"entity": "schools"},
        upload=_schools_file("41110", "7999002"),
    ),
]


def _row_counts() -> tuple[int, ...]:
    return (
        AuditEvent.objects.count(),
        Organisation.objects.count(),
        School.objects.count(),
        Company.objects.count(),
        Department.objects.count(),
        Student.objects.count(),
    )


def _client_for(world: World, persona: str) -> Client:
    client = Client()
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    return client


def _send(client: Client, row: Row, world: World) -> Any:
    path = row.path(world)
    if row.method == "GET":
        return client.get(path)
    if row.upload is not None:
        name, content = row.upload(world)
        return client.post(path, {"file": SimpleUploadedFile(name, content), "dry_run": "false"})
    body = json.dumps(row.payload(world) if row.payload else {})
    return client.generic(row.method, path, body, content_type="application/json")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_permission_matrix(world: World, persona: str, row: Row) -> None:
    # Given a persona and an endpoint on their own or another organisation's object
    client = _client_for(world, persona)
    before = _row_counts()

    # When the persona calls it
    response = _send(client, row, world)

    # Then only the allowed personas succeed, and a refusal writes nothing
    if persona in row.allowed:
        assert response.status_code in (200, 201), (response.status_code, response.content)
        if row.method != "GET":
            assert _row_counts() != before or row.method == "PATCH"
    else:
        expected = {401} if persona == "anonymous" else {403, 404}
        assert response.status_code in expected, (response.status_code, response.content)
        assert _row_counts() == before
        body = response.json()
        assert body["message_ko"] and body["message_en"]

    if row.visible and persona in row.visible:
        returned = {item["id"] for item in response.json()["items"]}
        expected_ids = {world.objects[key].pk for key in row.visible[persona]}
        assert returned == expected_ids


@pytest.mark.django_db
@pytest.mark.parametrize("row", [r for r in ROWS if r.method == "PATCH"], ids=lambda r: r.id)
def test_refused_change_leaves_object_untouched(world: World, row: Row) -> None:
    # Given a persona outside the allowed set (the local-government officer edits no registry row)
    assert "local_government_officer" not in row.allowed
    target = world.objects[row.target or ""]
    model = type(target)
    before = model.objects.filter(pk=target.pk).values().get()

    # When they try to change it
    response = _send(_client_for(world, "local_government_officer"), row, world)

    # Then it is refused and the row is exactly as before
    assert response.status_code in (403, 404)
    assert model.objects.filter(pk=target.pk).values().get() == before


def test_every_endpoint_has_a_row() -> None:
    # Given every operation the API publishes
    schema = api.get_openapi_schema(path_prefix="/api")
    published = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("get", "post", "put", "patch", "delete")
    }
    # Then each has at least one row in the matrix, and no row names a missing endpoint
    covered = {(row.method, row.route) for row in ROWS}
    assert published - covered == set(), "endpoints without a permission-matrix row"
    assert covered - published == set(), "matrix rows for endpoints that do not exist"
