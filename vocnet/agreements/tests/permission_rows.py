"""Permission-matrix rows of the agreements API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from vocnet.agreements.models import (
    Agreement,
    AgreementParty,
    AgreementVersion,
    Commitment,
    Delivery,
    Signature,
)
from vocnet.testing import World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

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


ROWS: list[Row] = [
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
]

COUNTED = (Agreement, AgreementVersion, AgreementParty, Commitment, Signature, Delivery)
