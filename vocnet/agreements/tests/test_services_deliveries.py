"""Recording deliveries: who may, what is checked (dates, quantities, evidence files)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vocnet.agreements import services
from vocnet.agreements.models import Delivery
from vocnet.agreements.services import DeliveryInput
from vocnet.agreements.tests import factories as af
from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.testing import World

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 1)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def agreement(orgs: dict[str, Any]) -> Any:
    return af.SignedAgreementFactory(lead=orgs["school_a"], others=[(orgs["company_a"], "member")])


def _record(actor: Any, agreement: Any, commitment_id: int, **kwargs: Any) -> Delivery:
    evidence = kwargs.pop("evidence", None)
    data = DeliveryInput(
        commitment_id=commitment_id,
        delivered_on=kwargs.pop("delivered_on", date(2025, 7, 15)),
        quantity=kwargs.pop("quantity", Decimal(4)),
        note=kwargs.pop("note", ""),
    )
    return services.delivery_record(
        actor=actor, agreement=agreement, data=data, evidence=evidence, today=TODAY
    )


def test_company_staff_record_a_delivery_with_evidence_and_it_is_audited(
    world: World, orgs: dict[str, Any], agreement: Any, media_root: Path
) -> None:
    # given the company's field-training commitment
    seats = af.commitment_of(agreement, orgs["company_a"])
    staff = world.user("company_staff")

    # when the company's staff record 4 seats with a PDF
    delivery = _record(
        staff,
        agreement,
        seats.pk,
        note="1학기 현장실습 4명",
        evidence=SimpleUploadedFile("현장실습 확인서.pdf", PDF, "application/pdf"),
    )

    # then the delivery, its file and an audit entry exist
    assert delivery.quantity == Decimal("4")
    assert delivery.recorded_by == staff
    assert delivery.evidence_name == "현장실습 확인서.pdf"
    assert delivery.evidence_size == len(PDF)
    assert Path(delivery.evidence.path).read_bytes() == PDF
    assert str(media_root) in delivery.evidence.path
    event = AuditEvent.objects.get(action="delivery.create")
    assert event.actor == staff
    assert event.after["quantity"] == "4"
    assert event.after["evidence_name"] == "현장실습 확인서.pdf"


def test_the_province_may_record_for_any_party_but_another_party_may_not(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])

    _record(world.user("province_officer"), agreement, seats.pk)
    with pytest.raises(PermissionDenied):
        _record(world.user("school_staff_a"), agreement, seats.pk)

    assert Delivery.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"delivered_on": date(2025, 9, 2)}, "delivered_on", "future_date"),
        ({"delivered_on": date(2025, 2, 28)}, "delivered_on", "outside_period"),
        ({"quantity": Decimal(0)}, "quantity", "zero_quantity"),
        ({"quantity": Decimal("1.005")}, "quantity", "too_many_decimals"),
        ({"quantity": Decimal(-2)}, "note", "required"),
    ],
)
def test_a_bad_delivery_is_refused_and_nothing_is_written(
    world: World,
    orgs: dict[str, Any],
    agreement: Any,
    changes: dict[str, Any],
    field: str,
    code: str,
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])

    with pytest.raises(ValidationFailed) as caught:
        _record(world.user("company_staff"), agreement, seats.pk, **changes)

    assert [(p.field, p.code) for p in caught.value.problems] == [(field, code)]
    assert not Delivery.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_correction_is_a_negative_delivery_with_a_note(
    world: World, orgs: dict[str, Any], agreement: Any
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])

    delivery = _record(
        world.user("company_staff"),
        agreement,
        seats.pk,
        quantity=Decimal(-1),
        note="중복 입력 정정",
    )

    assert delivery.quantity == Decimal(-1)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("run.exe", b"MZ\x90\x00", "unsupported_file_type"),
        ("photo.png", PDF, "content_mismatch"),
        ("report.pdf", b"<html><script>", "content_mismatch"),
        ("scan.jpg", b"", "empty_file"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "file_too_large"),
    ],
)
def test_evidence_of_a_wrong_type_content_or_size_is_refused_and_not_stored(
    world: World,
    orgs: dict[str, Any],
    agreement: Any,
    media_root: Path,
    name: str,
    content: bytes,
    code: str,
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])

    with pytest.raises(ValidationFailed) as caught:
        _record(
            world.user("company_staff"),
            agreement,
            seats.pk,
            evidence=SimpleUploadedFile(name, content),
        )

    assert [p.code for p in caught.value.problems] == [code]
    assert caught.value.problems[0].field == "evidence"
    assert not Delivery.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.png", b"\x89PNG\r\n\x1a\n"),
        ("a.jpeg", b"\xff\xd8\xff\xe0"),
        ("a.xlsx", b"PK\x03\x04"),
        ("a.docx", b"PK\x03\x04"),
        ("a.hwpx", b"PK\x03\x04"),
        ("a.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    ],
)
def test_every_allowed_evidence_type_is_accepted(
    world: World, orgs: dict[str, Any], agreement: Any, name: str, head: bytes
) -> None:
    seats = af.commitment_of(agreement, orgs["company_a"])

    delivery = _record(
        world.user("company_staff"),
        agreement,
        seats.pk,
        evidence=SimpleUploadedFile(name, head + b"rest of the file"),
    )

    assert delivery.evidence_name == name


def test_a_commitment_of_an_open_amendment_takes_no_delivery(
    world: World, orgs: dict[str, Any]
) -> None:
    agreement = af.AmendedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")]
    )
    draft_commitment = af.commitment_of(agreement, orgs["company_a"])

    with pytest.raises(ValidationFailed) as caught:
        _record(world.user("company_staff"), agreement, draft_commitment.pk)

    assert caught.value.problems[0].code == "not_in_force"
