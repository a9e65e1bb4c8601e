"""Consent that is real (issue 15 §3, ADR 0033): per-item consent and re-authentication when a
student or guardian signs, the receipt and its public check, and withdrawal before the start."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.placements import services
from vocnet.placements.consent import (
    ITEM_CODES,
    ConsentGiven,
    canonical_content,
    content_sha256,
)
from vocnet.placements.models import (
    ContractConsent,
    ContractReceipt,
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    ContractWithdrawal,
    PlacementStatus,
)
from vocnet.placements.selectors.consent import receipt_check
from vocnet.placements.services.consent import (
    CODE_ALPHABET,
    contract_consent_sign,
    contract_withdraw_consent,
    receipt_issue,
)
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db

SIGNERS = {"company": "company_staff", "school": "school_staff_a"}


@pytest.fixture
def placement(world: World, offer_a: Any) -> Any:
    return pf.PlacementFactory(offer=offer_a, student=world.student_a)


@pytest.fixture
def contract(world: World, placement: Any) -> Any:
    return services.contract_draft(actor=world.user("school_staff_a"), placement=placement)


def _all_items(minutes_ago: int = 0) -> ConsentGiven:
    return ConsentGiven(frozenset(ITEM_CODES), timezone.now() - timedelta(minutes=minutes_ago))


def _sign_all(world: World, contract: Any) -> None:
    for user in SIGNERS.values():
        services.contract_sign(actor=world.user(user), contract=contract)
    for user in ("student", "guardian"):
        contract_consent_sign(
            actor=world.user(user), contract=contract, party=None, consent=_all_items()
        )


def test_a_guardian_consenting_to_every_item_signs_and_the_consent_is_recorded(
    world: World, contract: Any
) -> None:
    # when the guardian signs with all five items and a password checked 2 minutes ago
    signature = contract_consent_sign(
        actor=world.user("guardian"), contract=contract, party=None, consent=_all_items(2)
    )
    # then the guardian's signature carries the five items and the re-authentication time
    consent = ContractConsent.objects.get(signature=signature)
    assert signature.party == "guardian"
    assert consent.items == sorted(ITEM_CODES)
    # and the version has a receipt whose hash is that of its canonical content
    receipt = ContractReceipt.objects.get(version=signature.version)
    assert receipt.content_sha256 == content_sha256(
        contract.pk, signature.version.number, signature.version.terms
    )
    assert len(receipt.code) == 16
    assert set(receipt.code) <= set(CODE_ALPHABET)


@pytest.mark.parametrize("missing", ITEM_CODES)
def test_signing_without_one_item_is_refused_naming_it_and_nothing_is_written(
    world: World, contract: Any, missing: str
) -> None:
    consent = ConsentGiven(frozenset(ITEM_CODES) - {missing}, timezone.now())
    with pytest.raises(ValidationFailed) as raised:
        contract_consent_sign(
            actor=world.user("student"), contract=contract, party=None, consent=consent
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        (f"consent_{missing}", "consent_required")
    ]
    labels = {
        "hours": ("실습 기간과 시간", "training period and hours"),
        "allowance": ("현장실습 수당", "training allowance"),
        "safety": ("안전·보건 조치", "safety and health measures"),
        "insurance": ("산재보험", "industrial-accident insurance"),
        "personal_data": ("개인정보 이용", "use of personal data"),
    }[missing]
    assert raised.value.problems[0].message_ko.startswith(f"{labels[0]}에 동의해야")
    assert labels[1] in raised.value.problems[0].message_en
    assert (ContractSignature.objects.count(), ContractConsent.objects.count()) == (0, 0)
    assert ContractReceipt.objects.count() == 0


def test_a_re_authentication_older_than_five_minutes_is_refused(
    world: World, contract: Any
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        contract_consent_sign(
            actor=world.user("student"), contract=contract, party=None, consent=_all_items(6)
        )
    assert [(p.field, p.code) for p in raised.value.problems] == [
        ("password", "reauthentication_required")
    ]
    assert "5분" in raised.value.problems[0].message_ko
    assert "5 minutes" in raised.value.problems[0].message_en
    assert ContractSignature.objects.count() == 0


def test_a_student_cannot_sign_without_consent_through_the_plain_signing_service(
    world: World, contract: Any
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.contract_sign(actor=world.user("student"), contract=contract)
    assert {p.field for p in raised.value.problems} == {
        *(f"consent_{c}" for c in ITEM_CODES),
        "password",
    }
    assert ContractSignature.objects.count() == 0


def test_the_company_signs_on_the_consent_page_never(world: World, contract: Any) -> None:
    with pytest.raises(PermissionDenied):
        contract_consent_sign(
            actor=world.user("company_staff"), contract=contract, party=None, consent=_all_items()
        )
    assert ContractSignature.objects.count() == 0


def test_the_canonical_content_is_sorted_compact_utf8_json_of_contract_version_and_terms() -> None:
    terms = {"b": 1, "a": {"이름": "김", "z": [2, 1]}}
    content = canonical_content(7, 3, terms)
    assert (
        content == '{"contract":7,"terms":{"a":{"z":[2,1],"이름":"김"},"b":1},"version":3}'.encode()
    )
    assert content_sha256(7, 3, terms) == hashlib.sha256(content).hexdigest()
    assert json.loads(content) == {"contract": 7, "terms": terms, "version": 3}
    # a different version of the same terms hashes differently
    assert content_sha256(7, 4, terms) != content_sha256(7, 3, terms)


def test_the_public_check_finds_a_receipt_by_code_and_compares_the_hash(
    world: World, contract: Any
) -> None:
    _sign_all(world, contract)
    version = ContractVersion.objects.get(contract=contract, number=1)
    receipt = receipt_issue(version)
    # when checked with the code as typed (dashes, lower case) and the right hash
    dashed = "-".join(receipt.code[i : i + 4] for i in range(0, 16, 4)).lower()
    checked = receipt_check(code=dashed, sha256=receipt.content_sha256.upper())
    # then it matches, with the four roles and times, and nothing personal
    assert checked is not None
    assert checked.valid
    assert checked.hash_matches is True
    assert (checked.version_number, checked.status) == (1, ContractVersionStatus.SIGNED)
    assert [e.party for e in checked.signatures] == ["company", "school", "student", "guardian"]
    assert world.student_a.name not in repr(checked)
    # a wrong hash does not match; an unknown code finds nothing
    wrong = receipt_check(code=receipt.code, sha256="0" * 64)
    assert wrong is not None
    assert wrong.hash_matches is False
    assert not wrong.valid
    assert receipt_check(code="0" * 16) is None


def test_a_receipt_notices_terms_changed_behind_its_back(world: World, contract: Any) -> None:
    contract_consent_sign(
        actor=world.user("student"), contract=contract, party=None, consent=_all_items()
    )
    receipt = ContractReceipt.objects.get()
    version = receipt.version
    ContractVersion.objects.filter(pk=version.pk).update(
        terms={**version.terms, "allowance_krw": 1}
    )
    checked = receipt_check(code=receipt.code)
    assert checked is not None
    assert not checked.content_intact
    assert not checked.valid


def test_a_version_nobody_signed_has_no_receipt(contract: Any) -> None:
    with pytest.raises(Conflict) as raised:
        receipt_issue(contract.current_version)
    assert raised.value.code == "not_signed_yet"
    assert ContractReceipt.objects.count() == 0


def test_the_guardian_withdraws_before_the_start_and_every_party_signs_again(
    world: World, placement: Any, contract: Any
) -> None:
    # given a contract all four signed
    _sign_all(world, contract)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONTRACTED
    # when the guardian withdraws with a reason
    new = contract_withdraw_consent(
        actor=world.user("guardian"), contract=contract, party=None, reason="통학 거리 문제"
    )
    # then the withdrawal is recorded, version 1 is superseded, version 2 with the same terms
    # awaits every signature, and the placement is matched again (it keeps its seat)
    withdrawal = ContractWithdrawal.objects.get()
    assert (withdrawal.party, withdrawal.reason, withdrawal.version.number) == (
        "guardian", "통학 거리 문제", 1
    )  # fmt: skip
    assert withdrawal.withdrawn_by == world.user("guardian")
    first = ContractVersion.objects.get(contract=contract, number=1)
    assert first.status == ContractVersionStatus.SUPERSEDED
    assert (new.number, new.status, new.signatures.count()) == (2, "signing", 0)
    assert new.terms == first.terms
    contract.refresh_from_db()
    assert contract.current_version_id == new.pk
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.MATCHED
    # and the receipt of version 1 shows the withdrawal
    checked = receipt_check(code=ContractReceipt.objects.get(version=first).code)
    assert checked is not None
    assert [e.party for e in checked.withdrawals] == ["guardian"]


def test_a_withdrawal_on_or_after_the_start_date_is_refused_citing_the_rule(
    world: World, offer_a: Any, contract: Any
) -> None:
    _sign_all(world, contract)
    with freeze_time(offer_a.start_date), pytest.raises(Conflict) as raised:
        contract_withdraw_consent(
            actor=world.user("student"), contract=contract, party=None, reason="마음이 바뀜"
        )
    assert raised.value.code == "withdrawal_after_start"
    assert "미확인" in raised.value.message_ko
    assert "중도 종료" in raised.value.message_ko
    assert "not verified" in raised.value.message_en
    assert ContractWithdrawal.objects.count() == 0
    assert ContractVersion.objects.count() == 1


def test_a_withdrawal_without_a_reason_or_a_signature_is_refused_and_nothing_is_written(
    world: World, contract: Any
) -> None:
    with pytest.raises(Conflict) as raised:
        contract_withdraw_consent(
            actor=world.user("student"), contract=contract, party=None, reason="이유"
        )
    assert raised.value.code == "nothing_to_withdraw"
    contract_consent_sign(
        actor=world.user("student"), contract=contract, party=None, consent=_all_items()
    )
    with pytest.raises(ValidationFailed) as refused:
        contract_withdraw_consent(
            actor=world.user("student"), contract=contract, party=None, reason="  "
        )
    assert [(p.field, p.code) for p in refused.value.problems] == [("reason", "required")]
    assert ContractWithdrawal.objects.count() == 0
    assert ContractVersion.objects.count() == 1


def test_only_the_student_and_guardians_withdraw(world: World, contract: Any) -> None:
    _sign_all(world, contract)
    for user in ("company_staff", "school_staff_a", "province_officer"):
        with pytest.raises(PermissionDenied):
            contract_withdraw_consent(
                actor=world.user(user), contract=contract, party=None, reason="사유"
            )
    assert ContractWithdrawal.objects.count() == 0
