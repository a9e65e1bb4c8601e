"""What a user's home page lists about agreements (``selectors.home_items``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from vocnet.agreements import selectors
from vocnet.agreements.tests import factories as af
from vocnet.testing import World

pytestmark = pytest.mark.django_db


def _items(world: World, persona: str, today: date) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for i in selectors.home_items(user=world.user(persona), today=today)]


def test_a_party_waiting_to_sign_is_asked_to(world: World, orgs: dict[str, Any]) -> None:
    agreement = af.CirculatedAgreementFactory(
        lead=orgs["school_a"],
        others=[(orgs["company_a"], "member")],
        signed_by=[orgs["school_a"]],
        title="현장실습 협약",
    )

    company = selectors.home_items(user=world.user("company_staff"), today=date(2025, 3, 1))
    school = _items(world, "school_staff_a", date(2025, 3, 1))

    assert [(i.kind, i.text, i.url) for i in company] == [
        (
            "signature",
            f"서명 요청: '현장실습 협약' 협약에 {orgs['company_a'].name_ko} 명의로 서명하세요.",
            f"/agreements/{agreement.pk}/#signatures",
        )
    ]
    assert school == []


def test_commitments_falling_behind_are_listed_for_the_responsible_party_only(
    world: World, orgs: dict[str, Any]
) -> None:
    # given 10 seats a year from the company and 2 modules from the school; on the last day
    # of year 1 the company delivered 5 (50 %) and the school 2 (100 %)
    agreement = af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["company_a"], "member")], title="현장실습 협약"
    )
    af.deliver(af.commitment_of(agreement, orgs["company_a"]), date(2025, 6, 1), 5)
    af.deliver(af.commitment_of(agreement, orgs["school_a"]), date(2025, 6, 1), 2)
    today = date(2026, 2, 28)

    assert _items(world, "company_staff", today) == [
        (
            "behind",
            f"이행 부진: '현장실습 협약' — {orgs['company_a'].name_ko}의 '현장실습 자리 제공' "
            "이행률 50.0%(현재까지 목표 대비).",
        )
    ]
    assert _items(world, "school_staff_a", today) == []
    assert _items(world, "province_officer", today) == [
        ("behind", "도 전체에서 이행이 부진한 약속이 1건 있습니다: 대시보드에서 확인하세요.")
    ]


def test_agreements_expiring_within_ninety_days_are_listed(
    world: World, orgs: dict[str, Any]
) -> None:
    af.SignedAgreementFactory(
        lead=orgs["school_a"], others=[(orgs["city"], "supporter")], title="지역 협약"
    )
    for party in ("school_a", "city"):
        af.deliver(
            af.commitment_of(
                selectors.agreement_list(
                    user=world.user("province_officer"), filters=selectors.AgreementFilters()
                ).get(),
                orgs[party],
            ),
            date(2027, 12, 1),
            10**9,
        )

    items = _items(world, "local_government_officer", date(2028, 1, 30))

    assert items == [
        ("expiring", "만료 예정: '지역 협약' 협약이 2028-02-29에 끝납니다(30일 남음).")
    ]
    assert _items(world, "school_staff_b", date(2028, 1, 30)) == []


def test_an_anonymous_user_gets_nothing() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert selectors.home_items(user=AnonymousUser()) == []
