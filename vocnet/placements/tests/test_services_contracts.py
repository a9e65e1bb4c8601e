"""The placement contract (표준협약서): generated items, four signatures, amendments, the PDF."""

from __future__ import annotations

import io
from datetime import time, timedelta
from typing import Any

import pytest
from django.utils import timezone
from freezegun import freeze_time
from pypdf import PdfReader

from vocnet.core.errors import Conflict, PermissionDenied, ValidationFailed
from vocnet.placements import services
from vocnet.placements.errors import LabourRulesBroken
from vocnet.placements.models import (
    ContractSignature,
    ContractVersion,
    ContractVersionStatus,
    PlacementStatus,
)
from vocnet.placements.pdf import contract_pdf
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db

SIGNERS = {
    "company": "company_staff",
    "school": "school_staff_a",
    "student": "student",
    "guardian": "guardian",
}


@pytest.fixture
def placement(world: World, offer_a: Any) -> Any:
    return pf.PlacementFactory(offer=offer_a, student=world.student_a)


@pytest.fixture
def contract(world: World, placement: Any) -> Any:
    return services.contract_draft(actor=world.user("school_staff_a"), placement=placement)


def test_the_contract_is_generated_with_every_item_the_law_requires(
    world: World, offer_a: Any, contract: Any
) -> None:
    # given a contract drafted for student A on company A's offer (Mon–Fri 09–17, 1 h break)
    terms = contract.current_version.terms
    # then it holds the period, hours, tasks, allowance, person in charge, safety and insurance
    assert terms["period"]["start_date"] == offer_a.start_date.isoformat()
    assert terms["period"]["end_date"] == offer_a.end_date.isoformat()
    assert (terms["daily_max_minutes"], terms["weekly_minutes"]) == (420, 2100)
    assert terms["schedule"][0] == {
        "weekday": 0, "start": "09:00", "end": "17:00", "break_minutes": 60, "minutes": 420
    }  # fmt: skip
    assert terms["tasks"] == "부품 치수 측정, 검사 성적서 작성 보조"
    assert terms["allowance_krw"] == 1_200_000
    assert terms["person_in_charge"] == {
        "name": "최멘토", "title": "품질팀 과장", "phone": "031-555-0101"
    }  # fmt: skip
    assert terms["safety_measures"] == "안전교육 4시간, 보호구 지급, 위험 설비 조작 금지"
    assert "산업재해보상보험법」 제123조" in terms["insurance_ko"]
    assert terms["student"]["name"] == world.student_a.name
    assert terms["school"]["name"] == "시흥미래공업고등학교"
    assert contract.current_version.status == ContractVersionStatus.SIGNING


def test_a_student_of_nineteen_signs_without_a_guardian(
    world: World, placement: Any, contract: Any
) -> None:
    # given student A turned 19 today (민법 제4조: of age at 19, the birthday counts)
    today = timezone.localdate()
    world.student_a.birth_date = today.replace(year=today.year - 19)
    world.student_a.save(update_fields=["birth_date"])
    # when the company, the school and the student sign
    for party in ("company", "school", "student"):
        services.contract_sign(
            actor=world.user(SIGNERS[party]), contract=contract, consent=pf.consent_now()
        )
    # then the version is signed without the guardian, and the placement is contracted
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONTRACTED
    assert set(contract.current_version.signatures.values_list("party", flat=True)) == {
        "company", "school", "student"
    }  # fmt: skip


