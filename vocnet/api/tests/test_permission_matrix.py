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
from vocnet.core.testing import PERSONAS, World, sign_in
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
    # Builds the row's targets into World.objects before the call (e.g. agreements).
    prepare: Callable[[World], None] | None = None
    # Sends the request itself (e.g. a multipart form with extra fields).
    send: Callable[[Client, World], Any] | None = None

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


# Agreements (vocnet.agreements) ----------------------------------------------------------------


def _agreements(world: World) -> None:
    """Row hook: agreements of school A (with company A and the city of Siheung) in every
    state, and an active agreement of school B (with company B and the university), added
    to ``world.objects`` once per test."""
    if "agreement_a" in world.objects:
        return
    from datetime import date
    from decimal import Decimal

    from vocnet.agreements.tests import factories as af

    def organisation(persona: str) -> Any:
        return world.user(persona).memberships.get().organisation

    school_a, school_b = world.school_a.organisation, world.school_b.organisation
    company_a, company_b = world.company_a.organisation, world.company_b.organisation
    city, university = organisation("local_government_officer"), organisation("university_staff")
    with_company = [(company_a, "member")]
    with_company_and_city = [(company_a, "member"), (city, "supporter")]
    agreement_a = af.SignedAgreementFactory(lead=school_a, others=with_company_and_city)
    delivery = af.deliver(af.commitment_of(agreement_a, company_a), date(2025, 6, 1), Decimal(2))
    delivery.evidence.save("evidence.pdf", SimpleUploadedFile("e.pdf", b"%PDF-1.4\n"))
    delivery.evidence_name = "확인서.pdf"
    delivery.save()
    world.objects.update(
        {
            "draft_a": af.DraftAgreementFactory(lead=school_a, others=with_company),
            "circulated_a": af.CirculatedAgreementFactory(
                lead=school_a, others=with_company_and_city
            ),
            "agreement_a": agreement_a,
            "amended_a": af.AmendedAgreementFactory(lead=school_a, others=with_company),
            "ended_a": af.SignedAgreementFactory(
                lead=school_a, others=with_company, start=date(2022, 3, 1)
            ),
            "agreement_b": af.SignedAgreementFactory(
                lead=school_b, others=[(company_b, "member"), (university, "supporter")]
            ),
            "delivery_a": delivery,
            "company_commitment_a": af.commitment_of(agreement_a, company_a),
            "school_commitment_a": af.commitment_of(agreement_a, school_a),
        }
    )


def _agreement_counts() -> tuple[int, ...]:
    from vocnet.agreements.models import (
        Agreement,
        AgreementParty,
        AgreementVersion,
        Commitment,
        Delivery,
        Signature,
    )

    return tuple(
        model.objects.count()
        for model in (Agreement, AgreementVersion, AgreementParty, Commitment, Signature, Delivery)
    )


def _new_agreement(lead_key: str) -> Callable[[World], dict[str, Any]]:
    return lambda world: {
        "kind_code": "school_company_mou",
        "title": "새 현장실습 협약",
        "lead_organisation_id": world.objects[lead_key].pk,
        "start_date": "2026-03-01",
        "end_date": "2029-02-28",
    }


def _delivery_form(commitment_key: str) -> Callable[[Client, World], Any]:
    def send(client: Client, world: World) -> Any:
        agreement = world.objects["agreement_a"]
        return client.post(
            f"/api/agreements/{agreement.pk}/deliveries",
            {
                "commitment_id": world.objects[commitment_key].pk,
                "delivered_on": "2025-06-01",
                "quantity": "1",
            },
        )

    return send


def _deliveries_file(commitment_key: str) -> Callable[[World], tuple[str, bytes]]:
    def build(world: World) -> tuple[str, bytes]:
        from vocnet.registry.tests._excel_helpers import xlsx_bytes

        header = ["약속 번호 / commitment_id", "이행일 / delivered_on", "이행량 / quantity"]
        row = [world.objects[commitment_key].pk, "2025-06-02", 1]
        return "deliveries.xlsx", xlsx_bytes(header, [row])

    return build


def _agreement_row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=_agreements, **kwargs)


# Demand (vocnet.demand) ------------------------------------------------------------------------


