"""The consent pages (ADR 0033): the guardian's signing page with the whole text, a checkbox
per item and the password; the lockout counting wrong passwords; the receipt PDF; the public
check; withdrawal."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from pypdf import PdfReader

from vocnet.placements import services
from vocnet.placements.consent import ITEM_CODES, PERSONAL_DATA_KO
from vocnet.placements.models import (
    ContractConsent,
    ContractReceipt,
    ContractSignature,
    ContractWithdrawal,
)
from vocnet.placements.services.consent import REAUTHENTICATED_KEY
from vocnet.placements.services.terms import INSURANCE_KO
from vocnet.placements.tests import factories as pf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def contract(world: World, offer_a: Any) -> Any:
    placement = pf.PlacementFactory(offer=offer_a, student=world.student_a)
    return services.contract_draft(actor=world.user("school_staff_a"), placement=placement)


def _client(world: World, persona: str) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    return client


def _url(contract: Any) -> str:
    return f"/placements/contracts/{contract.pk}/consent/"


def _all(**extra: str) -> dict[str, str]:
    return {"action": "sign", **{f"consent_{c}": "on" for c in ITEM_CODES}, **extra}


def test_the_signing_page_shows_the_whole_text_a_box_per_item_and_the_password(
    world: World, contract: Any
) -> None:
    html = _client(world, "guardian").get(_url(contract)).content.decode()
    terms = contract.current_version.terms
    # the agreement text of the PDF: every section, from the version's terms
    for text in (
        terms["tasks"],
        terms["safety_measures"],
        INSURANCE_KO,
        PERSONAL_DATA_KO,
        terms["change_procedure_ko"],
        "1. 당사자",
        "9. 개인정보 이용",
    ):
        assert text in html
    # five unticked boxes drawn the KRDS way, and the password
    boxes = re.findall(
        r'<div class="krds-form-check medium"><input type="checkbox" name="(\w+)"', html
    )
    assert boxes == [f"consent_{c}" for c in ITEM_CODES]
    assert " checked" not in html.split('id="consent-form"')[1].split("</form>")[0]
    assert 'name="password"' in html


def test_other_personas_cannot_open_the_signing_page(world: World, contract: Any) -> None:
    for persona in ("company_staff", "school_staff_a", "province_officer", "school_staff_b"):
        assert _client(world, persona).get(_url(contract)).status_code in (403, 404)


def test_signing_without_the_items_names_each_and_writes_nothing(
    world: World, contract: Any
) -> None:
    data = {"action": "sign", "consent_hours": "on", "password": PASSWORD}
    response = _client(world, "guardian").post(_url(contract), data)
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("현장실습 수당에 동의해야", "안전·보건 조치에 동의해야", "산재보험에 동의해야",
                  "개인정보 이용에 동의해야"):  # fmt: skip
        assert label in html
    assert "실습 기간과 시간에 동의해야" not in html
    assert ContractSignature.objects.count() == 0


def test_a_wrong_password_is_refused_and_counts_toward_the_lockout(
    world: World, contract: Any
) -> None:
    client = _client(world, "guardian")
    response = client.post(_url(contract), _all(password="wrong-password-1"))
    assert response.status_code == 200
    assert "비밀번호가 맞지 않습니다" in response.content.decode()
    assert ContractSignature.objects.count() == 0
    assert AccessAttempt.objects.get(username="guardian").failures_since_start == 1
    assert REAUTHENTICATED_KEY not in client.session


def test_five_wrong_passwords_lock_and_the_right_one_is_then_refused(
    world: World, contract: Any
) -> None:
    client = _client(world, "guardian")
    for _ in range(5):
        client.post(_url(contract), _all(password="wrong-password-1"))
    response = client.post(_url(contract), _all(password=PASSWORD))
    assert response.status_code == 429
    assert ContractSignature.objects.count() == 0


def test_the_guardian_signs_with_every_item_and_the_password_then_is_not_asked_again(
    world: World, contract: Any
) -> None:
    client = _client(world, "guardian")
    response = client.post(_url(contract), _all(password=PASSWORD))
    assert response.status_code == 302
    signature = ContractSignature.objects.get()
    assert signature.party == "guardian"
    assert ContractConsent.objects.get(signature=signature).items == sorted(ITEM_CODES)
    assert ContractReceipt.objects.filter(version=signature.version).exists()
    # within five minutes the page does not ask for the password
    html = client.get(_url(contract)).content.decode()
    assert 'name="password"' not in html
    assert "서명 영수증 내려받기" in html


def test_the_receipt_pdf_lists_roles_times_the_hash_and_the_code(
    world: World, contract: Any
) -> None:
    client = _client(world, "guardian")
    client.post(_url(contract), _all(password=PASSWORD))
    receipt = ContractReceipt.objects.get()
    response = client.get(f"/placements/contracts/{contract.pk}/receipt/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = re.sub(r"\s", "", text)
    assert receipt.code in compact
    assert receipt.content_sha256 in compact
    assert "보호자" in text
    assert "서명영수증" in compact
    assert "/placements/receipts/verify/" in compact


def test_the_public_check_needs_no_sign_in_and_shows_no_names(world: World, contract: Any) -> None:
    _client(world, "guardian").post(_url(contract), _all(password=PASSWORD))
    receipt = ContractReceipt.objects.get()
    response = Client().get(
        "/placements/receipts/verify/",
        {"code": receipt.code, "sha256": receipt.content_sha256},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "일치합니다" in html
    assert "보호자" in html
    for name in (world.student_a.name, world.company_a.organisation.name_ko):
        assert name not in html
    missing = Client().get("/placements/receipts/verify/", {"code": "ABCD" * 4}).content.decode()
    assert "이 번호의 영수증이 없습니다" in missing
    bad = Client().get("/placements/receipts/verify/", {"code": receipt.code, "sha256": "xyz"})
    assert "64자리" in bad.content.decode()


def test_the_guardian_withdraws_on_the_page_with_a_reason(world: World, contract: Any) -> None:
    client = _client(world, "guardian")
    client.post(_url(contract), _all(password=PASSWORD))
    refused = client.post(_url(contract), {"action": "withdraw", "reason": ""})
    assert "철회하는 사유를 적어야" in refused.content.decode()
    assert ContractWithdrawal.objects.count() == 0
    response = client.post(_url(contract), {"action": "withdraw", "reason": "통학 거리"})
    assert response.status_code == 302
    assert ContractWithdrawal.objects.get().reason == "통학 거리"
