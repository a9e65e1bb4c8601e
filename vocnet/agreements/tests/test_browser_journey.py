"""Browser journey in real Chromium: a party signs last (the agreement becomes active),
records a delivery with its evidence, and the province officer's dashboard moves."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from vocnet.core.tests.browser.login import log_in

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "correct-horse-battery-9"  # the registry factories' password

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def restored_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Transactional tests empty every table; put the reference lists (regions, NCS, KSIC,
    agreement kinds) back for the tests that follow on this worker."""
    yield
    with django_db_blocker.unblock():
        connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


def _log_in(page: Any, base_url: str, username: str) -> None:
    # The shared helper: through the real form, enrolling the province officer's
    # authenticator on the way (staff sign in with a second factor).
    log_in(page, base_url, username, PASSWORD)


def test_a_party_signs_records_a_delivery_and_the_dashboard_moves(
    live_server: Any, restored_database: None, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    from vocnet.agreements import selectors
    from vocnet.agreements.fulfilment import add_years
    from vocnet.agreements.models import AgreementStatus, Delivery
    from vocnet.agreements.tests import factories as af
    from vocnet.testing import build_world

    # Given (database work before the browser starts) an agreement of school A and
    # company A, started a year ago, signed by the school and waiting for the company
    world = build_world()
    school, company = world.school_a.organisation, world.company_a.organisation
    today = timezone.localdate()
    agreement = af.CirculatedAgreementFactory(
        lead=school,
        others=[(company, "member")],
        signed_by=[school],
        start=add_years(today, -1),
        title="브라우저 여정 협약",
    )
    evidence = tmp_path / "현장실습 확인서.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n")
    base = str(live_server.url)
    cell = f"agreement-{agreement.pk}-percent"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        province = browser.new_context(locale="ko-KR").new_page()
        party = browser.new_context(locale="ko-KR").new_page()
        # Signing asks first (data-confirm): the journey answers yes.
        party.on("dialog", lambda dialog: dialog.accept())
        for page in (province, party):
            page.set_default_timeout(10_000)

        # The province officer's dashboard shows no fulfilment yet
        _log_in(province, base, "province_officer")
        province.goto(f"{base}/agreements/dashboard/")
        before = province.get_by_test_id(cell).inner_text()

        # When the company's staff sign, the last missing signature
        _log_in(party, base, "company_staff")
        party.goto(f"{base}/agreements/{agreement.pk}/")
        party.get_by_test_id("sign").click()
        expect(party.locator(".vn-messages")).to_contain_text("효력을 갖습니다")
        expect(party.locator("h1 .vn-status")).to_have_text("시행 중")

        # and record twelve field-training seats with the evidence
        party.get_by_role("link", name="이행 실적 기록").click()
        party.locator("#id_delivered_on").fill((today - timedelta(days=30)).isoformat())
        party.locator("#id_quantity").fill("12")
        party.locator("#id_note").fill("여름방학 현장실습 12명")
        party.locator("#id_evidence").set_input_files(str(evidence))
        party.get_by_role("button", name="기록").click()
        party.wait_for_url(re.compile(rf"/agreements/{agreement.pk}/"))
        expect(party.locator(".vn-messages")).to_contain_text("이행 실적을 기록했습니다")
        expect(party.locator("#deliveries ~ div")).to_contain_text("현장실습 확인서.pdf")

        # Then the province officer's dashboard has moved
        province.reload()
        after = province.get_by_test_id(cell).inner_text()
        browser.close()

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE
    delivery = Delivery.objects.get()
    assert delivery.recorded_by == world.user("company_staff")
    assert delivery.evidence_name == "현장실습 확인서.pdf"
    row = next(
        r
        for r in selectors.dashboard(user=world.user("province_officer")).rows
        if r.agreement.pk == agreement.pk
    )
    assert before == "—"
    assert row.progress is not None
    assert after == f"{row.progress.overall.percent}%"
    assert after != before