def _demand(world: World) -> None:
    """Row hook: declarations of company A and the city of Siheung (region A) and of company B
    (region B), and a scenario each of the province and of the Siheung support office."""
    if "declaration_a" in world.objects:
        return
    from vocnet.demand.models import Scenario
    from vocnet.demand.tests.factories import CompanyDeclarationFactory

    city = world.user("local_government_officer").memberships.get().organisation
    province = world.user("province_officer").memberships.get().organisation
    office = world.school_a.organisation.region.support_office.organisation
    empty = {"recommendations": [], "objective": {"total": 0}, "baseline": {"total": 0}}
    world.objects.update(
        {
            "declaration_a": CompanyDeclarationFactory(organisation=world.company_a.organisation),
            "declaration_b": CompanyDeclarationFactory(organisation=world.company_b.organisation),
            "declaration_city": CompanyDeclarationFactory(organisation=city),
            "city_a": city,
            "scenario_province": Scenario.objects.create(
                name="도 시나리오", organisation=province, result=empty
            ),
            "scenario_office": Scenario.objects.create(
                name="시흥 시나리오", organisation=office, result=empty
            ),
        }
    )


def _demand_row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=_demand, **kwargs)


def _new_declaration(organisation_key: str) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        from vocnet.demand.tests.factories import declared_year

        organisation = world.objects.get(organisation_key)
        if organisation is None:
            organisation = getattr(world, organisation_key).organisation
        return {
            "organisation_id": organisation.pk,
            "ncs_code": "1903",
            "occupation": "반도체 장비 유지보수원",
            "year": declared_year(2),
            "headcount": 4,
        }

    return build


def _declarations_file(company_key: str) -> Callable[[World], tuple[str, bytes]]:
    def build(world: World) -> tuple[str, bytes]:
        from vocnet.demand.tests.factories import declared_year
        from vocnet.registry.tests._excel_helpers import xlsx_bytes

        header = [
            "사업자등록번호 / business_number",
            "NCS 중분류 코드 / ncs_code",
            "직무 / occupation",
            "채용 연도 / year",
            "채용 인원 / headcount",
        ]
        company = getattr(world, company_key)
        row = [company.business_number, "1903", "반도체 장비 유지보수원", declared_year(2), 6]
        return "declarations.xlsx", xlsx_bytes(header, [row])

    return build


def _compare_scenarios(client: Client, world: World) -> Any:
    ids = [world.objects["scenario_province"].pk, world.objects["scenario_office"].pk]
    return client.get("/api/demand/scenarios/compare", {"ids": ids})


DEMAND_FIGURES = frozenset(
    {"province_officer", "support_office_officer", "school_staff_a", "school_staff_b"}
)
PLANNERS = frozenset({"province_officer", "support_office_officer"})
DECLARATIONS_VISIBLE = {
    "province_officer": {"declaration_a", "declaration_b", "declaration_city"},
    "support_office_officer": {"declaration_a", "declaration_b", "declaration_city"},
    "school_staff_a": {"declaration_a", "declaration_city"},
    "school_staff_b": {"declaration_b"},
    "company_staff": {"declaration_a"},
    "local_government_officer": {"declaration_city"},
    "university_staff": set(),
    "student": set(),
    "guardian": set(),
}
SCENARIOS_VISIBLE = {
    persona: ({"scenario_province", "scenario_office"} if persona in PLANNERS else set())
    for persona in PERSONAS
    if persona != "anonymous"
}
DECLARATION_ID = "/api/demand/declarations/{declaration_id}"
SCENARIO_ID = "/api/demand/scenarios/{scenario_id}"