def test_a_student_one_day_short_of_nineteen_still_needs_the_guardian(
    world: World, placement: Any, contract: Any
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    world.student_a.birth_date = tomorrow.replace(year=tomorrow.year - 19)
    world.student_a.save(update_fields=["birth_date"])
    for party in ("company", "school", "student"):
        services.contract_sign(
            actor=world.user(SIGNERS[party]), contract=contract, consent=pf.consent_now()
        )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.MATCHED


def test_all_four_parties_sign_and_the_placement_is_contracted(
    world: World, placement: Any, contract: Any
) -> None:
    # when the company, the school and the student sign, the placement is still matched
    for party in ("company", "school", "student"):
        services.contract_sign(
            actor=world.user(SIGNERS[party]), contract=contract, consent=pf.consent_now()
        )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.MATCHED
    # then the guardian's signature completes it
    signature = services.contract_sign(
        actor=world.user("guardian"), contract=contract, consent=pf.consent_now()
    )
    placement.refresh_from_db()
    version = ContractVersion.objects.get(pk=contract.current_version_id)
    assert signature.party == "guardian"
    assert placement.status == PlacementStatus.CONTRACTED
    assert version.status == ContractVersionStatus.SIGNED
    assert sorted(version.signatures.values_list("party", flat=True)) == [
        "company", "guardian", "school", "student"
    ]  # fmt: skip


def test_a_user_who_is_no_party_cannot_sign(world: World, contract: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.contract_sign(
            actor=world.user("school_staff_b"), contract=contract, consent=pf.consent_now()
        )
    with pytest.raises(PermissionDenied):
        services.contract_sign(
            actor=world.user("company_staff"),
            contract=contract,
            party="school",
            consent=pf.consent_now(),
        )
    assert ContractSignature.objects.count() == 0


def test_a_party_signs_once(world: World, contract: Any) -> None:
    services.contract_sign(
        actor=world.user("company_staff"), contract=contract, consent=pf.consent_now()
    )
    with pytest.raises(Conflict) as raised:
        services.contract_sign(
            actor=world.user("company_staff"), contract=contract, consent=pf.consent_now()
        )
    assert raised.value.code == "already_signed"


def test_signing_on_the_start_date_is_refused(world: World, offer_a: Any, contract: Any) -> None:
    with freeze_time(offer_a.start_date), pytest.raises(Conflict) as raised:
        services.contract_sign(
            actor=world.user("company_staff"), contract=contract, consent=pf.consent_now()
        )
    assert raised.value.code == "signing_closed"
    assert "직업교육훈련 촉진법 제9조 ①" in raised.value.message_ko
    assert ContractSignature.objects.count() == 0


def test_any_change_makes_a_new_version_that_all_sign_again(
    world: World, placement: Any, contract: Any
) -> None:
    # given a fully signed contract
    for user in SIGNERS.values():
        services.contract_sign(actor=world.user(user), contract=contract, consent=pf.consent_now())
    first = contract.current_version_id
    # when the school raises the allowance
    version = services.contract_amend(
        actor=world.user("school_staff_a"),
        contract=contract,
        changes=services.ContractChanges(note="수당 인상", allowance_krw=1_400_000),
    )
    # then version 2 awaits four new signatures, version 1 stays signed, the placement is matched
    placement.refresh_from_db()
    assert (version.number, version.status, version.signatures.count()) == (
        2, ContractVersionStatus.SIGNING, 0
    )  # fmt: skip
    assert version.terms["allowance_krw"] == 1_400_000
    assert ContractVersion.objects.get(pk=first).status == ContractVersionStatus.SIGNED
    assert placement.status == PlacementStatus.MATCHED
    # and when all four sign it, version 1 is superseded and the placement contracted again
    for user in SIGNERS.values():
        services.contract_sign(actor=world.user(user), contract=contract, consent=pf.consent_now())
    placement.refresh_from_db()
    assert ContractVersion.objects.get(pk=first).status == ContractVersionStatus.SUPERSEDED
    assert placement.status == PlacementStatus.CONTRACTED


def test_an_amendment_breaking_the_hours_is_refused_and_nothing_is_written(
    world: World, contract: Any
) -> None:
    schedule = [services.ScheduleInput(w, time(8), time(18), 60) for w in range(5)]
    with pytest.raises(LabourRulesBroken) as raised:
        services.contract_amend(
            actor=world.user("school_staff_a"),
            contract=contract,
            changes=services.ContractChanges(note="시간 변경", schedule=schedule),
        )
    assert raised.value.problems[0].field == "schedule[0].end"
    assert raised.value.problems[0].code == "daily_hours"
    assert ContractVersion.objects.count() == 1


def test_an_amendment_without_a_change_is_refused(world: World, contract: Any) -> None:
    with pytest.raises(ValidationFailed) as raised:
        services.contract_amend(
            actor=world.user("school_staff_a"),
            contract=contract,
            changes=services.ContractChanges(note="변경 없음", allowance_krw=1_200_000),
        )
    assert [p.code for p in raised.value.problems] == ["unchanged_terms"]


def test_an_amendment_after_the_start_of_training_can_be_signed(
    world: World, offer_a: Any, placement: Any, contract: Any
) -> None:
    for user in SIGNERS.values():
        services.contract_sign(actor=world.user(user), contract=contract, consent=pf.consent_now())
    pf.safety_educated(placement)
    with freeze_time(offer_a.start_date + timedelta(days=7)):
        services.placement_start(actor=world.user("company_staff"), placement=placement)
        services.contract_amend(
            actor=world.user("company_staff"),
            contract=contract,
            changes=services.ContractChanges(note="담당자 변경", mentor_name="정새멘토"),
        )
        for user in SIGNERS.values():
            services.contract_sign(
                actor=world.user(user), contract=contract, consent=pf.consent_now()
            )
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.IN_PROGRESS
    assert contract.versions.get(number=2).status == ContractVersionStatus.SIGNED


def test_the_pdf_carries_the_korean_text_of_the_key_items(
    world: World, offer_a: Any, contract: Any
) -> None:
    # given a contract signed by the company
    services.contract_sign(
        actor=world.user("company_staff"), contract=contract, consent=pf.consent_now()
    )
    version = ContractVersion.objects.get(pk=contract.current_version_id)
    # when it is printed and the PDF is read back
    content = contract_pdf(version)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    # then the Korean of each key item is there, in the embedded Pretendard GOV font
    assert content.startswith(b"%PDF")
    for expected in (
        "현장실습 표준협약서",
        "시흥미래공업고등학교",
        world.student_a.name,
        "월 1,200,000원",
        "최멘토",
        "안전교육 4시간",
        "산업재해보상보험법",
        f"{offer_a.start_date.isoformat()} ~ {offer_a.end_date.isoformat()}",
        "하루 최대 7시간, 주 35시간",
    ):
        assert expected in text, expected
    fonts = {
        str(page["/Resources"]["/Font"][name]["/BaseFont"])
        for page in PdfReader(io.BytesIO(content)).pages
        for name in page["/Resources"]["/Font"]
    }
    assert any("Pretendard" in font for font in fonts), fonts


def test_an_amendment_moves_the_start_date_and_the_start_follows_the_signed_version(
    world: World, offer_a: Any, placement: Any, contract: Any
) -> None:
    # given a contract not signed before the offer's start date
    later = offer_a.start_date + timedelta(days=7)
    with freeze_time(offer_a.start_date):
        # when the school amends the start date to a week later and all four sign
        version = services.contract_amend(
            actor=world.user("school_staff_a"),
            contract=contract,
            changes=services.ContractChanges(note="시작일 연기", start_date=later),
        )
        assert version.terms["period"]["start_date"] == later.isoformat()
        for user in SIGNERS.values():
            services.contract_sign(
                actor=world.user(user), contract=contract, consent=pf.consent_now()
            )
    pf.safety_educated(placement)
    # then the training cannot start on the offer's date but starts on the agreed one
    with freeze_time(offer_a.start_date + timedelta(days=1)), pytest.raises(Conflict) as raised:
        services.placement_start(actor=world.user("company_staff"), placement=placement)
    assert raised.value.code == "not_started_yet"
    with freeze_time(later):
        started = services.placement_start(actor=world.user("company_staff"), placement=placement)
    assert started.status == PlacementStatus.IN_PROGRESS


def test_a_start_date_amendment_to_today_or_earlier_is_refused(
    world: World, offer_a: Any, contract: Any
) -> None:
    before = ContractVersion.objects.count()
    with pytest.raises(ValidationFailed) as raised:
        services.contract_amend(
            actor=world.user("school_staff_a"),
            contract=contract,
            changes=services.ContractChanges(note="시작일 변경", start_date=timezone.localdate()),
        )
    [moved] = [p for p in raised.value.problems if p.field == "start_date"]
    assert moved.code == "start_not_in_future"
    assert "제9조 ①" in moved.message_ko
    assert "Art. 9(1)" in moved.message_en
    assert ContractVersion.objects.count() == before
