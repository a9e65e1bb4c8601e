"""The agreements demo on a small registry demo (scale 0.02): deterministic, idempotent,
labelled, every state present, and valid rows."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from vocnet.agreements import selectors
from vocnet.agreements.models import (
    Agreement,
    AgreementParty,
    Commitment,
    CommitmentTarget,
    Delivery,
    Signature,
)
from vocnet.demo.agreements import (
    AgreementsDemoError,
    agreements_demo_counts,
    load_agreements_demo,
    reset_agreements_demo,
)
from vocnet.demo.registry import load_demo

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 29)


@pytest.fixture
def registry_demo(db: Any) -> None:
    load_demo(scale=0.02, school_year=2026)


def _fingerprint() -> list[tuple[Any, ...]]:
    return sorted(
        Delivery.objects.values_list(
            "agreement__title", "commitment__description", "delivered_on", "quantity"
        )
    )


def test_the_demo_has_the_consortium_the_ten_model_schools_and_more_in_every_state(
    registry_demo: None,
) -> None:
    # when the agreements demo is loaded on the registry demo
    counts = load_agreements_demo(today=TODAY)

    # then there are at least 32 synthetic agreements in every state
    assert counts["agreements"] == 33
    for status in ("draft", "circulated", "active", "amended", "completed", "terminated"):
        assert counts[f"agreements.{status}"] >= 1, status
    assert not Agreement.objects.filter(is_synthetic=False).exists()
    consortium = Agreement.objects.get(kind__code="moe_agreement_consortium")
    names = set(
        AgreementParty.objects.filter(version=consortium.current_version).values_list(
            "organisation__name_ko", flat=True
        )
    )
    assert {"경기자동차과학고등학교", "시흥시", "경기도교육청", "경기도"} <= names
    assert {"반월자동차고등학교", "정왕전자공업고등학교", "배곧전자고등학교"} <= names
    model = Agreement.objects.filter(kind__code__in=["gg_regional_winwin", "gg_hightech"])
    assert model.count() == 10
    assert model.filter(kind__code="gg_hightech").count() == 2


def test_the_demo_has_partial_deliveries_some_behind_some_on_track(registry_demo: None) -> None:
    load_agreements_demo(today=TODAY)
    province = selectors.dashboard(user=_province_user(), as_of=TODAY)

    assert Delivery.objects.count() > 100
    ratios = [row.progress.overall.ratio for row in province.rows if row.progress]
    assert min(r for r in ratios if r is not None) < 0.6
    assert max(r for r in ratios if r is not None) > 0.9
    assert 0 < province.overall.behind < province.overall.commitments / 2


def _province_user() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="province")


def test_the_demo_is_deterministic_idempotent_and_can_be_reset(registry_demo: None) -> None:
    first_counts = load_agreements_demo(today=TODAY)
    first = _fingerprint()

    assert load_agreements_demo(today=TODAY) == first_counts
    assert reset_agreements_demo() == 33
    assert agreements_demo_counts()["agreements"] == 0
    assert not Commitment.objects.exists()
    load_agreements_demo(today=TODAY)
    assert _fingerprint() == first


def test_every_demo_row_is_valid(registry_demo: None) -> None:
    load_agreements_demo(today=TODAY)

    checked: dict[str, int] = {}
    for model in (Agreement, AgreementParty, Commitment, CommitmentTarget, Signature):
        rows = list(model.objects.order_by("pk")[:60])
        for row in rows:
            row.full_clean()
        checked[model.__name__] = len(rows)
    deliveries = list(Delivery.objects.select_related("agreement").order_by("pk")[:200])
    for delivery in deliveries:
        delivery.full_clean()
        assert delivery.agreement.start_date <= delivery.delivered_on <= TODAY
    checked["Delivery"] = len(deliveries)
    # the seeded demo's rows (an empty demo would check nothing and pass)
    assert checked == {
        "Agreement": 33,
        "AgreementParty": 60,
        "Commitment": 60,
        "CommitmentTarget": 60,
        "Signature": 60,
        "Delivery": 200,
    }
    totals = {
        model.__name__: model.objects.count()
        for model in (Agreement, AgreementParty, Commitment, CommitmentTarget, Signature, Delivery)
    }
    assert totals == {
        "Agreement": 33,
        "AgreementParty": 114,
        "Commitment": 208,
        "CommitmentTarget": 676,
        "Signature": 97,
        "Delivery": 589,
    }


def test_the_demo_logins_have_something_to_act_on(registry_demo: None) -> None:
    from django.contrib.auth import get_user_model

    load_agreements_demo(today=TODAY)
    company = get_user_model().objects.get(username="company")

    kinds = {item.kind for item in selectors.home_items(user=company, today=TODAY)}

    assert {"signature", "behind"} <= kinds


def test_the_demo_needs_the_registry_demo(db: Any) -> None:
    with pytest.raises(AgreementsDemoError):
        load_agreements_demo(today=TODAY)


def test_the_command_loads_and_reports(registry_demo: None, capsys: Any) -> None:
    call_command("load_agreements_demo", today="2026-11-29")

    assert "agreements  " in capsys.readouterr().out