A_PARTIES = frozenset(
    {"province_officer", "school_staff_a", "company_staff", "local_government_officer"}
)
A_DRAFT_PARTIES = frozenset({"province_officer", "school_staff_a", "company_staff"})
B_PARTIES = frozenset({"province_officer", "school_staff_b", "university_staff"})
A_LEAD = frozenset({"province_officer", "school_staff_a"})
B_LEAD = frozenset({"province_officer", "school_staff_b"})
A_ALL = {"draft_a", "circulated_a", "agreement_a", "amended_a", "ended_a"}
AGREEMENTS_VISIBLE = {
    "province_officer": A_ALL | {"agreement_b"},
    "support_office_officer": set(),
    "school_staff_a": A_ALL,
    "school_staff_b": {"agreement_b"},
    "company_staff": A_ALL,
    "local_government_officer": {"circulated_a", "agreement_a"},
    "university_staff": {"agreement_b"},
    "student": set(),
    "guardian": set(),
}
AGREEMENT_ID = "/api/agreements/{agreement_id}"


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
    # Agreements: parties see their agreements, the province all, everyone else nothing.
    _agreement_row("GET", "/api/agreements/kinds", None, SIGNED_IN),
    _agreement_row("GET", "/api/agreements/dashboard", None, PROVINCE),
    _agreement_row(
        "GET",
        "/api/agreements",
        None,
        SIGNED_IN,
        visible=AGREEMENTS_VISIBLE,
        list_model="agreement",
    ),
    _agreement_row(
        "POST", "/api/agreements", "organisation_a", A_LEAD, _new_agreement("organisation_a")
    ),
    _agreement_row(
        "POST", "/api/agreements", "organisation_b", B_LEAD, _new_agreement("organisation_b")
    ),
    _agreement_row("GET", AGREEMENT_ID, "agreement_a", A_PARTIES),
    _agreement_row("GET", AGREEMENT_ID, "agreement_b", B_PARTIES),
    _agreement_row("PATCH", AGREEMENT_ID, "draft_a", A_LEAD, lambda w: {"title": "고친 협약명"}),
    _agreement_row("POST", AGREEMENT_ID + "/circulate", "draft_a", A_LEAD),
    _agreement_row(
        "POST",
        AGREEMENT_ID + "/sign",
        "circulated_a",
        frozenset({"school_staff_a", "company_staff", "local_government_officer"}),
    ),
    _agreement_row(
        "POST", AGREEMENT_ID + "/amend", "agreement_a", A_LEAD, lambda w: {"change_note": "변경"}
    ),
    _agreement_row("POST", AGREEMENT_ID + "/withdraw-amendment", "amended_a", A_LEAD),
    _agreement_row("POST", AGREEMENT_ID + "/complete", "ended_a", A_LEAD),
    _agreement_row(
        "POST",
        AGREEMENT_ID + "/terminate",
        "agreement_a",
        A_LEAD,
        lambda w: {"reason": "사업 중단으로 해지"},
    ),
    _agreement_row(
        "POST",
        AGREEMENT_ID + "/terminate",
        "agreement_b",
        B_LEAD,
        lambda w: {"reason": "사업 중단으로 해지"},
    ),
    _agreement_row(
        "GET", AGREEMENT_ID + "/versions/{number}", "agreement_a", A_PARTIES, params={"number": "1"}
    ),
    _agreement_row(
        "GET",
        AGREEMENT_ID + "/versions/{number}",
        "amended_a",
        A_DRAFT_PARTIES,
        params={"number": "2"},
    ),
    _agreement_row("GET", AGREEMENT_ID + "/commitments", "agreement_a", A_PARTIES),
    _agreement_row("GET", AGREEMENT_ID + "/fulfilment", "agreement_a", A_PARTIES),
    _agreement_row("GET", AGREEMENT_ID + "/audit", "agreement_a", A_PARTIES),
    _agreement_row("GET", AGREEMENT_ID + "/audit", "agreement_b", B_PARTIES),
    _agreement_row("GET", AGREEMENT_ID + "/deliveries", "agreement_a", A_PARTIES),
    _agreement_row(
        "POST",
        AGREEMENT_ID + "/deliveries",
        "agreement_a",
        frozenset({"province_officer", "company_staff"}),
        send=_delivery_form("company_commitment_a"),
    ),
    _agreement_row(
        "POST",
        AGREEMENT_ID + "/deliveries",
        "agreement_a",
        A_LEAD,
        send=_delivery_form("school_commitment_a"),
    ),
    _agreement_row(
        "GET", "/api/agreements/deliveries/{delivery_id}/evidence", "delivery_a", A_PARTIES
    ),
    _agreement_row("GET", "/api/agreements/exports/commitments.xlsx", None, SIGNED_IN),
    _agreement_row("GET", "/api/agreements/exports/deliveries.xlsx", None, SIGNED_IN),
    _agreement_row("GET", "/api/agreements/imports/templates/deliveries.xlsx", None, SIGNED_IN),
    _agreement_row(
        "POST",
        "/api/agreements/imports/deliveries",
        "agreement_a",
        frozenset({"province_officer", "company_staff"}),
        upload=_deliveries_file("company_commitment_a"),
    ),
    # Demand: the province and support offices see all; a school its region; a declarant its own.
    _demand_row(
        "GET",
        "/api/demand/declarations",
        None,
        SIGNED_IN,
        visible=DECLARATIONS_VISIBLE,
        list_model="demand_declaration",
    ),
    _demand_row(
        "POST",
        "/api/demand/declarations",
        "company_a",
        frozenset({"province_officer", "company_staff"}),
        _new_declaration("company_a"),
    ),
    _demand_row(
        "POST", "/api/demand/declarations", "company_b", PROVINCE, _new_declaration("company_b")
    ),
    _demand_row(
        "POST",
        "/api/demand/declarations",
        "city_a",
        frozenset({"province_officer", "local_government_officer"}),
        _new_declaration("city_a"),
    ),
    _demand_row(
        "GET",
        DECLARATION_ID,
        "declaration_a",
        frozenset(
            {"province_officer", "support_office_officer", "school_staff_a", "company_staff"}
        ),
    ),
    _demand_row(
        "GET",
        DECLARATION_ID,
        "declaration_b",
        frozenset({"province_officer", "support_office_officer", "school_staff_b"}),
    ),
    _demand_row(
        "GET",
        DECLARATION_ID,
        "declaration_city",
        frozenset(
            {
                "province_officer",
                "support_office_officer",
                "school_staff_a",
                "local_government_officer",
            }
        ),
    ),
    _demand_row(
        "PATCH",
        DECLARATION_ID,
        "declaration_a",
        frozenset({"province_officer", "company_staff"}),
        lambda w: {"headcount": 7},
    ),
    _demand_row("PATCH", DECLARATION_ID, "declaration_b", PROVINCE, lambda w: {"headcount": 7}),
    _demand_row(
        "DELETE", DECLARATION_ID, "declaration_a", frozenset({"province_officer", "company_staff"})
    ),
    _demand_row("DELETE", DECLARATION_ID, "declaration_b", PROVINCE),
    _demand_row("GET", "/api/demand/gap", None, DEMAND_FIGURES),
    _demand_row("GET", "/api/demand/gap/drilldown", None, DEMAND_FIGURES),
    _demand_row("GET", "/api/demand/exports/gap.xlsx", None, DEMAND_FIGURES),
    _demand_row("GET", "/api/demand/exports/declarations.xlsx", None, SIGNED_IN),
    _demand_row("GET", "/api/demand/imports/templates/declarations.xlsx", None, SIGNED_IN),
    _demand_row(
        "POST",
        "/api/demand/imports/declarations",
        "company_a",
        frozenset({"province_officer", "company_staff"}),
        upload=_declarations_file("company_a"),
    ),
    _demand_row(
        "GET",
        "/api/demand/scenarios",
        None,
        SIGNED_IN,
        visible=SCENARIOS_VISIBLE,
        list_model="scenario",
    ),
    _demand_row("POST", "/api/demand/scenarios", None, PLANNERS, lambda w: {"name": "새 시나리오"}),
    _demand_row("GET", "/api/demand/scenarios/compare", None, PLANNERS, send=_compare_scenarios),
    _demand_row("GET", SCENARIO_ID, "scenario_province", PLANNERS),
    _demand_row("PATCH", SCENARIO_ID, "scenario_province", PROVINCE, lambda w: {"name": "고친 안"}),
    _demand_row("PATCH", SCENARIO_ID, "scenario_office", PLANNERS, lambda w: {"name": "고친 안"}),
    _demand_row("POST", SCENARIO_ID + "/run", "scenario_province", PROVINCE),
    _demand_row("POST", SCENARIO_ID + "/run", "scenario_office", PLANNERS),
    _demand_row("DELETE", SCENARIO_ID, "scenario_office", PLANNERS),
]


def _row_counts() -> tuple[int, ...]:
    return (
        AuditEvent.objects.count(),
        Organisation.objects.count(),
        School.objects.count(),
        Company.objects.count(),
        Department.objects.count(),
        Student.objects.count(),
        *_agreement_counts(),
    )


def _client_for(world: World, persona: str) -> Client:
    client = Client()
    user = world.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


def _send(client: Client, row: Row, world: World) -> Any:
    if row.send is not None:
        return row.send(client, world)
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
    if row.prepare is not None:
        row.prepare(world)
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
    if row.prepare is not None:
        row.prepare(world)
    target = world.objects[row.target or ""]
    model = type(target)
    before = model.objects.filter(pk=target.pk).values().get()

    # When they try to change it
    response = _send(_client_for(world, "local_government_officer"), row, world)

    # Then it is refused and the row is exactly as before
    assert response.status_code in (403, 404)
    assert model.objects.filter(pk=target.pk).values().get() == before


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    # Evidence files written by the agreement rows go to a temporary directory.
    settings.MEDIA_ROOT = tmp_path / "media"


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
