"""Permission-matrix rows of the registry API: reference lists, organisations, schools,
departments, companies, students, and Excel in and out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vocnet.registry.models import Company, Department, Organisation, School, Student
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

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
        "POST",
        "/api/students/search",
        None,
        SIGNED_IN,
        lambda w: {"grade": None},
        visible=STUDENTS_VISIBLE,
        list_model="student",
        read_only=True,
    ),
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
    Row(
        "POST",
        "/api/exports/students.xlsx",
        None,
        SIGNED_IN,
        # Students are personal data: the export is a POST with a reason (vocnet.privacy).
        send=lambda client, world: client.post(
            "/api/exports/students.xlsx", {"reason": "현장실습 배정"}
        ),
        read_only=True,
    ),
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

COUNTED = (Organisation, School, Company, Department, Student)
