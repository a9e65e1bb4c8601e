"""Browser journey in real Chromium (issue 15 §3, ADR 0033): a guardian reads the whole
contract on the signing page, is refused without the items and with a wrong password, signs
with every item and the password, downloads the receipt, a stranger checks it on the public
page without signing in, and the guardian withdraws consent before the start. axe-clean."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from vocnet.core.tests.browser.login import forget_used_codes, log_in

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct-horse-battery-9"  # the registry factories' password

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists back afterwards."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def _tick(page: Any, box: Any) -> None:
    """Tick a consent box as a person does: KRDS hides the input and draws the box on its
    label, so the label is clicked (with Playwright's waits for a visible, stable target; a
    forced click on the hidden input could land elsewhere while the page still scrolled to
    the error summary). A box already ticked is left as it is."""
    from playwright.sync_api import expect

    if not box.is_checked():
        page.locator(f"label[for='{box.get_attribute('id')}']").click()
    expect(box).to_be_checked()


def test_a_guardian_signs_with_the_whole_text_each_item_and_the_password_and_withdraws(
    live_server: Any, restored_database: None
) -> None:
    from playwright.sync_api import expect, sync_playwright
    from pypdf import PdfReader

    from vocnet.core.tests.browser.conftest import AxeReport
    from vocnet.placements import services
    from vocnet.placements.models import (
        ContractConsent,
        ContractReceipt,
        ContractWithdrawal,
        Placement,
    )
    from vocnet.placements.tests import factories as pf
    from vocnet.testing import build_world

    axe = AxeReport(seen=set())

    # Given student A of school A placed on company A's offer, the contract drafted, and the
    # company and the school signed
    world = build_world()
    world.student_a.grade = 3
    world.student_a.save(update_fields=["grade"])
    pf.ApprovedVettingFactory(company=world.company_a)
    offer = pf.PublishedOfferFactory(company=world.company_a)
    placement = pf.PlacementFactory(offer=offer, student=world.student_a)
    contract = services.contract_draft(actor=world.user("school_staff_a"), placement=placement)
    for user in ("company_staff", "school_staff_a"):
        services.contract_sign(actor=world.user(user), contract=contract)
    tasks = contract.current_version.terms["tasks"]
    base = str(live_server.url)
    forget_used_codes()
    found: dict[str, Any] = {}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        guardian_context = browser.new_context(locale="ko-KR", accept_downloads=True)
        guardian = guardian_context.new_page()
        stranger = browser.new_context(locale="ko-KR").new_page()
        for page in (guardian, stranger):
            page.set_default_timeout(60_000)
            page.on("dialog", lambda dialog: dialog.accept())

        # When the guardian opens the placement and follows "보호자로 서명"
        log_in(guardian, base, "guardian", PASSWORD)
        guardian.goto(f"{base}/placements/placements/{placement.pk}/")
        guardian.get_by_role("link", name="보호자로 서명").click()
        # Then the whole agreement text is on the page, with a drawn box per item
        text = guardian.locator(".vn-contract-text")
        expect(text).to_contain_text(tasks)
        expect(text).to_contain_text("7. 안전·보건 조치와 산재보험")
        expect(text).to_contain_text("9. 개인정보 이용")
        boxes = guardian.locator("#consent-form input[type=checkbox]")
        expect(boxes).to_have_count(5)
        axe.check(guardian, "signing page")

        # When they sign with only the hours ticked and no password
        _tick(guardian, boxes.first)
        guardian.get_by_role("button", name="보호자로 서명").click()
        # Then each missing item is named, and the password is asked for
        errors = guardian.locator("main .vn-errors[role=alert]")
        for label in ("현장실습 수당", "안전·보건 조치", "산재보험", "개인정보 이용"):
            expect(errors).to_contain_text(f"{label}에 동의해야")
        expect(errors).to_contain_text("비밀번호를 입력하세요")
        axe.check(guardian, "signing page with errors")

        # When they tick every item but type a wrong password
        for index in range(5):
            _tick(guardian, boxes.nth(index))
        guardian.locator("#id_password").fill("not-my-password-1")
        guardian.get_by_role("button", name="보호자로 서명").click()
        expect(errors).to_contain_text("비밀번호가 맞지 않습니다")

        # And then the right one
        for index in range(5):
            _tick(guardian, boxes.nth(index))
        guardian.locator("#id_password").fill(PASSWORD)
        guardian.get_by_role("button", name="보호자로 서명").click()
        expect(guardian.locator(".vn-messages")).to_contain_text("서명했습니다")
        expect(guardian.locator("#consent-form")).to_have_count(0)
        axe.check(guardian, "signing page after signing")

        # And they download the receipt
        with guardian.expect_download() as download:
            guardian.locator("#receipt-link").click()
        pdf = Path(download.value.path()).read_bytes()
        receipt_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        compact = re.sub(r"\s", "", receipt_text)
        code = re.search(r"영수증번호([0-9A-Z]{16})", compact)
        digest = re.search(r"SHA-256([0-9a-f]{64})", compact)
        assert code is not None
        assert digest is not None
        found.update(code=code.group(1), digest=digest.group(1), compact=compact)

        # When a stranger, not signed in, checks the receipt on the public page
        stranger.goto(f"{base}/placements/receipts/verify/")
        stranger.locator("#id_code").fill(code.group(1))
        stranger.locator("#id_sha256").fill(digest.group(1))
        stranger.get_by_role("button", name="확인").click()
        # Then it matches, lists the roles that signed, and shows no name
        expect(stranger.locator(".vn-verdict")).to_contain_text("일치합니다")
        expect(stranger.locator("main table")).to_contain_text("보호자")
        expect(stranger.locator("main table")).to_contain_text("기업")
        expect(stranger.locator("main")).not_to_contain_text(world.student_a.name)
        axe.check(stranger, "public receipt check")

        # When the guardian withdraws consent before the start, with a reason
        guardian.goto(f"{base}/placements/contracts/{contract.pk}/consent/")
        guardian.locator("#id_reason").fill("통학 거리가 멀어 다시 의논하기로 했습니다")
        guardian.get_by_role("button", name="동의 철회").click()
        expect(guardian.locator(".vn-messages")).to_contain_text("동의를 철회했습니다")
        expect(guardian.locator("main")).to_contain_text("철회 기록")
        axe.check(guardian, "signing page after the withdrawal")
        browser.close()
    axe.assert_clean()

    receipt = ContractReceipt.objects.get(code=found["code"])
    assert receipt.content_sha256 == found["digest"]
    assert receipt.version.number == 1
    assert ContractConsent.objects.get().signature.party == "guardian"
    assert world.student_a.name.replace(" ", "") in found["compact"]  # the signer's own copy
    withdrawal = ContractWithdrawal.objects.get()
    assert (withdrawal.party, withdrawal.version.number) == ("guardian", 1)
    placement = Placement.objects.get(pk=placement.pk)
    assert placement.status == "matched"
    contract.refresh_from_db()
    assert contract.current_version is not None
    assert contract.current_version.number == 2
