"""Designation and grants: a selected decision designates the school (the registry badge and
the programme record) and circulates the agreement; the plan, disbursements, spending with
evidence (never over the disbursed amount), the settlement and the execution rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from vocnet.agreements.models import AgreementStatus
from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.programmes.models import (
    Decision,
    Designation,
    Disbursement,
    Grant,
    Settlement,
    Spending,
)
from vocnet.programmes.selectors_grants import execution_dashboard, grant_ledger
from vocnet.programmes.services.grants import (
    SpendingInput,
    designation_create,
    settlement_record,
    spending_record,
)
from vocnet.programmes.tests.factories_grants import (
    designation_of,
    grant_of,
    receipt,
    selected_decision,
)
from vocnet.registry.models import Organisation, SchoolDesignation
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(world: World, orgs: dict[str, Organisation]) -> Decision:
    return selected_decision(
        world.user("province_officer"),
        orgs["education_office"],
        world.user("school_staff_a"),
        orgs["school_a"],
        [orgs["city"], orgs["company_a"]],
    )


@pytest.fixture
def grant(world: World, decision: Decision) -> Grant:
    officer = world.user("province_officer")
    return grant_of(officer, designation_of(officer, decision))


def spend(world: World, grant: Grant, amount: int, **overrides: Any) -> Spending:
    values: dict[str, Any] = {
        "source": "ministry",
        "category": "equipment",
        "spent_on": date(2025, 9, 1),
        "amount_krw": amount,
        "description": "미래차 진단 장비 구입",
    }
    values.update(overrides)
    return spending_record(
        actor=world.user("school_staff_a"),
        grant=grant,
        data=SpendingInput(**values),
        evidence=receipt(),
    )


def test_selection_designates_the_school_and_circulates_the_agreement(
    world: World, decision: Decision
) -> None:
    # Given a selected decision whose application carries a complete draft agreement
    # When the officer designates the school as a base school of the 2nd cohort
    designation = designation_of(world.user("province_officer"), decision)
    # Then the registry badge exists with the programme's kind, the call's year and the role
    badge = SchoolDesignation.objects.get(pk=designation.school_designation_id)
    assert (badge.school_id, badge.kind, badge.year, badge.role) == (
        world.school_a.pk,
        "moe_agreement",
        2025,
        "base",
    )
    assert (designation.cohort, designation.duration_years) == (2, 5)
    # And the consortium agreement went on to signature (it becomes active once all sign)
    assert designation.agreement is not None
    designation.agreement.refresh_from_db()
    assert designation.agreement.status in (AgreementStatus.CIRCULATED, AgreementStatus.DRAFT)


def test_a_decision_designates_once_and_only_officers_designate(
    world: World, decision: Decision
) -> None:
    designation_of(world.user("province_officer"), decision)
    with pytest.raises(ValidationFailed) as error:
        designation_of(world.user("province_officer"), decision)
    assert {p.code for p in error.value.problems} >= {"already_designated", "designation_exists"}
    with pytest.raises(PermissionDenied):
        designation_create(
            actor=world.user("school_staff_a"), decision=decision, role="base", cohort=2
        )
    assert Designation.objects.count() == 1
    assert SchoolDesignation.objects.filter(school=world.school_a).count() == 1


def test_bad_role_and_cohort_are_refused_with_nothing_written(
    world: World, decision: Decision
) -> None:
    with pytest.raises(ValidationFailed) as error:
        designation_create(
            actor=world.user("province_officer"), decision=decision, role="leader", cohort=0
        )
    assert {p.field for p in error.value.problems} == {"role", "cohort"}
    assert Designation.objects.count() == 0
    assert SchoolDesignation.objects.count() == 0


def test_spending_within_the_disbursed_amount_is_recorded_with_its_evidence(
    world: World, grant: Grant
) -> None:
    row = spend(world, grant, 150_000_000)
    assert row.evidence_name == "receipt.pdf"
    assert row.evidence.read() == b"%PDF-1.7\n%synthetic receipt\n"


def test_spending_over_the_disbursed_amount_is_refused_bilingually_and_nothing_written(
    world: World, grant: Grant
) -> None:
    # Given 400,000,000 disbursed from the ministry and 350,000,000 spent
    spend(world, grant, 350_000_000)
    # When the school records 60,000,000 more
    with pytest.raises(ValidationFailed) as error:
        spend(world, grant, 60_000_000)
    # Then it is refused naming the field, the rule and the amounts, in Korean and English
    [problem] = error.value.problems
    assert (problem.field, problem.code) == ("amount_krw", "over_disbursed")
    assert "교부 400,000,000원, 집행 350,000,000원" in problem.message_ko
    assert "at most 50,000,000 KRW remain" in problem.message_en
    assert Spending.objects.count() == 1


def test_spending_from_a_source_never_disbursed_is_refused(world: World, grant: Grant) -> None:
    with pytest.raises(ValidationFailed) as error:
        spend(world, grant, 1_000, source="local_government", category="operations")
    assert [p.code for p in error.value.problems] == ["over_disbursed"]
    assert Spending.objects.count() == 0


def test_spending_needs_a_real_evidence_file(world: World, grant: Grant) -> None:
    with pytest.raises(ValidationFailed) as error:
        spending_record(
            actor=world.user("school_staff_a"),
            grant=grant,
            data=SpendingInput("ministry", "equipment", date(2025, 9, 1), 1_000, "장비"),
            evidence=receipt("receipt.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert [p.code for p in error.value.problems] == ["content_mismatch"]
    with pytest.raises(ValidationFailed) as error:
        spending_record(
            actor=world.user("school_staff_a"),
            grant=grant,
            data=SpendingInput("ministry", "equipment", None, 1_000, ""),
            evidence=None,
        )
    assert {p.field for p in error.value.problems} == {"evidence", "description", "spent_on"}
    assert Spending.objects.count() == 0


def test_only_the_designated_schools_staff_record_spending(world: World, grant: Grant) -> None:
    for persona in ("school_staff_b", "province_officer", "company_staff"):
        with pytest.raises(PermissionDenied):
            spending_record(
                actor=world.user(persona),
                grant=grant,
                data=SpendingInput("ministry", "equipment", date(2025, 9, 1), 1_000, "장비"),
                evidence=receipt(),
            )
    assert Spending.objects.count() == 0


def test_settlement_returns_or_carries_over_the_exact_balance(world: World, grant: Grant) -> None:
    officer = world.user("province_officer")
    spend(world, grant, 350_000_000)
    # The split must add up to the unspent 50,000,000
    with pytest.raises(ValidationFailed) as error:
        settlement_record(
            actor=officer,
            grant=grant,
            source="ministry",
            returned_krw=10_000_000,
            carried_over_krw=10_000_000,
            settled_on=date(2026, 1, 31),
        )
    assert [p.code for p in error.value.problems] == ["balance_mismatch"]
    assert Settlement.objects.count() == 0
    settlement_record(
        actor=officer,
        grant=grant,
        source="ministry",
        returned_krw=20_000_000,
        carried_over_krw=30_000_000,
        settled_on=date(2026, 1, 31),
    )
    # The carry-over is a disbursement of next year's grant
    carried = Disbursement.objects.get(is_carry_over=True)
    assert (carried.grant.fiscal_year, carried.grant.programme_year, carried.amount_krw) == (
        2026,
        2,
        30_000_000,
    )
    # And nothing more is spent from a settled source
    with pytest.raises(ValidationFailed) as error:
        spend(world, grant, 1)
    assert [p.code for p in error.value.problems] == ["already_settled"]


def test_execution_rates_by_school_source_and_category(world: World, grant: Grant) -> None:
    spend(world, grant, 100_000_000, category="equipment")
    spend(world, grant, 50_000_000, category="personnel")
    dashboard = execution_dashboard(world.user("province_officer"), 2025)
    [school] = dashboard.by_school
    assert (school.planned, school.disbursed, school.spent, school.rate) == (
        1_000_000_000,
        400_000_000,
        150_000_000,
        Decimal("37.5"),
    )
    by_source = {row.key: row.rate for row in dashboard.by_source}
    assert by_source["ministry"] == Decimal("37.5")
    assert by_source["local_government"] is None
    by_category = {row.key: row.rate for row in dashboard.by_category}
    assert by_category["equipment"] == Decimal("20.0")
    assert by_category["personnel"] == Decimal("16.7")
    # Other schools see none of it
    assert execution_dashboard(world.user("school_staff_b"), 2025).by_school == []
    ledger = grant_ledger(world.user("company_staff"), grant.pk)
    assert ledger.total.spent == 150_000_000


def test_the_dashboard_reads_in_a_constant_number_of_queries(
    world: World, grant: Grant, django_assert_max_num_queries: Any
) -> None:
    spend(world, grant, 100_000_000)
    with django_assert_max_num_queries(8):
        execution_dashboard(world.user("province_officer"))
